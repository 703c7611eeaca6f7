/**
 * The step log of a `minerals` run: every transaction the run sends, named by the contract function it calls
 * (or the contract it deploys), and whether its receipt came. It sits in the transport `connect()` builds, so every
 * command is covered, the multi-step ones (deploy, demo, a subscription that approves first) included, without a
 * line in any of them. When a run fails, `run()` prints what was done, what was sent but not confirmed, and how
 * to continue.
 */
import { decodeFunctionData, parseTransaction, type Abi, type Hash, type Hex, type Transport } from "viem";
import * as generated from "../../src/generated/abis.ts";

/** One transaction the run sent. */
export interface JournalEntry {
  /** What it does: `LotRegistry.registerLot`, `deploy LotToken`, `send ether`. */
  step: string;
  hash: Hash;
  /** `sent` until its receipt comes; then `mined` or `reverted`. */
  status: "sent" | "mined" | "reverted";
  blockNumber?: bigint;
}

/** `LotRegistry` from `lotRegistryAbi`. */
const contractName = (exportName: string, suffix: string): string => {
  const name = exportName.slice(0, -suffix.length);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

const ABIS: [string, Abi][] = Object.entries(generated)
  .filter(([name]) => name.endsWith("Abi"))
  .map(([name, abi]) => [contractName(name, "Abi"), abi as Abi]);
const BYTECODES: [string, Hex][] = Object.entries(generated)
  .filter(([name, value]) => name.endsWith("Bytecode") && typeof value === "string")
  .map(([name, bytecode]) => [contractName(name, "Bytecode"), bytecode as Hex]);

/** The step a transaction's `to` and `data` stand for, named from the generated ABIs and bytecodes. */
export function describeCall(to: string | null | undefined, data: Hex | undefined): string {
  if (!to) {
    const deployed = BYTECODES.find(([, bytecode]) => data?.startsWith(bytecode));
    return deployed ? `deploy ${deployed[0]}` : "deploy a contract";
  }
  if (!data || data === "0x") return "send ether";
  for (const [name, abi] of ABIS) {
    try {
      return `${name}.${decodeFunctionData({ abi, data }).functionName}`;
    } catch {
      // not a function of this contract
    }
  }
  return `call ${data.slice(0, 10)} on ${to}`;
}

/** What a transaction the node is asked to send or sign-and-send will do. */
function stepOf(method: string, params: unknown): string | undefined {
  const [first] = (params ?? []) as unknown[];
  if (method === "eth_sendTransaction") {
    const request = first as { to?: string | null; data?: Hex; input?: Hex };
    return describeCall(request.to, request.data ?? request.input);
  }
  if (method === "eth_sendRawTransaction") {
    try {
      const transaction = parseTransaction(first as Hex);
      return describeCall(transaction.to, transaction.data);
    } catch {
      return "a signed transaction";
    }
  }
  return undefined;
}

/** The transactions of one run, in the order they were sent. */
export class Journal {
  readonly entries: JournalEntry[] = [];

  /** `transport`, recording each transaction sent through it and each receipt that comes back. */
  wrap(transport: Transport): Transport {
    return ((options: Parameters<Transport>[0]) => {
      const inner = transport(options);
      const request = (async (args: { method: string; params?: unknown }) => {
        const result = await inner.request(args as never);
        const step = stepOf(args.method, args.params);
        if (step !== undefined && typeof result === "string") this.entries.push({ step, hash: result as Hash, status: "sent" });
        if (args.method === "eth_getTransactionReceipt" && result) this.received(result as { transactionHash: Hash; status: Hex; blockNumber: Hex });
        return result;
      }) as typeof inner.request;
      return { ...inner, request };
    }) as Transport;
  }

  private received(receipt: { transactionHash: Hash; status: Hex; blockNumber: Hex }): void {
    const entry = this.entries.find((e) => e.hash.toLowerCase() === receipt.transactionHash.toLowerCase());
    if (!entry) return;
    entry.status = receipt.status === "0x1" ? "mined" : "reverted";
    entry.blockNumber = BigInt(receipt.blockNumber);
  }

  /**
   * The lines printed after a failed run's error: each transaction that was mined, the one(s) sent but not
   * confirmed, and what to do next (`chainLost`: the failure was the chain no longer answering). Empty when the run sent nothing (then nothing changed and the error says all).
   */
  summary(commandLine: string, chainLost: boolean): string[] {
    if (this.entries.length === 0) return [];
    const done = this.entries.filter((e) => e.status === "mined");
    const unconfirmed = this.entries.filter((e) => e.status === "sent");
    const lines = [done.length === 0 ? "Done before the failure: nothing (no transaction was mined)." : `Done before the failure (${done.length} transaction${done.length === 1 ? "" : "s"} mined):`];
    done.forEach((e, i) => lines.push(`  ${i + 1}. ${e.step}  ${e.hash} (block ${e.blockNumber})`));
    for (const e of this.entries.filter((x) => x.status === "reverted")) lines.push(`Reverted: ${e.step}  ${e.hash} (block ${e.blockNumber}): nothing it asked for was done.`);
    for (const e of unconfirmed) lines.push(`Sent but not confirmed: ${e.step}  ${e.hash}: it may still be mined.`);
    const when = chainLost ? "once the chain answers" : "once what the error names is resolved";
    lines.push(
      unconfirmed.length > 0
        ? `To continue: ${when}, look up ${unconfirmed.length === 1 ? "that transaction" : "those transactions"} (eth_getTransactionReceipt); if not mined, run again: ${commandLine}`
        : `To continue: ${when}, run again: ${commandLine}`,
    );
    return lines;
  }
}

/** The journal of this process's run: a `minerals` process runs one command. */
export const journal = new Journal();
