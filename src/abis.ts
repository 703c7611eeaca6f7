/**
 * The contracts' ABIs, typed `as const` from the compiled artifacts (see `scripts/codegen/abis.ts`).
 * The token's ABI is extended with the registry's errors, because a mint or burn that the registry refuses
 * reverts through the token with the registry's custom error.
 */
import {
  deliveryEscrowAbi,
  investorRegistrarAbi,
  lotOfferingsAbi,
  lotProcessingAbi,
  lotRegistryAbi,
  lotTokenAbi,
  lotTradesAbi,
  proceedsVaultAbi,
  testStablecoinAbi,
} from "./generated/abis.ts";

export {
  deliveryEscrowAbi,
  deliveryEscrowBytecode,
  investorRegistrarAbi,
  investorRegistrarBytecode,
  lotOfferingsAbi,
  lotOfferingsBytecode,
  lotProcessingAbi,
  lotProcessingBytecode,
  lotRegistryAbi,
  lotRegistryBytecode,
  lotTokenAbi,
  lotTokenBytecode,
  lotTradesAbi,
  lotTradesBytecode,
  proceedsVaultAbi,
  proceedsVaultBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
} from "./generated/abis.ts";

const registryErrors = lotRegistryAbi.filter((item) => item.type === "error");

/** The token's ABI plus the registry's custom errors, for calls whose refusal may come from either. */
export const lotTokenAbiWithErrors = [...lotTokenAbi, ...registryErrors] as const;

const tokenErrors = lotTokenAbi.filter((item) => item.type === "error");
const erc20Errors = testStablecoinAbi.filter((item) => item.type === "error");

/**
 * The trades contract's ABI plus the token's and ERC-20 (ERC-6093) errors: a take reverts with whichever leg
 * refused, the units (compliance) or the payment (allowance, balance).
 */
export const lotTradesAbiWithErrors = [...lotTradesAbi, ...tokenErrors, ...erc20Errors] as const;
export { mockPriceFeedAbi, mockPriceFeedBytecode, multicall3Abi, multicall3Bytecode, multicall3RuntimeCode } from "./generated/abis.ts";

/** The investor registrar's ABI plus the token's custom errors (the role refusal among them), for its calls. */
export const investorRegistrarAbiWithErrors = [...investorRegistrarAbi, ...tokenErrors] as const;

/**
 * The offerings contract's ABI plus the token's (the mint at close, the holder slot at subscription, the delivery at
 * claim), the registry's (the capacity reserved at creation) and ERC-20 (ERC-6093) errors (the escrowed payment), for
 * its calls.
 */
export const lotOfferingsAbiWithErrors = [...lotOfferingsAbi, ...tokenErrors, ...registryErrors, ...erc20Errors] as const;

const vaultErrors = proceedsVaultAbi.filter((item) => item.type === "error");

/**
 * The registry's ABI plus the token's and the proceeds vault's errors: opening a lot's settlement also stops its
 * trading (the token) and opens its distribution (the vault, which checks the payment token and the treasury).
 */
export const lotRegistryAbiWithErrors = [...lotRegistryAbi, ...tokenErrors, ...vaultErrors] as const;

/**
 * The delivery escrow's ABI plus the token's errors (a request is refused by the token's rules as the units are
 * sent, a return by the holder's receiver rules) and the registry's (an unknown lot), for its calls.
 */
export const deliveryEscrowAbiWithErrors = [...deliveryEscrowAbi, ...tokenErrors, ...registryErrors] as const;

/**
 * The proceeds vault's ABI plus the token's (a redemption is a transfer of units to the vault) and ERC-20 (ERC-6093)
 * errors (the deposit pulled from the treasury), for its calls.
 */
export const proceedsVaultAbiWithErrors = [...proceedsVaultAbi, ...tokenErrors, ...erc20Errors] as const;

/**
 * The processing contract's ABI plus the registry's (a step consumes its inputs and registers its outputs there), the
 * token's (the outputs' units minted, delivered and burned) and the vault's (held units redeemed) errors, for its calls.
 */
export const lotProcessingAbiWithErrors = [...lotProcessingAbi, ...registryErrors, ...tokenErrors, ...vaultErrors] as const;

const registrarErrors = investorRegistrarAbi.filter((item) => item.type === "error");
const processingErrors = lotProcessingAbi.filter((item) => item.type === "error");
const offeringErrors = lotOfferingsAbi.filter((item) => item.type === "error");
const escrowErrors = deliveryEscrowAbi.filter((item) => item.type === "error");

/** Every custom error any platform contract declares, for decoding a revert whose origin is not known. */
export const platformErrors = [
  ...registryErrors,
  ...tokenErrors,
  ...registrarErrors,
  ...offeringErrors,
  ...vaultErrors,
  ...escrowErrors,
  ...processingErrors,
  ...erc20Errors,
] as const;
