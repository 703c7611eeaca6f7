/**
 * What every `minerals` subcommand shares: connecting to a chain (a JSON-RPC URL or Hardhat's in-process chain),
 * choosing the signer, reading the deployment manifest, resolving "address or account index" arguments, and
 * printing results or one-line errors.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Help, Option, type Command } from "commander";
import {
  createWalletClient,
  custom,
  defineChain,
  http,
  publicActions,
  type Account,
  type Address,
  type EIP1193Provider,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getAddresses, getChainId } from "viem/actions";
import { defaultDeploymentsDir, readDeployment, verifyDeployment, type Deployment } from "../../src/deployment/manifest.ts";
import { InvalidArgumentError, MineralsError } from "../../src/errors/base.ts";
import { toAddress } from "../../src/internal/validate.ts";
import { mineralsActions } from "../../src/client.ts";

export const DEFAULT_RPC = "http://127.0.0.1:8545";

/** Options every subcommand accepts. */
export interface CommonOptions {
  rpc?: string;
  account: string;
  deployments: string;
  json?: boolean;
}

/**
 * Adds `--rpc`, `--account`, `--deployments` and `--json` to a command. `MINERALS_RPC` and `MINERALS_DEPLOYMENTS`
 * set the defaults of `--rpc` and `--deployments`.
 */
export function withCommonOptions(command: Command, rpcHelp = `JSON-RPC URL of the chain (default ${DEFAULT_RPC})`): Command {
  return command
    .addOption(new Option("--rpc <url>", rpcHelp).env("MINERALS_RPC"))
    .addOption(
      new Option("--account <index>", "signer: index of one of the node's unlocked accounts; set MINERALS_PRIVATE_KEY to sign with a key instead")
        .default("0"),
    )
    .addOption(new Option("--deployments <dir>", "directory of deployment manifests").default(defaultDeploymentsDir()).env("MINERALS_DEPLOYMENTS"))
    .option("--json", "print machine-readable JSON");
}

/**
 * Help that marks the options a command cannot run without, on `command` and every subcommand below it
 * (commander lists required options like any other).
 */
export function markRequiredOptions(command: Command): Command {
  command.configureHelp({
    optionDescription(option) {
      const text = Help.prototype.optionDescription.call(this, option);
      return option.mandatory ? `(required) ${text}` : text;
    },
  });
  for (const sub of command.commands) markRequiredOptions(sub);
  return command;
}

/** The version in the package.json of this package, found by walking up from this file (source or built). */
export function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === PACKAGE_NAME && manifest.version) return manifest.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package.json of ${PACKAGE_NAME}`);
    dir = parent;
  }
}

const PACKAGE_NAME = "critical-minerals-lots";

/** A connected chain: a client per account, the chain id, and how to stop it. */
export interface Connection {
  chainId: number;
  accounts: Address[];
  transport: Transport;
  /** The client that signs with `--account` (or MINERALS_PRIVATE_KEY). */
  client: ReturnType<typeof makeClient>;
  /** A client signing with another of the node's accounts. */
  clientFor: (account: Address | Account) => ReturnType<typeof makeClient>;
  inProcess: boolean;
  close: () => Promise<void>;
}

function makeClient(transport: Transport, chainId: number, account: Address | Account, rpc: string) {
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  });
  return createWalletClient({ chain, transport, account }).extend(publicActions);
}

/**
 * Connects to `--rpc` (or the default URL), or to a fresh Hardhat in-process chain when `inProcess` is set.
 * Refuses a URL that is not http(s) and a chain that does not answer, with a one-line error.
 */
export async function connect(options: { rpc?: string | undefined; account: string; inProcess?: boolean }): Promise<Connection> {
  let transport: Transport;
  let close = async () => {};
  const inProcess = options.inProcess === true;
  const rpc = options.rpc ?? DEFAULT_RPC;
  if (inProcess) {
    const { network } = await import("hardhat");
    const connection = await network.create();
    // A revert is known at the first answer: no retries (viem would retry each refused call three times with back-off).
    transport = custom(connection.provider as unknown as EIP1193Provider, { retryCount: 0 });
    close = () => connection.close();
  } else {
    let url: URL;
    try {
      url = new URL(rpc);
    } catch {
      throw new InvalidArgumentError("--rpc", "an http(s) URL such as http://127.0.0.1:8545", rpc);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidArgumentError("--rpc", "an http(s) URL", rpc);
    transport = http(rpc, { retryCount: 0, timeout: 15_000 });
  }
  const probe = createWalletClient({ transport });
  let chainId: number;
  try {
    chainId = await getChainId(probe);
  } catch {
    throw new MineralsError(`Cannot reach a chain at ${rpc}. Start one with \`npx hardhat node\`, or pass --rpc <url>.`);
  }
  const accounts = await getAddresses(probe).catch(() => [] as Address[]);
  const key = process.env.MINERALS_PRIVATE_KEY;
  let signer: Address | Account;
  if (key) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new InvalidArgumentError("MINERALS_PRIVATE_KEY", "a 0x-prefixed 32-byte hex private key", "(hidden)");
    signer = privateKeyToAccount(key as `0x${string}`);
  } else {
    signer = accountAt(accounts, options.account, "--account");
  }
  const rpcLabel = inProcess ? "hardhat in-process" : rpc;
  return {
    chainId,
    accounts,
    transport,
    client: makeClient(transport, chainId, signer, rpcLabel),
    clientFor: (account) => makeClient(transport, chainId, account, rpcLabel),
    inProcess,
    close,
  };
}

/** The node account at a decimal index. */
export function accountAt(accounts: readonly Address[], index: string, argument: string): Address {
  if (!/^\d+$/.test(index)) throw new InvalidArgumentError(argument, "the index of one of the node's accounts (0, 1, 2, ...)", index);
  const account = accounts[Number(index)];
  if (!account) {
    throw new InvalidArgumentError(
      argument,
      accounts.length === 0 ? "a node with unlocked accounts (or set MINERALS_PRIVATE_KEY)" : `an account index from 0 to ${accounts.length - 1}`,
      index,
    );
  }
  return account;
}

/** An address argument, or the index of one of the node's accounts. */
export function addressOrIndex(connection: Connection, value: string, argument: string): Address {
  return /^\d{1,3}$/.test(value) ? accountAt(connection.accounts, value, argument) : toAddress(value, argument);
}

/** Reads and checks the chain's manifest, and binds the SDK to it. */
export async function loadPlatform(connection: Connection, dir: string) {
  const deployment: Deployment = await readDeployment(connection.chainId, dir);
  await verifyDeployment(connection.client, deployment);
  return { deployment, sdk: connection.client.extend(mineralsActions(deployment)) };
}

/** Connects, loads the manifest, runs `body` with the SDK bound to it, and always closes the connection. */
export async function withPlatform<T>(
  options: CommonOptions,
  body: (ctx: { connection: Connection } & Awaited<ReturnType<typeof loadPlatform>>) => Promise<T>,
): Promise<T> {
  const connection = await connect(options);
  try {
    return await body({ connection, ...(await loadPlatform(connection, options.deployments)) });
  } finally {
    await connection.close();
  }
}

/** JSON with bigints as decimal strings and dates as ISO strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/**
 * The command-line flag behind each argument name of the SDK's actions: the one place that turns
 * "Invalid kycExpiry" into "Invalid --kyc-expiry". A name not listed here is already the CLI's own.
 */
const FLAG_OF_ARGUMENT: Readonly<Record<string, string>> = {
  lotId: "--lot",
  commodity: "--commodity",
  form: "--form",
  originId: "--origin",
  externalRef: "--ref",
  countryCode: "--country",
  country: "--country",
  investorClass: "--class",
  kycExpiry: "--kyc-expiry",
  investorId: "--investor",
  wetMassGrams: "--wet-mass",
  moistureBps: "--moisture",
  gradePpb: "--grade",
  payableBps: "--payable",
  custodian: "--custodian",
  toCustodian: "--to",
  location: "--location",
  destination: "--destination",
  saleRef: "--sale-ref",
  quantity: "--amount",
  amount: "--amount",
  to: "--to",
  from: "--from",
  owner: "--owner",
  wallet: "--wallet",
  account: "--wallet",
  items: "--item",
  docType: "--type",
  sha256: "--sha256",
  uri: "--uri",
  issuedAt: "--issued-at",
  reason: "--reason",
  minClass: "--min-class",
  maxHolders: "--max-holders",
  minHolding: "--min-holding",
  lockupEnd: "--lockup-end",
  countries: "--countries",
  deadline: "--deadline",
  role: "--role",
  adminTransferDelay: "--admin-delay",
  roles: "--issuer/--assayer/--custodian/--compliance/--pauser",
  eligibility: "--file",
  signature: "--file (signature)",
};

/** The flag a user typed for an SDK argument name (`kycExpiry` → `--kyc-expiry`, `items[1].amount` → `--item #2`). */
export function flagOf(argument: string): string {
  const item = /^(\w+)\[(\d+)\]/.exec(argument);
  if (item) return `${flagOf(item[1]!)} #${Number(item[2]) + 1}`;
  const field = /^eligibility\.(\w+)$/.exec(argument);
  if (field) return `--file (${field[1]})`;
  return FLAG_OF_ARGUMENT[argument] ?? argument;
}

/** An error's one-line message in the user's words: an SDK argument name becomes the flag that carried it. */
export function cliMessage(error: MineralsError): string {
  if (error instanceof InvalidArgumentError && error.shortMessage.startsWith(`Invalid ${error.argument}:`)) {
    return `Invalid ${flagOf(error.argument)}:${error.shortMessage.slice(`Invalid ${error.argument}:`.length)}`;
  }
  return error.shortMessage;
}

/**
 * Runs a subcommand body: on an expected error prints one line to stderr and sets a non-zero exit code; always
 * closes the connection it opened.
 */
export async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof MineralsError) {
      console.error(`error: ${cliMessage(error)}`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof RangeError || (error instanceof Error && error.constructor === Error)) {
      console.error(`error: ${error.message.split("\n")[0]}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

/** Runs a parser for one flag; any error it throws becomes a one-line "Invalid --flag: ..." error. */
export function parseFlag<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MineralsError) throw error;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new MineralsError(`Invalid ${flag}: ${message}`);
  }
}
