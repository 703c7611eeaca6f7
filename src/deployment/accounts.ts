/**
 * Names for the platform's own accounts, so that a person reading a cap table, a history or a timeline sees
 * "offering escrow" or "mint" rather than a bare address: the contracts of a deployment that hold units or money on
 * others' behalf, and the zero address, which is where minted units come from and burned units go.
 */
import { zeroAddress, type Address } from "viem";
import type { Deployment } from "./manifest.ts";

/** What each platform contract is, for a person: where units or money wait, and why. */
const PLATFORM_ACCOUNTS: readonly [keyof Deployment["contracts"], string][] = [
  ["LotOfferings", "offering escrow"],
  ["ProceedsVault", "proceeds vault"],
  ["DeliveryEscrow", "delivery escrow"],
  ["LotTrades", "trade escrow"],
  ["LotProcessing", "processing (units its holders have yet to convert or claim)"],
  ["LotToken", "units token"],
  ["LotRegistry", "lot registry"],
  ["InvestorRegistrar", "investor registrar"],
  ["TestStablecoin", "test stablecoin"],
];

/**
 * The name of a platform account of `deployment`, or undefined for any other address (an investor, an issuer, a
 * custodian). The zero address is named by its side of a movement: "mint" where units come from, "burn" where they go.
 *
 * @example
 * platformAccountLabel(deployment, deployment.contracts.LotOfferings!) // "offering escrow"
 * platformAccountLabel(deployment, zeroAddress, "from")               // "mint"
 */
export function platformAccountLabel(deployment: Pick<Deployment, "contracts">, address: Address | string, side: "from" | "to" = "from"): string | undefined {
  const key = address.toLowerCase();
  if (key === zeroAddress) return side === "from" ? "mint" : "burn";
  for (const [name, label] of PLATFORM_ACCOUNTS) if (deployment.contracts[name]?.toLowerCase() === key) return label;
  return undefined;
}
