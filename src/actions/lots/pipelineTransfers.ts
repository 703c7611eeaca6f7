import {
  BaseError,
  decodeFunctionResult,
  encodeFunctionData,
  formatTransactionReceipt,
  keccak256,
  type Account,
  type Address,
  type Client,
  type Hash,
  type Hex,
  type LocalAccount,
  type RpcTransactionReceipt,
  type TransactionReceipt,
} from "viem";
import { getTransaction, getTransactionReceipt } from "viem/actions";
import { multicall3Abi, multicall3RuntimeCode } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, TransactionError, type MineralsError, type TransferRefusedError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { TransfersStoppedError, type PipelinedTransfer } from "../../errors/pipeline.ts";
import { lotCommodities } from "../../internal/commodities.ts";
import { feesFor } from "../../internal/fees.ts";
import { forgetNonce, isStaleNonce, takeNonce } from "../../internal/nonces.ts";
import { policyOf, waitForReceipt } from "../../internal/receipt.ts";
import { explainingRefusals } from "../../internal/refusal.ts";
import { rpcBatchOf, type RpcBatch, type RpcCall, type RpcOutcome } from "../../internal/rpcBatch.ts";
import { estimateCall, minedRevert, nodeChainId, sendCall, type ContractCall, type SentCall } from "../../internal/send.ts";
import { toAddress, toAmount, toData, toIntInRange, toLotId } from "../../internal/validate.ts";
import { requireAccount } from "../../internal/write.ts";
import { transferAction, transferCall } from "./transferUnits.ts";
import { Quantity, type Commodity } from "../../units/index.ts";

export type { PipelinedTransfer } from "../../errors/pipeline.ts";

/** One transfer of a pipeline, always from the client's own account. */
export interface PipelineTransfer {
  lotId: bigint | number | string;
  /** Another wallet than the sender. */
  to: Address;
  /** A `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  data?: Hex;
}

export interface PipelineTransfersParameters {
  deployment: Deployment;
  /** The transfers, sent in this order with consecutive nonces. */
  transfers: readonly PipelineTransfer[];
  /** How many transfers are proven together and sent before their receipts are awaited (default 64, 1 to 256). */
  window?: number;
}

export interface PipelineTransfersReturnType {
  /** Every transfer, in order, each landed with its receipt. */
  transfers: PipelinedTransfer[];
}

/**
 * `TransfersStoppedError` when a transfer is refused (before it is sent, in the words `transferUnits` uses), refused
 * by the node, reverts once mined, or is not confirmed: it says which transfers landed and which were not sent.
 * `InvalidArgumentError` (nothing read or sent) for a malformed transfer; a `ContractRevertError` for an unknown lot.
 */
export type PipelineTransfersErrorType = TransfersStoppedError | TransferRefusedError | MineralsError;

/** Transfers proven together and in flight at once, by default. */
export const DEFAULT_PIPELINE_WINDOW = 64;
/** The most a window may hold: one `eth_call` runs them all. */
export const MAX_PIPELINE_WINDOW = 256;
/**
 * Gas offered over each estimate: a quarter more, and at least 40,000 more. A lot, receiver and data are estimated once
 * a pipeline, on the state when they first come, and later transfers of theirs run on another state: a receiver that
 * stopped holding the lot meanwhile costs what a new holder costs (about 25,000 more, `npm run bench:gas`), a sender
 * emptied of the lot a little more. Gas not used is not paid; a transfer that runs out anyway stops the pipeline,
 * explained.
 */
const GAS_HEADROOM = { percent: 25n, atLeast: 40_000n } as const;

interface Item {
  index: number;
  lotId: bigint;
  to: Address;
  amount: bigint;
  commodity: Commodity;
  /** "transfer 0.010 t Cu of lot 1", as `transferUnits` says it. */
  action: string;
  call: ContractCall;
  /** The call's calldata, encoded once. */
  data: Hex;
}

/**
 * Sends many transfers from the client's account, pipelined: a window of transfers is proven in order, as the sender,
 * by one `eth_call` (the sender's address lent Multicall3's code for that call only, so each transfer runs as its own
 * transaction would, after the ones ahead of it), then sent with consecutive nonces without waiting for receipts, and
 * the window's receipts are awaited before the next window is proven. A local account signs the window itself and, over
 * viem's `http` transport, sends it in one JSON-RPC batch that also asks for its receipts; otherwise the transfers go
 * one request after another. No transfer is sent that was not proven: the first refused transfer stops the pipeline
 * once the ones ahead of it have landed, and is explained exactly as `transferUnits` would explain it then. Gas is
 * estimated once per lot, receiver and data, beside the first proof that needs it, with `GAS_HEADROOM` over it; the
 * next window is signed while the node runs the current one.
 *
 * @throws TransfersStoppedError naming the transfer that stopped the pipeline and why, which landed and which were not sent.
 * @example
 * const { transfers } = await pipelineTransfers(client, { deployment, transfers: payouts.map((p) => ({ lotId: 1n, to: p.wallet, amount: p.units })) })
 */
export async function pipelineTransfers(client: Client, parameters: PipelineTransfersParameters): Promise<PipelineTransfersReturnType> {
  const account = requireAccount(client);
  const sender = account.address;
  const { deployment } = parameters;
  const window = parameters.window === undefined ? DEFAULT_PIPELINE_WINDOW : toIntInRange(parameters.window, "window", 1, MAX_PIPELINE_WINDOW);
  if (!Array.isArray(parameters.transfers) || parameters.transfers.length === 0) {
    throw new InvalidArgumentError("transfers", "at least one { lotId, to, amount }", parameters.transfers);
  }
  const shapes = parameters.transfers.map((transfer, i) => {
    const lotId = toLotId(transfer?.lotId, `transfers[${i}].lotId`);
    const to = toAddress(transfer.to, `transfers[${i}].to`);
    if (to.toLowerCase() === sender.toLowerCase()) throw new InvalidArgumentError(`transfers[${i}].to`, "another wallet than the sender", transfer.to);
    return { lotId, to, data: toData(transfer.data, `transfers[${i}].data`) };
  });
  const lots = [...new Set(shapes.map((shape) => shape.lotId))];
  const read = await lotCommodities(client, deployment, lots);
  const commodityOf = new Map(lots.map((lotId, k) => [lotId, read[k]!]));
  const items: Item[] = shapes.map(({ lotId, to, data }, index) => {
    const commodity = commodityOf.get(lotId)!;
    if (commodity instanceof Error) throw commodity;
    const amount = toAmount(parameters.transfers[index]!.amount, commodity, `transfers[${index}].amount`);
    const call: ContractCall = transferCall(deployment, { from: sender, to, lotId, amount, data });
    const action = transferAction(commodity, amount, lotId);
    return { index, lotId, to, amount, commodity, action, call, data: encodeFunctionData(call) };
  });

  // A local account without a viem nonce manager signs here, on the nonces the client keeps; over HTTP its windows go
  // in batches. Any other account sends each transfer as `transferUnits` would, with the gas proven here.
  const signer = account.type === "local" && account.nonceManager === undefined ? account : undefined;
  const batch = signer ? rpcBatchOf(client) : undefined;
  const landed: PipelinedTransfer[] = [];
  const gasCache: GasCache = new Map();
  // The next window, signed while the node runs the current one's batch: used if the next window starts where expected.
  let presigned: { start: number; signing: Promise<Signed[]> } | undefined;
  const dropPresigned = async () => {
    if (!presigned) return;
    // Its nonces will not be sent: the count is read again once its signing has settled.
    await presigned.signing.catch(() => {});
    presigned = undefined;
    forgetNonce(client, sender);
  };
  const oneConfirmation = policyOf(client).confirmations === 1;
  let next = 0;
  while (next < items.length) {
    const slice = items.slice(next, next + window);
    // The proof runs on the node while the gas is estimated (each lot, receiver and data once) and the window signed.
    const proving = provenInOrder(client, sender, slice);
    let gas = await gasFor(client, account, slice, gasCache);
    if (presigned && presigned.start !== next) await dropPresigned();
    const signing = !signer || gas.length === 0 ? undefined : (presigned?.signing ?? signWindow(client, signer, slice.slice(0, gas.length), gas));
    presigned = undefined;
    signing?.catch(() => {});
    let signed: Signed[] | undefined;
    try {
      signed = signing ? await signing : undefined;
    } catch (error) {
      // The fees or the nonce could not be read: nothing of this window was sent.
      throw stopped({ stoppedAt: slice[0]!.index, items, landed, unconfirmed: [], reverted: [], notSent: items.slice(next) }, error);
    }
    let ready = slice.slice(0, Math.min(await proving, gas.length, signed?.length ?? gas.length));
    // Signed beyond what proved: those nonces will not be sent, so the count is read again for the next window.
    if (signed && signed.length > ready.length) {
      signed = signed.slice(0, ready.length);
      forgetNonce(client, sender);
    }
    gas = gas.slice(0, ready.length);
    if (ready.length === 0) {
      // The window's first transfer did not prove in the window: prove it alone, as `transferUnits` does. A refusal
      // stops the pipeline here, explained; a transfer allowed alone goes alone.
      const first = slice[0]!;
      try {
        gas = [await proveAlone(client, deployment, account, first)];
      } catch (error) {
        throw stopped({ stoppedAt: first.index, items, landed, unconfirmed: [], reverted: [], notSent: items.slice(first.index) }, error);
      }
      ready = [first];
    }
    // While the node runs this window, the next one is signed on the gas known so far (a window cut short by its proof
    // starts elsewhere and is signed afresh).
    const following = next + ready.length;
    // Over HTTP with one confirmation asked for, the window's batch also asks for its receipts, behind its
    // transactions: a chain that mines them at once has them then (one that has not mined them yet, or a node that
    // runs a batch's requests out of order, answers some with none, and those are waited for as usual). The next
    // window's proof never goes there: it must run on a state known to hold this whole window, which only the answers
    // to these requests show.
    const after = batch && oneConfirmation ? (sent: readonly Signed[]) => sent.map((tx) => receiptCall(tx.hash)) : undefined;
    const presign = () => {
      if (!signer || ready.length < slice.length || following >= items.length) return;
      const upcoming = items.slice(following, following + window);
      const known = cachedGas(upcoming, gasCache);
      if (known.length > 0) presigned = { start: following, signing: signWindow(client, signer, upcoming.slice(0, known.length), known) };
      presigned?.signing.catch(() => {});
    };
    let sending: Sending;
    try {
      if (signer) {
        const [toSend, toSendGas] = [ready, gas];
        const resign = () => signWindow(client, signer, toSend, toSendGas);
        sending = await sendSigned(client, signer, batch, signed && signed.length > 0 ? signed : await resign(), { resign, meanwhile: presign, after });
      } else {
        sending = await sendEach(client, account, ready, gas);
      }
    } catch (error) {
      await dropPresigned();
      throw stopped({ stoppedAt: ready[0]!.index, items, landed, unconfirmed: [], reverted: [], notSent: items.slice(next) }, error);
    }
    if (sending.refused) await dropPresigned();
    const refusedSend = sending.refused && { item: sending.refused.item, error: await explained(client, deployment, sending.refused.item, sending.refused.error) };
    const batchReceipts = sending.after?.slice(0, sending.sent.length).map((answer) => (answer.result ? formatReceipt(client, answer.result) : undefined));
    const outcome = await receiptsOf(client, deployment, account, batch, sending.sent, batchReceipts);
    landed.push(...outcome.landed);
    const problems = [
      ...(refusedSend ? [{ index: refusedSend.item.index, error: refusedSend.error }] : []),
      ...outcome.reverted.map((r) => ({ index: r.item.index, error: r.error })),
      ...outcome.unconfirmed.map((u) => ({ index: u.item.index, error: outcome.waitError })),
    ].sort((a, b) => a.index - b.index);
    if (problems.length > 0) {
      await dropPresigned();
      const first = problems[0]!;
      // Taken by the node after a refused one (a node that queues transactions behind a nonce gap): sent, and mined
      // once the gap is filled, so named with their hashes, never as not sent.
      const queued = sending.queued.map(({ item, hash }) => ({ index: item.index, hash }));
      const taken = new Set([...sending.sent.map((s) => s.item.index), ...queued.map((q) => q.index)]);
      throw stopped(
        {
          stoppedAt: first.index,
          items,
          landed,
          unconfirmed: [...outcome.unconfirmed.map((u) => ({ index: u.item.index, hash: u.hash })), ...queued].sort((a, b) => a.index - b.index),
          reverted: outcome.reverted.filter((r) => r.item.index !== first.index).map((r) => ({ index: r.item.index, hash: r.hash })),
          notSent: items.slice(next).filter((item) => !taken.has(item.index)),
        },
        first.error,
      );
    }
    next += ready.length;
  }
  return { transfers: landed };
}

/** What sending a window did: the transfers the node took, in order from the first; the first it refused; any it took after that one. */
interface Sending {
  sent: { item: Item; sent: SentCall }[];
  refused?: { item: Item; error: unknown };
  queued: { item: Item; hash: Hash }[];
  /** What was signed and sent (after a stale nonce, signed again). */
  signed: readonly Signed[];
  /** The answers to the requests `after` put in the batch behind the transactions, when they went in one. */
  after?: RpcOutcome[];
}

/** Signs `ready` with the gas given, the client's fees and consecutive nonces the client keeps, without sending anything. */
async function signWindow(client: Client, account: LocalAccount, ready: readonly Item[], gas: readonly bigint[]): Promise<Signed[]> {
  const [fees, chainId] = await Promise.all([feesFor(client), nodeChainId(client)]);
  const feeFields = fees.type === "legacy" ? { gasPrice: fees.gasPrice } : { maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas };
  const serializer = client.chain?.serializers?.transaction;
  const signed: Signed[] = [];
  try {
    for (const [k, item] of ready.entries()) {
      const nonce = await takeNonce(client, account.address);
      const raw = await account.signTransaction({ chainId, type: fees.type, to: item.call.address, data: item.data, gas: gas[k]!, nonce, ...feeFields } as never, { serializer });
      signed.push({ item, raw, hash: keccak256(raw), nonce, gas: gas[k]! });
    }
  } catch (error) {
    // Nothing was sent: the nonces taken are given back by reading the count again.
    forgetNonce(client, account.address);
    throw error;
  }
  return signed;
}

/**
 * Sends transfers signed with consecutive nonces. The first goes alone: the node taking it shows the count is the
 * node's (one refused as stale, sent from this key elsewhere, is signed again once, by `resign`, on the node's count);
 * the rest follow in one JSON-RPC batch when `batch` is given, otherwise one after another, stopping at the first the
 * node refuses; `meanwhile` runs once they are on their way, and the requests `after` gives go in the same batch
 * behind them (a node runs a batch in order). A batch that fails as a whole (the POST, not a transaction) is sent again one by one: a signed
 * transaction sent twice is the same transaction, and one the node knows already counts as taken.
 */
async function sendSigned(
  client: Client,
  account: LocalAccount,
  batch: RpcBatch | undefined,
  signed: readonly Signed[],
  options: { resign?: () => Promise<Signed[]>; meanwhile?: () => void; after?: (signed: readonly Signed[]) => RpcCall[] } = {},
): Promise<Sending> {
  const { resign, meanwhile, after } = options;
  // What the node said of each transaction: undefined when it took it.
  const answers: (TransactionError | undefined)[] = [await sendRaw(client, signed[0]!, false)];
  if (answers[0]) {
    forgetNonce(client, account.address);
    if (resign && isStaleNonce(answers[0])) return sendSigned(client, account, batch, await resign(), { meanwhile, after });
    return { sent: [], refused: { item: signed[0]!.item, error: answers[0] }, queued: [], signed };
  }
  const rest = signed.slice(1);
  const behind = after?.(signed) ?? [];
  const sendingRest = batch && rest.length > 0 ? batch([...rest.map((tx) => ({ method: "eth_sendRawTransaction", params: [tx.raw] })), ...behind]).catch(() => undefined) : undefined;
  // Once the batch is on its way (a turn of the event loop writes it), the caller works while the node runs it.
  if (meanwhile) await new Promise<void>((resolve) => setImmediate(() => (meanwhile(), resolve())));
  const answered = await sendingRest;
  let outcomes = answered?.slice(0, rest.length);
  // The POST failed: which transactions the node took is not known.
  const lost = sendingRest !== undefined && answered === undefined;
  // Every one refused: a node that takes no batches of this size answers each request with an error; one by one, then.
  if (outcomes && outcomes.length > 1 && outcomes.every((outcome) => outcome.error)) outcomes = undefined;
  if (outcomes) {
    answers.push(...outcomes.map((outcome, k) => (outcome.error ? refusal(rest[k]!, outcome.error) : undefined)));
  } else {
    for (const tx of rest) {
      if (answers.some((answer) => answer !== undefined)) {
        // Nothing after a refused transaction is sent, so none waits behind a nonce gap; after a lost batch, one the
        // node knows was taken by it.
        if (!lost) break;
        answers.push((await known(client, tx.hash)) ? undefined : refusal(tx, { message: "not sent after the one before it was refused" }));
        continue;
      }
      answers.push(await sendRaw(client, tx, lost));
    }
  }
  const firstRefused = answers.findIndex((answer) => answer !== undefined);
  const sending: Sending = { sent: [], queued: [], signed, ...(answered && outcomes ? { after: answered.slice(rest.length) } : {}) };
  answers.forEach((answer, k) => {
    const tx = signed[k]!;
    if (firstRefused === -1 || k < firstRefused) sending.sent.push({ item: tx.item, sent: { hash: tx.hash, gas: tx.gas, data: tx.item.data, nonce: tx.nonce } });
    else if (k === firstRefused) sending.refused = { item: tx.item, error: answer };
    else if (!answer) sending.queued.push({ item: tx.item, hash: tx.hash });
  });
  // A refused nonce leaves a gap: the next transaction reads the node's count.
  if (firstRefused !== -1) forgetNonce(client, account.address);
  return sending;
}

/** Whether the node knows the transaction `hash` (pending or mined). */
async function known(client: Client, hash: Hash): Promise<boolean> {
  return (await getTransaction(client, { hash }).catch(() => undefined)) !== undefined;
}

/** A transfer signed for sending. */
interface Signed {
  item: Item;
  raw: Hex;
  hash: Hash;
  nonce: number;
  gas: bigint;
}

/** The node's refusal of `tx`, as the pipeline reports it. */
function refusal(tx: Signed, error: { message: string }): TransactionError {
  return new TransactionError(`The node refused the transaction (nonce ${tx.nonce}): ${error.message}`, { cause: error });
}

/**
 * Sends one signed transfer: undefined when the node took it, else its refusal. `resent`: after a batch whose answer
 * was lost, a transaction the node already knows was taken then.
 */
async function sendRaw(client: Client, tx: Signed, resent: boolean): Promise<TransactionError | undefined> {
  try {
    await client.request({ method: "eth_sendRawTransaction", params: [tx.raw] });
    return undefined;
  } catch (error) {
    if (resent && (await known(client, tx.hash))) return undefined;
    const cause = error instanceof BaseError ? { message: error.details || error.shortMessage } : error instanceof Error ? error : { message: String(error) };
    return refusal(tx, cause);
  }
}

/** Sends `ready` one after another as `transferUnits` would (the node, or viem's nonce manager, numbers them), stopping at the first refused. */
async function sendEach(client: Client, account: Account, ready: readonly Item[], gas: readonly bigint[]): Promise<Sending> {
  const fees = account.type === "local" ? await feesFor(client) : undefined;
  const sending: Sending = { sent: [], queued: [], signed: [] };
  for (const [k, item] of ready.entries()) {
    try {
      sending.sent.push({ item, sent: await sendCall(client, account, item.call, { gas: gas[k]!, ...(fees ? { fees } : {}) }) });
    } catch (error) {
      sending.refused = { item, error: decodeError(error, { commodity: item.commodity, action: item.action }) };
      break;
    }
  }
  return sending;
}

/**
 * How many of `slice`'s transfers, from the first, succeed in order: one `eth_call` from the sender to the sender,
 * whose code is Multicall3's for that call only (a state override), so `aggregate3` makes each transfer as the sender
 * would, each on the state the ones ahead of it left. 0 when the node cannot run it (no state overrides).
 */
async function provenInOrder(client: Client, sender: Address, slice: readonly Item[]): Promise<number> {
  try {
    return provenFrom(slice, (await client.request(proofCall(sender, slice) as never)) as Hex);
  } catch {
    return 0;
  }
}

/** The proof's request: `eth_call` of `aggregate3` on the latest block, with Multicall3's code lent to the sender. */
function proofCall(sender: Address, slice: readonly Item[]): RpcCall {
  const calls = slice.map((item) => ({ target: item.call.address, allowFailure: true, callData: item.data }));
  const data = encodeFunctionData({ abi: multicall3Abi, functionName: "aggregate3", args: [calls] });
  return { method: "eth_call", params: [{ from: sender, to: sender, data }, "latest", { [sender]: { code: multicall3RuntimeCode } }] };
}

/** How many transfers the proof's answer shows succeeding in order from the first (0 for an answer it cannot read). */
function provenFrom(slice: readonly Item[], data: Hex | undefined): number {
  if (!data || data === "0x") return 0;
  try {
    const results = decodeFunctionResult({ abi: multicall3Abi, functionName: "aggregate3", data });
    const refused = results.findIndex((result) => !result.success);
    return refused === -1 ? slice.length : refused;
  } catch {
    return 0;
  }
}

/** The request for a transaction's receipt. */
const receiptCall = (hash: Hash): RpcCall => ({ method: "eth_getTransactionReceipt", params: [hash] });

/** A receipt as the node answered it, formatted as viem formats it (with the chain's own formatter, if any). */
function formatReceipt(client: Client, receipt: unknown): TransactionReceipt {
  const format = (client.chain?.formatters?.transactionReceipt?.format ?? formatTransactionReceipt) as (receipt: RpcTransactionReceipt) => TransactionReceipt;
  return format(receipt as RpcTransactionReceipt);
}

/** Gas limits the pipeline found, by lot, receiver and data: each estimated once, on the state when it first comes. */
type GasCache = Map<string, bigint>;

const gasKey = (item: Item) => `${item.lotId}:${item.to}:${item.call.args[4] as Hex}`;

/**
 * The gas limit of each of `slice`'s transfers: its estimate plus the headroom, one estimate per lot, receiver and data
 * not estimated before. Ends the list before the first transfer whose estimate is refused (a transfer that needs the
 * ones ahead of it to land first: it starts a later window, and is estimated again then).
 */
async function gasFor(client: Client, account: Account, slice: readonly Item[], cache: GasCache): Promise<bigint[]> {
  const unknown = new Map<string, Item>();
  for (const item of slice) if (!cache.has(gasKey(item)) && !unknown.has(gasKey(item))) unknown.set(gasKey(item), item);
  await Promise.all(
    [...unknown].map(async ([key, item]) => {
      const estimate = await estimateCall(client, account, item.call).catch(() => undefined);
      if (estimate === undefined) return;
      const share = (estimate * GAS_HEADROOM.percent) / 100n;
      cache.set(key, estimate + (share > GAS_HEADROOM.atLeast ? share : GAS_HEADROOM.atLeast));
    }),
  );
  return cachedGas(slice, cache);
}

/** The gas limits of `slice`'s transfers already known, up to the first that is not. */
function cachedGas(slice: readonly Item[], cache: GasCache): bigint[] {
  const gas: bigint[] = [];
  for (const item of slice) {
    const limit = cache.get(gasKey(item));
    if (limit === undefined) break;
    gas.push(limit);
  }
  return gas;
}

/** Proves one transfer alone, as `transferUnits` does (its gas estimate), and returns its gas; throws its refusal, explained. */
async function proveAlone(client: Client, deployment: Deployment, account: Account, item: Item): Promise<bigint> {
  try {
    return await estimateCall(client, account, item.call);
  } catch (error) {
    throw await explained(client, deployment, item, decodeError(error, { commodity: item.commodity, action: item.action }));
  }
}

/** `error` as `transferUnits` would throw it: a compliance refusal becomes a `TransferRefusedError` with its sentence. */
async function explained(client: Client, deployment: Deployment, item: Item, error: unknown): Promise<unknown> {
  try {
    return await explainingRefusals(client, deployment, { to: item.to, action: item.action }, () => Promise.reject(error));
  } catch (refusal) {
    return refusal;
  }
}

interface Receipts {
  landed: PipelinedTransfer[];
  reverted: { item: Item; hash: Hash; error: unknown }[];
  unconfirmed: { item: Item; hash: Hash }[];
  /** Why some are unconfirmed: the wait's own error. */
  waitError?: unknown;
}

/**
 * The receipts of a window's transfers: the last one's under the client's receipt policy (its nonce comes last, so once
 * it is mined with the confirmations asked for, so are the others), then the others' in one go (one JSON-RPC batch when
 * there is one); with one confirmation asked for, all of them are read first in one go, which on a chain that has
 * mined them already is all it takes. A receipt that does not come leaves its transfer unconfirmed; one that reverted is replayed to say why.
 */
async function receiptsOf(
  client: Client,
  deployment: Deployment,
  account: Account,
  batch: RpcBatch | undefined,
  sent: { item: Item; sent: SentCall }[],
  read?: (TransactionReceipt | undefined)[],
): Promise<Receipts> {
  const outcome: Receipts = { landed: [], reverted: [], unconfirmed: [] };
  if (sent.length === 0) return outcome;
  const hashes = sent.map(({ sent: { hash } }) => hash);
  // With one confirmation asked for, the receipts the node has already are final: the ones the window's batch read
  // (`read`), or one read of them all, may do.
  const oneConfirmation = policyOf(client).confirmations === 1;
  const receipts: (TransactionReceipt | undefined)[] = oneConfirmation ? (read?.slice(0, sent.length) ?? (await readReceipts(client, batch, hashes))) : new Array(sent.length);
  if (receipts[sent.length - 1] === undefined) {
    try {
      receipts[sent.length - 1] = await waitForReceipt(client, hashes.at(-1)!);
    } catch (error) {
      outcome.waitError = error;
      forgetNonce(client, account.address);
    }
    const missing = hashes.slice(0, -1).flatMap((hash, k) => (receipts[k] === undefined ? [k] : []));
    const read = await readReceipts(client, batch, missing.map((k) => hashes[k]!));
    missing.forEach((k, j) => (receipts[k] = read[j]));
  }
  await Promise.all(
    hashes.slice(0, -1).map(async (hash, k) => {
      if (receipts[k] === undefined && outcome.waitError === undefined) {
        receipts[k] = await waitForReceipt(client, hash).catch((error: unknown) => {
          outcome.waitError ??= error;
          forgetNonce(client, account.address);
          return undefined;
        });
      }
    }),
  );
  for (const [k, { item, sent: transaction }] of sent.entries()) {
    const receipt = receipts[k];
    if (receipt === undefined) outcome.unconfirmed.push({ item, hash: transaction.hash });
    else if (receipt.status === "success") {
      outcome.landed.push({ index: item.index, lotId: item.lotId, to: item.to, transferred: Quantity.fromBase(item.commodity, item.amount), hash: transaction.hash, receipt });
    } else {
      const why = decodeError(await minedRevert(client, account, item.call, transaction, receipt), { commodity: item.commodity, action: item.action });
      outcome.reverted.push({ item, hash: transaction.hash, error: await explained(client, deployment, item, why) });
    }
  }
  return outcome;
}

/** The receipts of `hashes` as the node has them now (undefined where it has none): one batch, or one request each at once. */
async function readReceipts(client: Client, batch: RpcBatch | undefined, hashes: readonly Hash[]): Promise<(TransactionReceipt | undefined)[]> {
  if (batch && hashes.length > 1) {
    const answers = await batch(hashes.map(receiptCall)).catch(() => undefined);
    if (answers) return answers.map((answer) => (answer.result ? formatReceipt(client, answer.result) : undefined));
  }
  return Promise.all(hashes.map((hash) => getTransactionReceipt(client, { hash }).catch(() => undefined)));
}

/** The error that stops the pipeline at `stoppedAt`, with what landed and what was not sent. */
function stopped(
  state: { stoppedAt: number; items: readonly Item[]; landed: PipelinedTransfer[]; unconfirmed: { index: number; hash: Hash }[]; reverted: { index: number; hash: Hash }[]; notSent: readonly Item[] },
  error: unknown,
): TransfersStoppedError {
  const cause = decodeError(error ?? "no receipt came");
  const notSent = state.notSent.map((item) => item.index);
  return new TransfersStoppedError(
    { stoppedAt: state.stoppedAt, total: state.items.length, landed: state.landed, unconfirmed: state.unconfirmed, reverted: state.reverted, notSent },
    cause.shortMessage,
    { cause, ...(cause.details ? { details: cause.details } : {}) },
  );
}
