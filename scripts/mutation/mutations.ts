/**
 * The mutations behind docs/threat-model.md: each reverts one mitigation the threat model claims, in our own code
 * (`contracts/`, `src/`, `scripts/cli/`, `ignition/`), by the smallest change that makes the claim false, and names the
 * one test the threat model cites for that claim, which must then fail. `npm run mutations` (scripts/mutation/run.ts)
 * applies them one at a time; test/docs/threat-model.test.ts checks, without a chain, that every `from` still occurs
 * exactly once in its file, that every named test is cited in the threat model, and that every section 1 to 12 has a
 * mutation.
 *
 * Sections the list leaves out, on purpose:
 * - Section 13 (operational faults: a node that stops, a receipt that never comes) claims nothing an attacker could
 *   undo by a change in one place: the CLI's fault reports are checked by test/faults/cli.test.ts as they are.
 * - Residual risks are, by definition, what no code stops: there is no mitigation to revert.
 *
 * Claims that rest on a mitigation with nothing of ours to revert, and so have no mutation:
 * - §1 "the admin cannot be granted directly" is OpenZeppelin's AccessControlDefaultAdminRules itself, not our code.
 * - §9 "an ERC-1155 receiver refusing units blocks only its own claim", §10 "a holder that refuses its returned units
 *   blocks only its own rejection" and §10 "a seller that sold before settlement gets nothing": the pull design has no
 *   shared loop or snapshot to break; each claim, rejection or position names one account.
 * - §11 "refundInstead is the investor's own": the function has no investor parameter (it acts on `msg.sender`).
 * - §6 "forcedTransfer leaves later ordinary transfers in the same rules": the forced context lives in transient
 *   storage and is cleared twice; the narrower claim that it never reaches the receiver's hook is mutated (§2).
 *
 * A mutation its test survived because it broke nothing the claim is about was replaced by one that does break it:
 * - §10 "acc x N <= deposited x 2^128": rounding the accumulator up breaks that bound but pays nobody more (the excess,
 *   N / 2^128 of a base unit, never reaches a whole one), and the reconciliation rightly survives it; the row's
 *   mutation rounds each position's entitlement up instead, which does create base units.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: every path below is relative to it. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface MutationTest {
  /** Which Hardhat test runner runs the test. */
  runner: "mocha" | "solidity";
  /** The test files to hand the runner (Hardhat's solidity runner only knows the artifacts of the files it is given). */
  files: string[];
  /** The test's exact title (mocha: the `it` title or its suite's, as docs/threat-model.md cites it; Solidity: the
   * test function's name). The runner escapes it into a regular expression. */
  grep: string;
}

export interface Mutation {
  /** A short kebab-case name, for `--only`. */
  id: string;
  /** The threat-model section ("§10 ...") and, in a few words, the claim this mutation makes false. */
  claim: string;
  /** The mutated file. */
  file: string;
  /** A snippet of `file` that must occur exactly once. */
  from: string;
  /** What replaces it: the mitigation removed or reverted. */
  to: string;
  /** The one test that must fail with the mutation in place. */
  test: MutationTest;
  /**
   * How the test reaches `file` when it does not run it from its source or from Hardhat's artifacts: "sdk", it deploys
   * with the SDK, whose bytecode is generated into src/generated/ (the runner compiles and regenerates it); "cli", it
   * runs the built `minerals` CLI in dist/ (the runner also rebuilds dist/). Both are restored afterwards.
   */
  through?: "sdk" | "cli";
}

/** How many times `snippet` occurs in `text` (a mutation applies only where its snippet occurs exactly once). */
export function occurrences(text: string, snippet: string): number {
  return snippet === "" ? 0 : text.split(snippet).length - 1;
}

const mocha = (file: string, grep: string): MutationTest => ({ runner: "mocha", files: [file], grep });
const solidity = (files: string[], grep: string): MutationTest => ({ runner: "solidity", files, grep });

/** The whole-platform campaign and the handler, actor and cheat-code files beside it. */
const CAMPAIGN = [
  "test/invariants/PlatformCampaign.t.sol",
  ...readdirSync(path.join(ROOT, "test/invariants/campaign"))
    .filter((name) => name.endsWith(".sol"))
    .sort()
    .map((name) => `test/invariants/campaign/${name}`),
];

const REGISTRY = "contracts/lots/LotRegistry.sol";
const TOKEN = "contracts/lots/LotToken.sol";
const COMPLIANCE = "contracts/compliance/LotCompliance.sol";
const REGISTRAR = "contracts/compliance/InvestorRegistrar.sol";
const OFFERINGS = "contracts/offerings/LotOfferings.sol";
const VAULT = "contracts/proceeds/ProceedsVault.sol";
const ESCROW = "contracts/delivery/DeliveryEscrow.sol";
const TRADES = "contracts/trades/LotTrades.sol";
const PROCESSING = "contracts/processing/LotProcessing.sol";

const SUPPLY_T = ["test/invariants/SupplyNeverExceedsAttested.t.sol"];
const ADMIN_TEST = "test/contracts/LotRegistry.admin.test.ts";
const ROLES_TEST = "test/contracts/Roles.test.ts";
const COMPLIANCE_ROLES_TEST = "test/contracts/Compliance.roles.test.ts";
const ENFORCEMENT_TEST = "test/contracts/Compliance.enforcement.test.ts";
const REGISTRY_TEST = "test/contracts/Compliance.registry.test.ts";
const LIFECYCLE_TEST = "test/contracts/Offerings.lifecycle.test.ts";
const INTEGRATION_TEST = "test/contracts/Offerings.integration.test.ts";
const HOSTILE_OFFERINGS_TEST = "test/contracts/Offerings.hostile.test.ts";
const TRADES_TEST = "test/contracts/Trades.test.ts";
const VAULT_TEST = "test/contracts/Proceeds.vault.test.ts";
const HOSTILE_VAULT_TEST = "test/contracts/Proceeds.hostile.test.ts";
const PROCEEDS_TEST = "test/contracts/Proceeds.integration.test.ts";
const DELIVERY_TEST = "test/contracts/Delivery.escrow.test.ts";
const BINDINGS_TEST = "test/contracts/LotRegistry.bindings.test.ts";
const STEPS_TEST = "test/contracts/Processing.steps.test.ts";
const CONVERSION_TEST = "test/contracts/Processing.conversion.test.ts";

export const MUTATIONS: Mutation[] = [
  // ------------------------------------------------------------------ §1 role compromise
  {
    id: "admin-handover-without-delay",
    claim: "§1 default admin: handing the admin role over waits out a delay",
    file: REGISTRY,
    from: "AccessControlDefaultAdminRules(adminTransferDelay, admin) {}",
    to: "AccessControlDefaultAdminRules(0, admin) {}",
    test: mocha(ADMIN_TEST, "acceptDefaultAdminTransfer reverts before the delay has passed"),
  },
  {
    id: "admin-holds-issuer-role",
    claim: "§1 default admin: the admin holds no operating role",
    file: REGISTRY,
    from: "AccessControlDefaultAdminRules(adminTransferDelay, admin) {}",
    to: "AccessControlDefaultAdminRules(adminTransferDelay, admin) {\n        _grantRole(ISSUER_ROLE, admin);\n    }",
    test: mocha(ADMIN_TEST, "the default admin holds none of the operating roles"),
  },
  {
    id: "registrar-bound-twice",
    claim: "§1 default admin: contracts are bound once (bindRegistrar)",
    file: COMPLIANCE,
    from: "if (registrar != address(0) || registrar_ == address(0)) revert RegistrarAlreadyBound(registrar);",
    to: "if (registrar_ == address(0)) revert RegistrarAlreadyBound(registrar);",
    test: mocha("test/contracts/InvestorRegistrar.binding.test.ts", "bindRegistrar reverts with RegistrarAlreadyBound when a registrar is already bound"),
  },
  {
    id: "mint-beyond-attestation",
    claim: "§1 ISSUER: minting is capped per lot by the custodian's attestation (secure mint)",
    file: REGISTRY,
    from: "if (amount > available) revert MintExceedsAttested(lotId, amount, available);",
    to: "",
    test: mocha("test/contracts/LotToken.test.ts", "mint reverts when it would exceed the attested quantity, naming the request and what is left"),
  },
  {
    id: "mint-to-unregistered-wallet",
    claim: "§1 ISSUER: units are minted only to registered, eligible wallets",
    file: COMPLIANCE,
    from: "if (m.hasReceiver && m.context != CONTEXT_RETURN) {",
    to: "if (m.hasReceiver && m.context != CONTEXT_RETURN && m.hasSender) {",
    test: solidity(SUPPLY_T, "test_mintToUnregisteredWalletIsRefused"),
  },
  {
    id: "attestation-beyond-payable",
    claim: "§1 ASSAYER: the payable quantity caps what a custodian may attest",
    file: REGISTRY,
    from: "if (attestedQuantity > ceiling) revert AttestationExceedsPayable(lotId, attestedQuantity, ceiling);",
    to: "",
    test: mocha("test/contracts/LotRegistry.validation.test.ts", "attestCustody reverts when the attested quantity exceeds the payable quantity by one unit"),
  },
  {
    id: "any-custodian-attests",
    claim: "§1 CUSTODIAN: only the lot's own custodian attests or dispatches (NotLotCustodian)",
    file: REGISTRY,
    from: "if (msg.sender != lot.custodian || !hasRole(CUSTODIAN_ROLE, msg.sender)) {",
    to: "if (!hasRole(CUSTODIAN_ROLE, msg.sender)) {",
    test: mocha(ROLES_TEST, "LotRegistry.attestCustody (re-attesting a warehoused lot)"),
  },
  {
    id: "recalled-lot-mints",
    claim: "§1 CUSTODIAN: a recalled lot mints nothing until re-attested",
    file: REGISTRY,
    from: "_awaitingAttestation[lotId] = true;\n",
    to: "",
    test: solidity(SUPPLY_T, "testFuzz_recallBlocksMintsUntilReattested"),
  },
  {
    id: "attestation-below-minted",
    claim: "§1 CUSTODIAN: an attestation below what is minted is refused",
    file: REGISTRY,
    from: "if (attestedQuantity < floor) revert AttestationBelowMinted(lotId, attestedQuantity, floor);",
    to: "",
    test: mocha(DELIVERY_TEST, "after a delivery the custodian attests what it holds without inflating it, and capacity never comes back"),
  },
  {
    id: "claim-released-to-ineligible-wallet",
    claim: "§1 COMPLIANCE: a released claim goes to another eligible wallet",
    file: OFFERINGS,
    from: "if (to == address(0) || to == investor || to == address(this) || !token.canReceive(to)) {",
    to: "if (to == address(0) || to == investor || to == address(this)) {",
    test: mocha(LIFECYCLE_TEST, "releaseClaim (compliance settles a frozen or lost investor's claim)"),
  },
  {
    id: "offering-treasury-without-role",
    claim: "§1 TREASURY: an offering's treasury must hold the role when the offering is created",
    file: OFFERINGS,
    from: "if (!registry.hasRole(Roles.TREASURY, terms.treasury)) revert TreasuryLacksRole(terms.treasury);",
    to: "",
    test: mocha(LIFECYCLE_TEST, "createOffering reverts when the treasury does not hold TREASURY_ROLE"),
  },
  {
    id: "proceeds-withdrawn-twice",
    claim: "§1 TREASURY: an offering's proceeds are pulled once (withdrawProceeds)",
    file: OFFERINGS,
    from: "st.proceedsWithdrawn = st.proceedsReleased;",
    to: "",
    test: mocha(LIFECYCLE_TEST, "withdrawProceeds reverts when nothing was released or all was withdrawn"),
  },
  {
    id: "any-treasury-deposits",
    claim: "§1 TREASURY: only the treasury a lot's settlement named deposits, finalises or sweeps (also §10)",
    file: VAULT,
    from: "if (msg.sender != treasury || !_hasRole(Roles.TREASURY, msg.sender)) {",
    to: "if (!_hasRole(Roles.TREASURY, msg.sender)) {",
    test: mocha(VAULT_TEST, "another treasury account cannot deposit for, nor end, a lot whose settlement named a different treasury"),
  },
  {
    id: "treasury-without-role-deposits",
    claim: "§1 TREASURY: the lot's treasury acts only while it holds TREASURY_ROLE",
    file: VAULT,
    from: "if (msg.sender != treasury || !_hasRole(Roles.TREASURY, msg.sender)) {",
    to: "if (msg.sender != treasury) {",
    test: mocha(VAULT_TEST, "the lot's treasury account that lost TREASURY_ROLE can no longer deposit"),
  },
  {
    id: "pause-without-role",
    claim: "§1 PAUSER: only the pauser stops movements",
    file: COMPLIANCE,
    from: "_checkRole(Roles.PAUSER);\n        _pause();",
    to: "_pause();",
    test: mocha(COMPLIANCE_ROLES_TEST, "LotToken.pause"),
  },
  {
    id: "pause-stops-forced-transfers",
    claim: "§1 PAUSER: forced transfers still work while paused",
    file: COMPLIANCE,
    from: "m.paused = context != CONTEXT_FORCED && paused();",
    to: "m.paused = paused();\n        if (m.paused) revert EnforcedPause();",
    test: mocha(ENFORCEMENT_TEST, "forcedTransfer of the whole balance of a frozen account during a pause, a hold and a lock-up"),
  },
  {
    id: "close-mints-beyond-hard-cap",
    claim: "§1 offerings contract: close mints at most the hard cap",
    file: OFFERINGS,
    from: "uint256 minted = failed ? 0 : Math.min(total, t.hardCap);",
    to: "uint256 minted = failed ? 0 : total;",
    test: mocha(LIFECYCLE_TEST, "claim delivers floor(requested x hardCap / totalRequested) and refunds the rest, paid = allocated x price + refund to the base unit"),
  },
  {
    id: "offerings-contract-not-platform",
    claim: "§1 offerings contract: deployed as a platform account (it mints to itself) holding ISSUER_ROLE",
    file: "ignition/modules/Minerals.ts",
    from: 'm.call(registrar, "setPlatformAccount", [offerings, true]',
    to: 'm.call(registrar, "setPlatformAccount", [offerings, false]',
    test: mocha("test/ignition/minerals-module.test.ts", "deploys the offerings contract as a platform account holding ISSUER_ROLE"),
  },

  // ------------------------------------------------------------------ §2 reentrancy
  {
    id: "offering-claim-reentrant",
    claim: "§2 LotOfferings.claim is nonReentrant",
    file: OFFERINGS,
    from: "function claim(uint256 offeringId, address investor) external nonReentrant {",
    to: "function claim(uint256 offeringId, address investor) external {",
    test: mocha(HOSTILE_OFFERINGS_TEST, "a payment token reentering claim during a refund cannot claim twice, and the other investor still claims"),
  },
  {
    id: "trade-take-reentrant",
    claim: "§2 LotTrades.take is nonReentrant",
    file: TRADES,
    from: "function take(uint256 offerId) external nonReentrant {",
    to: "function take(uint256 offerId) external {",
    test: mocha(TRADES_TEST, "a payment token reentering take during the payment cannot settle a second offer"),
  },
  {
    id: "forced-context-reaches-hook",
    claim: "§2 a forced transfer's context does not extend to a receiver's hook (also §6: it covers that movement only)",
    file: COMPLIANCE,
    from: "if (context != CONTEXT_ORDINARY) _context = CONTEXT_ORDINARY;",
    to: "",
    test: mocha(ENFORCEMENT_TEST, "a receiver's ERC-1155 hook cannot ride a forced transfer: its own transfer during a pause is refused"),
  },

  // ------------------------------------------------------------------ §3 front-running an offering's close
  {
    id: "subscribe-at-window-end",
    claim: "§3 subscriptions are refused from the window's end",
    file: OFFERINGS,
    from: "if (block.timestamp >= t.end) revert SubscriptionEnded(offeringId, t.end);\n        if (units == 0)",
    to: "if (block.timestamp > t.end) revert SubscriptionEnded(offeringId, t.end);\n        if (units == 0)",
    test: mocha(LIFECYCLE_TEST, "subscribe reverts before the window opens and from its end"),
  },
  {
    id: "reduce-after-window-end",
    claim: "§3 reductions and cancellations are refused from the window's end",
    file: OFFERINGS,
    from: "if (block.timestamp >= t.end) revert SubscriptionEnded(offeringId, t.end);\n        uint256 requested = sub.requested;",
    to: "uint256 requested = sub.requested;",
    test: mocha(LIFECYCLE_TEST, "reduce and cancel revert from the end of the window and after close"),
  },
  {
    id: "issuer-closes-before-end",
    claim: "§3 close is refused to the issuer before the end of the window",
    file: OFFERINGS,
    from: "registry.hasRole(Roles.ISSUER, msg.sender) ? t.end : t.end + GRACE_PERIOD;",
    to: "registry.hasRole(Roles.ISSUER, msg.sender) ? t.start : t.end + GRACE_PERIOD;",
    test: mocha(LIFECYCLE_TEST, "close by the issuer reverts before the end and succeeds from it"),
  },
  {
    id: "anyone-closes-without-grace",
    claim: "§3 anyone else closes only from the end plus GRACE_PERIOD",
    file: OFFERINGS,
    from: "registry.hasRole(Roles.ISSUER, msg.sender) ? t.end : t.end + GRACE_PERIOD;",
    to: "registry.hasRole(Roles.ISSUER, msg.sender) ? t.end : t.end;",
    test: mocha(LIFECYCLE_TEST, "close by anyone else reverts until the end plus the grace period, then succeeds"),
  },
  {
    id: "maximum-ticket-per-wallet",
    claim: "§3 maxTicket bounds one subscriber, counted across its linked wallets (also §11)",
    file: OFFERINGS,
    from: "investorRequested = _investorRequests[offeringId][investorId].requested + units;",
    to: "investorRequested = requested;",
    test: mocha(INTEGRATION_TEST, "the maximum ticket counts an investor's linked wallets together"),
  },
  {
    id: "front-run-permit-blocks-subscription",
    claim: "§3 a permit front-run by someone else does not block the subscription",
    file: OFFERINGS,
    from: "try IERC20Permit(address(t.paymentToken)).permit(msg.sender, address(this), payment, deadline, v, r, s) {}\n            catch {}",
    to: "IERC20Permit(address(t.paymentToken)).permit(msg.sender, address(this), payment, deadline, v, r, s);",
    test: mocha(LIFECYCLE_TEST, "subscribeWithPermit still subscribes when someone front-ran the permit"),
  },

  // ------------------------------------------------------------------ §4 stale or manipulated prices (SDK and feed)
  {
    id: "stale-price-marked-fresh",
    claim: "§4 getPrices marks a price older than maxAgeSeconds as stale",
    file: "src/actions/valuation/getPrices.ts",
    from: 'status: ageSeconds > maxAgeSeconds ? "stale" : "fresh",',
    to: 'status: "fresh",',
    test: mocha("test/sdk/valuation.test.ts", "a price older than the staleness bound is stale and never used to value"),
  },
  {
    id: "staleness-by-wall-clock",
    claim: "§4 staleness is judged by the chain's clock",
    file: "src/actions/valuation/getPrices.ts",
    from: "getBlock(client).then((b) => new Date(Number(b.timestamp) * 1000))",
    to: "Promise.resolve(new Date())",
    test: mocha("test/sdk/valuation.test.ts", "a price older than the staleness bound is stale and never used to value"),
  },
  {
    id: "missing-feed-is-an-error",
    claim: "§4 a mineral without a feed reads as no price, not an error",
    file: "src/actions/valuation/getPrices.ts",
    from: "return feed ? [{ commodity, feed }] : [];",
    to: "return [{ commodity, feed: feed! }];",
    test: mocha("test/sdk/valuation.test.ts", "a mineral without a feed reads as no price, not an error"),
  },
  {
    id: "feed-accepts-zero",
    claim: "§4 a feed refuses a zero or negative answer",
    file: "contracts/mocks/MockPriceFeed.sol",
    from: "if (answer <= 0) revert MockPriceFeedInvalidAnswer(answer);",
    to: "if (answer < 0) revert MockPriceFeedInvalidAnswer(answer);",
    test: mocha("test/contracts/MockPriceFeed.test.ts", "updateAnswer reverts when the price is zero or negative"),
  },
  {
    id: "feed-updated-by-anyone",
    claim: "§4 only a feed's operator updates it",
    file: "contracts/mocks/MockPriceFeed.sol",
    from: "function updateAnswer(int256 answer) external onlyOwner {",
    to: "function updateAnswer(int256 answer) external {",
    test: mocha("test/contracts/MockPriceFeed.test.ts", "updateAnswer reverts when called by anyone but the operator"),
  },

  // ------------------------------------------------------------------ §5 rounding
  {
    id: "payment-rounded-down",
    claim: "§5 an investor's payment is rounded up (paymentUp)",
    file: "contracts/offerings/OfferingMathLib.sol",
    from: "Math.mulDiv(units, priceAmount, priceUnit, Math.Rounding.Ceil)",
    to: "Math.mulDiv(units, priceAmount, priceUnit, Math.Rounding.Floor)",
    test: mocha(LIFECYCLE_TEST, "claim delivers floor(requested x hardCap / totalRequested) and refunds the rest, paid = allocated x price + refund to the base unit"),
  },
  {
    id: "allocation-rounded-up",
    claim: "§5 allocations are rounded down (allocationDown): the offering holds exactly what it owes",
    file: "contracts/offerings/OfferingMathLib.sol",
    from: "Math.mulDiv(requested, capacity, totalRequested)",
    to: "Math.mulDiv(requested, capacity, totalRequested, Math.Rounding.Ceil)",
    test: solidity(["test/fuzz/OfferingAccounting.t.sol", "test/fuzz/OfferingActor.sol"], "testFuzz_offeringAccounting_reconcilesToTheLastBaseUnit"),
  },
  {
    id: "reduction-refunds-too-much",
    claim: "§5 a reduction refunds the difference of rounded-up payments, so a cycle cannot gain",
    file: OFFERINGS,
    from: "uint256 paid = OfferingMathLib.paymentUp(newRequested, t.priceAmount, t.priceUnit);",
    to: "uint256 paid = newRequested * t.priceAmount / t.priceUnit;",
    test: mocha(LIFECYCLE_TEST, "reduce lowers the request and refunds the difference of the rounded-up payments"),
  },
  {
    id: "payable-rounded-up",
    claim: "§5 lot quantities derive rounded down (deriveQuantitiesDown)",
    file: "contracts/lots/LotMathLib.sol",
    from: "payable_ = uint128((containedBase * payableBps) / BPS);",
    to: "payable_ = uint128((containedBase * payableBps + BPS - 1) / BPS);",
    test: solidity(["test/fuzz/LotMath.t.sol"], "testFuzz_deriveQuantitiesDown_staysWithinDryMassAndRoundsDown"),
  },
  {
    id: "sdk-rounds-silently",
    claim: "§5 the SDK refuses an amount finer than a lot's base unit unless a rounding mode is given",
    file: "src/units/quantity.ts",
    from: "return divRound(amount.digits * numerator, denominator * pow10(amount.decimals) * baseMg, rounding);",
    to: 'return divRound(amount.digits * numerator, denominator * pow10(amount.decimals) * baseMg, rounding === "exact" ? "down" : rounding);',
    test: mocha("test/badinput/cli.test.ts", "an amount finer than the unit's precision (0.0001 t of copper, kept in kg)"),
    through: "cli",
  },

  // ------------------------------------------------------------------ §6 forced-transfer abuse
  {
    id: "forced-transfer-by-anyone",
    claim: "§6 forced transfers are COMPLIANCE only",
    file: COMPLIANCE,
    from: "private {\n        _checkRole(Roles.COMPLIANCE);",
    to: "private {",
    test: mocha(COMPLIANCE_ROLES_TEST, "LotToken.forcedTransfer"),
  },
  {
    id: "forced-transfer-to-unregistered",
    claim: "§6 a forced transfer's receiver must be a registered, not-removed wallet",
    file: COMPLIANCE,
    from: "if (m.hasReceiver && m.context != CONTEXT_RETURN) {",
    to: "if (m.hasReceiver && m.context != CONTEXT_RETURN && m.context != CONTEXT_FORCED) {",
    test: mocha(ENFORCEMENT_TEST, "forcedTransfer to a wallet that is not registered reverts even with the sender's units frozen"),
  },
  {
    id: "forced-transfer-of-zero",
    claim: "§6 zero forced transfers are refused",
    file: COMPLIANCE,
    from: "if (amount == 0) revert ZeroForcedTransfer(from, to, lotId);",
    to: "",
    test: mocha(ENFORCEMENT_TEST, "forcedTransfer of zero units reverts with ZeroForcedTransfer and leaves a freeze above the balance"),
  },
  {
    id: "forced-transfer-to-self",
    claim: "§6 forced self-transfers are refused",
    file: COMPLIANCE,
    from: "if (from == to) revert ERC7943CannotTransfer(from, to, lotId, amount);",
    to: "",
    test: mocha(ENFORCEMENT_TEST, "forcedTransfer reverts from a wallet to itself, and leaves the frozen amount alone"),
  },
  {
    id: "forced-transfer-silent-unfreeze",
    claim: "§6 frozen units are unfrozen first, with a Frozen event",
    file: COMPLIANCE,
    from: "emit Frozen(from, lotId, newFrozen);",
    to: "",
    test: mocha(ENFORCEMENT_TEST, "forcedTransfer of frozen units first lowers the frozen amount, emitting Frozen before TransferSingle"),
  },
  {
    id: "forced-transfer-without-reason-event",
    claim: "§6 a forced transfer with a reason emits ForcedTransferReason",
    file: COMPLIANCE,
    from: "emit ForcedTransferReason(from, to, lotId, amount, reason);",
    to: "",
    test: mocha(ENFORCEMENT_TEST, "forcedTransferWithReason emits ForcedTransferReason with the legal ground after ForcedTransfer"),
  },

  // ------------------------------------------------------------------ §7 eligibility statement replay
  {
    id: "statement-replayed",
    claim: "§7 each statement's digest is spent once",
    file: REGISTRAR,
    from: "if (_spent[digest]) revert EligibilitySpent(digest);",
    to: "",
    test: mocha(REGISTRY_TEST, "a statement cannot be submitted twice: the replay reverts with EligibilitySpent"),
  },
  {
    id: "cancelled-statement-usable",
    claim: "§7 an officer can cancel a signed statement",
    file: REGISTRAR,
    from: "_spent[digest] = true;\n        emit EligibilityCancelled(e.wallet, digest);",
    to: "emit EligibilityCancelled(e.wallet, digest);",
    test: mocha("test/sdk/investors.test.ts", "cancelEligibility makes a signed statement unusable and returns its digest"),
    through: "sdk",
  },
  {
    id: "superseded-statement-accepted",
    claim: "§7 a statement issued before the registry's latest decision is refused (EligibilitySuperseded)",
    file: REGISTRAR,
    from: "if (decidedAt > e.issuedAt) revert EligibilitySuperseded(e.wallet, investorId, e.issuedAt, decidedAt);",
    to: "",
    test: mocha(REGISTRY_TEST, "a statement signed before a downgrade by updateInvestor is refused after it, and the downgrade stands"),
  },
  {
    id: "statements-ordered-by-second",
    claim: "§7 statements are ordered by the sequence the officer signs (EligibilityOutOfOrder)",
    file: REGISTRAR,
    from: "if (e.sequence <= latest) revert EligibilityOutOfOrder(e.wallet, investorId, e.sequence, latest);",
    to: "",
    test: mocha(REGISTRY_TEST, "of two statements issued in the same second, the correction (the higher sequence) wins whatever the order they are submitted in"),
  },
  {
    id: "expired-statement-accepted",
    claim: "§7 a statement carries a deadline",
    file: REGISTRAR,
    from: "if (block.timestamp > e.deadline) revert EligibilityExpired(e.deadline);",
    to: "",
    test: mocha(REGISTRY_TEST, "a statement submitted one second after its deadline reverts with EligibilityExpired"),
  },
  {
    id: "statement-bound-to-registry",
    claim: "§7 the EIP-712 domain binds a statement to this registrar (the mutation binds it to the registry's address)",
    file: REGISTRAR,
    from: "return _hashTypedDataV4(keccak256(abi.encode(ELIGIBILITY_TYPEHASH, e)));",
    to: [
      "bytes32 domain = keccak256(abi.encode(keccak256(\"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)\"), keccak256(\"Mineral Lots Investor Registrar\"), keccak256(\"1\"), block.chainid, address(registry)));",
      "        return keccak256(abi.encodePacked(\"\\x19\\x01\", domain, keccak256(abi.encode(ELIGIBILITY_TYPEHASH, e))));",
    ].join("\n"),
    test: mocha(REGISTRY_TEST, "a statement signed for another token (domain) reverts"),
  },
  {
    id: "revoked-officer-signs",
    claim: "§7 the signer must hold COMPLIANCE_ROLE now",
    file: REGISTRAR,
    from: "if (!_hasRole(Roles.COMPLIANCE, signer)) revert InvalidEligibilitySigner(signer);",
    to: "if (signer == address(0)) revert InvalidEligibilitySigner(signer);",
    test: mocha(REGISTRY_TEST, "a statement signed by an officer whose COMPLIANCE_ROLE was revoked reverts"),
  },

  // ------------------------------------------------------------------ §8 a malicious payment token
  {
    id: "subscribe-accepts-fee-token",
    claim: "§8 subscribe measures the balance received (PaymentTokenTakesFee)",
    file: OFFERINGS,
    from: "if (received != payment) revert PaymentTokenTakesFee(paymentToken, payment, received);",
    to: "",
    test: mocha(HOSTILE_OFFERINGS_TEST, "subscribe reverts when the payment token takes a fee on transfer"),
  },
  {
    id: "take-accepts-fee-token",
    claim: "§8 take measures what the seller received (PaymentTokenTakesFee)",
    file: TRADES,
    from: "if (received != price) revert PaymentTokenTakesFee(paymentToken, price, received);",
    to: "",
    test: mocha(TRADES_TEST, "take reverts, moving no units, when the payment token takes a fee on transfer"),
  },
  {
    id: "refund-ignores-false-return",
    claim: "§8 payments go through SafeERC20: a token that returns false is refused",
    file: OFFERINGS,
    from: "if (refund != 0) t.paymentToken.safeTransfer(to, refund);",
    to: "if (refund != 0) t.paymentToken.transfer(to, refund);",
    test: mocha(HOSTILE_OFFERINGS_TEST, "subscribe and claim revert, changing nothing, while the payment token returns false"),
  },
  {
    id: "trade-token-not-a-contract",
    claim: "§8 a trade's payment token must be a contract",
    file: TRADES,
    from: "if (address(paymentToken).code.length == 0) revert InvalidPaymentToken(address(paymentToken));",
    to: "",
    test: mocha(TRADES_TEST, "createOffer reverts when the payment token is not a contract"),
  },
  {
    id: "check-take-reverts",
    claim: "§8 checkTake never reverts on a payment token's failing view",
    file: TRADES,
    from: "if (_readUint(paymentToken, abi.encodeCall(IERC20.balanceOf, (buyer))) < offer.price) {",
    to: "if (offer.paymentToken.balanceOf(buyer) < offer.price) {",
    test: mocha(TRADES_TEST, "checkTake does not revert when the payment token's views revert"),
  },

  // ------------------------------------------------------------------ §9 DvP trade griefing
  {
    id: "take-pays-without-units",
    claim: "§9 take moves both legs in one transaction or neither",
    file: TRADES,
    from: 'token.safeTransferFrom(seller, msg.sender, lotId, amount, "");',
    to: 'try token.safeTransferFrom(seller, msg.sender, lotId, amount, "") {} catch {}',
    test: mocha(TRADES_TEST, "take reverts, moving no payment, when the buyer is not a verified investor"),
  },
  {
    id: "offer-never-expires",
    claim: "§9 offers expire",
    file: TRADES,
    from: "if (block.timestamp >= offer.expiry) revert OfferExpired(offerId, offer.expiry);",
    to: "",
    test: mocha(TRADES_TEST, "take reverts when the offer has expired, and succeeds one second before"),
  },
  {
    id: "offer-taken-by-anyone",
    claim: "§9 an offer can name its buyer",
    file: TRADES,
    from: "if (offer.buyer != address(0) && offer.buyer != msg.sender) revert NotNamedBuyer(offerId, offer.buyer, msg.sender);",
    to: "",
    test: mocha(TRADES_TEST, "take reverts when the offer names another buyer, and the named buyer takes it"),
  },
  {
    id: "offer-cancelled-by-anyone",
    claim: "§9 only the seller cancels an offer",
    file: TRADES,
    from: "if (offer.seller != msg.sender) revert NotSeller(offerId, msg.sender);",
    to: "",
    test: mocha(TRADES_TEST, "cancelOffer reverts when anyone but the seller asks, whatever role it holds"),
  },

  // ------------------------------------------------------------------ §10 proceeds vault
  {
    id: "vault-claim-reentrant",
    claim: "§10 vault: claim is nonReentrant",
    file: VAULT,
    from: "function claim(uint256 lotId) external nonReentrant returns (uint256 amount) {",
    to: "function claim(uint256 lotId) external returns (uint256 amount) {",
    test: mocha(HOSTILE_VAULT_TEST, "a payment token that reenters claim while paying a holder cannot pay it twice, and the others are paid in full"),
  },
  {
    id: "vault-forgets-what-it-paid",
    claim: "§10 vault: a position's paid is updated before paying, so nobody is paid twice",
    file: VAULT,
    from: "position.paid = uint128(paid + amount);\n",
    to: "",
    test: mocha(HOSTILE_VAULT_TEST, "a holder contract that claims twice in one call is paid once, and the others are paid in full"),
  },
  {
    id: "vault-accepts-fee-token",
    claim: "§10 vault: a deposit's balance delta must equal the amount",
    file: VAULT,
    from: "if (received != amount) revert PaymentTokenTakesFee(address(paymentToken), amount, received);",
    to: "",
    test: mocha(VAULT_TEST, "deposit reverts with a fee-on-transfer token, measured by the vault's balance"),
  },
  {
    id: "frozen-holder-claims",
    claim: "§10 vault: claims refuse a frozen account",
    file: VAULT,
    from: "if (claimant.frozen) revert ClaimantFrozen(lotId, msg.sender);",
    to: "",
    test: mocha(VAULT_TEST, "a holder frozen after redeeming cannot claim later payments until the freeze is lifted"),
  },
  {
    id: "forced-redemption-credited",
    claim: "§10 vault: only the holder (or its approved operator) redeems",
    file: VAULT,
    from: "} else if (operator != from && !token.isApprovedForAll(from, operator)) {\n            revert RedemptionNotByHolder(lotId, from, operator);\n        }",
    to: "}",
    test: mocha(VAULT_TEST, "a forced transfer of a frozen holder's units into the vault is refused: a redemption is the holder's own act"),
  },
  {
    id: "position-released-without-its-payments",
    claim: "§10 vault: a released position carries what was paid with it",
    file: VAULT,
    from: "target.paid += uint128(paid);",
    to: "",
    test: mocha(VAULT_TEST, "releasePosition (compliance moves a frozen or lost holder's position)"),
  },
  {
    id: "platform-account-redeems",
    claim: "§10 vault: platform accounts cannot redeem",
    file: VAULT,
    from: "if (token.getInvestor(from).platform) {",
    to: "if (token.getInvestor(from).platform && from == registry.processing()) {",
    test: mocha(VAULT_TEST, "units a platform account hands to the vault are refused: nobody could ever claim them"),
  },
  {
    id: "sweep-takes-unredeemed-shares",
    claim: "§10 vault: only what no unit, redeemed or not, can claim is sweepable",
    file: VAULT,
    from: "uint256 alive = token.totalSupply(lotId) + p.redeemedUnits;",
    to: "uint256 alive = p.redeemedUnits;",
    test: mocha(PROCEEDS_TEST, "the dust sweep never leaves a holder short: swept before the last holder redeems, the last claimer is paid in full"),
  },
  {
    id: "retire-before-notice",
    claim: "§10 vault: a lot with units outstanding retires only after the notice period",
    file: VAULT,
    from: "return outstanding == 0 || block.timestamp >= uint256(p.finalAt) + noticePeriod;",
    to: "return outstanding == 0 || block.timestamp >= uint256(p.finalAt);",
    test: mocha(PROCEEDS_TEST, "retirement is refused before the notice period, allowed after it, and a late holder still redeems and claims"),
  },
  {
    id: "retire-with-positions-unpaid",
    claim: "§10 vault: a lot whose holders redeemed waits for its final payment (also §1 ISSUER)",
    file: VAULT,
    from: "if (outstanding == 0 && p.redeemedUnits == 0 && p.deposited == 0) return true;",
    to: "if (outstanding == 0) return true;",
    test: mocha(VAULT_TEST, "retireLot reverts with ProceedsPending when every holder redeemed before any deposit: their positions wait for the payment"),
  },
  {
    id: "entitlement-rounded-up",
    claim: "§10 vault: rounding never creates a base unit (each position is owed floor(units x acc / 2^128))",
    file: VAULT,
    from: "return Math.mulDiv(units, acc, MAGNITUDE);",
    to: "return Math.mulDiv(units, acc, MAGNITUDE, Math.Rounding.Ceil);",
    test: solidity(["test/invariants/ProceedsAccounting.t.sol", "test/invariants/ProceedsActor.sol"], "testFuzz_proceedsSequences_reconcileToTheLastBaseUnit"),
  },
  {
    id: "treasury-replaced-by-anyone",
    claim: "§10 vault: only the admin names another treasury for a lot (replaceLotTreasury)",
    file: VAULT,
    from: "function replaceLotTreasury(uint256 lotId, address treasury) external onlyRole(Roles.DEFAULT_ADMIN) {",
    to: "function replaceLotTreasury(uint256 lotId, address treasury) external {",
    test: mocha(VAULT_TEST, "replaceLotTreasury (a lost or compromised treasury key)"),
  },

  // ------------------------------------------------------------------ §10 delivery escrow
  {
    id: "previous-custodian-confirms",
    claim: "§10 delivery: only the lot's current custodian confirms or rejects",
    file: ESCROW,
    from: "if (lot.custodian != msg.sender) revert NotLotCustodian(requestId, lotId, msg.sender, lot.custodian);",
    to: "",
    test: mocha(DELIVERY_TEST, "confirmDelivery follows the lot's current custodian after the lot moves to another warehouse"),
  },
  {
    id: "request-decided-twice",
    claim: "§10 delivery: a request is decided once (RequestNotPending)",
    file: ESCROW,
    from: "if (request.status != DeliveryStatus.Pending) revert RequestNotPending(requestId, request.status);",
    to: "",
    test: mocha(DELIVERY_TEST, "confirmDelivery reverts with RequestNotPending when the request was already decided"),
  },
  {
    id: "cancel-delivery-reentrant",
    claim: "§10 delivery: cancelDelivery is nonReentrant",
    file: ESCROW,
    from: "function cancelDelivery(uint256 requestId) external nonReentrant {",
    to: "function cancelDelivery(uint256 requestId) external {",
    test: mocha(DELIVERY_TEST, "a holder reentering cancelDelivery while its units come back cannot get them twice"),
  },
  {
    id: "frozen-holder-exits",
    claim: "§10 delivery: a frozen holder cannot escape its freeze through delivery (the token's rules bind the request)",
    file: COMPLIANCE,
    from: "if (m.sender.frozen()) return Reason.SenderFrozen;",
    to: "",
    test: mocha(DELIVERY_TEST, "a frozen holder cannot request delivery"),
  },
  {
    id: "frozen-units-leave",
    claim: "§10 delivery: frozen units cannot be sent for delivery",
    file: COMPLIANCE,
    from: "if (m.sender.frozenLots() != 0 && m.fromAfter < _frozenUnits[m.lotId][m.from]) {\n                return Reason.InsufficientUnfrozenBalance;\n            }",
    to: "",
    test: mocha(DELIVERY_TEST, "frozen units cannot be sent for delivery"),
  },
  {
    id: "delivery-requested-while-settling",
    claim: "§10 delivery: requests are refused once trading stops",
    file: ESCROW,
    from: "if (token.getLotRules(lotId).tradingStopped) revert LotTradingStopped(lotId);",
    to: "",
    test: mocha(DELIVERY_TEST, "reverts with LotTradingStopped when the lot is settling"),
  },
  {
    id: "confirm-outside-warehouse",
    claim: "§10 delivery: confirm needs a warehoused lot (not in transit, not settling)",
    file: ESCROW,
    from: "if (state != LotState.Warehoused) revert LotNotWarehoused(request.lotId, state);",
    to: "",
    test: mocha(DELIVERY_TEST, "confirmDelivery reverts while the lot is in transit: the dispatching custodian no longer holds the metal"),
  },
  {
    id: "confirm-for-frozen-holder",
    claim: "§10 delivery: confirm refuses a holder frozen after its request",
    file: ESCROW,
    from: "if (token.getInvestor(holder).frozen) revert DeliveryHolderFrozen(requestId, holder);",
    to: "",
    test: mocha(DELIVERY_TEST, "confirmDelivery reverts while the holder's account is frozen, even when the freeze came after the request"),
  },
  {
    id: "confirm-frozen-units",
    claim: "§10 delivery: confirm refuses units frozen beyond the holder's wallet",
    file: ESCROW,
    from: "if (frozen > balance) revert DeliveryUnitsFrozen(requestId, holder, frozen, balance);",
    to: "",
    test: mocha(DELIVERY_TEST, "confirmDelivery reverts while units frozen for the holder reach into the request's units"),
  },
  {
    id: "delivery-not-recorded",
    claim: "§10 delivery: delivered metal is recorded apart from units minted",
    file: REGISTRY,
    from: "lot.deliveredQuantity = delivered;",
    to: "",
    test: mocha(DELIVERY_TEST, "confirmDelivery records the metal that left: the delivered quantity grows, the attestation falls, mint capacity stays"),
  },
  {
    id: "delivered-metal-attested-again",
    claim: "§10 delivery: attestations are bounded by payable less delivered",
    file: REGISTRY,
    from: "uint256 ceiling = lot.payableQuantity - lot.deliveredQuantity;",
    to: "uint256 ceiling = lot.payableQuantity;",
    test: mocha(DELIVERY_TEST, "after a delivery the custodian attests what it holds without inflating it, and capacity never comes back"),
  },
  {
    id: "rejection-checks-the-receiver",
    claim: "§10 delivery: a rejection returns the holder's own units without its receiver checks",
    file: ESCROW,
    from: "emit DeliveryRejected(requestId, lotId, msg.sender, holder, amount, reason);\n        token.returnUnits(holder, lotId, amount);",
    to: 'emit DeliveryRejected(requestId, lotId, msg.sender, holder, amount, reason);\n        token.safeTransferFrom(address(this), holder, lotId, amount, "");',
    test: mocha(DELIVERY_TEST, "rejectDelivery gives a holder whose KYC lapsed since its request its units back: the exit guarantee holds"),
  },
  {
    id: "return-ignores-pause",
    claim: "§10 delivery: a returned request still waits for a pause or a hold",
    file: COMPLIANCE,
    from: "if (m.context != CONTEXT_FORCED) {\n            if (m.paused) return Reason.Paused;",
    to: "if (m.context != CONTEXT_FORCED && m.context != CONTEXT_RETURN) {\n            if (m.paused) return Reason.Paused;",
    test: mocha(DELIVERY_TEST, "rejectDelivery waits while transfers are paused or the lot is on hold, and the request stays pending"),
  },

  // ------------------------------------------------------------------ §11 money no one can strand in an offering
  {
    id: "offering-reserves-nothing",
    claim: "§11 createOffering reserves the hard cap out of the lot's mint capacity, or is refused",
    file: OFFERINGS,
    from: "registry.reserveMint(terms.lotId, terms.hardCap);",
    to: "",
    test: mocha(INTEGRATION_TEST, "createOffering is refused, taking no money, for a lot that can never mint its hard cap (in transit, settling, retired, short of capacity)"),
  },
  {
    id: "lot-on-offer-dispatched",
    claim: "§11 a lot on offer cannot be dispatched until its offering closes or is cancelled",
    file: REGISTRY,
    from: "if (destination == bytes32(0)) revert InvalidLotField(\"destination\", 0);\n        _checkNotOnOffer(lotId, lot);",
    to: "if (destination == bytes32(0)) revert InvalidLotField(\"destination\", 0);",
    test: mocha(INTEGRATION_TEST, "a lot on offer cannot leave its warehouse, be sold or be withdrawn until its offering closes or is cancelled"),
  },
  {
    id: "reserved-capacity-minted-away",
    claim: "§11 the hard cap's capacity stays reserved while the offering is open, so the close delivers the preview",
    file: REGISTRY,
    from: "- lot.mintedQuantity - lot.reservedQuantity;",
    to: "- lot.mintedQuantity;",
    test: mocha(INTEGRATION_TEST, "the preview while open is what the close delivers: the hard cap's capacity is reserved"),
  },
  {
    id: "allocation-below-minimum-holding",
    claim: "§11 oversubscription stops before the smallest allocation falls below the lot's minimum holding",
    file: OFFERINGS,
    from: "if (minHolding != 0 && OfferingMathLib.allocationDown(smallest, t.hardCap, total) < minHolding) {",
    to: "if (false) {",
    test: mocha(INTEGRATION_TEST, "with a minimum holding, oversubscription stops before any allocation falls below it, and every allocation is delivered"),
  },
  {
    id: "subscriber-takes-no-slot",
    claim: "§11 each subscribing investor takes one of the lot's holder slots when it subscribes",
    file: OFFERINGS,
    from: "if (takesSlot) token.reserveHolderSlot(t.lotId, msg.sender);",
    to: "",
    test: mocha(INTEGRATION_TEST, "with a holder limit, subscribers take the slots when they subscribe: a third is refused, and the first two claim in any order"),
  },
  {
    id: "passing-refusal-refunded",
    claim: "§11 only a refusal for good turns an allocation into a refund (not a KYC lapse)",
    file: OFFERINGS,
    from: "return reason == uint8(Reason.ReceiverNotVerified) || reason == uint8(Reason.CountryNotAllowed)",
    to: "return reason == uint8(Reason.ReceiverKycExpired) || reason == uint8(Reason.ReceiverNotVerified) || reason == uint8(Reason.CountryNotAllowed)",
    test: mocha(LIFECYCLE_TEST, "refundInstead reverts with RefusalNotPermanent when"),
  },
  {
    id: "frozen-investor-reduces",
    claim: "§11 a frozen investor can neither reduce, cancel, claim nor take a refund",
    file: OFFERINGS,
    from: "_checkNotFrozen(offeringId, msg.sender);\n        uint256 total",
    to: "uint256 total",
    test: mocha(LIFECYCLE_TEST, "a frozen investor can neither reduce, cancel, claim nor take a refund; compliance releases its claim; unfrozen, it claims"),
  },
  {
    id: "frozen-investor-claims",
    claim: "§11 a frozen investor's claim is not paid (the whole-platform campaign)",
    file: OFFERINGS,
    from: "_checkNotFrozen(offeringId, investor);",
    to: "",
    test: solidity(CAMPAIGN, "invariant_platformStaysSafe"),
  },
  {
    id: "cancelled-offering-keeps-slots",
    claim: "§11 a cancelled offering gives back the capacity and the holder slots",
    file: OFFERINGS,
    from: "registry.releaseMint(t.lotId, t.hardCap);\n        _releaseAllSlots(t.lotId, st);",
    to: "registry.releaseMint(t.lotId, t.hardCap);",
    test: mocha(LIFECYCLE_TEST, "cancelOffering by the issuer gives back the capacity and the slots, and every subscriber claims a full refund"),
  },
  {
    id: "offerings-contract-accepts-units",
    claim: "§11 the offerings contract accepts only its own mint (also §1)",
    file: OFFERINGS,
    from: "if (msg.sender != address(token) || from != address(0) || operator != address(this)) {",
    to: "if (msg.sender != address(token)) {",
    test: mocha(LIFECYCLE_TEST, "units sent to the offerings contract by anyone are refused: only its own mint at close is accepted"),
  },
  {
    id: "holder-burns-own-units",
    claim: "§11 ERC-7943: burns are permissioned, only a platform account burns its own units (also §1 ISSUER, §10)",
    file: TOKEN,
    from: "if (from != msg.sender || !_investors[msg.sender].platform) revert BurnNotPermitted(msg.sender, from);",
    to: "if (from != msg.sender) revert BurnNotPermitted(msg.sender, from);",
    test: mocha("test/standards/LotToken.erc7943.test.ts", "a token whose burning is permissioned refuses a holder's own burn whatever its state (no permissionless burn exists)"),
  },
  {
    id: "lapsed-account-receives",
    claim: "§11 ERC-7943: canReceive refuses an account whose KYC lapsed",
    file: COMPLIANCE,
    from: "if (block.timestamp >= r.kycExpiry()) return Reason.ReceiverKycExpired;",
    to: "",
    test: mocha(
      "test/standards/LotToken.erc7943.test.ts",
      '"canTransfer MUST perform a canSend check on the from parameter and a canReceive check on the to parameter": a lapsed account receives nothing',
    ),
  },
  {
    id: "cli-block-number-cached",
    claim: "§11 the CLI reads the block number uncached",
    file: "scripts/cli/context.ts",
    from: "createWalletClient({ chain, transport, account, cacheTime: 0 })",
    to: "createWalletClient({ chain, transport, account })",
    test: mocha("test/cli/context.test.ts", "reads the block number fresh after every block, never viem's cached number"),
  },

  // ------------------------------------------------------------------ §12 processing: splitting, blending and refining
  {
    id: "split-creates-metal",
    claim: "§12 a split's outputs add up exactly to what the input held (MassNotBalanced)",
    file: PROCESSING,
    from: "if (produced != consumed) revert MassNotBalanced(consumed, produced);",
    to: "",
    test: mocha(STEPS_TEST, "split refuses outputs that do not add up exactly, one output, nine outputs, a zero output and another material, changing nothing"),
  },
  {
    id: "blend-creates-metal",
    claim: "§12 a blend's output holds exactly what its inputs held (MassNotBalanced)",
    file: PROCESSING,
    from: "if (output.quantity != consumed) revert MassNotBalanced(consumed, output.quantity);",
    to: "",
    test: mocha(STEPS_TEST, "blend refuses one lot, a lot twice, lots of different forms, another output material and an unbalanced output"),
  },
  {
    id: "recovery-above-100",
    claim: "§12 a refined product never exceeds the metal consumed (RecoveryAbove100)",
    file: PROCESSING,
    from: "if (product.quantity > consumed) revert RecoveryAbove100(consumed, product.quantity);\n        // product.quantity <= consumed, both below 2^128.\n        emit ProcessingLoss(stepId, uint128(consumed), product.quantity, uint128(consumed - product.quantity));",
    to: "emit ProcessingLoss(stepId, uint128(consumed), product.quantity, 0);",
    test: mocha(STEPS_TEST, "process refuses a recovery above 100 %, an unrefined form, another commodity, a form the mineral is not traded in, and mixed inputs"),
  },
  {
    id: "by-product-above-contained",
    claim: "§12 a by-product never exceeds what the inputs contained as assayed",
    file: PROCESSING,
    from: "if (byProduct.quantity > contained) revert ByProductExceedsContained(byProduct.commodity, byProduct.quantity, contained);",
    to: "",
    test: mocha(STEPS_TEST, "process refuses a by-product of the main mineral, one named twice, one above what the inputs contained and one never assayed"),
  },
  {
    id: "anyone-registers-product",
    claim: "§12 the registry registers products for the bound processing contract only",
    file: REGISTRY,
    from: "        onlyBound(processing)\n        returns (uint256 lotId)",
    to: "        returns (uint256 lotId)",
    test: mocha(BINDINGS_TEST, "reserveMint, releaseMint, recordDelivery, consumeLot and registerProduct revert with CallerNotBound before binding and for anyone else"),
  },
  {
    id: "anyone-consumes-lot",
    claim: "§12 the registry consumes lots for the bound processing contract only",
    file: REGISTRY,
    from: "function consumeLot(uint256 lotId) external onlyBound(processing) returns",
    to: "function consumeLot(uint256 lotId) external returns",
    test: mocha(BINDINGS_TEST, "reserveMint, releaseMint, recordDelivery, consumeLot and registerProduct revert with CallerNotBound before binding and for anyone else"),
  },
  {
    id: "unwarehoused-lot-consumed",
    claim: "§12 only a warehoused lot is consumed (not in transit, settling or retired)",
    file: REGISTRY,
    from: "Lot storage lot = _lotIn(lotId, LotState.Warehoused);\n        if (_awaitingAttestation[lotId]) revert AttestationRequired(lotId, lot.custodian);\n        _checkNotOnOffer(lotId, lot);",
    to: "Lot storage lot = _lotOf(lotId);\n        if (_awaitingAttestation[lotId]) revert AttestationRequired(lotId, lot.custodian);\n        _checkNotOnOffer(lotId, lot);",
    test: mocha(BINDINGS_TEST, "consumeLot reverts for a lot that is not warehoused, on offer, or awaiting a new attestation"),
  },
  {
    id: "unattested-lot-consumed",
    claim: "§12 a lot awaiting a new attestation (recalled) is not consumed",
    file: REGISTRY,
    from: "if (_awaitingAttestation[lotId]) revert AttestationRequired(lotId, lot.custodian);\n        _checkNotOnOffer(lotId, lot);\n        attested = lot.attestedQuantity;",
    to: "_checkNotOnOffer(lotId, lot);\n        attested = lot.attestedQuantity;",
    test: mocha(BINDINGS_TEST, "consumeLot reverts for a lot that is not warehoused, on offer, or awaiting a new attestation"),
  },
  {
    id: "lot-on-offer-consumed",
    claim: "§12 a lot an offering holds is not consumed",
    file: REGISTRY,
    from: "_checkNotOnOffer(lotId, lot);\n        attested = lot.attestedQuantity;",
    to: "attested = lot.attestedQuantity;",
    test: mocha(BINDINGS_TEST, "consumeLot reverts for a lot that is not warehoused, on offer, or awaiting a new attestation"),
  },
  {
    id: "consumed-lot-trades",
    claim: "§12 consumption stops the lot's trading",
    file: REGISTRY,
    from: "emit LotConsumed(lotId, attested, outstanding);\n        _stopTrading(lotId);",
    to: "emit LotConsumed(lotId, attested, outstanding);",
    test: mocha(BINDINGS_TEST, "consumeLot makes a warehoused lot PROCESSED, stops its trading and returns its metal and outstanding units"),
  },
  {
    id: "conversion-floors-each-call",
    claim: "§12 conversions use cumulative floors: together holders receive exactly what the step minted",
    file: PROCESSING,
    from: "uint256 amount = total * share / consumed - before * share / consumed;",
    to: "uint256 amount = units * share / consumed;",
    test: mocha(CONVERSION_TEST, "holders convert in any order and sizes, each receiving its cumulative share of every output; together they receive exactly what the step minted"),
  },
  {
    id: "refused-output-not-held",
    claim: "§12 a holder the output's rules refuse still converts: its share is held for it",
    file: PROCESSING,
    from: 'try token.safeTransferFrom(address(this), holder, lotId, amount, "") {\n            emit OutputDelivered(lotId, holder, amount, false);\n        } catch {\n            heldOf[lotId][holder] += amount;\n            emit OutputDelivered(lotId, holder, amount, true);\n        }',
    to: 'token.safeTransferFrom(address(this), holder, lotId, amount, "");\n        emit OutputDelivered(lotId, holder, amount, false);',
    test: mocha(CONVERSION_TEST, "a holder whose KYC lapsed still converts (an exit); its outputs are held for it, and it claims them once renewed"),
  },
  {
    id: "held-share-booked-to-processing",
    claim: "§12 a held share redeemed at the vault is credited to its holder",
    file: VAULT,
    from: "            from = abi.decode(data, (address));\n            if (from == address(0) || token.getInvestor(from).platform) revert PlatformAccountCannotRedeem(lotId, from);\n",
    to: "",
    test: mocha(CONVERSION_TEST, "redeemHeld: once the output lot is sold, a holder refused its units redeems them at the vault and is paid its share"),
  },
  {
    id: "any-platform-account-names-holder",
    claim: "§12 only the bound processing contract names the holder a redemption credits (also §10)",
    file: VAULT,
    from: "if (from != registry.processing() || operator != from || data.length != 32) {",
    to: "if (operator != from || data.length != 32) {",
    test: mocha(VAULT_TEST, "units a platform account hands to the vault are refused: nobody could ever claim them"),
  },
  {
    id: "platform-account-converts",
    claim: "§12 a conversion is a holder's own: a platform account's units are refused",
    file: PROCESSING,
    from: "if (from == address(0) || token.getInvestor(from).platform || (operator != from",
    to: "if (from == address(0) || (operator != from",
    test: mocha(CONVERSION_TEST, "units sent by a platform account, or in a batch, are refused: a conversion is a holder's own, one lot at a time"),
  },
  {
    id: "frozen-holder-converts",
    claim: "§12 a frozen holder cannot escape its freeze by converting (the token's rules bind the transfer)",
    file: COMPLIANCE,
    from: "if (m.sender.frozen()) return Reason.SenderFrozen;",
    to: "",
    test: mocha(CONVERSION_TEST, "a frozen holder cannot convert, nor convert frozen units; zero units convert nothing"),
  },
  {
    id: "split-without-issuer-role",
    claim: "§12 roles: a split needs ISSUER",
    file: PROCESSING,
    from: "_checkRole(Roles.ISSUER);\n        if (outputs.length < 2",
    to: "if (outputs.length < 2",
    test: mocha(STEPS_TEST, "split"),
  },
  {
    id: "blend-without-issuer-role",
    claim: "§12 roles: a blend needs ISSUER",
    file: PROCESSING,
    from: "_checkRole(Roles.ISSUER);\n        if (lotIds.length < 2",
    to: "if (lotIds.length < 2",
    test: mocha(STEPS_TEST, "blend"),
  },
  {
    id: "process-without-refiner-role",
    claim: "§12 roles: refining needs REFINER",
    file: PROCESSING,
    from: "_checkRole(Roles.REFINER);",
    to: "",
    test: mocha(STEPS_TEST, "process"),
  },
  {
    id: "by-product-grade-without-assayer-role",
    claim: "§12 roles: a by-product's grade needs ASSAYER",
    file: PROCESSING,
    from: "_checkRole(Roles.ASSAYER);",
    to: "",
    test: mocha(STEPS_TEST, "recordByProduct"),
  },
  {
    id: "release-held-without-compliance-role",
    claim: "§12 roles: releasing held units needs COMPLIANCE",
    file: PROCESSING,
    from: "_checkRole(Roles.COMPLIANCE);",
    to: "",
    test: mocha(CONVERSION_TEST, "releaseHeld"),
  },
];
