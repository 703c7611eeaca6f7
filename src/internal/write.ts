/**
 * The one path every state-changing action takes: simulate (so a refusal is caught and explained before a
 * transaction is sent), send, wait for the receipt (under the client's receipt policy), and turn any failure into a typed SDK error.
 */
import type { Abi, Account, Address, Chain, Client, ContractFunctionArgs, ContractFunctionName, Transport, TransactionReceipt } from "viem";
import { zeroAddress } from "viem";
import { toAccount } from "viem/accounts";
import { simulateContract, writeContract } from "viem/actions";
import { InvalidArgumentError, MineralsError, TransactionError } from "../errors/base.ts";
import { decodeError, type RevertContext } from "../errors/decode.ts";
import { waitForReceipt } from "./receipt.ts";

/** A viem client that can sign: it carries an account (local, or a JSON-RPC account of the node). */
export type SigningClient = Client<Transport, Chain | undefined, Account>;

/** The account of a client, or a clear error when the client cannot sign. */
export function requireAccount(client: Client<Transport, Chain | undefined, Account | undefined>): Account {
  if (!client.account) {
    throw new InvalidArgumentError("client", "a viem client with an account (createWalletClient({ account, ... }))", "a client without an account");
  }
  const keyless = (client.account as Account & { keyless?: string }).keyless;
  if (keyless) throw new MineralsError(keyless);
  return client.account;
}

/**
 * An account with no key, for a client that only reads: it reads as the zero address, and every action that
 * would send a transaction refuses with `reason` before anything is sent (before gas estimation too).
 *
 * @example
 * createWalletClient({ account: keylessAccount("No key: set MINERALS_PRIVATE_KEY"), chain, transport })
 */
export function keylessAccount(reason: string): Account {
  const refuse = (): never => {
    throw new MineralsError(reason);
  };
  return { ...toAccount({ address: zeroAddress, signMessage: refuse, signTransaction: refuse, signTypedData: refuse }), keyless: reason } as Account;
}

export interface WriteParameters<abi extends Abi, name extends ContractFunctionName<abi, "nonpayable" | "payable">> {
  address: Address;
  abi: abi;
  functionName: name;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>;
  context?: RevertContext;
}

/** Simulates, sends and waits for one contract call; returns the successful receipt and the simulated result. */
export async function writeAndWait<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: WriteParameters<abi, name>,
): Promise<{ receipt: TransactionReceipt; result: unknown }> {
  const account = requireAccount(client);
  try {
    // The type parameters of simulateContract cannot follow our generic wrapper; the call is checked by callers.
    const simulation = await simulateContract(client, {
      address: parameters.address,
      abi: parameters.abi as Abi,
      functionName: parameters.functionName as string,
      args: parameters.args as readonly unknown[],
      account,
      chain: client.chain ?? null,
    } as never);
    const { request, result } = simulation as { request: Parameters<typeof writeContract>[1]; result: unknown };
    const hash = await writeContract(client, request);
    const receipt = await waitForReceipt(client, hash);
    if (receipt.status !== "success") {
      throw new TransactionError(`Transaction ${hash} was mined but reverted`, { details: `block ${receipt.blockNumber}` });
    }
    return { receipt, result };
  } catch (error) {
    throw decodeError(error, parameters.context);
  }
}
