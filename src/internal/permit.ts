/**
 * An EIP-2612 permit for a payment token, signed by the client's account: what `subscribe` and `takeOffer` send with
 * `subscribeWithPermit` and `takeWithPermit` to pay in one transaction.
 */
import type { Account, Address, Client, Hex } from "viem";
import { parseSignature } from "viem";
import { getBlock, readContract, signTypedData } from "viem/actions";
import { testStablecoinAbi } from "../abis.ts";
import { decodeError } from "../errors/decode.ts";

/** A permit is valid for this long after the chain's current time. */
export const PERMIT_VALIDITY = 3600n;

export interface SignedPermit {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/**
 * Signs a permit letting `spender` pull `value` of `token` from `account`, valid for `PERMIT_VALIDITY` after the
 * chain's time, under the token's own EIP-712 domain (ERC-5267 `eip712Domain`). A failure is decoded with `action`.
 */
export async function signPermit(
  client: Client,
  parameters: { account: Account; token: Address; spender: Address; value: bigint; action: string },
): Promise<SignedPermit> {
  const { account, token, spender, value } = parameters;
  try {
    const [, name, version, chainId, verifyingContract] = await readContract(client, { address: token, abi: testStablecoinAbi, functionName: "eip712Domain" });
    const nonce = await readContract(client, { address: token, abi: testStablecoinAbi, functionName: "nonces", args: [account.address] });
    const deadline = (await getBlock(client)).timestamp + PERMIT_VALIDITY;
    const signature = await signTypedData(client, {
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
      message: { owner: account.address, spender, value, nonce, deadline },
    });
    const { r, s, v, yParity } = parseSignature(signature);
    return { deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
  } catch (error) {
    throw decodeError(error, { action: parameters.action });
  }
}
