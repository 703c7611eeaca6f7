/**
 * The live demo page: the platform, a lot and an investor, re-read through the SDK on every new block; a party
 * switch to act as the issuer, a custodian, the compliance officer or an investor (the node's unlocked accounts on
 * a local chain) or as the account of a browser wallet.
 */
import { useEffect, useMemo, useState } from "react";
import { createWalletClient, http, type Address } from "viem";
import { getAddresses } from "viem/actions";
import { useAccount, useBlockNumber, useConnect, useDisconnect, useWalletClient } from "wagmi";
import { nodeSignerFor, readerFor, walletSignerFor, type Reader, type Setup, type Signer } from "./chain.ts";
import { errorSentence, short } from "./format.ts";
import { InvestorView } from "./views/InvestorView.tsx";
import { LotView } from "./views/LotView.tsx";
import { PlatformView } from "./views/PlatformView.tsx";

/** A party the presenter can act as: one of the node's accounts, labelled by its role. */
export interface Party {
  address: Address;
  label: string;
}

/** Who the page acts as, and the SDK signing as it (undefined: only looking). */
export interface Actor {
  address: Address;
  label: string;
  sdk: Signer;
}

type Route = { view: "platform" } | { view: "lot"; lotId: bigint } | { view: "investor"; wallet: Address };

function parseRoute(hash: string): Route {
  const lot = /^#\/lot\/(\d+)$/.exec(hash);
  if (lot) return { view: "lot", lotId: BigInt(lot[1]!) };
  const investor = /^#\/investor\/(0x[0-9a-fA-F]{40})$/.exec(hash);
  if (investor) return { view: "investor", wallet: investor[1] as Address };
  return { view: "platform" };
}

/** The node's accounts, named by the demo's parties when the server built the demo, else by their roles. */
async function loadParties(setup: Setup, reader: Reader): Promise<Party[]> {
  let accounts: Address[] = [];
  try {
    accounts = (await getAddresses(createWalletClient({ chain: setup.chain, transport: http(setup.rpcUrl, { retryCount: 0 }) }))).slice(0, 10);
  } catch {
    return []; // a node without unlocked accounts: only a browser wallet can act
  }
  const named = new Map<string, string>();
  const p = setup.parties;
  if (p) {
    named.set(p.issuer.toLowerCase(), "Issuer (treasury)");
    named.set(p.assayer.toLowerCase(), "Assayer");
    named.set(p.custodian.toLowerCase(), "Custodian (Oruro)");
    named.set(p.portCustodian.toLowerCase(), "Custodian (Arica port)");
    named.set(p.officer.toLowerCase(), "Compliance officer");
    named.set(p.pauser.toLowerCase(), "Pauser");
  }
  const parties: Party[] = [];
  for (const address of accounts) {
    const investor = await reader.getInvestor({ wallet: address });
    const demoInvestor = p && Object.entries(p.investors).find(([, a]) => a.toLowerCase() === address.toLowerCase())?.[0];
    const profile = investor.investorId > 0n ? ` · ${investor.investorClass}, ${investor.countryLabel}` : "";
    let label = named.get(address.toLowerCase()) ?? (demoInvestor ? `Investor ${demoInvestor}` : undefined);
    if (!label) {
      const roles: string[] = [];
      for (const role of ["issuer", "custodian", "compliance"] as const) if (await reader.hasRole({ role, account: address })) roles.push(role);
      label = roles.length > 0 ? roles.join(", ") : investor.investorId > 0n ? "Investor" : "Account";
    }
    parties.push({ address, label: `${label}${named.has(address.toLowerCase()) ? "" : profile}` });
  }
  return parties;
}

export function App({ setup }: { setup: Setup }) {
  const reader = useMemo(() => readerFor(setup), [setup]);
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
    loadParties(setup, reader).then(
      (list) => {
        setParties(list);
        setChoice((current) => current || list[0]?.address || "");
      },
      (error: unknown) => setLoadError(errorSentence(error)),
    );
  }, [setup, reader]);

  const actor: Actor | undefined = useMemo(() => {
    if (choice === "wallet") {
      if (!walletClient || !wallet.address) return undefined;
      return { address: wallet.address, label: `Browser wallet ${short(wallet.address)}`, sdk: walletSignerFor(setup, walletClient) };
    }
    const party = parties.find((p) => p.address === choice);
    return party ? { address: party.address, label: party.label, sdk: nodeSignerFor(setup, party.address) } : undefined;
  }, [choice, parties, walletClient, wallet.address, setup]);

  const injectedConnector = connectors.find((c) => c.type === "injected");
  const hasBrowserWallet = typeof window !== "undefined" && "ethereum" in window && injectedConnector !== undefined;

  return (
    <div className="page">
      <header>
        <a href="#/" className="brand">
          Critical minerals lots <span className="muted">· chain {setup.deployment.chainId} · block {tick}</span>
        </a>
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
        {actor && (
          <a href={`#/investor/${actor.address}`} data-testid="my-portfolio">
            {actor.label}: portfolio
          </a>
        )}
      </header>
      {loadError && <p className="refused">{loadError}</p>}
      <main>
        {route.view === "platform" && <PlatformView reader={reader} tick={tick} />}
        {route.view === "lot" && <LotView reader={reader} actor={actor} lotId={route.lotId} tick={tick} />}
        {route.view === "investor" && <InvestorView reader={reader} actor={actor} wallet={route.wallet} tick={tick} />}
      </main>
    </div>
  );
}

/** Reads `load` again whenever `key` changes (a new block, another lot), keeping the last result while it loads. */
export function useLive<T>(load: () => Promise<T>, key: string): { data: T | undefined; error: string | undefined } {
  const [state, setState] = useState<{ data: T | undefined; error: string | undefined }>({ data: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: undefined }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error: errorSentence(error) })),
    );
    return () => {
      live = false;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
