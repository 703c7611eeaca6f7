/**
 * Which network a command talks to and who signs there: named network profiles (`minerals.networks.json`), the
 * operator's key (`MINERALS_PRIVATE_KEY`) and the parties derived from `MINERALS_MNEMONIC`. Keys are read from
 * the environment only, held in memory, and never written, printed or put in an error message.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { LocalAccount } from "viem";
import { english, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { InvalidArgumentError, MineralsError } from "../../src/errors/base.ts";

/** Hardhat's chain id (its in-process chain and `hardhat node`): the one chain where the node's unlocked accounts sign. */
export const LOCAL_CHAIN_ID = 31337;

/** Accounts derived from the mnemonic, m/44'/60'/0'/0/0 to /19: the demo's fourteen parties and a few to spare. */
export const DERIVED_ACCOUNTS = 20;

/** A network's settings, as kept in a profile. */
export interface NetworkProfile {
  name: string;
  rpc: string;
  /** The chain id the RPC must answer with. */
  chainId: number;
  confirmations?: number;
  /** Seconds to wait for a transaction before reporting it as not mined. */
  timeoutSeconds?: number;
}

/** The profiles file: `$MINERALS_NETWORKS_FILE`, or `minerals.networks.json` in the working directory. */
export function networksFile(): string {
  return path.resolve(process.env.MINERALS_NETWORKS_FILE || "minerals.networks.json");
}

/**
 * Reads the named profile from the profiles file, a JSON object of profiles by name:
 * `{ "sepolia": { "rpc": "https://...", "chainId": 11155111, "confirmations": 2, "timeoutSeconds": 300 } }`.
 */
export function readNetworkProfile(name: string, file: string = networksFile()): NetworkProfile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new MineralsError(`Network "${name}" is not defined: ${file} does not exist (see docs/deployment.md).`);
  }
  let profiles: unknown;
  try {
    profiles = JSON.parse(text);
  } catch {
    throw new MineralsError(`${file} is not valid JSON.`);
  }
  const raw = typeof profiles === "object" && profiles !== null ? (profiles as Record<string, unknown>)[name] : undefined;
  if (typeof raw !== "object" || raw === null || !Object.hasOwn(profiles as object, name)) {
    const known = typeof profiles === "object" && profiles !== null ? Object.keys(profiles).join(", ") : "";
    throw new InvalidArgumentError("--network", `a network defined in ${file}${known ? ` (${known})` : ""}`, name);
  }
  const p = raw as Record<string, unknown>;
  const malformed = (field: string, expected: string) => new MineralsError(`Network "${name}" in ${file}: "${field}" must be ${expected}.`);
  if (typeof p.rpc !== "string" || p.rpc === "") throw malformed("rpc", "the JSON-RPC URL");
  if (typeof p.chainId !== "number" || !Number.isSafeInteger(p.chainId) || p.chainId < 1) throw malformed("chainId", "the chain id, a positive whole number");
  if (p.confirmations !== undefined && (typeof p.confirmations !== "number" || !Number.isSafeInteger(p.confirmations) || p.confirmations < 1)) {
    throw malformed("confirmations", "a whole number of at least 1");
  }
  if (p.timeoutSeconds !== undefined && (typeof p.timeoutSeconds !== "number" || !Number.isSafeInteger(p.timeoutSeconds) || p.timeoutSeconds < 1)) {
    throw malformed("timeoutSeconds", "a positive whole number of seconds");
  }
  return {
    name,
    rpc: p.rpc,
    chainId: p.chainId,
    ...(p.confirmations !== undefined ? { confirmations: p.confirmations as number } : {}),
    ...(p.timeoutSeconds !== undefined ? { timeoutSeconds: p.timeoutSeconds as number } : {}),
  };
}

/** The keys the operator gave through the environment. */
export interface EnvironmentKeys {
  /** The operator's account, from `MINERALS_PRIVATE_KEY`. */
  operator?: LocalAccount;
  /** Accounts derived from `MINERALS_MNEMONIC` at m/44'/60'/0'/0/i, i = 0, 1, ... */
  derived: LocalAccount[];
}

/** Reads `MINERALS_PRIVATE_KEY` and `MINERALS_MNEMONIC`; a malformed one is refused without echoing it. */
export function keysFromEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentKeys {
  const keys: EnvironmentKeys = { derived: [] };
  const key = env.MINERALS_PRIVATE_KEY;
  if (key) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new InvalidArgumentError("MINERALS_PRIVATE_KEY", "a 0x-prefixed 32-byte hex private key", "(hidden)");
    keys.operator = privateKeyToAccount(key as `0x${string}`);
  }
  const mnemonic = env.MINERALS_MNEMONIC?.trim().split(/\s+/).join(" ");
  if (mnemonic) {
    const words = mnemonic.split(" ");
    if (![12, 15, 18, 21, 24].includes(words.length) || !words.every((w) => english.includes(w))) {
      throw new InvalidArgumentError("MINERALS_MNEMONIC", "a BIP-39 English mnemonic of 12 to 24 words", "(hidden)");
    }
    for (let i = 0; i < DERIVED_ACCOUNTS; i++) keys.derived.push(mnemonicToAccount(mnemonic, { addressIndex: i }));
  }
  return keys;
}
