/**
 * The acts of the demo story, in order, each with its title, a short narration for an audience, where the page
 * should look once it has run, and the function that plays it (story.ts). `minerals demo` plays them all and prints
 * each; `minerals serve --present` plays one per "Next" on the page. One list, so the two cannot drift apart.
 */
import type { DeployPlatformReturnType } from "../../../src/actions/deploy/deployPlatform.ts";
import type { Connection } from "../context.ts";
import { COPPER_OFFERING, DEMO_INVESTORS, DEMO_LOTS, GOLD_OFFERING, PORT, PROCESSING, REVIEW, producerCountry } from "./data.ts";
import {
  actBooks,
  actCopperOffering,
  actDelivery,
  actGoldOffering,
  actLots,
  actPlatform,
  actProcessing,
  actSale,
  actTrades,
  newStory,
  storyResult,
  type DemoParties,
  type DemoResult,
  type Story,
} from "./story.ts";

/** One act of the story. */
export interface Act {
  /** A stable name, for the page and the tests. */
  id: string;
  /** What the act is, in one line (the demo prints it numbered). */
  title: string;
  /** What the audience is about to see and why it matters, in two or three sentences. */
  narration: string;
  /** Where the page goes once the act has run: a route of the live page ("#/lot/1", "#/investor/0x…", "#/"). */
  focus: (story: Story) => string;
  run: (story: Story) => Promise<void>;
}

const NUMBERS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"];
const list = (items: readonly string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const lot = (story: Story, which: keyof Story["lots"]) => (story.lots[which] === undefined ? "#/" : `#/lot/${story.lots[which]}`);

/** The acts, in the order they are played. Titles and narration are written from the story's data (data.ts). */
export const ACTS: readonly Act[] = [
  {
    id: "platform",
    title: "The platform and its parties",
    narration:
      `A state enterprise of ${producerCountry()} exports mineral lots to a US refiner now, and will refine them at home later; investors from ${list([...new Set(DEMO_INVESTORS.map((i) => i.countryName))])} register to take part through the platform. ` +
      "The compliance officer onboards each investor with a country, a class and a KYC expiry, never a name; one investor onboards itself with a statement the officer signed off chain.",
    focus: () => "#/",
    run: actPlatform,
  },
  {
    id: "lots",
    title: `${NUMBERS[DEMO_LOTS.length] ?? DEMO_LOTS.length} lots from ${producerCountry()}, each assayed, documented and attested by its custodian`,
    narration:
      `Each physical lot (${list(DEMO_LOTS.map((l) => `${l.wetMass} of ${l.form}`))}), from its concession in its district and province, becomes its own token. ` +
      "The assayer records its grade (and the gold the copper concentrate carries) and the certificate's hash, the custodian attests the payable metal it holds: units can be minted only then, and never beyond that attestation. " +
      `The tungsten lot travels to ${PORT.name}, where the port custodian counts it again.`,
    focus: () => "#/",
    run: actLots,
  },
  {
    id: "copper-offering",
    title: `Copper offering to ${COPPER_OFFERING.minClass} investors, at ${COPPER_OFFERING.price} per t`,
    narration:
      `The issuer offers ${COPPER_OFFERING.hardCap} of copper to ${COPPER_OFFERING.minClass} investors of ${COPPER_OFFERING.countries.length} countries. ` +
      "Demand exceeds the hard cap, so each investor is allocated pro rata, rounded down to the kilogram, and refunded the rest to the cent. " +
      `Investors ${list([...COPPER_OFFERING.refused])} are refused, with the reason a regulator would give (a retail investor below the lot's minimum class, a jurisdiction under sanctions), before anything is sent.`,
    focus: (story) => lot(story, "copper"),
    run: actCopperOffering,
  },
  {
    id: "gold-offering",
    title: `Gold offering that misses its soft cap of ${GOLD_OFFERING.softCap} of fine gold`,
    narration: "A Pakistani retail investor subscribes beside two others, but not enough is asked for the gold lot by the end of its window: nothing is minted, and every investor takes back every cent it paid.",
    focus: (story) => lot(story, "gold"),
    run: actGoldOffering,
  },
  {
    id: "trades",
    title: "Secondary trades, delivery versus payment: units and stablecoin change hands in one transaction",
    narration: `Investors trade units for stablecoin with each other and with the issuer. Both legs settle in one transaction or neither does, and every rule of the lot applies to the buyer: investor ${REVIEW.investor}'s take waits while its account is frozen for a ${REVIEW.reason}.`,
    focus: (story) => (story.parties ? `#/investor/${story.parties.investorA}` : "#/"),
    run: actTrades,
  },
  {
    id: "processing",
    title: "The copper export is split into two vessels, and the second is refined at home into cathode and gold bars",
    narration:
      `One vessel (${PROCESSING.vessels[0].quantity}) is for the US refiner; the other (${PROCESSING.vessels[1].quantity}) goes to the refinery at home, which attests ${PROCESSING.cathode.quantity} of cathode and recovers ${PROCESSING.goldBars.quantity} of the gold the concentrate carried. ` +
      "Metal is never created: the vessels add up exactly to the export, the refinery's loss is recorded. Every holder converts its units into its exact share of each product, and the provenance leads from the bars back to the mine.",
    focus: (story) => (story.lots.goldBars === undefined ? "#/" : `#/lot/${story.lots.goldBars}`),
    run: actProcessing,
  },
  {
    id: "delivery",
    title: `Physical delivery of tungsten concentrate at ${PORT.name}`,
    narration: "An investor takes the metal itself instead of holding units: its units are locked, then burned when the port custodian hands over the bags. A request below the minimum is refused before anything is sent, and one the custodian rejects comes back whole.",
    focus: (story) => lot(story, "tungsten"),
    run: actDelivery,
  },
  {
    id: "sale",
    title: "The first vessel is sold to the US refiner: its holders are paid their share of the proceeds",
    narration: "Trading in the lot stops. The treasury deposits a provisional payment, then the final one after the umpire assay; each holder redeems its units for its exact share, between the payments or even after the lot retires.",
    focus: (story) => (story.lots.vessels === undefined ? "#/" : `#/lot/${story.lots.vessels[0]}`),
    run: actSale,
  },
  {
    id: "books",
    title: "The books against the chain: every stablecoin base unit and every unit of metal",
    narration:
      "The demo kept its own books of every cent and every kilogram it moved, computed from the offerings' terms. " +
      "Read back from the chain account by account, with today's prices published for the reports, they agree to the base unit; a difference of one would stop the demo.",
    focus: () => "#/",
    run: actBooks,
  },
];

/** Plays every act on a fresh story, printing each act's title (numbered) and lines with `log`. */
export async function runDemoStory(
  connection: Connection,
  parties: DemoParties,
  log: (line: string) => void,
  options: { onDeployed?: (deployment: DeployPlatformReturnType) => Promise<void>; logTable?: (table: string) => void; onAct?: (act: Act, index: number) => void } = {},
): Promise<DemoResult> {
  const story = newStory(connection, parties, log, { ...(options.onDeployed ? { onDeployed: options.onDeployed } : {}), ...(options.logTable ? { logTable: options.logTable } : {}) });
  for (const [index, act] of ACTS.entries()) {
    options.onAct?.(act, index);
    log(`${index + 1}. ${act.title}`);
    await act.run(story);
    log("");
  }
  return storyResult(story);
}
