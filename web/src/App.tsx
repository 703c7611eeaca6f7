/**
 * The live demo page: the platform, a lot and an investor, re-read through the SDK on every new block; a party
 * switch to act as the issuer, a custodian, the compliance officer or an investor (the node's unlocked accounts on
 * a local chain) or as the account of a browser wallet. Each party sees the actions its roles allow, with the SDK's
 * check before it signs; in presenter mode a panel walks the audience through the demo's story act by act.
 */
import { useEffect, useMemo, useState } from "react";
import { createWalletClient, http, type Address } from "viem";
import { getAddresses } from "viem/actions";
import { useAccount, useBlockNumber, useConnect, useDisconnect, useWalletClient } from "wagmi";
import { nodeSignerFor, readerFor, walletSignerFor, type Reader, type Setup } from "./chain.ts";
import { errorSentence, short } from "./format.ts";
import { NO_CAPABILITIES, describeCapabilities, readCapabilities, useLive, type Actor, type Party } from "./shared.ts";
import { InvestorView } from "./views/InvestorView.tsx";
import { LotView } from "./views/LotView.tsx";
import { PlatformView } from "./views/PlatformView.tsx";
import { PresenterPanel, type PresenterState } from "./views/Presenter.tsx";

type Route = { view: "platform" } | { view: "lot"; lotId: bigint } | { view: "investor"; wallet: Address };

function parseRoute(hash: string): Route {
  const lot = /^#\/lot\/(\d+)$/.exec(hash);
  if (lot) return { view: "lot", lotId: BigInt(lot[1]!) };
  const investor = /^#\/investor\/(0x[0-9a-fA-F]{40})$/.exec(hash);
  if (investor) return { view: "investor", wallet: investor[1] as Address };
  return { view: "platform" };
}

const ROLE_LABELS = [
  ["issuer", "Issuer"],
  ["treasury", "Treasury"],
  ["assayer", "Assayer"],
  ["custodian", "Custodian"],
  ["compliance", "Compliance officer"],
  ["pauser", "Pauser"],
] as const;

/**
 * The node's accounts, named by the server when it built the story (demo state or presenter), else by what the
 * registry says of them: their roles ("Issuer, Treasury"), their investor record ("Investor 3 · accredited, AE-784"),
 * or, for an account with neither, that it has none.
 */
async function loadParties(setup: Setup, reader: Reader): Promise<Party[]> {
  let accounts: Address[] = [];
  try {
    accounts = (await getAddresses(createWalletClient({ chain: setup.chain, transport: http(setup.rpcUrl, { retryCount: 0 }) }))).slice(0, 14);
  } catch {
    return []; // a node without unlocked accounts: only a browser wallet can act
  }
  const named = setup.parties?.labels ?? {};
  const parties: Party[] = [];
  for (const [index, address] of accounts.entries()) {
    const investor = await reader.getInvestor({ wallet: address });
    const profile = investor.investorId > 0n ? `${investor.investorClass}, ${investor.countryLabel}` : undefined;
    const given = named[address.toLowerCase()];
    if (given) {
      parties.push({ address, label: profile && !/\(/.test(given) ? `${given} · ${profile}` : given });
      continue;
    }
    const roles: string[] = [];
    for (const [role, label] of ROLE_LABELS) if (await reader.hasRole({ role, account: address })) roles.push(label);
    const label =
      roles.length > 0
        ? `${roles.join(", ")}${profile ? ` · investor ${investor.investorId}, ${profile}` : ""}`
        : profile
          ? `Investor ${investor.investorId} · ${profile}`
          : `Account ${index} · no role, not an investor`;
    parties.push({ address, label });
  }
  return parties;
}

export function App({ setup, presenter, onPresenterChange }: { setup: Setup | undefined; presenter?: PresenterState | undefined; onPresenterChange?: (state: PresenterState) => void }) {
  const reader = useMemo(() => (setup ? readerFor(setup) : undefined), [setup]);
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [parties, setParties] = useState<Party[]>([]);
  const [choice, setChoice] = useState<string>("");
  const [loadError, setLoadError] = useState<string>();
  const { data: block } = useBlockNumber({ watch: true });
  const tick = block?.toString() ?? "0";

  const wallet = useAccount();
  const { connect, connectors } = useConnect();
  const { disconnect } = useDisconnect();
  const { data: walletClient } = useWalletClient();

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    if (!setup || !reader) {
      setParties([]);
      return;
    }
    loadParties(setup, reader).then(
      (list) => {
        setParties(list);
        setChoice((current) => (current && (current === "wallet" || list.some((p) => p.address === current)) ? current : (list[0]?.address ?? "")));
      },
      (error: unknown) => setLoadError(errorSentence(error)),
    );
  }, [setup, reader]);

  const acting = useMemo(() => {
    if (!setup) return undefined;
    if (choice === "wallet") {
      if (!walletClient || !wallet.address) return undefined;
      return { address: wallet.address, label: `Browser wallet ${short(wallet.address)}`, sdk: walletSignerFor(setup, walletClient) };
    }
    const party = parties.find((p) => p.address === choice);
    return party ? { address: party.address, label: party.label, sdk: nodeSignerFor(setup, party.address) } : undefined;
  }, [choice, parties, walletClient, wallet.address, setup]);
  // What the acting party may do, read again on every block (a role granted, a registration); until it is read for
  // this party (not the one before the switch), it may do nothing.
  const { data: read } = useLive(
    async () => ({ address: acting?.address, can: reader && acting ? await readCapabilities(reader, acting.address) : NO_CAPABILITIES }),
    `${acting?.address}:${tick}`,
  );
  const can = read && read.address === acting?.address ? read.can : NO_CAPABILITIES;
  const actor: Actor | undefined = acting ? { ...acting, can } : undefined;

  const injectedConnector = connectors.find((c) => c.type === "injected");
  const hasBrowserWallet = typeof window !== "undefined" && "ethereum" in window && injectedConnector !== undefined;

  return (
    <div className="page">
      <header>
        <a href="#/" className="brand">
          Critical minerals lots <span className="muted">· {setup ? `chain ${setup.deployment.chainId} · block ${tick}` : "presenter mode"}</span>
        </a>
        {setup && (
          <label className="party">
            Act as{" "}
            <select
              data-testid="party"
              value={choice}
              onChange={(event) => {
                setChoice(event.target.value);
                if (event.target.value === "wallet" && !wallet.isConnected && injectedConnector) connect({ connector: injectedConnector });
              }}
            >
              {parties.map((party) => (
                <option key={party.address} value={party.address}>
                  {party.label} ({short(party.address)})
                </option>
              ))}
              {hasBrowserWallet && <option value="wallet">Browser wallet{wallet.address ? ` (${short(wallet.address)})` : ""}</option>}
            </select>
            {choice === "wallet" && wallet.isConnected && (
              <button type="button" className="link" onClick={() => disconnect()}>
                disconnect
              </button>
            )}
          </label>
        )}
        {actor && (
          <a href={`#/investor/${actor.address}`} data-testid="my-portfolio">
            {actor.label}: portfolio
          </a>
        )}
      </header>
      {actor && (
        <p className="muted" data-testid="may-do">
          As {actor.label} you may {describeCapabilities(actor.can)}. Actions of other parties are not shown; an action you may not take now says why before anything is signed.
        </p>
      )}
      {presenter && onPresenterChange && <PresenterPanel state={presenter} onChange={onPresenterChange} />}
      {loadError && <p className="refused">{loadError}</p>}
      {reader && (
        <main>
          {route.view === "platform" && <PlatformView reader={reader} tick={tick} />}
          {route.view === "lot" && <LotView reader={reader} actor={actor} lotId={route.lotId} tick={tick} />}
          {route.view === "investor" && <InvestorView reader={reader} actor={actor} wallet={route.wallet} tick={tick} />}
        </main>
      )}
    </div>
  );
}
