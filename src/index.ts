/**
 * critical-minerals-lots: a typed SDK, built on viem, for tokenized physical lots of critical minerals.
 * This entry is browser-safe: nothing reachable from it imports a `node:` module (test/sdk/entry.test.ts checks).
 * Reading and writing manifest files and the HTML reports are in the node entry, `src/node.ts`.
 *
 * @example
 * import { createWalletClient, http } from "viem"
 * import { hardhat } from "viem/chains"
 * import { mineralsActions, parseDeployment } from "./src/index.ts"
 * const deployment = parseDeployment(await (await fetch("/deployment.json")).text())
 * const client = createWalletClient({ chain: hardhat, transport: http(), account: "0x…" })
 *   .extend(mineralsActions(deployment))
 */
export { mineralsActions, type MineralsActions } from "./client.ts";
export * from "./abis.ts";
export * from "./domain.ts";
export * from "./units/index.ts";
export * from "./errors/base.ts";
export { decodeError, explainRevert, type RevertContext } from "./errors/decode.ts";
export * from "./errors/refusal.ts";
export * from "./deployment/manifest.ts";
export * from "./deployment/accounts.ts";
export { receiptPolicy, waitForReceipt, DEFAULT_RECEIPT_POLICY, type ReceiptPolicy } from "./internal/receipt.ts";
export * from "./actions/deploy/deployPlatform.ts";
export * from "./actions/deploy/grantRole.ts";
export * from "./actions/lots/addDocument.ts";
export * from "./actions/lots/attestCustody.ts";
export * from "./actions/lots/balances.ts";
export * from "./actions/lots/getLot.ts";
export * from "./actions/lots/history.ts";
export * from "./actions/lots/listLots.ts";
export * from "./actions/lots/mintUnits.ts";
export * from "./actions/lots/moveLot.ts";
export * from "./actions/lots/recordAssay.ts";
export * from "./actions/lots/registerLot.ts";
export * from "./actions/lots/settleLot.ts";
export * from "./actions/lots/transferUnits.ts";
export * from "./actions/lots/pipelineTransfers.ts";
export { TransfersStoppedError, type TransfersStoppedErrorType, type PipelineOutcome } from "./errors/pipeline.ts";
export * from "./actions/reports/lotReport.ts";
export * from "./actions/reports/platformReport.ts";
export * from "./actions/reports/investorReport.ts";
export * from "./actions/reports/passport.ts";
export * from "./actions/reports/verifyPassport.ts";
export * from "./reports/provenanceGraph.ts";
export { lotOrigin, type LotOrigin } from "./internal/origin.ts";
export { atBlock } from "./internal/atBlock.ts";
export * from "./actions/valuation/getPrices.ts";
export * from "./actions/valuation/priceFeeds.ts";
export * from "./actions/investors/getInvestor.ts";
export * from "./actions/investors/linkWallet.ts";
export * from "./actions/investors/registerInvestor.ts";
export * from "./actions/investors/removeInvestor.ts";
export * from "./actions/investors/unlinkWallet.ts";
export * from "./actions/investors/cancelEligibility.ts";
export * from "./actions/investors/signEligibility.ts";
export * from "./actions/investors/submitEligibility.ts";
export * from "./actions/investors/updateInvestor.ts";
export * from "./actions/compliance/checkTransfer.ts";
export * from "./actions/compliance/explainRefusal.ts";
export * from "./actions/compliance/forcedTransfer.ts";
export * from "./actions/compliance/freezeAccount.ts";
export * from "./actions/compliance/getFrozenUnits.ts";
export * from "./actions/compliance/getLotRules.ts";
export * from "./actions/compliance/pause.ts";
export * from "./actions/compliance/setAllowedCountries.ts";
export * from "./actions/compliance/setFrozenUnits.ts";
export * from "./actions/compliance/setLotHold.ts";
export * from "./actions/trades/cancelOffer.ts";
export * from "./actions/trades/checkTake.ts";
export * from "./actions/trades/getOffer.ts";
export * from "./actions/trades/listOffers.ts";
export * from "./actions/trades/getTradeStats.ts";
export * from "./actions/trades/offerUnits.ts";
export * from "./actions/trades/takeOffer.ts";
export * from "./actions/trades/mintTestStablecoin.ts";
export * from "./actions/trades/getMoneyBalance.ts";
export * from "./actions/offerings/cancelSubscription.ts";
export * from "./actions/offerings/checkSubscribe.ts";
export * from "./actions/offerings/claimOffering.ts";
export * from "./actions/offerings/refundInstead.ts";
export * from "./actions/offerings/cancelOffering.ts";
export * from "./actions/offerings/releaseClaim.ts";
export * from "./actions/offerings/closeOffering.ts";
export * from "./actions/offerings/createOffering.ts";
export * from "./actions/offerings/getOffering.ts";
export * from "./actions/offerings/listOfferings.ts";
export * from "./actions/offerings/reduceSubscription.ts";
export * from "./actions/offerings/subscribe.ts";
export * from "./actions/offerings/withdrawOfferingProceeds.ts";
export * from "./actions/offerings/withdrawOfferingUnits.ts";
export { OFFERING_STATES, type OfferingStateName, priceTerms, pricePerMarketUnit } from "./internal/offerings.ts";
export { OfferingRefusedError, type OfferingRefusedErrorType } from "./errors/offering.ts";
export * from "./actions/delivery/requestDelivery.ts";
export * from "./actions/delivery/confirmDelivery.ts";
export * from "./actions/delivery/rejectDelivery.ts";
export * from "./actions/delivery/cancelDelivery.ts";
export * from "./actions/delivery/releaseDelivery.ts";
export * from "./actions/delivery/getDelivery.ts";
export * from "./actions/delivery/listDeliveries.ts";
export * from "./actions/delivery/setMinimumDelivery.ts";
export * from "./actions/delivery/checkDelivery.ts";
export * from "./actions/delivery/checkDeliveryDecision.ts";
export { DELIVERY_STATUSES, type DeliveryStatusName } from "./internal/delivery.ts";
export { DeliveryRefusedError, type DeliveryRefusedErrorType } from "./errors/delivery.ts";
export * from "./actions/processing/checkProcessing.ts";
export * from "./actions/processing/runStep.ts";
export * from "./actions/processing/splitLot.ts";
export * from "./actions/processing/blendLots.ts";
export * from "./actions/processing/processLots.ts";
export * from "./actions/processing/recordByProduct.ts";
export * from "./actions/processing/checkConversion.ts";
export * from "./actions/processing/convertUnits.ts";
export * from "./actions/processing/heldUnits.ts";
export * from "./actions/processing/getProvenance.ts";
export { STEP_KINDS, FORMS_OF, type StepKindName, type ProcessingOutput } from "./internal/processing.ts";
export { ProcessingRefusedError, type ProcessingRefusedErrorType } from "./errors/processing.ts";
export * from "./actions/proceeds/checkClaim.ts";
export * from "./actions/proceeds/checkDeposit.ts";
export * from "./actions/proceeds/claimProceeds.ts";
export * from "./actions/proceeds/depositProceeds.ts";
export * from "./actions/proceeds/getProceeds.ts";
export * from "./actions/proceeds/listProceedsPayments.ts";
export * from "./actions/proceeds/sweepDust.ts";
export * from "./actions/proceeds/releasePosition.ts";
export * from "./actions/proceeds/replaceLotTreasury.ts";
export { ProceedsRefusedError, type ProceedsRefusedErrorType } from "./errors/proceeds.ts";
export { TAKE_STATUSES, OFFER_STATES, type TakeStatusName, type OfferStateName } from "./internal/trades.ts";
export * from "./actions/compliance/setLotRules.ts";
export { IndexError, type IndexErrorType } from "./errors/indexer.ts";
export { indexHead, indexPositions, type IndexParameter, type MineralsIndex } from "./internal/indexSource.ts";
