import type { Client, Hash, TransactionReceipt } from "viem";
import { parseSignature } from "viem";
import { getBlock, readContract, signTypedData } from "viem/actions";
import { lotOfferingsAbiWithErrors, testStablecoinAbi } from "../../abis.ts";
import type { Deployment } from "../../deployment/manifest.ts";
import {
  InvalidArgumentError,
  type ContractRevertErrorType,
  type DeploymentErrorType,
  type InvalidArgumentErrorType,
  type TransactionErrorType,
} from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { OfferingRefusedError, type OfferingRefusedErrorType } from "../../errors/offering.ts";
import { offeringsAddress } from "../../internal/offerings.ts";
import { toAmount } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { Quantity, type Money } from "../../units/index.ts";
import { checkSubscribe } from "./checkSubscribe.ts";

export interface SubscribeParameters {
  deployment: Deployment;
  offeringId: bigint | number | string;
  /** The units to add to the investor's request: a `Quantity` of the lot's commodity, or base units. */
  amount: Quantity | bigint;
  /**
   * How the payment is escrowed: "approve" (default) approves the offerings contract for the payment first when its
   * allowance is short, then subscribes; "permit" signs an EIP-2612 permit and subscribes in one transaction.
   */
  payWith?: "approve" | "permit";
}

export interface SubscribeReturnType {
  /** The payment escrowed by this subscription. */
  payment: Money;
  hash: Hash;
  receipt: TransactionReceipt;
}

export type SubscribeErrorType = OfferingRefusedErrorType | InvalidArgumentErrorType | DeploymentErrorType | ContractRevertErrorType | TransactionErrorType;

/** A permit is valid for this long after the chain's current time. */
const PERMIT_VALIDITY = 3600n;

/**
 * Subscribes the client's account to an offering, escrowing the payment in the offering's stablecoin. Refused with
 * an `OfferingRefusedError` and `checkSubscribe`'s sentence before anything is sent (not eligible, window closed,
 * below the minimum ticket, above the maximum, not enough stablecoin, ...).
 *
 * @example
 * const { payment } = await subscribe(client, { deployment, offeringId: 1n, amount: Quantity.parse(Commodity.Copper, "6 t"), payWith: "permit" })
 */
export async function subscribe(client: Client, parameters: SubscribeParameters): Promise<SubscribeReturnType> {
  const account = requireAccount(client);
  const payWith = parameters.payWith ?? "approve";
  if (payWith !== "approve" && payWith !== "permit") throw new InvalidArgumentError("payWith", "\"approve\" or \"permit\"", parameters.payWith);
  const { deployment } = parameters;
  const address = offeringsAddress(deployment);
  const check = await checkSubscribe(client, { deployment, offeringId: parameters.offeringId, amount: parameters.amount, investor: account.address });
  if (!check.allowed || check.payment === undefined) throw new OfferingRefusedError(check.reason, check.message);
  const { offering } = check;
  const payment = check.payment;
  const amount = toAmount(parameters.amount, offering.commodity);
  const action = `subscribe ${Quantity.fromBase(offering.commodity, amount).format()} to offering ${offering.offeringId}`;

  if (payWith === "approve") {
    let allowance: bigint;
    try {
      allowance = await readContract(client, { address: offering.paymentToken, abi: testStablecoinAbi, functionName: "allowance", args: [account.address, address] });
    } catch (error) {
      throw decodeError(error, { action });
    }
    if (allowance < payment.base) {
      await writeAndWait(client, {
        address: offering.paymentToken,
        abi: testStablecoinAbi,
        functionName: "approve",
        args: [address, payment.base],
        context: { action: `approve ${payment.format()} to the offerings contract` },
      });
    }
    const { receipt } = await writeAndWait(client, {
      address,
      abi: lotOfferingsAbiWithErrors,
      functionName: "subscribe",
      args: [offering.offeringId, amount],
      context: { commodity: offering.commodity, action },
    });
    return { payment, hash: receipt.transactionHash, receipt };
  }

  let signature: Hash;
  let deadline: bigint;
  try {
    const [, name, version, chainId, verifyingContract] = await readContract(client, { address: offering.paymentToken, abi: testStablecoinAbi, functionName: "eip712Domain" });
    const nonce = await readContract(client, { address: offering.paymentToken, abi: testStablecoinAbi, functionName: "nonces", args: [account.address] });
    deadline = (await getBlock(client)).timestamp + PERMIT_VALIDITY;
    signature = await signTypedData(client, {
      account,
      domain: { name, version, chainId, verifyingContract },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner: account.address, spender: address, value: payment.base, nonce, deadline },
    });
  } catch (error) {
    throw decodeError(error, { action: `sign a permit for ${payment.format()}` });
  }
  const { r, s, v, yParity } = parseSignature(signature);
  const { receipt } = await writeAndWait(client, {
    address,
    abi: lotOfferingsAbiWithErrors,
    functionName: "subscribeWithPermit",
    args: [offering.offeringId, amount, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
    context: { commodity: offering.commodity, action },
  });
  return { payment, hash: receipt.transactionHash, receipt };
}
