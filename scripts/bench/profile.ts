/**
 * Where a transaction's gas goes, from the node's `debug_traceTransaction` struct logs: for each contract the
 * transaction runs in, its cold and warm storage reads, storage writes, transient storage, logs, the overhead of the
 * calls it makes and everything else it executes; and the transaction's intrinsic gas and refund. Used by
 * `npm run bench:gas` when GAS_PROFILE=1 is set, to find what a row pays for. GAS_PROFILE=ops adds each contract's
 * costliest opcodes; GAS_PROFILE_DUMP=DIR writes each profiled transaction's steps (opcode, gas, depth, pc, call
 * target) to DIR/<hash>.json, to map onto source lines with the compiler's source maps. Prints text; asserts nothing.
 */
import type { Address, Hash } from "viem";

type StructLog = { op: string; gas: number; gasCost: number; depth: number; stack?: string[] };
type Trace = { gas: number; structLogs: StructLog[] };
type Provider = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };

const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);

/** Gas spent in one contract's own code, by kind (calls count their overhead here, the callee's code where it runs). */
type Spent = { coldSload: number; warmSload: number; sstore: number; sstoreCount: number; transient: number; log: number; call: number; other: number };

const emptySpent = (): Spent => ({ coldSload: 0, warmSload: 0, sstore: 0, sstoreCount: 0, transient: 0, log: 0, call: 0, other: 0 });

/** The breakdown of one transaction, as text lines. `names` labels addresses (lower-case keys). */
export const profileTransaction = async (provider: Provider, hash: Hash, names: Map<string, string>): Promise<string[]> => {
  const trace = (await provider.request({ method: "debug_traceTransaction", params: [hash, { disableMemory: true, disableStorage: true }] })) as Trace;
  const tx = (await provider.request({ method: "eth_getTransactionByHash", params: [hash] })) as { to: Address; input: string };
  const receipt = (await provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as { gasUsed: string };
  const logs = trace.structLogs;
  if (process.env.GAS_PROFILE_DUMP) {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(`${process.env.GAS_PROFILE_DUMP}/${hash}.json`, JSON.stringify({ to: tx.to, logs: logs.map(({ op, gas, gasCost, depth, pc, stack }: any) => ({ op, gas, gasCost, depth, pc, target: op.endsWith("CALL") ? stack?.[stack.length - 2] : undefined })) }));
  }
  const byContract = new Map<string, Spent>();
  const frames: string[] = [tx.to.toLowerCase()];
  const ops = new Map<string, [number, number]>();
  const spentOf = (address: string) => {
    let spent = byContract.get(address);
    if (!spent) byContract.set(address, (spent = emptySpent()));
    return spent;
  };
  // The total gas of each step: its own cost, or for a call everything until the caller resumes.
  const total = logs.map((log, i) => {
    if (!CALLS.has(log.op)) return log.gasCost;
    for (let j = i + 1; j < logs.length; j++) if (logs[j]!.depth === log.depth) return log.gas - logs[j]!.gas;
    return log.gasCost;
  });
  for (let i = 0; i < logs.length; i++) {
    const log = logs[i]!;
    frames.length = log.depth;
    const address = frames[log.depth - 1]!;
    const spent = spentOf(address);
    if (CALLS.has(log.op)) {
      const stack = log.stack ?? [];
      const target = `0x${BigInt(stack[stack.length - 2] ?? "0").toString(16).padStart(40, "0")}`;
      // The call's own overhead: its total less what its callee's steps cost.
      let callee = 0;
      for (let j = i + 1; j < logs.length && logs[j]!.depth > log.depth; j++) if (logs[j]!.depth === log.depth + 1) callee += total[j]!;
      spent.call += total[i]! - callee;
      frames[log.depth] = log.op === "DELEGATECALL" || log.op === "CALLCODE" ? address : target;
    } else if (log.op === "SLOAD") {
      if (log.gasCost >= 2100) spent.coldSload += log.gasCost;
      else spent.warmSload += log.gasCost;
    } else if (log.op === "SSTORE") {
      spent.sstore += log.gasCost;
      spent.sstoreCount += 1;
    } else if (log.op === "TLOAD" || log.op === "TSTORE") spent.transient += log.gasCost;
    else if (log.op.startsWith("LOG")) spent.log += log.gasCost;
    else spent.other += log.gasCost;
    if (process.env.GAS_PROFILE === "ops" && !CALLS.has(log.op)) {
      const key = `${names.get(address) ?? address.slice(0, 10)} ${log.op}`;
      const [count, gas] = ops.get(key) ?? [0, 0];
      ops.set(key, [count + 1, gas + log.gasCost]);
    }
  }
  const executed = logs.length === 0 ? 0 : logs[0]!.gas - logs[logs.length - 1]!.gas + logs[logs.length - 1]!.gasCost;
  const data = Buffer.from(tx.input.slice(2), "hex");
  const intrinsic = 21_000 + [...data].reduce((sum, byte) => sum + (byte === 0 ? 4 : 16), 0);
  const used = Number(BigInt(receipt.gasUsed));
  const lines = [`  intrinsic ${intrinsic}, executed ${executed}, refund ${intrinsic + executed - used}, used ${used}`];
  lines.push("  contract               cold SLOAD  warm SLOAD  SSTORE (n)     transient  logs    calls   other");
  for (const [address, s] of byContract) {
    const name = names.get(address) ?? address.slice(0, 10);
    lines.push(
      `  ${name.padEnd(20)} ${String(s.coldSload).padStart(10)} ${String(s.warmSload).padStart(11)} ${`${s.sstore} (${s.sstoreCount})`.padStart(12)} ${String(s.transient).padStart(12)} ${String(s.log).padStart(6)} ${String(s.call).padStart(8)} ${String(s.other).padStart(7)}`,
    );
  }
  if (ops.size) {
    const sorted = [...ops].sort((a, b) => b[1][1] - a[1][1]).slice(0, 40);
    lines.push(`  ops: ${sorted.map(([k, [n, g]]) => `${k} x${n}=${g}`).join(", ")}`);
  }
  return lines;
};
