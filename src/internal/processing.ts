/**
 * What the processing actions share: where the processing contract is, the names of its step kinds (generated from the
 * Solidity `StepKind`), the outputs a caller describes and their on-chain form, and the rule of how far along the chain
 * from mine to product a form is.
 */
import type { Address, Hex } from "viem";
import { FORMS, indexOfName, kebabNames, type FormName } from "../domain.ts";
import type { Deployment } from "../deployment/manifest.ts";
import { DeploymentError, InvalidArgumentError } from "../errors/base.ts";
import { STEP_KIND_MEMBERS } from "../generated/enums.ts";
import { COMMODITIES, isCommodity, type Commodity, type Quantity } from "../units/index.ts";
import { externalRefHash } from "../actions/lots/registerLot.ts";
import { toAddress, toAmount, toShortString } from "./validate.ts";

/** What a processing step did (`StepKind`), by on-chain value. */
export const STEP_KINDS = kebabNames(STEP_KIND_MEMBERS);
export type StepKindName = Exclude<(typeof STEP_KINDS)[number], "none">;

/** The processing contract of a deployment, or a DeploymentError saying to redeploy. */
export function processingAddress(deployment: Deployment): Address {
  const address = deployment.contracts.LotProcessing;
  if (address === undefined) {
    throw new DeploymentError(`The deployment for chain ${deployment.chainId} has no LotProcessing contract: run \`minerals deploy\` again.`);
  }
  return address;
}

/** A lot a step creates, as a caller describes it. */
export interface ProcessingOutput {
  /** The output's mineral: the inputs' own for a split, a blend or a product; another one for a by-product. */
  commodity?: Commodity;
  /** Its form: the inputs' own for a split or a blend (the default); a later form for a product (e.g. "cathode"). */
  form?: FormName;
  /** The metal it holds, in its mineral: a `Quantity` (e.g. "1,411.602 t Cu") or base units. */
  quantity: Quantity | bigint;
  /** Its physical mass in grams, for the record (a shipment's tonnage, a cathode stack's weight). */
  massGrams: bigint;
  /** Its purity or grade, in parts per billion of its mass (999_900_000n for 99.99 % cathode), for the record. */
  gradePpb: bigint;
  /** The custodian that holds it (CUSTODIAN role). */
  custodian: Address;
  /** Warehouse or site, at most 32 bytes of text. */
  location: string;
  /** Its own reference (shipment, batch, bar serials): a 32-byte hash, or a text that is hashed. */
  externalRef: string;
}

/** An output as the contract takes it (`OutputLot`). */
export interface OutputLotStruct {
  commodity: number;
  form: number;
  quantity: bigint;
  massGrams: bigint;
  gradePpb: number;
  custodian: Address;
  location: Hex;
  externalRef: Hex;
}

/**
 * Validates an output described by a caller and encodes it, its mineral and form defaulting to `material`. Each bad
 * field is named as `outputs[i].field`.
 */
export function toOutputLot(output: ProcessingOutput, index: number, material: { commodity: Commodity; form: FormName }, argument = "outputs"): OutputLotStruct {
  const name = `${argument}[${index}]`;
  if (typeof output !== "object" || output === null) throw new InvalidArgumentError(name, "an output: quantity, massGrams, gradePpb, custodian, location, externalRef", output);
  const commodity = output.commodity ?? material.commodity;
  if (!isCommodity(commodity)) throw new InvalidArgumentError(`${name}.commodity`, `one of ${Object.values(COMMODITIES).map((c) => c.name).join(", ")}`, commodity);
  const formName = output.form ?? material.form;
  const form = indexOfName(FORMS, String(formName));
  if (form === undefined) throw new InvalidArgumentError(`${name}.form`, `one of ${FORMS.join(", ")}`, formName);
  const quantity = toAmount(output.quantity, commodity, `${name}.quantity`);
  if (typeof output.massGrams !== "bigint" || output.massGrams < 1n) throw new InvalidArgumentError(`${name}.massGrams`, "a positive whole number of grams (bigint)", output.massGrams);
  if (typeof output.gradePpb !== "bigint" || output.gradePpb < 1n || output.gradePpb > 1_000_000_000n) {
    throw new InvalidArgumentError(`${name}.gradePpb`, "parts per billion, from 1 to 1,000,000,000 (bigint)", output.gradePpb);
  }
  return {
    commodity,
    form,
    quantity,
    massGrams: output.massGrams,
    gradePpb: Number(output.gradePpb),
    custodian: toAddress(output.custodian, `${name}.custodian`),
    location: toShortString(output.location, `${name}.location`),
    externalRef: externalRefHash(output.externalRef),
  };
}

/** The forms each mineral is traded in (as the registry's `LotMathLib.formAllowed` admits them). */
export const FORMS_OF: Readonly<Record<Commodity, readonly FormName[]>> = {
  0: ["dore", "bar"],
  1: ["concentrate", "cathode"],
  2: ["concentrate", "apt"],
  3: ["concentrate", "regulus", "trioxide"],
  4: ["concentrate", "oxide"],
} as Readonly<Record<Commodity, readonly FormName[]>>;

/**
 * How far along the chain from mine to product a form is (as the contract judges a refinery's product: a later stage
 * than every input's): raw concentrate and dore, then antimony regulus, then the refined products.
 */
export function stageOf(form: FormName): number {
  if (form === "concentrate" || form === "dore") return 0;
  if (form === "regulus") return 1;
  return 2;
}
