/**
 * Reading a contract's logs at scale: once per contract, in bounded block ranges, each range handed to the
 * caller to fold into its own totals (so memory holds the totals, never the whole history).
 */
import { parseEventLogs, toEventSelector, type Abi, type AbiEvent, type Address, type Client, type Hex, type Log } from "viem";
import { getBlockNumber } from "viem/actions";

/** Blocks per `eth_getLogs` request at first. */
export const DEFAULT_BLOCK_RANGE = 2_000n;
/**
 * Logs per response above which the next range is halved: 5,000 logs of a few hundred bytes of JSON each stay
 * around 2 MiB, far below viem's 10 MiB response limit.
 */
export const MAX_LOGS_PER_RANGE = 5_000;

/** Where a long scan stands, for a progress bar. */
export interface ScanProgress {
  /** What is being read, e.g. "LotToken transfers". */
  label: string;
  /** Blocks read so far and in all. */
  done: bigint;
  total: bigint;
}

export type OnProgress = (progress: ScanProgress) => void;

export interface ScanLogsParameters<abi extends Abi> {
  address: Address;
  abi: abi;
  /** The events to read (all in one request per range). */
  eventNames: readonly string[];
  /**
   * A value every log must have as its first (or `topicIndex`-th) indexed argument, e.g. a lot id; given a list,
   * any of its values (the node ORs them).
   */
  indexed?: { topicIndex: 1 | 2 | 3; value: bigint | Address | readonly (bigint | Address)[] };
  fromBlock: bigint;
  toBlock?: bigint;
  blockRange?: bigint;
  label: string;
  onProgress?: OnProgress;
  /** Called with each range's decoded logs, oldest first. */
  onLogs: (logs: DecodedLog[]) => void;
}

/** A decoded log: its event name, arguments and position. */
export type DecodedLog = Log<bigint, number, false> & { eventName: string; args: Record<string, unknown> };

const isTooLarge = (error: unknown): boolean =>
  /too large|exceed|limit|size|response|timeout|timed out|too long|more than/i.test(String((error as { message?: unknown })?.message ?? error));

/**
 * Reads every log of the named events of one contract, range by range, halving a range the node refuses or
 * whose answer is too large, and growing it back while answers stay small. Requests grow with the number of
 * ranges, not with the number of lots or holders.
 *
 * @example
 * await scanLogs(client, { address, abi: lotTokenAbi, eventNames: ["TransferSingle"], fromBlock, label: "transfers", onLogs: (logs) => … })
 */
export async function scanLogs<abi extends Abi>(client: Client, parameters: ScanLogsParameters<abi>): Promise<void> {
  const events = (parameters.abi as readonly { type: string; name?: string }[]).filter(
    (item): item is AbiEvent => item.type === "event" && parameters.eventNames.includes(item.name ?? ""),
  );
  const selectors = events.map((event) => toEventSelector(event));
  const indexed = parameters.indexed;
  const topics: (Hex | Hex[] | null)[] = [selectors];
  if (indexed) {
    while (topics.length < indexed.topicIndex) topics.push(null);
    const topic = (value: bigint | Address): Hex =>
      typeof value === "bigint" ? (`0x${value.toString(16).padStart(64, "0")}` as Hex) : (`0x${value.slice(2).toLowerCase().padStart(64, "0")}` as Hex);
    topics[indexed.topicIndex] = Array.isArray(indexed.value) ? indexed.value.map(topic) : topic(indexed.value as bigint | Address);
  }
  const end = parameters.toBlock ?? (await getBlockNumber(client, { cacheTime: 0 }));
  const start = parameters.fromBlock;
  const total = end >= start ? end - start + 1n : 0n;
  let range = parameters.blockRange ?? DEFAULT_BLOCK_RANGE;
  let from = start;
  parameters.onProgress?.({ label: parameters.label, done: 0n, total });
  while (from <= end) {
    const to = from + range - 1n < end ? from + range - 1n : end;
    let raw: Log[];
    try {
      raw = (await client.request({
        method: "eth_getLogs",
        params: [{ address: parameters.address, topics, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}` }],
      } as never)) as Log[];
    } catch (error) {
      if (range > 1n && isTooLarge(error)) {
        range /= 2n;
        continue;
      }
      throw error;
    }
    const logs = parseEventLogs({ abi: events as Abi, logs: raw }) as unknown as DecodedLog[];
    for (const log of logs) {
      log.blockNumber = BigInt(log.blockNumber as unknown as string);
    }
    parameters.onLogs(logs);
    from = to + 1n;
    if (raw.length > MAX_LOGS_PER_RANGE && range > 1n) range /= 2n;
    else if (raw.length < MAX_LOGS_PER_RANGE / 4 && range < (parameters.blockRange ?? DEFAULT_BLOCK_RANGE) * 16n) range *= 2n;
    parameters.onProgress?.({ label: parameters.label, done: to - start + 1n, total });
  }
}
