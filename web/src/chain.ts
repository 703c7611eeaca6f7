/**
 * The page's connection to the chain: every read and write goes through the project's SDK (`mineralsActions`) on a
 * viem client whose transport is the server's /rpc (a local node's unlocked accounts sign there) or, for a
 * browser wallet, the wallet's own client.
 */
import { createPublicClient, createWalletClient, defineChain, http, publicActions, type Address, type Chain, type WalletClient } from "viem";
import { mineralsActions, parseDeployment, type Deployment } from "../../src/index.ts";

/** The demo's parties, as `minerals serve` publishes them at /parties.json when it built the demo state. */
export interface DemoParties {
  issuer: Address;
  assayer: Address;
  custodian: Address;
  portCustodian: Address;
  officer: Address;
  pauser: Address;
  investors: Record<string, Address>;
  /** What the story calls each party, by lower-case address ("Issuer (treasury)", "A (Pakistan)"). */
  labels?: Record<string, string>;
}

export interface Setup {
  deployment: Deployment;
  parties: DemoParties | null;
  chain: Chain;
  rpcUrl: string;
  /** The index the server proxies (`minerals serve --index`), which reports, lists and histories are read from. */
  indexUrl: string | undefined;
}

/** The chain the server's /rpc reaches. */
export function chainOf(chainId: number): { chain: Chain; rpcUrl: string } {
  const rpcUrl = new URL("./rpc", window.location.href).href;
  const chain = defineChain({
    id: chainId,
    name: chainId === 31337 ? "Local chain" : `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  return { chain, rpcUrl };
}

/**
 * Reads the manifest the server serves and describes its chain, reached through the server's /rpc, and the index it
 * proxies if any; undefined when nothing is deployed yet (presenter mode before its first act).
 */
export async function loadSetup(): Promise<Setup | undefined> {
  const response = await fetch("./deployment.json");
  if (response.status === 204) return undefined;
  const deployment = parseDeployment(await response.text(), "/deployment.json");
  const parties = (await (await fetch("./parties.json")).json()) as DemoParties | null;
  const { index } = (await (await fetch("./index.json")).json()) as { index: string | null };
  return { deployment, parties, ...chainOf(deployment.chainId), indexUrl: index ? new URL(index, window.location.href).href : undefined };
}

const transport = (setup: Setup) => http(setup.rpcUrl, { retryCount: 0 });

/** The SDK on a client that only reads. */
export const readerFor = (setup: Setup) =>
  createPublicClient({ chain: setup.chain, transport: transport(setup), pollingInterval: 500, cacheTime: 0 }).extend(
    mineralsActions(setup.deployment, setup.indexUrl ? { index: setup.indexUrl } : {}),
  );

/** The SDK signing as one of the node's unlocked accounts (eth_sendTransaction, eth_signTypedData_v4). */
export const nodeSignerFor = (setup: Setup, account: Address) =>
  createWalletClient({ chain: setup.chain, transport: transport(setup), account, pollingInterval: 500, cacheTime: 0 }).extend(publicActions).extend(mineralsActions(setup.deployment));

/** The SDK signing with a browser wallet (EIP-1193) through wagmi's wallet client. */
export const walletSignerFor = (setup: Setup, wallet: WalletClient) => wallet.extend(publicActions).extend(mineralsActions(setup.deployment));

export type Reader = ReturnType<typeof readerFor>;
export type Signer = ReturnType<typeof nodeSignerFor> | ReturnType<typeof walletSignerFor>;
