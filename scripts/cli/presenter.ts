/**
 * The presenter mode of `minerals serve --present`: the demo's acts (demo/acts.ts, the same ones `minerals demo`
 * plays) played one at a time on Hardhat's in-process chain, each when the presenter clicks "Next" on the page. For
 * each act played it keeps what the act said (who paid, who holds, what was refused and why), the demo's books
 * before and after it, and where the page should look; "Back to the start" begins again on a fresh chain.
 */
import type { Address, EIP1193Provider } from "viem";
import type { Deployment } from "../../src/deployment/manifest.ts";
import { MineralsError } from "../../src/errors/base.ts";
import { connect, type Connection } from "./context.ts";
import { ACTS } from "./demo/acts.ts";
import { DEMO_INVESTORS } from "./demo/data.ts";
import type { Books } from "./demo/ledger.ts";
import { PARTY_ORDER, newStory, type DemoParties, type Story } from "./demo/story.ts";

/** An act as the page lists it before it is played. */
export interface ActOutline {
  number: number;
  id: string;
  title: string;
  narration: string;
}

/** An act once played: what it said, the books before and after it, and where the page should look. */
export interface PlayedAct extends ActOutline {
  lines: string[];
  before: Books;
  after: Books;
  focus: string;
  seconds: number;
}

/** Everything the page needs to show the presenter's panel. */
export interface PresenterState {
  chainId: number;
  acts: ActOutline[];
  /** The index in `acts` of the act "Next" plays; `acts.length` once the story is told. */
  next: number;
  played: PlayedAct[];
  busy: boolean;
  /** Why the last act failed, if it did (the story stops there; "Back to the start" begins again). */
  error: string | null;
  /** The manifest's contracts address, once act 1 deployed the platform (the page binds the SDK to it then). */
  deployed: boolean;
}

const OUTLINE: ActOutline[] = ACTS.map((act, index) => ({ number: index + 1, id: act.id, title: act.title, narration: act.narration }));

/** The presenter's story on its own chain. */
export class Presenter {
  private story!: Story;
  private lines: string[] = [];
  private played: PlayedAct[] = [];
  private busy = false;
  private error: string | null = null;
  connection!: Connection;

  private constructor() {}

  /** Starts on a fresh in-process chain, with the demo's parties (the chain's accounts 0 to 13). */
  static async start(): Promise<Presenter> {
    const presenter = new Presenter();
    await presenter.begin();
    return presenter;
  }

  private async begin(): Promise<void> {
    this.connection = await connect({ inProcess: true });
    const accounts = this.connection.accounts;
    if (accounts.length < PARTY_ORDER.length) throw new MineralsError(`the presenter needs ${PARTY_ORDER.length} accounts on its chain`);
    const parties = Object.fromEntries(PARTY_ORDER.map((name, i) => [name, accounts[i]!])) as unknown as DemoParties;
    this.lines = [];
    this.played = [];
    this.error = null;
    this.story = newStory(this.connection, parties, (line) => this.lines.push(line));
  }

  /** The chain's EIP-1193 provider, which the server's /rpc answers from. */
  get provider(): EIP1193Provider {
    return this.connection.provider!;
  }

  /** The platform's manifest, once act 1 deployed it. */
  get deployment(): Deployment | undefined {
    return this.story.deployment;
  }

  /** The parties in the page's shape (roles and investors by letter) and their names in the story. */
  get parties(): { issuer: Address; assayer: Address; custodian: Address; portCustodian: Address; officer: Address; pauser: Address; investors: Record<string, Address>; labels: Record<string, string> } {
    const p = this.story.parties;
    const investors = Object.fromEntries(DEMO_INVESTORS.map((i) => [i.letter, p[`investor${i.letter}`]]));
    return { issuer: p.issuer, assayer: p.assayer, custodian: p.custodian, portCustodian: p.portCustodian, officer: p.officer, pauser: p.pauser, investors, labels: partyLabels(this.story) };
  }

  state(): PresenterState {
    return { chainId: this.connection.chainId, acts: OUTLINE, next: this.played.length, played: this.played, busy: this.busy, error: this.error, deployed: this.story.deployment !== undefined };
  }

  /** Plays the next act; refused while one is playing, after the last, or after a failure (until "Back to the start"). */
  async next(): Promise<PlayedAct> {
    if (this.busy) throw new MineralsError("an act is already playing: wait for it to end");
    if (this.error) throw new MineralsError(`the story stopped at act ${this.played.length + 1} (${this.error}): go back to the start`);
    const index = this.played.length;
    const act = ACTS[index];
    if (!act) throw new MineralsError(`the story is told: all ${ACTS.length} acts were played; go back to the start to play it again`);
    this.busy = true;
    this.lines = [];
    const before = this.story.ledger.snapshot();
    const started = Date.now();
    try {
      await act.run(this.story);
      const played: PlayedAct = { ...OUTLINE[index]!, lines: this.lines.map((line) => line.replace(/^ {2}/, "")).filter((line) => line !== ""), before, after: this.story.ledger.snapshot(), focus: act.focus(this.story), seconds: (Date.now() - started) / 1000 };
      this.played.push(played);
      return played;
    } catch (error) {
      this.error = error instanceof MineralsError ? error.shortMessage : error instanceof Error ? error.message.split("\n")[0]! : String(error);
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /** Back to the start: a fresh chain, nothing deployed, no act played. */
  async reset(): Promise<void> {
    if (this.busy) throw new MineralsError("an act is playing: wait for it to end before going back to the start");
    const previous = this.connection;
    await this.begin();
    await previous.close();
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/** Each party's name in the story ("Issuer (treasury)", "A (Pakistan)", "Custodian", ...), by lower-case address. */
function partyLabels(story: Story): Record<string, string> {
  const p = story.parties;
  const labels: Record<string, string> = {
    [p.issuer.toLowerCase()]: "Issuer (treasury)",
    [p.assayer.toLowerCase()]: "Assayer",
    [p.custodian.toLowerCase()]: "Custodian (warehouses)",
    [p.portCustodian.toLowerCase()]: "Custodian (port)",
    [p.officer.toLowerCase()]: "Compliance officer",
    [p.pauser.toLowerCase()]: "Pauser",
  };
  for (const investor of DEMO_INVESTORS) labels[p[`investor${investor.letter}`].toLowerCase()] = `Investor ${investor.letter} (${investor.countryName})`;
  return labels;
}
