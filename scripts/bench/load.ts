/**
 * `npm run bench:load`: the platform under load, through the SDK. Several investors send compliant transfers to each
 * other while others subscribe to an offering, all at once: one nonce stream per sender (each sender waits for its
 * transaction before the next), the senders in parallel. Then it checks that every transaction landed, that each
 * sender's nonces run without a gap or a duplicate, and that units and stablecoin reconcile to the base unit; and it
 * prints transactions per second beside a bare viem `writeContract` loop of the same transfers in the same run, the
 * SDK's overhead per transaction, the JSON-RPC requests one transfer costs (counted by `countingTransport`), and many
 * transfers from one sender through `pipelineTransfers` beside the same number of raw signed transactions sent to the
 * node in one JSON-RPC batch. The last lines are issue 18's targets, each beside its figure (printed, never asserted).
 *
 *   npm run bench:load                              # starts and stops a `hardhat node` itself
 *   npm run bench:load -- --rpc http://127.0.0.1:8545 --transfers 1000 --subscriptions 200 --pipelined 500
 *
 * The signers are the local chain's well-known development accounts, signing locally (raw transactions).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createWalletClient, defineChain, encodeFunctionData, http, maxUint256, publicActions, type Address, type Hash, type Hex, type Transport } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { estimateContractGas, getBlock, getTransactionCount, waitForTransactionReceipt, writeContract } from "viem/actions";
import { getHttpRpcClient } from "viem/utils";
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
import { countingTransport } from "./countingTransport.ts";

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
  /** Transfers whose JSON-RPC requests are counted, one after another from one sender, each way (default 50: a client reads
   * the fees again every 12 s, two requests, which the average carries). */
  countedTransfers?: number;
  /** Transfers from one sender through `pipelineTransfers`, and as many raw signed transactions (default 500). */
  pipelined?: number;
  /** The node's HTTP URL, to send the raw transactions in one JSON-RPC batch; without it they are sent one by one. */
  rpcUrl?: string;
  log?: (line: string) => void;
}

export interface LoadResult {
  /** The concurrent phase: transfers and subscriptions at once. */
  transfers: { count: number; seconds: number; perSecond: number };
  subscriptions: { count: number; seconds: number; perSecond: number };
  /** The same transfers alone, through the SDK and through bare viem at once: each one's time from start to receipt, on average. */
  sdkAlone: { count: number; msPerTransaction: number };
  bare: { count: number; msPerTransaction: number };
  /** Milliseconds the SDK adds to each transfer over bare `writeContract` (its reads and checks, its receipt policy). */
  sdkOverheadMs: number;
  /** JSON-RPC requests per transfer, one sender sending one after another: the SDK's and bare viem's, by method. */
  requests: {
    /** Transfers counted each way. */
    count: number;
    sdk: { perTransfer: number; byMethod: Record<string, number> };
    /** A client's first transfer: it also reads the chain id, the nonce and the fees, which later ones reuse. */
    sdkFirst: { total: number; byMethod: Record<string, number> };
    bare: { perTransfer: number; byMethod: Record<string, number> };
  };
  /** Many transfers from one sender: `pipelineTransfers`, and the same number of raw signed transactions. */
  pipeline: { count: number; seconds: number; perSecond: number };
  raw: { count: number; seconds: number; perSecond: number; batched: boolean };
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
  const countedCount = options.countedTransfers ?? 50;
  const pipelinedCount = options.pipelined ?? 500;
  const account = (i: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i });
  // Every client's requests pass through one counter; it is read only while one sender acts alone.
  const counting = countingTransport(options.transport);
  const wallet = (i: number) => createWalletClient({ account: account(i), chain, transport: counting.transport, pollingInterval: 50 }).extend(publicActions);

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
  /** Keeps a transfer that landed: its hash for the nonce check, its amount for the reconciliation. */
  const book = (from: Address, to: Address, hash: Hash, amount: bigint) => {
    record(from, hash);
    add(sent, from, amount);
    add(received, to, amount);
  };
  /** One transfer through bare viem: `writeContract` (estimate, sign, send), then its receipt. */
  const bareTransfer = async (trader: (typeof traders)[number], to: Address, amount: bigint): Promise<Hash> => {
    const hash = await writeContract(trader, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "safeTransferFrom", args: [trader.account.address, to, lotId, amount, "0x"] });
    const receipt = await waitForTransactionReceipt(trader, { hash, pollingInterval: 50 });
    if (receipt.status !== "success") throw new Error(`bare transfer ${hash} reverted`);
    return hash;
  };

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
      book(from, to, hash, amountOf(i));
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

  // The requests one transfer costs, one sender alone: trader 0 to trader 1, one after another.
  const [from0, to0] = [traders[0]!.account.address, traders[1]!.account.address];
  const counted = async (count: number, send: (i: number) => Promise<Hash>): Promise<{ perTransfer: number; byMethod: Record<string, number> }> => {
    counting.reset();
    for (let i = 0; i < count; i++) {
      book(from0, to0, await send(i), amountOf(i));
    }
    const byMethod = Object.fromEntries(Object.entries(counting.byMethod()).map(([method, n]) => [method, n / count]));
    return { perTransfer: counting.total() / count, byMethod };
  };
  const sdkRequests = await counted(countedCount, async (i) => (await traderSdks[0]!.transferUnits({ lotId, to: to0, amount: amountOf(i) })).hash);

  // The SDK's overhead, measured alone: the same transfers through the SDK and through bare viem (writeContract:
  // estimate, sign, send; then wait for the receipt), nothing else running. Half of the senders go through the SDK
  // while the other half go through bare viem, the halves swapping each round, so both ways meet the same load at the
  // same time; each transfer is timed from its start to its receipt. A sender whose last round was bare finds its SDK
  // client's nonce count stale once and reads it again, which the SDK's time bears.
  const rounds = bareCount * 2 >= 4 * senders ? 4 : 2;
  const perRound = Math.max(1, Math.floor((bareCount * 2) / (rounds * senders)));
  const timings = { sdk: [] as number[], bare: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      traders.map(async (trader, s) => {
        const bare = (s + round) % 2 === 1;
        const from = trader.account.address;
        const to = traders[(s + 1) % senders]!.account.address;
        for (let k = 0; k < perRound; k++) {
          const i = round * perRound + k;
          const begun = performance.now();
          const hash = bare ? await bareTransfer(trader, to, amountOf(i)) : (await traderSdks[s]!.transferUnits({ lotId, to, amount: amountOf(i) })).hash;
          (bare ? timings.bare : timings.sdk).push(performance.now() - begun);
          book(from, to, hash, amountOf(i));
        }
      }),
    );
  }

  // Bare viem's requests for the same transfer, then the SDK's first transfer on a fresh client (which reads the
  // chain id, nonce and fees that later transfers reuse); that client then sends the pipeline.
  const bareRequests = await counted(countedCount, (i) => bareTransfer(traders[0]!, to0, amountOf(i)));
  const fresh = sdk(wallet(1));
  const sdkFirst = await counted(1, async (i) => (await fresh.transferUnits({ lotId, to: to0, amount: amountOf(i) })).hash);

  // Many transfers from one sender: through pipelineTransfers, then as raw transactions signed beforehand (the
  // estimate of one transfer with a quarter more, the same fees, consecutive nonces) and sent in one JSON-RPC batch.
  // A short pipeline first warms the node's path for the proof, as the raw transactions are signed before their clock starts.
  const many = Array.from({ length: pipelinedCount }, (_, i) => ({ lotId, to: to0, amount: amountOf(i) }));
  const { transfers: warmUp } = await fresh.pipelineTransfers({ transfers: many.slice(0, 2) });
  const pipelineStarted = performance.now();
  const { transfers: timed } = await fresh.pipelineTransfers({ transfers: many });
  const pipelineSeconds = (performance.now() - pipelineStarted) / 1000;
  for (const transfer of [...warmUp, ...timed]) book(from0, to0, transfer.hash, transfer.transferred.base);
  const rawAccount = account(1);
  const transferData = (i: number): Hex => encodeFunctionData({ abi: lotTokenAbi, functionName: "safeTransferFrom", args: [from0, to0, lotId, amountOf(i), "0x"] });
  const gas = ((await estimateContractGas(operator, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "safeTransferFrom", args: [from0, to0, lotId, 10n, "0x"], account: from0 })) * 5n) / 4n;
  const { baseFeePerGas } = await getBlock(operator);
  const nonce0 = await getTransactionCount(operator, { address: from0, blockTag: "pending" });
  const signed = await Promise.all(many.map((_, i) => rawAccount.signTransaction({
    chainId: options.chainId, type: "eip1559", to: deployment.contracts.LotToken, data: transferData(i), gas, nonce: nonce0 + i,
    maxFeePerGas: baseFeePerGas! * 2n + 1_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n,
  })));
  const rawStarted = performance.now();
  let rawHashes: Hash[];
  if (options.rpcUrl) {
    const responses = await getHttpRpcClient(options.rpcUrl).request({ body: signed.map((tx, id) => ({ jsonrpc: "2.0" as const, id, method: "eth_sendRawTransaction", params: [tx] })) });
    rawHashes = responses.sort((a, b) => Number(a.id) - Number(b.id)).map((response) => {
      if (response.error) throw new Error(`raw transaction refused: ${response.error.message}`);
      return response.result as Hash;
    });
  } else {
    rawHashes = [];
    for (const tx of signed) rawHashes.push(await operator.sendRawTransaction({ serializedTransaction: tx }));
  }
  await waitForTransactionReceipt(operator, { hash: rawHashes.at(-1)!, pollingInterval: 50 });
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  rawHashes.forEach((hash, i) => book(from0, to0, hash, amountOf(i)));

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

  const mean = (list: number[]) => list.reduce((sum, ms) => sum + ms, 0) / list.length;
  const [sdkMs, bareMs] = [mean(timings.sdk), mean(timings.bare)];
  return {
    transfers: { count: options.transfers, seconds: transferSeconds, perSecond: options.transfers / transferSeconds },
    sdkAlone: { count: timings.sdk.length, msPerTransaction: sdkMs },
    subscriptions: { count: options.subscriptions, seconds: subscriptionSeconds, perSecond: options.subscriptions / subscriptionSeconds },
    bare: { count: timings.bare.length, msPerTransaction: bareMs },
    sdkOverheadMs: sdkMs - bareMs,
    requests: { count: countedCount, sdk: sdkRequests, sdkFirst: { total: sdkFirst.perTransfer, byMethod: sdkFirst.byMethod }, bare: bareRequests },
    pipeline: { count: pipelinedCount, seconds: pipelineSeconds, perSecond: pipelinedCount / pipelineSeconds },
    raw: { count: pipelinedCount, seconds: rawSeconds, perSecond: pipelinedCount / rawSeconds, batched: options.rpcUrl !== undefined },
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
  print(`Alone, ${result.bare.count} transfers each way (${senders} senders at once, half each way, swapping), from start to receipt:`);
  print(`  SDK transferUnits        ${f(result.sdkAlone.msPerTransaction).padStart(6)} ms per transaction`);
  print(`  bare viem writeContract  ${f(result.bare.msPerTransaction).padStart(6)} ms per transaction`);
  print(`  SDK overhead             ${f(result.sdkOverheadMs).padStart(6)} ms per transaction (what the SDK adds: its reads and checks before sending, its receipt policy)`);
  const methods = (byMethod: Record<string, number>) => Object.entries(byMethod).map(([method, n]) => `${method} ${+n.toFixed(2)}`).join(", ");
  print(`JSON-RPC requests per transfer, one sender, one transfer after another (average of ${result.requests.count}):`);
  print(`  SDK transferUnits        ${f(result.requests.sdk.perTransfer, 2).padStart(6)}  (${methods(result.requests.sdk.byMethod)})`);
  print(`  its first, fresh client  ${f(result.requests.sdkFirst.total).padStart(6)}  (${methods(result.requests.sdkFirst.byMethod)})`);
  print(`  bare viem writeContract  ${f(result.requests.bare.perTransfer, 2).padStart(6)}  (${methods(result.requests.bare.byMethod)})`);
  print(`Many transfers from one sender, ${result.pipeline.count} each way:`);
  print(`  SDK pipelineTransfers    ${f(result.pipeline.perSecond).padStart(6)} tx/s  ${f(result.pipeline.seconds, 2).padStart(6)} s (proven, signed, sent and confirmed)`);
  print(`  raw signed transactions  ${f(result.raw.perSecond).padStart(6)} tx/s  ${f(result.raw.seconds, 2).padStart(6)} s (${result.raw.batched ? "one JSON-RPC batch" : "sent one by one: no HTTP URL to batch to"}, signed beforehand)`);
  print(`Nonces: ${result.nonces.length} senders, ${result.nonces.reduce((n, s) => n + s.count, 0)} transactions, no gap, no duplicate`);
  print(`Reconciled: ${Quantity.fromBase(Commodity.Copper, result.reconciled.units).format()} held by the traders (as minted); ${Money.fromBase(result.reconciled.stablecoin).format()} paid = escrowed`);
  const share = (100 * result.pipeline.perSecond) / result.raw.perSecond;
  const rows: [string, string, string, boolean][] = [
    ["SDK overhead per write over bare viem", `${f(result.sdkOverheadMs)} ms`, "<= 8 ms", result.sdkOverheadMs <= 8],
    ["JSON-RPC requests per SDK transfer", f(result.requests.sdk.perTransfer, 2), "<= 4", result.requests.sdk.perTransfer <= 4],
    ["many writes from one sender (pipelineTransfers)", `${f(share)} % of raw`, ">= 50 % of raw", share >= 50],
  ];
  print("Targets (issue 18):");
  for (const [what, figure, target, met] of rows) print(`  ${what.padEnd(48)} ${figure.padStart(14)}   target ${target.padEnd(15)} ${met ? "met" : "NOT met"}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string" },
      transfers: { type: "string", default: "1000" },
      subscriptions: { type: "string", default: "200" },
      senders: { type: "string", default: "8" },
      subscribers: { type: "string", default: "5" },
      pipelined: { type: "string", default: "500" },
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
      transferSenders: senders, subscribers, pipelined: whole(values.pipelined, "pipelined"), rpcUrl: rpc, log: console.log,
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
