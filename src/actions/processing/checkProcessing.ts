import type { Address, Client } from "viem";
import { readContract } from "viem/actions";
import { lotProcessingAbiWithErrors, lotRegistryAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import { FORMS, ROLES, type FormName } from "../../domain.ts";
import { InvalidArgumentError, type ContractRevertErrorType, type DeploymentErrorType, type InvalidArgumentErrorType, type TransactionErrorType } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { short } from "../../errors/format.ts";
import { FORMS_OF, processingAddress, stageOf, toOutputLot, type OutputLotStruct, type ProcessingOutput, type StepKindName } from "../../internal/processing.ts";
import { toLotId } from "../../internal/validate.ts";
import { requireAccount } from "../../internal/write.ts";
import { COMMODITIES, Quantity, type Commodity } from "../../units/index.ts";
import { getLot, type LotView } from "../lots/getLot.ts";

/** The most inputs or outputs one step may name (`LotProcessing.MAX_LOTS_PER_STEP`). */
export const MAX_LOTS_PER_STEP = 8;

export interface CheckProcessingParameters {
  deployment: Deployment;
  kind: StepKindName;
  /** The lots consumed, each whole: one for a split, two or more for a blend, one or more for a refining step. */
  lotIds: readonly (bigint | number | string)[];
  /** A split's shipments, a blend's one output, or a refining step's product followed by its by-products. */
  outputs: readonly ProcessingOutput[];
  /** Who would send the step; defaults to the client's account. */
  account?: Address;
}

/** Why a step would be refused ("ok" when it would not). */
export type ProcessingRefusalName =
  | "ok"
  | "not-issuer"
  | "not-refiner"
  | "step-shape"
  | "duplicate-input"
  | "not-warehoused"
  | "on-offer"
  | "awaiting-attestation"
  | "mixed-inputs"
  | "output-material"
  | "zero-output"
  | "mass-not-balanced"
  | "recovery-above-100"
  | "by-product-exceeds-contained"
  | "duplicate-reference"
  | "not-a-custodian";

export interface CheckProcessingReturnType {
  allowed: boolean;
  reason: ProcessingRefusalName;
  /** One plain sentence. */
  message: string;
  /** The inputs as they stand. */
  inputs: LotView[];
  /** The metal the step would consume (every input whole), in the inputs' mineral. */
  consumed?: Quantity;
  /** The outputs as the contract would take them. */
  outputs: OutputLotStruct[];
}

export type CheckProcessingErrorType = InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/**
 * Whether a split, a blend or a refining step would go through now and, if not, why, in one sentence, before anything
 * is sent: the account lacks the role (ISSUER for a split or a blend, REFINER for refining), a lot named twice or too
 * many, an input not warehoused, on offer or awaiting a new attestation, inputs of different minerals (or forms, for a
 * blend), an output of another material (a split's or a blend's must be the inputs', a product a later form of their
 * mineral, a by-product another mineral), a zero output, outputs that do not add up exactly (split, blend), a product
 * above what was consumed (a recovery above 100 %), a by-product above what the inputs contained as assayed, an output
 * reference another lot has, a custodian that is not one.
 *
 * @example
 * const check = await checkProcessing(client, { deployment, kind: "process", lotIds: [3n], outputs: [cathode] })
 * if (!check.allowed) console.error(check.message) // "Refining lot 3 would yield 2,400.000 t Cu from 2,352.670 t Cu consumed: a recovery above 100 %"
 */
export async function checkProcessing(client: Client, parameters: CheckProcessingParameters): Promise<CheckProcessingReturnType> {
  const { deployment, kind } = parameters;
  if (kind !== "split" && kind !== "blend" && kind !== "process") throw new InvalidArgumentError("kind", "split, blend or process", kind);
  const account = parameters.account ?? requireAccount(client).address;
  if (!Array.isArray(parameters.lotIds)) throw new InvalidArgumentError("lotIds", "a list of lot ids", parameters.lotIds);
  if (!Array.isArray(parameters.outputs)) throw new InvalidArgumentError("outputs", "a list of outputs", parameters.outputs);
  const lotIds = parameters.lotIds.map((id, i) => toLotId(id, `lotIds[${i}]`));
  processingAddress(deployment);
  const inputs = await Promise.all(lotIds.map((lotId) => getLot(client, { deployment, lotId })));
  const first = inputs[0];
  const material = first === undefined ? { commodity: 1 as Commodity, form: "concentrate" as FormName } : { commodity: first.commodity, form: first.form };
  const outputs = parameters.outputs.map((output, i) => toOutputLot(output, i, material));
  const refuse = (reason: ProcessingRefusalName, message: string): CheckProcessingReturnType => ({ allowed: false, reason, message, inputs, outputs });
  const q = (commodity: Commodity, base: bigint) => Quantity.fromBase(commodity, base).format();
  const step = kind === "split" ? `Splitting lot ${lotIds[0]}` : kind === "blend" ? `Blending lots ${lotIds.join(", ")}` : `Refining lot${lotIds.length === 1 ? "" : "s"} ${lotIds.join(", ")}`;

  const role = kind === "process" ? "refiner" : "issuer";
  if (!(await hasRole(client, deployment, role, account))) {
    return refuse(kind === "process" ? "not-refiner" : "not-issuer", `${short(account)} is not ${kind === "process" ? "a refiner" : "an issuer"}: only ${kind === "process" ? "a refiner refines lots" : "an issuer splits and blends lots"}`);
  }
  const shape = kind === "split" ? lotIds.length === 1 && outputs.length >= 2 : kind === "blend" ? lotIds.length >= 2 && outputs.length === 1 : lotIds.length >= 1 && outputs.length >= 1;
  if (!shape || lotIds.length > MAX_LOTS_PER_STEP || outputs.length > MAX_LOTS_PER_STEP) {
    const wanted = kind === "split" ? "one lot into two to eight shipments" : kind === "blend" ? "two to eight lots into one" : "one to eight lots into a product and up to seven by-products";
    return refuse("step-shape", `A ${kind === "process" ? "refining step" : kind} takes ${wanted}: ${lotIds.length} lot${lotIds.length === 1 ? "" : "s"} and ${outputs.length} output${outputs.length === 1 ? "" : "s"} given`);
  }
  const duplicate = lotIds.find((id, i) => lotIds.indexOf(id) !== i);
  if (duplicate !== undefined) return refuse("duplicate-input", `Lot ${duplicate} is named twice: a step consumes each lot once`);
  for (const lot of inputs) {
    if (lot.state !== "warehoused") return refuse("not-warehoused", `Lot ${lot.lotId} is ${lot.state}: only a warehoused lot can be ${kind === "process" ? "refined" : kind === "split" ? "split" : "blended"}`);
    if (lot.reserved.base !== 0n) return refuse("on-offer", `Lot ${lot.lotId} is on offer (${lot.reserved.format()} reserved for an open offering): it can be processed once the offering closes or is cancelled`);
    if (lot.awaitingAttestation) return refuse("awaiting-attestation", `Lot ${lot.lotId} came back from transit and awaits its custodian's new attestation: what it holds must be attested first`);
    if (lot.commodity !== material.commodity || (kind === "blend" && lot.form !== material.form)) {
      return refuse("mixed-inputs", `Lot ${lot.lotId} is ${COMMODITIES[lot.commodity].name} ${lot.form}, lot ${first!.lotId} ${COMMODITIES[material.commodity].name} ${material.form}: a ${kind === "blend" ? "blend takes lots of one mineral and form" : "step takes lots of one mineral"}`);
    }
  }
  const consumedBase = inputs.reduce((sum, lot) => sum + lot.attested.base, 0n);
  const consumed = Quantity.fromBase(material.commodity, consumedBase);
  const materialOf = (o: OutputLotStruct) => `${COMMODITIES[o.commodity as Commodity].name} ${FORMS[o.form]}`;
  for (const [i, o] of outputs.entries()) {
    const form = FORMS[o.form]!;
    const allowed = FORMS_OF[o.commodity as Commodity].includes(form);
    const sameMaterial = o.commodity === material.commodity && form === material.form;
    let ok: boolean;
    let why: string;
    if (kind !== "process") {
      ok = sameMaterial;
      why = `a ${kind} yields the inputs' own material, ${COMMODITIES[material.commodity].name} ${material.form}`;
    } else if (i === 0) {
      ok = o.commodity === material.commodity && allowed && stageOf(form) > Math.max(...inputs.map((lot) => stageOf(lot.form)));
      why = `a refinery's product is a later form of its inputs' ${COMMODITIES[material.commodity].name} (${FORMS_OF[material.commodity].filter((f) => stageOf(f) > Math.max(...inputs.map((lot) => stageOf(lot.form)))).join(" or ") || "none is left"})`;
    } else {
      ok = o.commodity !== material.commodity && allowed && !outputs.slice(1, i).some((other) => other.commodity === o.commodity);
      why = `a by-product is another mineral than the inputs', once each, in a form it is traded in`;
    }
    if (!ok) return refuse("output-material", `Output ${i + 1} is ${materialOf(o)}${allowed ? "" : ` (not a form ${COMMODITIES[o.commodity as Commodity].name} is traded in)`}: ${why}`);
  }
  // Zero quantities were refused by `toOutputLot`; sums are checked against what the inputs hold.
  const produced = outputs.filter((o) => o.commodity === material.commodity).reduce((sum, o) => sum + o.quantity, 0n);
  if (kind !== "process" && produced !== consumedBase) {
    return refuse("mass-not-balanced", `${step} would yield ${q(material.commodity, produced)} from the ${consumed.format()} it consumes: a ${kind}'s outputs must add up exactly to what its inputs hold`);
  }
  if (kind === "process") {
    if (produced > consumedBase) {
      return refuse("recovery-above-100", `${step} would yield ${q(material.commodity, produced)} from ${consumed.format()} consumed: a recovery above 100 %`);
    }
    for (const o of outputs.slice(1)) {
      const contained = await containedIn(client, deployment, lotIds, o.commodity as Commodity);
      if (o.quantity > contained) {
        const name = COMMODITIES[o.commodity as Commodity].name;
        return refuse(
          "by-product-exceeds-contained",
          contained === 0n
            ? `No input was assayed for ${name}: a by-product needs its grade recorded (recordByProduct) before refining`
            : `${step} would recover ${q(o.commodity as Commodity, o.quantity)} of ${name}, more than the ${q(o.commodity as Commodity, contained)} its inputs contained as assayed`,
        );
      }
    }
  }
  for (const [i, o] of outputs.entries()) {
    try {
      const existing = await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "lotIdByExternalRef", args: [o.externalRef] });
      if (existing !== 0n) return refuse("duplicate-reference", `Output ${i + 1}'s reference is lot ${existing}'s already: each lot has its own`);
    } catch (error) {
      throw decodeError(error, { action: "check an output's reference" });
    }
    if (!(await hasRole(client, deployment, "custodian", o.custodian))) return refuse("not-a-custodian", `Output ${i + 1}'s custodian ${short(o.custodian)} does not hold the CUSTODIAN role`);
  }
  const loss = kind === "process" ? ` (a loss of ${q(material.commodity, consumedBase - produced)})` : "";
  return { allowed: true, reason: "ok", message: `${short(account)} may ${kind === "process" ? "refine" : kind} ${consumed.format()} into ${outputs.length} lot${outputs.length === 1 ? "" : "s"}${loss}`, inputs, consumed, outputs };
}

async function hasRole(client: Client, deployment: Deployment, role: "issuer" | "refiner" | "custodian", account: Address): Promise<boolean> {
  try {
    return await readContract(client, { address: deployment.contracts.LotRegistry, abi: lotRegistryAbi, functionName: "hasRole", args: [ROLES[role], account] });
  } catch (error) {
    throw decodeError(error, { action: `check ${short(account)}'s role` });
  }
}

/** What the lots contained of a by-product, as assayed (`recordByProduct`), in its base units. */
export async function containedIn(client: Client, deployment: Deployment, lotIds: readonly bigint[], byProduct: Commodity): Promise<bigint> {
  let total = 0n;
  for (const lotId of lotIds) {
    try {
      const [commodities, , contained] = await readContract(client, { address: processingAddress(deployment), abi: lotProcessingAbiWithErrors, functionName: "byProductsOf", args: [lotId] });
      const index = commodities.findIndex((c) => c === byProduct);
      if (index >= 0) total += contained[index]!;
    } catch (error) {
      throw decodeError(error, { action: `read lot ${lotId}'s by-products` });
    }
  }
  return total;
}
