/**
 * Gathers from the chain the facts that explain a refusal (`RefusalFacts`): the lot's commodity and, for the
 * reason at hand only (`REFUSAL_FACTS`), the parties' investor records, the lot's rules, its hold reason, balances
 * and frozen units. The sentence itself is `refusalSentence`'s, which is pure. Reads throw viem's errors; the
 * calling action decodes them.
 */
import { zeroAddress, type Address, type Client } from "viem";
import { readContract } from "viem/actions";
import { lotRegistryAbi, lotTokenAbi } from "../abis.ts";
import type { Deployment } from "../deployment/manifest.ts";
import type { ReasonName } from "../domain.ts";
import { REFUSAL_FACTS, type RefusalFact, type RefusalFacts } from "../errors/refusal.ts";
import type { Commodity } from "../units/index.ts";
import { readHoldReason, readInvestorRecord, readLotRules } from "./compliance.ts";

/** The movement whose refusal is to be explained. */
export interface RefusalSubject {
  reason: ReasonName;
  from: Address;
  to: Address;
  lotId: bigint;
  /** In base units. */
  amount: bigint;
  /** The lot's commodity, when the caller has read it already; otherwise it is read here. */
  commodity?: Commodity | undefined;
}

/** The lot's commodity, read from the registry (reverts with `UnknownLot` for a lot that does not exist). */
export async function readLotCommodity(client: Client, deployment: Deployment, lotId: bigint): Promise<Commodity> {
  const lot = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "getLot", args: [lotId] });
  return lot.commodity as Commodity;
}

/** The facts `refusalSentence` needs for `subject.reason`, read from the chain as it is now. */
export async function readRefusalFacts(client: Client, deployment: Deployment, subject: RefusalSubject): Promise<RefusalFacts> {
  const { from, to, lotId } = subject;
  const token = deployment.contracts.LotToken;
  const balanceOf = async (account: Address): Promise<bigint> =>
    account === zeroAddress ? 0n : readContract(client, { address: token, abi: lotTokenAbi, functionName: "balanceOf", args: [account, lotId] });
  const readers: { [F in RefusalFact]: () => Promise<RefusalFacts[F]> } = {
    sender: () => readInvestorRecord(client, deployment, from),
    receiver: () => readInvestorRecord(client, deployment, to),
    rules: () => readLotRules(client, deployment, lotId),
    holdReason: () => readHoldReason(client, deployment, lotId),
    senderBalance: () => balanceOf(from),
    receiverBalance: () => balanceOf(to),
    senderFrozen: () => readContract(client, { address: token, abi: lotTokenAbi, functionName: "getFrozenTokens", args: [from, lotId] }),
  };
  const needed = REFUSAL_FACTS[subject.reason];
  const [commodity, ...values] = await Promise.all([
    subject.commodity ?? readLotCommodity(client, deployment, lotId),
    ...needed.map((fact) => readers[fact]()),
  ]);
  const facts: RefusalFacts = { ...subject, commodity };
  needed.forEach((fact, index) => Object.assign(facts, { [fact]: values[index] }));
  return facts;
}
