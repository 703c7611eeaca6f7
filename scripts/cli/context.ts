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
  BaseError as ViemBaseError,
  HttpRequestError,
  TimeoutError,
  createWalletClient,
  custom,
  formatEther,
  parseTransaction,
  type Hex,
  defineChain,
  http,
  publicActions,
  type Account,
  type Address,
  type EIP1193Provider,
  type Transport,
} from "viem";
import { getAddresses, getChainId } from "viem/actions";
import { defaultDeploymentsDir, readDeployment, readDeploymentFile } from "../../src/deployment/files.ts";
import { verifyDeployment, type Deployment } from "../../src/deployment/manifest.ts";
import { DeploymentError, InvalidArgumentError, MineralsError } from "../../src/errors/base.ts";
import { DEFAULT_RECEIPT_POLICY, receiptPolicy, type ReceiptPolicy } from "../../src/internal/receipt.ts";
import { formatDuration } from "./duration.ts";
import { journal } from "./journal.ts";
import { keysFromEnvironment, LOCAL_CHAIN_ID, readNetworkProfile } from "./network.ts";
import { toAddress } from "../../src/internal/validate.ts";
import { keylessAccount } from "../../src/internal/write.ts";
import { mineralsActions } from "../../src/client.ts";

export const DEFAULT_RPC = "http://127.0.0.1:8545";

/** Options every subcommand accepts. */
export interface CommonOptions {
  rpc?: string;
  network?: string;
  account?: string;
  deployments: string;
  manifest?: string;
  confirmations?: string;
  txTimeout?: string;
  json?: boolean;
}

/**
 * Adds `--rpc`, `--network`, `--account`, `--deployments`, `--manifest`, `--confirmations`, `--tx-timeout` and
 * `--json` to a command. `MINERALS_RPC`, `MINERALS_NETWORK`, `MINERALS_DEPLOYMENTS`, `MINERALS_MANIFEST` and
 * `MINERALS_CONFIRMATIONS` set their defaults.
 */
export function withCommonOptions(command: Command, rpcHelp = `JSON-RPC URL of the chain (default ${DEFAULT_RPC})`): Command {
  return command
    .addOption(new Option("--rpc <url>", rpcHelp).env("MINERALS_RPC"))
    .addOption(new Option("--network <name>", "a network profile of minerals.networks.json (RPC, chain id, confirmations)").env("MINERALS_NETWORK"))
    .addOption(
      new Option(
        "--account <index>",
        "signer: account N derived from MINERALS_MNEMONIC, or on a local chain without one the node's unlocked account N (default: MINERALS_PRIVATE_KEY, else account 0)",
      ),
    )
    .addOption(new Option("--deployments <dir>", "directory of deployment manifests").default(defaultDeploymentsDir()).env("MINERALS_DEPLOYMENTS"))
    .addOption(new Option("--manifest <file>", "the deployment manifest to use (default: <deployments>/<chainId>.json)").env("MINERALS_MANIFEST"))
    .addOption(new Option("--confirmations <n>", "blocks to wait for after each transaction (default 1)").env("MINERALS_CONFIRMATIONS"))
    .addOption(new Option("--tx-timeout <s>", `seconds to wait for a transaction before reporting it not mined (default ${DEFAULT_RECEIPT_POLICY.timeout / 1000})`))
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
  /** The RPC URL, or "hardhat in-process". */
  rpc: string;
  /** The accounts `--account N` and index arguments name: derived from MINERALS_MNEMONIC, or a local node's. */
  accounts: Address[];
  transport: Transport;
  /** The client that signs with `--account`, MINERALS_PRIVATE_KEY or (local chain only) the node's account 0. */
  client: ReturnType<typeof makeClient>;
  /** A client signing as another account: a derived one (signs locally) or, on a local chain, a node account. */
  clientFor: (account: Address | Account) => ReturnType<typeof makeClient>;
  /** Whether the node's unlocked accounts may sign: Hardhat's in-process chain or a chain with id 31337. */
  local: boolean;
  inProcess: boolean;
  /** Hardhat's in-process provider (JSON-RPC requests answered as a node would), when `inProcess`. */
  provider?: EIP1193Provider;
  close: () => Promise<void>;
}

function makeClient(transport: Transport, chainId: number, account: Address | Account, rpc: string, policy: Partial<ReceiptPolicy>) {
  // No `fees` and no transaction `type`: viem sends EIP-1559 transactions on every chain whose blocks carry a base fee.
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  });
  // cacheTime 0: every block number read is fresh (viem caches it for the polling interval otherwise, so a command that
  // compares blocks before and after a step could compare a stale one).
  return createWalletClient({ chain, transport, account, cacheTime: 0 }).extend(publicActions).extend(receiptPolicy(policy));
}

/** A whole number of at least `min` from a flag, or a one-line error naming the flag. */
function wholeNumber(value: string | number, flag: string, min: number): number {
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError(flag, `a whole number of at least ${min}`, text);
  return Number(text);
}

/**
 * Connects to `--rpc`, the `--network` profile's RPC or the default URL, or to a fresh Hardhat in-process chain
 * when `inProcess` is set, and chooses who signs. Every signer is a local account (MINERALS_PRIVATE_KEY, or
 * derived from MINERALS_MNEMONIC), except on a local chain (id 31337) without keys, where the node's unlocked
 * accounts sign as before. Refuses, with a one-line error, a URL that is not http(s), a chain that does not
 * answer, and an RPC whose chain id is not the profile's.
 */
export async function connect(options: {
  rpc?: string | undefined;
  network?: string | undefined;
  account?: string | undefined;
  confirmations?: string | undefined;
  txTimeout?: string | undefined;
  inProcess?: boolean;
}): Promise<Connection> {
  const profile = options.network ? readNetworkProfile(options.network) : undefined;
  const policy: Partial<ReceiptPolicy> = {};
  const confirmations = options.confirmations ?? profile?.confirmations;
  if (confirmations !== undefined) policy.confirmations = wholeNumber(confirmations, "--confirmations", 1);
  const timeoutSeconds = options.txTimeout ?? profile?.timeoutSeconds;
  if (timeoutSeconds !== undefined) policy.timeout = wholeNumber(timeoutSeconds, "--tx-timeout", 1) * 1000;
  const keys = keysFromEnvironment();
  let transport: Transport;
  let close = async () => {};
  let provider: EIP1193Provider | undefined;
  const inProcess = options.inProcess === true;
  const rpc = options.rpc || profile?.rpc || DEFAULT_RPC;
  if (inProcess) {
    const { network } = await import("hardhat");
    const connection = await network.create();
    // A revert is known at the first answer: no retries (viem would retry each refused call three times with back-off).
    provider = connection.provider as unknown as EIP1193Provider;
    transport = custom(provider, { retryCount: 0 });
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
  // Every transaction of the run goes into the step log that `run()` prints if the run fails.
  transport = journal.wrap(transport);
  const rpcLabel = inProcess ? "hardhat in-process" : rpc;
  const probe = createWalletClient({ transport });
  let chainId: number;
  try {
    chainId = await getChainId(probe);
  } catch {
    throw new MineralsError(`Cannot reach a chain at ${rpc}. Start one with \`npx hardhat node\`, or pass --rpc <url>.`);
  }
  if (profile && profile.chainId !== chainId) {
    await close();
    throw new MineralsError(`Network "${profile.name}" is chain ${profile.chainId}, but ${rpcLabel} answers chain ${chainId}: refusing to send anything there.`);
  }
  const local = inProcess || chainId === LOCAL_CHAIN_ID;
  const signers = new Map(keys.derived.map((account) => [account.address.toLowerCase(), account] as const));
  let accounts: Address[];
  if (keys.derived.length > 0) accounts = keys.derived.map((a) => a.address);
  else if (local) accounts = await getAddresses(probe).catch(() => [] as Address[]);
  else accounts = [];
  let signer: Address | Account;
  if (options.account !== undefined) signer = accountAt(accounts, options.account, "--account");
  else if (keys.operator) signer = keys.operator;
  else if (accounts.length > 0) signer = accounts[0]!;
  else {
    signer = keylessAccount(
      `No key to sign with on chain ${chainId}: set MINERALS_PRIVATE_KEY (or MINERALS_MNEMONIC and --account N); the node's accounts sign only on a local chain (id ${LOCAL_CHAIN_ID}).`,
    );
  }
  const asSigner = (account: Address | Account): Address | Account => {
    if (typeof account !== "string") return account;
    if (keys.operator && account.toLowerCase() === keys.operator.address.toLowerCase()) return keys.operator;
    const derived = signers.get(account.toLowerCase());
    if (derived) return derived;
    if (local) return account;
    throw new MineralsError(`No key for ${account} on chain ${chainId}: only local accounts (MINERALS_PRIVATE_KEY, MINERALS_MNEMONIC) sign off a local chain.`);
  };
  return {
    chainId,
    rpc: rpcLabel,
    accounts,
    transport,
    client: makeClient(transport, chainId, asSigner(signer), rpcLabel, policy),
    clientFor: (account) => makeClient(transport, chainId, asSigner(account), rpcLabel, policy),
    local,
    inProcess,
    ...(provider ? { provider } : {}),
    close,
  };
}

/** The account at a decimal index: derived from MINERALS_MNEMONIC, or a local node's. */
export function accountAt(accounts: readonly Address[], index: string, argument: string): Address {
  if (!/^\d+$/.test(index)) throw new InvalidArgumentError(argument, "the index of an account (0, 1, 2, ...)", index);
  const account = accounts[Number(index)];
  if (!account) {
    throw new InvalidArgumentError(
      argument,
      accounts.length === 0
        ? "an address (account indexes need MINERALS_MNEMONIC, or a local chain with unlocked accounts)"
        : `an account index from 0 to ${accounts.length - 1}`,
      index,
    );
  }
  return account;
}

/** An address argument, or the index of one of the connection's accounts. */
export function addressOrIndex(connection: Connection, value: string, argument: string): Address {
  return /^\d{1,3}$/.test(value) ? accountAt(connection.accounts, value, argument) : toAddress(value, argument);
}

/**
 * Reads and checks the manifest (`file`, or the chain's manifest in `dir`), and binds the SDK to it. A manifest
 * of another chain than the RPC's is refused with one line before anything else is asked of the chain.
 */
export async function loadPlatform(connection: Connection, dir: string, file?: string) {
  let deployment: Deployment;
  if (file) {
    deployment = await readDeploymentFile(file);
    if (deployment.chainId !== connection.chainId) {
      throw new DeploymentError(
        `${file} is the manifest of chain ${deployment.chainId}, but ${connection.rpc} answers chain ${connection.chainId}: give the manifest of chain ${connection.chainId}, or the RPC of chain ${deployment.chainId}.`,
      );
    }
  } else deployment = await readDeployment(connection.chainId, dir);
  await verifyDeployment(connection.client, deployment);
  return { deployment, sdk: connection.client.extend(mineralsActions(deployment)) };
}

/**
 * Connects, loads the manifest, runs `body` with the SDK bound to it, and always closes the connection. A refusal
 * that depends on time (a window, a notice period, a lock-up, an expiry) is noted with the chain's own time before
 * the connection closes, so that `run()` prints it with the sentence.
 */
export async function withPlatform<T>(
  options: CommonOptions,
  body: (ctx: { connection: Connection } & Awaited<ReturnType<typeof loadPlatform>>) => Promise<T>,
): Promise<T> {
  const connection = await connect(options);
  try {
    return await body({ connection, ...(await loadPlatform(connection, options.deployments, options.manifest)) });
  } catch (error) {
    await noteChainTime(connection, error);
    throw error;
  } finally {
    await connection.close();
  }
}

/** The chain's time when a time-bound refusal happened, and whether the chain is a local one (whose clock can move). */
const chainTimes = new WeakMap<object, { time: Date; local: boolean }>();

/**
 * Refusal reasons that depend on the time (the typed errors' `reason`). `refusal-passing` (a refund instead of an
 * offering's units, refused because the units are refused only for a while) is one when its sentence names a moment:
 * a KYC lapse; a pause, a hold or a freeze names none, so `namesAMoment` leaves it alone.
 */
const TIME_BOUND_REASONS = new Set(["window-not-open", "window-closed", "not-closable-yet", "expired", "locked-up", "sender-kyc-expired", "receiver-kyc-expired", "refusal-passing"]);

/** A refusal whose sentence names a moment: a candidate for the chain's time (decided once it is read). */
function namesAMoment(error: unknown): error is MineralsError {
  return error instanceof MineralsError && /\d{4}-\d{2}-\d{2}/.test(error.shortMessage) && !/chain's (current )?time/.test(error.shortMessage);
}

/**
 * Records the chain's time against a time-bound refusal (nothing if the chain no longer answers): one whose reason
 * depends on time, one that waits for a moment still to come on the chain's clock (a notice period's end), or one
 * that says a window closed or a statement expired. A sentence that merely dates a past event gets no note.
 */
export async function noteChainTime(connection: Connection, error: unknown): Promise<void> {
  if (!namesAMoment(error) || chainTimes.has(error)) return;
  try {
    const block = await connection.client.getBlock({ blockTag: "latest" });
    const time = new Date(Number(block.timestamp) * 1000);
    const moments = [...error.shortMessage.matchAll(/\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)?/g)].map((m) => new Date(m[0]).getTime());
    const reason = (error as { reason?: unknown }).reason;
    const timeBound =
      (typeof reason === "string" && TIME_BOUND_REASONS.has(reason)) || moments.some((moment) => moment > time.getTime()) || /\b(closed|expired|opens) at\b/.test(error.shortMessage);
    if (timeBound) chainTimes.set(error, { time, local: connection.local });
  } catch {
    // The refusal stands on its own.
  }
}

/**
 * What `run()` appends to a time-bound refusal: the chain's time, and on a local chain how far to move its clock
 * for the moment the sentence names: " (the chain's time is 2026-01-01T12:00:00Z; on this local chain,
 * `minerals chain advance 7d` moves it past 2026-01-08T12:00:00Z)".
 */
function chainTimeNote(error: MineralsError): string {
  const noted = chainTimes.get(error);
  if (!noted) return "";
  const now = noted.time;
  const when = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/.exec(error.shortMessage)?.[0];
  const target = when ? new Date(when) : undefined;
  const iso = (date: Date) => date.toISOString().replace(".000Z", "Z");
  let hint = "";
  if (noted.local && target && target.getTime() > now.getTime()) {
    // Rounded up to a duration a person would type: whole hours beyond a day, whole minutes beyond an hour.
    const seconds = Math.ceil((target.getTime() - now.getTime()) / 1000) + 1;
    const step = seconds > 86_400 ? 3_600 : seconds > 3_600 ? 60 : 1;
    hint = `; on this local chain, \`minerals chain advance ${formatDuration(Math.ceil(seconds / step) * step)}\` moves it past ${iso(target)}`;
  }
  return ` (the chain's time is ${iso(now)}${hint})`;
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
  offerId: "--offer",
  buyer: "--buyer",
  price: "--price",
  expiry: "--expiry",
  paymentToken: "--payment-token",
  payWith: "--permit",
  treasury: "--treasury",
  minTicket: "--min",
  maxTicket: "--max",
  softCap: "--soft-cap",
  hardCap: "--hard-cap",
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
    const lost = lostChain(error);
    const broke = lost ? undefined : await lacksEth(error);
    if (lost) console.error(`error: ${lost}`);
    else if (broke) console.error(`error: ${broke}`);
    else if (error instanceof MineralsError) console.error(`error: ${cliMessage(error)}${chainTimeNote(error)}`);
    else if (error instanceof RangeError || (error instanceof Error && error.constructor === Error)) console.error(`error: ${error.message.split("\n")[0]}`);
    // Any other error of viem's (the node refused a request, say): its short message in one line, never a stack trace.
    else if (error instanceof ViemBaseError) console.error(`error: ${error.shortMessage.split("\n")[0]}${error.details ? ` (${error.details.split("\n")[0]})` : ""}`);
    else throw error;
    // A run that sent transactions says which were done and how to continue.
    for (const line of journal.summary(commandLine(), lost !== undefined)) console.error(line);
    process.exitCode = 1;
  }
}

/** The sentence for an error that is the chain no longer answering (refused connection, dropped socket, timeout). */
function lostChain(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const lost = e instanceof ViemBaseError ? e.walk((x) => x instanceof HttpRequestError || x instanceof TimeoutError) : undefined;
    if (lost instanceof HttpRequestError || lost instanceof TimeoutError) {
      if (lost instanceof HttpRequestError && lost.status !== undefined) return `The chain at ${lost.url} answered HTTP ${lost.status}: ${lost.shortMessage}`;
      const why = lost instanceof TimeoutError ? "no answer in time" : (lost.details || lost.shortMessage).split("\n")[0];
      return `The chain at ${lost.url?.replace(/\/$/, "") ?? "the RPC URL"} stopped answering (${why}): the node stopped or cannot be reached.`;
    }
  }
  return undefined;
}

/**
 * The sentence for a transaction the chain refused because its sender cannot pay for gas, naming the account, the
 * amount and the chain: from the node's own figures where it gives them (Hardhat: "the max upfront cost is: X and
 * the sender's balance is: Y"; geth: "have Y want X"), else from the signed transaction viem reports (gas times the
 * fee cap, plus the value) and the account's balance read from the same URL. Undefined for any other error.
 */
export async function lacksEth(error: unknown): Promise<string | undefined> {
  const chain: { account?: { address?: string } | string; chain?: { id?: number }; details?: string; shortMessage?: string; message?: string; metaMessages?: string[] }[] = [];
  for (let e: unknown = error; typeof e === "object" && e !== null && chain.length < 20; e = (e as { cause?: unknown }).cause) chain.push(e as (typeof chain)[number]);
  const text = chain.map((x) => [x.details, x.shortMessage, x.message].filter((t) => typeof t === "string").join(" ")).join(" ");
  const hardhat = /max upfront cost is:? (\d+) and the sender's balance is:? (\d+)/i.exec(text);
  const geth = /insufficient funds for gas \* price \+ value: (?:address \S+ )?have (\d+) want (\d+)/i.exec(text);
  if (!hardhat && !geth && !/insufficient funds|doesn't have enough funds/i.test(text)) return undefined;
  let [need, have]: (bigint | undefined)[] = hardhat ? [BigInt(hardhat[1]!), BigInt(hardhat[2]!)] : geth ? [BigInt(geth[2]!), BigInt(geth[1]!)] : [undefined, undefined];
  let account: string | undefined;
  let chainId: number | undefined;
  let url: string | undefined;
  for (const x of chain) {
    account ??= typeof x.account === "string" ? x.account : x.account?.address;
    chainId ??= x.chain?.id;
    // viem writes the request into metaMessages: "from: 0x…", "chain: … (id: 31337)", "URL: …", "Request body: {…}".
    const meta = (x.metaMessages ?? []).join("\n");
    account ??= /\bfrom:\s+(0x[0-9a-fA-F]{40})/.exec(meta)?.[1];
    const metaChain = /\bchain:.*\(id: (\d+)\)/.exec(meta)?.[1];
    if (chainId === undefined && metaChain !== undefined) chainId = Number(metaChain);
    url ??= /^URL: (\S+)/m.exec(meta)?.[1];
    const body = /^Request body: (.*)$/m.exec(meta)?.[1];
    if (need === undefined && body) {
      try {
        const request = JSON.parse(body) as { method?: string; params?: unknown[] };
        if (request.method === "eth_sendRawTransaction" && typeof request.params?.[0] === "string") {
          const tx = parseTransaction(request.params[0] as Hex);
          const fee = tx.maxFeePerGas ?? tx.gasPrice;
          if (tx.gas !== undefined && fee !== undefined) need = tx.gas * fee + (tx.value ?? 0n);
          chainId ??= tx.chainId;
        }
      } catch {
        // Not a transaction we can read: the sentence goes without the amount.
      }
    }
  }
  if (have === undefined && url && account) {
    try {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBalance", params: [account, "latest"] }) });
      const balance = ((await response.json()) as { result?: string }).result;
      if (balance) have = BigInt(balance);
    } catch {
      // The node is gone too: the sentence goes without the balance.
    }
  }
  const who = account ? `Account ${account}` : "The signing account";
  const where = chainId === undefined ? "this chain" : `chain ${chainId}`;
  const amounts = need === undefined ? "ETH to pay for gas" : `at least ${formatEther(need)} ETH for this transaction (gas and value)`;
  const holds = have === undefined ? "" : `; it holds ${formatEther(have)} ETH`;
  return `${who} needs ${amounts} on ${where}${holds}. Fund it, or sign with another key (MINERALS_PRIVATE_KEY); this transaction was not sent.`;
}

/** This process's command line as a user would type it again. */
function commandLine(): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);
  return ["minerals", ...process.argv.slice(2)].map(quote).join(" ");
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
