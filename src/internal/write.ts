/**
 * The one path every state-changing action takes: prove the call before sending it (a simulation, or the gas
 * estimate alone where the action's own check covers what a simulation would add), send it with as few requests as
 * the chain allows (`send.ts`), wait for the receipt (under the client's receipt policy), and turn any failure into
 * a typed SDK error. A transaction that reverts anyway once mined is replayed to say why.
 */
import type { Abi, Account, Address, Chain, Client, ContractFunctionArgs, ContractFunctionName, Transport, TransactionReceipt } from "viem";
import { zeroAddress } from "viem";
import { toAccount } from "viem/accounts";
import { simulateContract } from "viem/actions";
import { ContractRevertError, InvalidArgumentError, MineralsError } from "../errors/base.ts";
import { decodeError, type RevertContext } from "../errors/decode.ts";
import { estimateCall, minedRevert, sendCall, waitForSent, type ContractCall } from "./send.ts";

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
  /**
   * Whether to simulate the call before estimating its gas (default true, and needed for the call's return value).
   * An action passes false when a simulation would add nothing: the gas estimate executes the call on the same state,
   * and its revert is decoded into the same typed error, before anything is sent.
   */
  simulate?: boolean;
  /**
   * The call's gas estimate, started by the action (`startEstimate`) while it read what it needed: the same proof,
   * already on its way. A simulation is then left out, as with `simulate: false`.
   */
  estimate?: Promise<bigint> | undefined;
}

/**
 * Starts the gas estimate of `call` from the client's account, for an action to run beside its own reads and hand to
 * `writeAndWait` as `estimate`; undefined when the client cannot sign (`writeAndWait` refuses that in its turn).
 *
 * @example
 * const estimate = startEstimate(client, { address: token, abi: lotTokenAbiWithErrors, functionName: "safeTransferFrom", args })
 */
export function startEstimate(client: Client<Transport, Chain | undefined, Account | undefined>, call: ContractCall): Promise<bigint> | undefined {
  let account: Account;
  try {
    account = requireAccount(client);
  } catch {
    return undefined;
  }
  const estimate = estimateCall(client, account, call);
  // Awaited by `writeAndWait`, or dropped when the action refuses its input first.
  estimate.catch(() => {});
  return estimate;
}

/** Proves, sends and waits for one contract call; returns the successful receipt and the simulated result (undefined without a simulation). */
export async function writeAndWait<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
>(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: WriteParameters<abi, name>,
): Promise<{ receipt: TransactionReceipt; result: unknown }> {
  const account = requireAccount(client);
  // The type parameters of viem's actions cannot follow our generic wrapper; the call is checked by callers.
  const call = { address: parameters.address, abi: parameters.abi as Abi, functionName: parameters.functionName as string, args: parameters.args as readonly unknown[] } satisfies ContractCall;
  try {
    let result: unknown;
    if (parameters.simulate !== false && parameters.estimate === undefined) {
      ({ result } = (await simulateContract(client, { ...call, account, chain: client.chain ?? null } as never)) as { result: unknown });
    }
    const sent = await sendCall(client, account, call, parameters.estimate ? { gas: await parameters.estimate } : {});
    const receipt = await waitForSent(client, account.address, sent.hash);
    if (receipt.status !== "success") {
      const why = decodeError(await minedRevert(client, account, call, sent, receipt), parameters.context);
      // The contract's own error, saying also that this one was mined (its gas is spent).
      if (why instanceof ContractRevertError && why.constructor === ContractRevertError) {
        throw new ContractRevertError(why.errorName, why.args, why.shortMessage, {
          cause: why.cause,
          details: `transaction ${sent.hash} was mined in block ${receipt.blockNumber} and reverted`,
        });
      }
      throw why;
    }
    return { receipt, result };
  } catch (error) {
    throw decodeError(error, parameters.context);
  }
}
