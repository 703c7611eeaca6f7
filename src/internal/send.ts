/**
 * Sending one contract call with as few requests as the chain allows. The gas estimate is the last execution of the
 * call before it is sent: a revert there throws viem's decoded contract error, which the caller turns into the SDK's
 * typed error, and nothing is sent. A local account signs with the fees of `feesFor` (read at most once a slot per
 * client), the node's chain id, and the nonce the client keeps (`nonces.ts`); a JSON-RPC account (the node signs)
 * sends the call with the estimated gas, the node filling the nonce and the fees. Either way the node's chain id is
 * read, and compared with the client's chain, once per client instead of before every transaction. A caller that
 * proved the call already passes its gas, so the transaction costs one request to send.
 */
import { BaseError, FeeCapTooLowError, assertCurrentChain, encodeFunctionData, type Abi, type Account, type Address, type Client, type Hash, type Hex, type TransactionReceipt } from "viem";
import { deployContract, estimateContractGas, getChainId, simulateContract, writeContract } from "viem/actions";
import { TransactionError } from "../errors/base.ts";
import { feesFor, forgetFees, type Fees } from "./fees.ts";
import { forgetNonce, isStaleNonce, primeNonce, takeNonce } from "./nonces.ts";
import { waitForReceipt } from "./receipt.ts";

/** A contract function call, as viem's `writeContract` takes it. */
export interface ContractCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/** A call that was sent: its hash and what it was sent with. */
export interface SentCall {
  hash: Hash;
  gas: bigint;
  data: Hex;
  /** The nonce it was signed with, when the SDK chose it (a local account without a viem nonce manager). */
  nonce?: number;
}

/** Chain ids checked (or, for a client without a chain, read) once per client. */
const chainIds = new Map<string, number>();

/** The chain id the node of `client` answers, read once per client and checked against the client's chain. */
export async function nodeChainId(client: Client): Promise<number> {
  const known = chainIds.get(client.uid);
  if (known !== undefined) return known;
  const chainId = await getChainId(client);
  if (client.chain) assertCurrentChain({ chain: client.chain, currentChainId: chainId });
  if (chainIds.size >= 1024) chainIds.delete(chainIds.keys().next().value!);
  chainIds.set(client.uid, chainId);
  return chainId;
}

/**
 * Estimates the gas of `call` as `account`: the call runs on the chain's latest state, and a revert throws viem's
 * contract error (decoded from the contract's ABI) before anything is sent.
 *
 * @example
 * const gas = await estimateCall(client, account, { address: token, abi: lotTokenAbi, functionName: "safeTransferFrom", args })
 */
export function estimateCall(client: Client, account: Account, call: ContractCall): Promise<bigint> {
  // `prepare: false`: only `eth_estimateGas`; viem would otherwise fill the nonce and fees first, for nothing.
  return estimateContractGas(client, { ...call, account, prepare: false } as never);
}

/**
 * Sends `call` as `account` and returns its hash without waiting for it. `options` given by a pipeline (its own nonce,
 * gas and fees) leave one request: the send itself.
 *
 * @example
 * const { hash } = await sendCall(client, account, { address: token, abi: lotTokenAbi, functionName: "safeTransferFrom", args })
 */
export async function sendCall(client: Client, account: Account, call: ContractCall, options: { gas?: bigint; nonce?: number; fees?: Fees } = {}): Promise<SentCall> {
  const data = encodeFunctionData(call);
  const base = { ...call, account } as const;
  if (account.type !== "local") {
    const [gas] = await Promise.all([options.gas ?? estimateCall(client, account, call), nodeChainId(client)]);
    // `chain: null`: the node's chain was compared with the client's above, once for this client.
    const hash = await writeContract(client, { ...base, gas, chain: null } as never);
    return { hash, gas, data };
  }
  // The nonce is taken once the call is proven (a refused call takes none); its first read runs beside the estimate.
  const kept = options.nonce === undefined && account.nonceManager === undefined;
  const [gas, firstFees, chainId] = await Promise.all([
    options.gas ?? estimateCall(client, account, call),
    options.fees ?? feesFor(client),
    nodeChainId(client),
    kept ? primeNonce(client, account.address) : undefined,
  ]);
  for (let fees = firstFees, attempt = 1; ; fees = await feesFor(client), attempt++) {
    const feeFields = fees.type === "legacy" ? { gasPrice: fees.gasPrice } : { maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas };
    try {
      const { result: hash, nonce } = await withKeptNonce(client, account, options.nonce, (nonce) =>
        writeContract(client, { ...base, chain: client.chain ?? null, chainId, gas, nonce, type: fees.type, ...feeFields } as never),
      );
      return { hash, gas, data, ...(nonce === undefined ? {} : { nonce }) };
    } catch (error) {
      // The node refused the transaction: the fees are read again, and a fee cap below the base fee (fees kept
      // while the base fee rose) is offered once more with fresh ones.
      forgetFees(client);
      if (attempt === 1 && options.fees === undefined && isFeeTooLow(error)) continue;
      throw error;
    }
  }
}

/** Whether the node refused a transaction because its fee cap was below the block's base fee. */
function isFeeTooLow(error: unknown): boolean {
  if (error instanceof BaseError && error.walk((e) => e instanceof FeeCapTooLowError)) return true;
  const text = error instanceof BaseError ? `${error.details} ${error.shortMessage}` : String(error);
  return /fee per gas less than block base fee|maxFeePerGas \(\d+\) is too low|fee cap less than block base fee/i.test(text);
}

/**
 * Runs `send` with the nonce the client keeps for `account` (or `nonce`, when the caller chose it), so every
 * transaction of the SDK, contract deployments included, counts on the same nonces. A node refusing the nonce as
 * stale (someone else sent from this key) gets one more try with the node's count; any failure forgets the count. An
 * account with a viem nonce manager, or a JSON-RPC account, gets `undefined`: viem, or the node, chooses.
 *
 * @example
 * const { result: hash } = await withKeptNonce(client, account, undefined, (nonce) => deployContract(client, { abi, bytecode, account, nonce, chain }))
 */
export async function withKeptNonce<T>(client: Client, account: Account, nonce: number | undefined, send: (nonce: number | undefined) => Promise<T>): Promise<{ result: T; nonce: number | undefined }> {
  const kept = nonce === undefined && account.type === "local" && account.nonceManager === undefined;
  if (!kept) return { result: await send(nonce), nonce };
  for (let attempt = 1; ; attempt++) {
    const taken = await takeNonce(client, account.address);
    try {
      return { result: await send(taken), nonce: taken };
    } catch (error) {
      forgetNonce(client, account.address);
      // The node refused the nonce (so nothing was sent): once more with the node's count.
      if (attempt === 1 && isStaleNonce(error)) continue;
      throw error;
    }
  }
}

/**
 * Deploys a contract from `account` on the nonces the client keeps, like every other transaction of the SDK; returns
 * the deployment's transaction hash without waiting for it.
 *
 * @example
 * const hash = await deployKept(client, account, { abi: lotRegistryAbi, bytecode: lotRegistryBytecode, args: [delay, admin] })
 */
export async function deployKept(client: Client, account: Account, contract: { abi: Abi; bytecode: Hex; args?: readonly unknown[] }): Promise<Hash> {
  const { result } = await withKeptNonce(client, account, undefined, (nonce) => deployContract(client, { ...contract, account, chain: client.chain ?? null, nonce } as never));
  return result;
}

/**
 * Waits for the receipt of transaction `hash` that `sender` sent; when it is not known to be mined (dropped, replaced,
 * or the chain was lost) the count of `sender`'s nonces is forgotten, so its next transaction reads the nonce again.
 *
 * @example
 * const receipt = await waitForSent(client, account.address, hash)
 */
export async function waitForSent(client: Client, sender: Address, hash: Hash): Promise<TransactionReceipt> {
  try {
    return await waitForReceipt(client, hash);
  } catch (error) {
    forgetNonce(client, sender);
    throw error;
  }
}

/**
 * Why a transaction that was mined reverted, as an error to throw: out of gas when it used all of its gas; otherwise
 * the call replayed on the state before its block, whose revert the caller decodes like any other (a `ContractRevertError`
 * naming the contract's error). A replay that does not revert means another transaction of the same block changed
 * what the call depends on: said so, with the hash.
 *
 * @example
 * if (receipt.status !== "success") throw await minedRevert(client, account, call, sent, receipt)
 */
export async function minedRevert(client: Client, account: Account, call: ContractCall, sent: SentCall, receipt: TransactionReceipt): Promise<unknown> {
  if (receipt.gasUsed >= sent.gas) {
    return new TransactionError(`Transaction ${sent.hash} ran out of gas (it used all ${sent.gas} of its gas limit) and reverted: nothing it asked for was done.`, {
      details: `block ${receipt.blockNumber}`,
    });
  }
  try {
    await simulateContract(client, { ...call, account, blockNumber: receipt.blockNumber - 1n } as never);
  } catch (error) {
    return error;
  }
  return new TransactionError(`Transaction ${sent.hash} was mined but reverted`, {
    details: `block ${receipt.blockNumber}; replayed on the state before that block it does not revert, so another transaction of the same block changed what it depends on`,
  });
}
