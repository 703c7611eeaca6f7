/**
 * `npm run bench:load`: the platform under load, through the SDK. Several investors send compliant transfers to each
 * other while others subscribe to an offering, all at once: one nonce stream per sender (each sender waits for its
 * transaction before the next), the senders in parallel. Then it checks that every transaction landed, that each
 * sender's nonces run without a gap or a duplicate, and that units and stablecoin reconcile to the base unit; and it
 * prints transactions per second beside a bare viem `writeContract` loop of the same transfers in the same run, and
 * the SDK's overhead per transaction.
 *
 *   npm run bench:load                              # starts and stops a `hardhat node` itself
 *   npm run bench:load -- --rpc http://127.0.0.1:8545 --transfers 1000 --subscriptions 200
 *
 * The signers are the local chain's well-known development accounts, signing locally (raw transactions).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createWalletClient, defineChain, http, maxUint256, publicActions, type Address, type Hash, type Transport } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { waitForTransactionReceipt, writeContract } from "viem/actions";
import {
  Commodity,
  Money,
  Quantity,
  deployPlatform,
  lotTokenAbi,
  mineralsActions,
  testStablecoinAbi,
  type Deployment,
} from "../../src/index.ts";
import { freePort, waitForRpc } from "../dev/localNode.ts";

/** The development mnemonic of Hardhat's chains (in-process and `hardhat node`). */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export interface LoadOptions {
  /** How to reach the chain (an `http(url)` transport, or a custom one over Hardhat's in-process provider). */
  transport: Transport;
  chainId: number;
  /** Compliant transfers in all, spread over `transferSenders` investors. */
  transfers: number;
  /** Offering subscriptions in all, spread over `subscribers` investors. */
  subscriptions: number;
  transferSenders?: number;
  subscribers?: number;
  /** Transfers sent again alone, through the SDK and through bare viem `writeContract`, for the comparison (default transfers / 5). */
  bareTransfers?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  /** The concurrent phase: transfers and subscriptions at once. */
  transfers: { count: number; seconds: number; perSecond: number };
  subscriptions: { count: number; seconds: number; perSecond: number };
  /** The same transfers alone, through the SDK and through bare viem. */
  sdkAlone: { count: number; seconds: number; perSecond: number; msPerTransaction: number };
  bare: { count: number; seconds: number; perSecond: number; msPerTransaction: number };
  /** Milliseconds the SDK adds to each transfer over bare `writeContract` (checks, simulation, receipt policy). */
  sdkOverheadMs: number;
  /** Each sender: the nonces its transactions used, which must be consecutive. */
  nonces: { sender: Address; first: number; count: number }[];
  reconciled: { units: bigint; stablecoin: bigint };
}

const t = (text: string): Quantity => Quantity.parse(Commodity.Copper, `${text} t`);

/** Runs `count` jobs in parallel streams: stream s runs jobs s, s + streams, ... one after another. */
async function streams<T>(senders: number, count: number, job: (sender: number, index: number) => Promise<T>): Promise<T[][]> {
  return Promise.all(
    Array.from({ length: senders }, async (_, s) => {
      const results: T[] = [];
      for (let i = s; i < count; i += senders) results.push(await job(s, i));
      return results;
    }),
  );
}

/** Sets up the platform, runs the load, checks it, and returns the figures. Throws if anything does not reconcile. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const senders = options.transferSenders ?? 8;
  const subscribers = options.subscribers ?? 5;
  const bareCount = options.bareTransfers ?? Math.max(senders, Math.floor(options.transfers / 5));
  const chain = defineChain({ id: options.chainId, name: `chain ${options.chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [] } } });
  const account = (i: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i });
  const wallet = (i: number) => createWalletClient({ account: account(i), chain, transport: options.transport, pollingInterval: 50 }).extend(publicActions);

  // Account 0 runs the platform (every role); 1..senders transfer; the next `subscribers` subscribe.
  const operator = wallet(0);
  const traders = Array.from({ length: senders }, (_, i) => wallet(1 + i));
  const investors = Array.from({ length: subscribers }, (_, i) => wallet(1 + senders + i));
  const me = operator.account.address;
  const deployment: Deployment = await deployPlatform(operator, { roles: { issuer: [me], assayer: [me], custodian: [me], compliance: [me] } });
  const sdk = (client: ReturnType<typeof wallet>) => client.extend(mineralsActions(deployment));
  const op = sdk(operator);
  await op.grantRole({ role: "treasury", account: me });
  const kycExpiry = new Date(Number((await operator.getBlock()).timestamp + 365n * 86_400n) * 1000);
  for (const client of [operator, ...traders, ...investors]) {
    await op.registerInvestor({ wallet: client.account.address, country: 604, investorClass: "institutional", kycExpiry });
  }
  const { lotId } = await op.registerLot({
    commodity: Commodity.Copper, form: "concentrate", countryCode: 604, originId: "PE-CU-LOAD", externalRef: `WR-LOAD-${Date.now()}`,
    wetMassGrams: 10_000_000_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650, custodian: me, location: "Callao bonded warehouse 3",
  });
  const assay = await op.recordAssay({ lotId, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 });
  await op.attestCustody({ lotId, quantity: assay.payable, location: "Callao bonded warehouse 3" });
  const unitsEach = t("100");
  for (const trader of traders) await op.mintUnits({ lotId, to: trader.account.address, amount: unitsEach });
  const now = Number((await operator.getBlock()).timestamp);
  const { offeringId } = await op.createOffering({
    lotId, price: "9,750 USD", treasury: me, start: new Date(now * 1000), end: new Date((now + 30 * 86_400) * 1000),
    minTicket: t("0.1"), maxTicket: t("1000"), softCap: t("1"), hardCap: t("1000"),
  });
  const offerings = deployment.contracts.LotOfferings!;
  const stablecoin = deployment.contracts.TestStablecoin!;
  const funds = Money.parseUsd("10,000,000 USD");
  for (const investor of investors) {
    await op.mintTestStablecoin({ to: investor.account.address, amount: funds });
    // One approval up front, so each subscription is one transaction.
    const hash = await writeContract(investor, { address: stablecoin, abi: testStablecoinAbi, functionName: "approve", args: [offerings, maxUint256] });
    await waitForTransactionReceipt(investor, { hash });
  }
  log(`Set up on chain ${options.chainId}: lot ${lotId}, offering ${offeringId}, ${senders} traders with ${unitsEach.format()} each, ${subscribers} subscribers`);

  const balanceOf = (owner: Address) => operator.readContract({ address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [owner, lotId] });
  const usdOf = (owner: Address) => operator.readContract({ address: stablecoin, abi: testStablecoinAbi, functionName: "balanceOf", args: [owner] });
  const everyone = [...traders, ...investors].map((c) => c.account.address);
  const startNonce = new Map<Address, number>();
  for (const address of everyone) startNonce.set(address, await operator.getTransactionCount({ address }));
  const usdBefore = new Map<Address, bigint>();
  for (const address of [...investors.map((c) => c.account.address), offerings]) usdBefore.set(address, await usdOf(address));

  // Transfer i moves (i mod 7 + 1) x 10 kg from its sender to the next trader; every amount is kept to reconcile.
  const amountOf = (i: number) => BigInt((i % 7) + 1) * 10n;
  const traderSdks = traders.map(sdk);
  const investorSdks = investors.map(sdk);
  const hashes = new Map<Address, Hash[]>();
  const record = (sender: Address, hash: Hash) => hashes.set(sender, [...(hashes.get(sender) ?? []), hash]);
  const sent = new Map<Address, bigint>();
  const received = new Map<Address, bigint>();
  const add = (map: Map<Address, bigint>, key: Address, value: bigint) => map.set(key, (map.get(key) ?? 0n) + value);

  const started = performance.now();
  let transfersDone = 0;
  let subscriptionsDone = 0;
  let transferSeconds = 0;
  let subscriptionSeconds = 0;
  let paid = 0n;
  let requested = 0n;
  await Promise.all([
    streams(senders, options.transfers, async (s, i) => {
      const from = traders[s]!.account.address;
      const to = traders[(s + 1) % senders]!.account.address;
      const { hash } = await traderSdks[s]!.transferUnits({ lotId, to, amount: amountOf(i) });
      record(from, hash);
      add(sent, from, amountOf(i));
      add(received, to, amountOf(i));
      transfersDone += 1;
    }).then(() => (transferSeconds = (performance.now() - started) / 1000)),
    streams(subscribers, options.subscriptions, async (s, i) => {
      const amount = BigInt((i % 3) + 1) * 100n;
      const r = await investorSdks[s]!.subscribe({ offeringId, amount });
      record(investors[s]!.account.address, r.hash);
      paid += r.payment.base;
      requested += amount;
      subscriptionsDone += 1;
    }).then(() => (subscriptionSeconds = (performance.now() - started) / 1000)),
  ]);

  // The SDK's overhead, measured alone: the same transfers through the SDK, then through bare viem (writeContract:
  // estimate, sign, send; then wait for the receipt), with the same senders in parallel and nothing else running.
  const alone = async (bare: boolean): Promise<number> => {
    const begun = performance.now();
    await streams(senders, bareCount, async (s, i) => {
      const from = traders[s]!.account.address;
      const to = traders[(s + 1) % senders]!.account.address;
      let hash: Hash;
      if (bare) {
        hash = await writeContract(traders[s]!, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "safeTransferFrom", args: [from, to, lotId, amountOf(i), "0x"] });
        const receipt = await waitForTransactionReceipt(traders[s]!, { hash, pollingInterval: 50 });
        if (receipt.status !== "success") throw new Error(`bare transfer ${hash} reverted`);
      } else ({ hash } = await traderSdks[s]!.transferUnits({ lotId, to, amount: amountOf(i) }));
      record(from, hash);
      add(sent, from, amountOf(i));
      add(received, to, amountOf(i));
    });
    return (performance.now() - begun) / 1000;
  };
  const sdkAloneSeconds = await alone(false);
  const bareSeconds = await alone(true);

  // Every transaction landed, and each sender's nonces run from where it started, without a gap or a duplicate.
  const nonces: LoadResult["nonces"] = [];
  for (const address of everyone) {
    const list = hashes.get(address) ?? [];
    const used: number[] = [];
    for (let i = 0; i < list.length; i += 50) {
      const batch = await Promise.all(list.slice(i, i + 50).map(async (hash) => {
        const [tx, receipt] = await Promise.all([operator.getTransaction({ hash }), operator.getTransactionReceipt({ hash })]);
        if (receipt.status !== "success") throw new Error(`transaction ${hash} of ${address} reverted`);
        return tx.nonce;
      }));
      used.push(...batch);
    }
    used.sort((a, b) => a - b);
    const first = startNonce.get(address)!;
    used.forEach((nonce, k) => {
      if (nonce !== first + k) throw new Error(`${address}: nonce ${first + k} expected, found ${nonce} (a gap or a duplicate)`);
    });
    const after = await operator.getTransactionCount({ address });
    if (after !== first + used.length) throw new Error(`${address}: ${after - first} transactions on chain, ${used.length} sent by the run`);
    nonces.push({ sender: address, first, count: used.length });
  }
  if (transfersDone !== options.transfers || subscriptionsDone !== options.subscriptions) throw new Error("not every transaction landed");

  // Units: each trader holds what it was minted, plus what it received, minus what it sent, to the kilogram.
  let units = 0n;
  for (const trader of traders) {
    const address = trader.account.address;
    const expected = unitsEach.base + (received.get(address) ?? 0n) - (sent.get(address) ?? 0n);
    const actual = await balanceOf(address);
    if (actual !== expected) throw new Error(`${address} holds ${actual} kg of lot ${lotId}, expected ${expected}`);
    units += actual;
  }
  if (units !== unitsEach.base * BigInt(senders)) throw new Error(`traders hold ${units} kg in all, ${unitsEach.base * BigInt(senders)} were minted`);
  // Stablecoin: what the subscribers paid is what the offering escrows, to the micro-dollar.
  let spent = 0n;
  for (const investor of investors) spent += usdBefore.get(investor.account.address)! - (await usdOf(investor.account.address));
  const escrowed = (await usdOf(offerings)) - usdBefore.get(offerings)!;
  if (spent !== paid || escrowed !== paid) throw new Error(`subscribers paid ${spent}, the offering escrows ${escrowed}, the SDK reported ${paid}`);
  const offering = await op.getOffering({ offeringId });
  if (offering.totalRequested.base !== requested) throw new Error(`the offering records ${offering.totalRequested.base} kg requested, the run requested ${requested}`);

  const sdkMs = (sdkAloneSeconds * 1000 * senders) / bareCount;
  const bareMs = (bareSeconds * 1000 * senders) / bareCount;
  return {
    transfers: { count: options.transfers, seconds: transferSeconds, perSecond: options.transfers / transferSeconds },
    sdkAlone: { count: bareCount, seconds: sdkAloneSeconds, perSecond: bareCount / sdkAloneSeconds, msPerTransaction: sdkMs },
    subscriptions: { count: options.subscriptions, seconds: subscriptionSeconds, perSecond: options.subscriptions / subscriptionSeconds },
    bare: { count: bareCount, seconds: bareSeconds, perSecond: bareCount / bareSeconds, msPerTransaction: bareMs },
    sdkOverheadMs: sdkMs - bareMs,
    nonces,
    reconciled: { units, stablecoin: paid },
  };
}

/** Prints a run's figures. */
export function printLoad(result: LoadResult, senders: number, subscribers: number, print: (line: string) => void = console.log): void {
  const f = (n: number, d = 1) => n.toFixed(d);
  print(`Concurrent: ${result.transfers.count} compliant transfers (${senders} senders) and ${result.subscriptions.count} subscriptions (${subscribers} subscribers) through the SDK`);
  print(`  transfers      ${f(result.transfers.seconds).padStart(6)} s  ${f(result.transfers.perSecond).padStart(6)} tx/s`);
  print(`  subscriptions  ${f(result.subscriptions.seconds).padStart(6)} s  ${f(result.subscriptions.perSecond).padStart(6)} tx/s`);
  print(`Alone, ${result.bare.count} transfers each way (${senders} senders in parallel):`);
  print(`  SDK transferUnits        ${f(result.sdkAlone.perSecond).padStart(6)} tx/s  ${f(result.sdkAlone.msPerTransaction).padStart(6)} ms per transaction`);
  print(`  bare viem writeContract  ${f(result.bare.perSecond).padStart(6)} tx/s  ${f(result.bare.msPerTransaction).padStart(6)} ms per transaction`);
  print(`  SDK overhead             ${f(result.sdkOverheadMs).padStart(6)} ms per transaction (its compliance check before sending, simulation, receipt policy)`);
  print(`Nonces: ${result.nonces.length} senders, ${result.nonces.reduce((n, s) => n + s.count, 0)} transactions, no gap, no duplicate`);
  print(`Reconciled: ${Quantity.fromBase(Commodity.Copper, result.reconciled.units).format()} held by the traders (as minted); ${Money.fromBase(result.reconciled.stablecoin).format()} paid = escrowed`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string" },
      transfers: { type: "string", default: "1000" },
      subscriptions: { type: "string", default: "200" },
      senders: { type: "string", default: "8" },
      subscribers: { type: "string", default: "5" },
    },
  });
  const whole = (text: string, flag: string) => {
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`Invalid --${flag}: expected a whole number of at least 1, got "${text}"`);
    return Number(text);
  };
  const senders = whole(values.senders, "senders");
  const subscribers = whole(values.subscribers, "subscribers");
  let rpc = values.rpc;
  let stop = async () => {};
  if (!rpc) {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const port = await freePort();
    rpc = `http://127.0.0.1:${port}`;
    const node = spawn(path.join(root, "node_modules/.bin/hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: root, env: { ...process.env, CI: "true" }, stdio: "ignore" });
    stop = async () => {
      node.kill("SIGTERM");
    };
    await waitForRpc(rpc, node);
  }
  try {
    const transport = http(rpc, { retryCount: 0, timeout: 60_000 });
    const chainId = await createWalletClient({ transport }).getChainId();
    console.log(`Load on chain ${chainId} at ${rpc}${values.rpc ? "" : " (a hardhat node this run started)"}`);
    const result = await runLoad({
      transport, chainId, transfers: whole(values.transfers, "transfers"), subscriptions: whole(values.subscriptions, "subscriptions"),
      transferSenders: senders, subscribers, log: console.log,
    });
    printLoad(result, senders, subscribers);
  } finally {
    await stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    process.exitCode = 1;
  });
}
