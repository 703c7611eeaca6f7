/**
 * What the page's views share, in a module of its own so that no view imports the App (and the App none of its
 * views' internals): who acts and what it may do, and the hook that re-reads the chain on every block.
 */
import { useEffect, useState } from "react";
import type { Address } from "viem";
import type { Reader, Signer } from "./chain.ts";
import { errorSentence } from "./format.ts";

/** A party the presenter can act as: one of the node's accounts, labelled by its role. */
export interface Party {
  address: Address;
  label: string;
}

/** The roles a party holds in the registry, and whether it is a registered investor. */
export interface Capabilities {
  issuer: boolean;
  assayer: boolean;
  custodian: boolean;
  compliance: boolean;
  pauser: boolean;
  treasury: boolean;
  /** In the investor registry (any class), so it may subscribe, hold and trade units if a lot's rules allow. */
  investor: boolean;
}

/** No role and not an investor: what a party may do until its capabilities are read. */
export const NO_CAPABILITIES: Capabilities = { issuer: false, assayer: false, custodian: false, compliance: false, pauser: false, treasury: false, investor: false };

/** Who the page acts as, the SDK signing as it, and what it may do. */
export interface Actor {
  address: Address;
  label: string;
  sdk: Signer;
  can: Capabilities;
}

const ROLE_NAMES = ["issuer", "assayer", "custodian", "compliance", "pauser", "treasury"] as const;

/** Reads a party's roles and investor record through the SDK. */
export async function readCapabilities(reader: Reader, account: Address): Promise<Capabilities> {
  const [roles, investor] = await Promise.all([
    Promise.all(ROLE_NAMES.map((role) => reader.hasRole({ role, account }))),
    reader.getInvestor({ wallet: account }),
  ]);
  const can = { ...NO_CAPABILITIES, investor: investor.investorId > 0n };
  ROLE_NAMES.forEach((role, i) => (can[role] = roles[i]!));
  return can;
}

/** What a party may do on the page, in a few words, for the line under the party switch. */
export function describeCapabilities(can: Capabilities): string {
  const parts: string[] = [];
  if (can.issuer) parts.push("register and settle lots, open and close offerings, set delivery terms");
  if (can.treasury) parts.push("deposit sale proceeds");
  if (can.custodian) parts.push("confirm or reject deliveries of the lots it holds");
  if (can.compliance) parts.push("set rules and freezes");
  if (can.assayer) parts.push("record assays");
  if (can.pauser) parts.push("pause transfers");
  if (can.investor) parts.push("subscribe, trade, claim and request delivery as an investor");
  return parts.length === 0 ? "nothing: no role and not in the investor registry (it can only look)" : parts.join("; ");
}

/** Reads `load` again whenever `key` changes (a new block, another lot), keeping the last result while it loads. */
export function useLive<T>(load: () => Promise<T>, key: string): { data: T | undefined; error: string | undefined } {
  const [state, setState] = useState<{ data: T | undefined; error: string | undefined }>({ data: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: undefined }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error: errorSentence(error) })),
    );
    return () => {
      live = false;
    };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
