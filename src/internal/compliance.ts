/**
 * Reads shared by the investor and compliance actions: the chain's clock, an investor record, a lot's rules, its
 * allowed countries and its hold reason. They throw viem's errors; the calling action decodes them.
 */
import { parseEventLogs, zeroAddress, type Address, type Client, type TransactionReceipt } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { investorRegistrarAbi, lotTokenAbi } from "../abis.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { InvalidArgumentError } from "../errors/base.ts";
import { fromShortString } from "./validate.ts";

/** The timestamp of the latest block, in seconds. */
export async function chainSeconds(client: Client): Promise<bigint> {
  const block = await getBlock(client, { blockTag: "latest" });
  return block.timestamp;
}

/**
 * Refuses, before anything is sent, a date the contract would refuse for not being after the chain's clock.
 * `seconds` is the date in whole seconds.
 */
export async function requireAfterChainTime(client: Client, seconds: bigint, argument: string, value: unknown): Promise<void> {
  const now = await chainSeconds(client);
  if (seconds <= now) {
    throw new InvalidArgumentError(argument, `a date after the chain's current time (${new Date(Number(now) * 1000).toISOString()})`, value);
  }
}

/** What the registry holds for a wallet (all zero for a wallet never registered). */
export async function readInvestorRecord(client: Client, deployment: Deployment, wallet: Address) {
  if (wallet === zeroAddress) return { investorId: 0n, country: 0, investorClass: 0, kycExpiry: 0, frozen: false };
  return readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getInvestor", args: [wallet] });
}

/** A lot's rules and holder count as stored. */
export async function readLotRules(client: Client, deployment: Deployment, lotId: bigint) {
  return readContract(client, { address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "getLotRules", args: [lotId] });
}

/**
 * The countries on a lot's allowed list now, ascending: the `CountryAllowed` events since the deployment block,
 * the last word on each country counting.
 */
export async function readAllowedCountries(client: Client, deployment: Deployment, lotId: bigint): Promise<number[]> {
  const logs = await getContractEvents(client, {
    address: deployment.contracts.LotToken,
    abi: lotTokenAbi,
    eventName: "CountryAllowed",
    args: { lotId },
    fromBlock: deployment.block.number,
  });
  const allowed = new Map<number, boolean>();
  for (const log of logs) {
    if (log.args.lotId === lotId && log.args.country !== undefined) allowed.set(log.args.country, log.args.allowed === true);
  }
  return [...allowed].filter(([, on]) => on).map(([country]) => country).sort((a, b) => a - b);
}

/** The reason given with the latest hold placed on a lot, or undefined when none was given or the lot is not held. */
export async function readHoldReason(client: Client, deployment: Deployment, lotId: bigint): Promise<string | undefined> {
  const logs = await getContractEvents(client, {
    address: deployment.contracts.LotToken,
    abi: lotTokenAbi,
    eventName: "LotHoldSet",
    args: { lotId },
    fromBlock: deployment.block.number,
  });
  const last = logs.filter((log) => log.args.lotId === lotId).at(-1);
  if (!last?.args.onHold || last.args.reason === undefined || /^0x0*$/.test(last.args.reason)) return undefined;
  const text = fromShortString(last.args.reason);
  return text === "" ? undefined : text;
}

/** The investor id the receipt's `InvestorSet` event gives `wallet` (0n if there is none). */
export function investorIdOf(receipt: TransactionReceipt, wallet: Address): bigint {
  const events = parseEventLogs({ abi: investorRegistrarAbi, logs: receipt.logs, eventName: "InvestorSet" });
  const event = events.find((e) => e.args.wallet.toLowerCase() === wallet.toLowerCase());
  return event?.args.investorId ?? 0n;
}
