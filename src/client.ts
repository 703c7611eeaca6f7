/**
 * The SDK as a viem client decorator: `client.extend(mineralsActions(deployment))` adds every action, bound to
 * one deployment, to a viem client you already have (in the style of viem's own `publicActions` and
 * permissionless.js's `erc7579Actions`).
 */
import type { Client } from "viem";
import { addDocument, type AddDocumentParameters } from "./actions/lots/addDocument.ts";
import { attestCustody, type AttestCustodyParameters } from "./actions/lots/attestCustody.ts";
import { getBalances, getHolders, type GetBalancesParameters, type GetHoldersParameters } from "./actions/lots/balances.ts";
import { getLot, type GetLotParameters } from "./actions/lots/getLot.ts";
import {
  getAllDocuments,
  getDocuments,
  getLotHistory,
  type GetAllDocumentsParameters,
  type GetDocumentsParameters,
  type GetLotHistoryParameters,
} from "./actions/lots/history.ts";
import { listLots, type ListLotsParameters } from "./actions/lots/listLots.ts";
import type { IndexParameter } from "./internal/indexSource.ts";
import { mintUnits, type MintUnitsParameters } from "./actions/lots/mintUnits.ts";
import {
  confirmArrival,
  dispatchLot,
  recallLot,
  redirectLot,
  type ConfirmArrivalParameters,
  type DispatchLotParameters,
  type RecallLotParameters,
  type RedirectLotParameters,
} from "./actions/lots/moveLot.ts";
import { pipelineTransfers, type PipelineTransfersParameters } from "./actions/lots/pipelineTransfers.ts";
import { recordAssay, type RecordAssayParameters } from "./actions/lots/recordAssay.ts";
import { registerLot, type RegisterLotParameters } from "./actions/lots/registerLot.ts";
import {
  retireLot,
  startSettlement,
  withdrawLot,
  type RetireLotParameters,
  type StartSettlementParameters,
  type WithdrawLotParameters,
} from "./actions/lots/settleLot.ts";
import {
  batchTransferUnits,
  transferUnits,
  type BatchTransferUnitsParameters,
  type TransferUnitsParameters,
} from "./actions/lots/transferUnits.ts";
import { grantRole, hasRole, type GrantRoleParameters } from "./actions/deploy/grantRole.ts";
import { getLotReport, type GetLotReportParameters } from "./actions/reports/lotReport.ts";
import { getPlatformReport, type GetPlatformReportParameters } from "./actions/reports/platformReport.ts";
import { getInvestorReport, type GetInvestorReportParameters } from "./actions/reports/investorReport.ts";
import { verifyDeployment, type Deployment } from "./deployment/manifest.ts";
import { getPrices, type GetPricesParameters } from "./actions/valuation/getPrices.ts";
import { updatePrice, type UpdatePriceParameters } from "./actions/valuation/priceFeeds.ts";
import { getInvestor, type GetInvestorParameters } from "./actions/investors/getInvestor.ts";
import { linkWallet, type LinkWalletParameters } from "./actions/investors/linkWallet.ts";
import { registerInvestor, type RegisterInvestorParameters } from "./actions/investors/registerInvestor.ts";
import { removeInvestor, type RemoveInvestorParameters } from "./actions/investors/removeInvestor.ts";
import { unlinkWallet, type UnlinkWalletParameters } from "./actions/investors/unlinkWallet.ts";
import { cancelEligibility, type CancelEligibilityParameters } from "./actions/investors/cancelEligibility.ts";
import { signEligibility, type SignEligibilityParameters } from "./actions/investors/signEligibility.ts";
import { submitEligibility, type SubmitEligibilityParameters } from "./actions/investors/submitEligibility.ts";
import { updateInvestor, type UpdateInvestorParameters } from "./actions/investors/updateInvestor.ts";
import { checkTransfer, type CheckTransferParameters } from "./actions/compliance/checkTransfer.ts";
import { explainRefusal, type ExplainRefusalParameters } from "./actions/compliance/explainRefusal.ts";
import { forcedTransfer, type ForcedTransferParameters } from "./actions/compliance/forcedTransfer.ts";
import { freezeAccount, type FreezeAccountParameters } from "./actions/compliance/freezeAccount.ts";
import { getFrozenUnits, type GetFrozenUnitsParameters } from "./actions/compliance/getFrozenUnits.ts";
import { getLotRules, type GetLotRulesParameters } from "./actions/compliance/getLotRules.ts";
import { isPaused, pauseTransfers, unpauseTransfers } from "./actions/compliance/pause.ts";
import { setAllowedCountries, type SetAllowedCountriesParameters } from "./actions/compliance/setAllowedCountries.ts";
import { setFrozenUnits, type SetFrozenUnitsParameters } from "./actions/compliance/setFrozenUnits.ts";
import { setLotHold, type SetLotHoldParameters } from "./actions/compliance/setLotHold.ts";
import { setLotRules, type SetLotRulesParameters } from "./actions/compliance/setLotRules.ts";
import { cancelOffer, type CancelOfferParameters } from "./actions/trades/cancelOffer.ts";
import { checkTake, type CheckTakeParameters } from "./actions/trades/checkTake.ts";
import { getOffer, type GetOfferParameters } from "./actions/trades/getOffer.ts";
import { getTradeStats, type GetTradeStatsParameters } from "./actions/trades/getTradeStats.ts";
import { listOffers, type ListOffersParameters } from "./actions/trades/listOffers.ts";
import { offerUnits, type OfferUnitsParameters } from "./actions/trades/offerUnits.ts";
import { takeOffer, type TakeOfferParameters } from "./actions/trades/takeOffer.ts";
import { mintTestStablecoin, type MintTestStablecoinParameters } from "./actions/trades/mintTestStablecoin.ts";
import { cancelSubscription, type CancelSubscriptionParameters } from "./actions/offerings/cancelSubscription.ts";
import { checkSubscribe, type CheckSubscribeParameters } from "./actions/offerings/checkSubscribe.ts";
import { claimOffering, type ClaimOfferingParameters } from "./actions/offerings/claimOffering.ts";
import { refundInstead, type RefundInsteadParameters } from "./actions/offerings/refundInstead.ts";
import { cancelOffering, type CancelOfferingParameters } from "./actions/offerings/cancelOffering.ts";
import { releaseClaim, type ReleaseClaimParameters } from "./actions/offerings/releaseClaim.ts";
import { closeOffering, type CloseOfferingParameters } from "./actions/offerings/closeOffering.ts";
import { createOffering, type CreateOfferingParameters } from "./actions/offerings/createOffering.ts";
import { getOffering, type GetOfferingParameters } from "./actions/offerings/getOffering.ts";
import { listOfferings, type ListOfferingsParameters } from "./actions/offerings/listOfferings.ts";
import { reduceSubscription, type ReduceSubscriptionParameters } from "./actions/offerings/reduceSubscription.ts";
import { subscribe, type SubscribeParameters } from "./actions/offerings/subscribe.ts";
import { getMoneyBalance, type GetMoneyBalanceParameters } from "./actions/trades/getMoneyBalance.ts";
import { withdrawOfferingProceeds, type WithdrawOfferingProceedsParameters } from "./actions/offerings/withdrawOfferingProceeds.ts";
import { withdrawOfferingUnits, type WithdrawOfferingUnitsParameters } from "./actions/offerings/withdrawOfferingUnits.ts";
import { requestDelivery, type RequestDeliveryParameters } from "./actions/delivery/requestDelivery.ts";
import { confirmDelivery, type ConfirmDeliveryParameters } from "./actions/delivery/confirmDelivery.ts";
import { rejectDelivery, type RejectDeliveryParameters } from "./actions/delivery/rejectDelivery.ts";
import { cancelDelivery, type CancelDeliveryParameters } from "./actions/delivery/cancelDelivery.ts";
import { releaseDelivery, type ReleaseDeliveryParameters } from "./actions/delivery/releaseDelivery.ts";
import { getDelivery, type GetDeliveryParameters } from "./actions/delivery/getDelivery.ts";
import { listDeliveries, type ListDeliveriesParameters } from "./actions/delivery/listDeliveries.ts";
import { setMinimumDelivery, type SetMinimumDeliveryParameters } from "./actions/delivery/setMinimumDelivery.ts";
import { checkDelivery, type CheckDeliveryParameters } from "./actions/delivery/checkDelivery.ts";
import { checkDeliveryDecision, type CheckDeliveryDecisionParameters } from "./actions/delivery/checkDeliveryDecision.ts";
import { checkClaim, type CheckClaimParameters } from "./actions/proceeds/checkClaim.ts";
import { checkDeposit, type CheckDepositParameters } from "./actions/proceeds/checkDeposit.ts";
import { claimProceeds, type ClaimProceedsParameters } from "./actions/proceeds/claimProceeds.ts";
import { depositProceeds, type DepositProceedsParameters } from "./actions/proceeds/depositProceeds.ts";
import { getProceeds, type GetProceedsParameters } from "./actions/proceeds/getProceeds.ts";
import { listProceedsPayments, type ListProceedsPaymentsParameters } from "./actions/proceeds/listProceedsPayments.ts";
import { sweepDust, type SweepDustParameters } from "./actions/proceeds/sweepDust.ts";
import { releasePosition, type ReleasePositionParameters } from "./actions/proceeds/releasePosition.ts";
import { replaceLotTreasury, type ReplaceLotTreasuryParameters } from "./actions/proceeds/replaceLotTreasury.ts";
import { checkProcessing, type CheckProcessingParameters } from "./actions/processing/checkProcessing.ts";
import { splitLot, type SplitLotParameters } from "./actions/processing/splitLot.ts";
import { blendLots, type BlendLotsParameters } from "./actions/processing/blendLots.ts";
import { processLots, type ProcessLotsParameters } from "./actions/processing/processLots.ts";
import { recordByProduct, type RecordByProductParameters } from "./actions/processing/recordByProduct.ts";
import { checkConversion, type CheckConversionParameters } from "./actions/processing/checkConversion.ts";
import { convertUnits, type ConvertUnitsParameters } from "./actions/processing/convertUnits.ts";
import {
  claimHeldUnits,
  getHeldUnits,
  redeemHeldUnits,
  releaseHeldUnits,
  type ClaimHeldUnitsParameters,
  type GetHeldUnitsParameters,
  type RedeemHeldUnitsParameters,
  type ReleaseHeldUnitsParameters,
} from "./actions/processing/heldUnits.ts";
import { getProvenance, type GetProvenanceParameters } from "./actions/processing/getProvenance.ts";
import { getPassport, type GetPassportParameters } from "./actions/reports/passport.ts";
import { verifyPassport, type VerifyPassportParameters } from "./actions/reports/verifyPassport.ts";

type Bound<P> = Omit<P, "deployment">;

/** Options of `mineralsActions`. */
export interface MineralsActionsOptions {
  /**
   * An index (`minerals index`) that the history, list and report reads use instead of scanning the node's logs:
   * `getLotReport`, `getPlatformReport`, `getInvestorReport`, `listLots`, `getLotHistory`, `getAllDocuments`,
   * `getTradeStats` and `getProvenance`. A call's own `index` wins. Every other read, and every check before a
   * transaction, still reads the node.
   */
  index?: IndexParameter;
}

/**
 * Every lot, investor and compliance action, bound to a deployment, as a viem client decorator.
 *
 * @example
 * import { createWalletClient, http, publicActions } from "viem"
 * import { hardhat } from "viem/chains"
 * import { mineralsActions } from "critical-minerals-lots"
 * import { readDeployment } from "critical-minerals-lots/src/node.ts"
 *
 * const deployment = await readDeployment(31337)
 * const client = createWalletClient({ chain: hardhat, transport: http(), account: "0xf39F…2266" })
 *   .extend(mineralsActions(deployment))
 * const lot = await client.getLot({ lotId: 1n })
 */
export function mineralsActions(deployment: Deployment, options: MineralsActionsOptions = {}) {
  // Reads that an index can serve take it from the call, or else from the options.
  const withIndex = <P extends { index?: IndexParameter }>(p: P): P => (p.index === undefined && options.index !== undefined ? { ...p, index: options.index } : p);
  return (client: Client) => ({
    deployment,
    verifyDeployment: () => verifyDeployment(client, deployment),
    registerLot: (p: Bound<RegisterLotParameters>) => registerLot(client, { ...p, deployment }),
    recordAssay: (p: Bound<RecordAssayParameters>) => recordAssay(client, { ...p, deployment }),
    attestCustody: (p: Bound<AttestCustodyParameters>) => attestCustody(client, { ...p, deployment }),
    dispatchLot: (p: Bound<DispatchLotParameters>) => dispatchLot(client, { ...p, deployment }),
    confirmArrival: (p: Bound<ConfirmArrivalParameters>) => confirmArrival(client, { ...p, deployment }),
    recallLot: (p: Bound<RecallLotParameters>) => recallLot(client, { ...p, deployment }),
    redirectLot: (p: Bound<RedirectLotParameters>) => redirectLot(client, { ...p, deployment }),
    startSettlement: (p: Bound<StartSettlementParameters>) => startSettlement(client, { ...p, deployment }),
    retireLot: (p: Bound<RetireLotParameters>) => retireLot(client, { ...p, deployment }),
    withdrawLot: (p: Bound<WithdrawLotParameters>) => withdrawLot(client, { ...p, deployment }),
    addDocument: (p: Bound<AddDocumentParameters>) => addDocument(client, { ...p, deployment }),
    mintUnits: (p: Bound<MintUnitsParameters>) => mintUnits(client, { ...p, deployment }),
    transferUnits: (p: Bound<TransferUnitsParameters>) => transferUnits(client, { ...p, deployment }),
    batchTransferUnits: (p: Bound<BatchTransferUnitsParameters>) => batchTransferUnits(client, { ...p, deployment }),
    pipelineTransfers: (p: Bound<PipelineTransfersParameters>) => pipelineTransfers(client, { ...p, deployment }),
    getLot: (p: Bound<GetLotParameters>) => getLot(client, { ...p, deployment }),
    listLots: (p: Bound<ListLotsParameters> = {}) => listLots(client, withIndex({ ...p, deployment })),
    getBalances: (p: Bound<GetBalancesParameters>) => getBalances(client, { ...p, deployment }),
    getHolders: (p: Bound<GetHoldersParameters>) => getHolders(client, { ...p, deployment }),
    getLotHistory: (p: Bound<GetLotHistoryParameters>) => getLotHistory(client, withIndex({ ...p, deployment })),
    getDocuments: (p: Bound<GetDocumentsParameters>) => getDocuments(client, { ...p, deployment }),
    getAllDocuments: (p: Bound<GetAllDocumentsParameters>) => getAllDocuments(client, withIndex({ ...p, deployment })),
    getLotReport: (p: Bound<GetLotReportParameters>) => getLotReport(client, withIndex({ ...p, deployment })),
    getPlatformReport: (p: Bound<GetPlatformReportParameters> = {}) => getPlatformReport(client, withIndex({ ...p, deployment })),
    getInvestorReport: (p: Bound<GetInvestorReportParameters>) => getInvestorReport(client, withIndex({ ...p, deployment })),
    // valuation
    getPrices: (p: Bound<GetPricesParameters> = {}) => getPrices(client, { ...p, deployment }),
    updatePrice: (p: Bound<UpdatePriceParameters>) => updatePrice(client, { ...p, deployment }),
    grantRole: (p: Bound<GrantRoleParameters>) => grantRole(client, { ...p, deployment }),
    hasRole: (p: Bound<GrantRoleParameters>) => hasRole(client, { ...p, deployment }),
    // investors
    registerInvestor: (p: Bound<RegisterInvestorParameters>) => registerInvestor(client, { ...p, deployment }),
    updateInvestor: (p: Bound<UpdateInvestorParameters>) => updateInvestor(client, { ...p, deployment }),
    linkWallet: (p: Bound<LinkWalletParameters>) => linkWallet(client, { ...p, deployment }),
    removeInvestor: (p: Bound<RemoveInvestorParameters>) => removeInvestor(client, { ...p, deployment }),
    unlinkWallet: (p: Bound<UnlinkWalletParameters>) => unlinkWallet(client, { ...p, deployment }),
    getInvestor: (p: Bound<GetInvestorParameters>) => getInvestor(client, { ...p, deployment }),
    signEligibility: (p: Bound<SignEligibilityParameters>) => signEligibility(client, { ...p, deployment }),
    submitEligibility: (p: Bound<SubmitEligibilityParameters>) => submitEligibility(client, { ...p, deployment }),
    cancelEligibility: (p: Bound<CancelEligibilityParameters>) => cancelEligibility(client, { ...p, deployment }),
    // compliance
    setLotRules: (p: Bound<SetLotRulesParameters>) => setLotRules(client, { ...p, deployment }),
    setAllowedCountries: (p: Bound<SetAllowedCountriesParameters>) => setAllowedCountries(client, { ...p, deployment }),
    setLotHold: (p: Bound<SetLotHoldParameters>) => setLotHold(client, { ...p, deployment }),
    getLotRules: (p: Bound<GetLotRulesParameters>) => getLotRules(client, { ...p, deployment }),
    checkTransfer: (p: Bound<CheckTransferParameters>) => checkTransfer(client, { ...p, deployment }),
    explainRefusal: (p: Bound<ExplainRefusalParameters>) => explainRefusal(client, { ...p, deployment }),
    freezeAccount: (p: Bound<FreezeAccountParameters>) => freezeAccount(client, { ...p, deployment }),
    setFrozenUnits: (p: Bound<SetFrozenUnitsParameters>) => setFrozenUnits(client, { ...p, deployment }),
    getFrozenUnits: (p: Bound<GetFrozenUnitsParameters>) => getFrozenUnits(client, { ...p, deployment }),
    forcedTransfer: (p: Bound<ForcedTransferParameters>) => forcedTransfer(client, { ...p, deployment }),
    pauseTransfers: () => pauseTransfers(client, { deployment }),
    unpauseTransfers: () => unpauseTransfers(client, { deployment }),
    // secondary trades
    offerUnits: (p: Bound<OfferUnitsParameters>) => offerUnits(client, { ...p, deployment }),
    takeOffer: (p: Bound<TakeOfferParameters>) => takeOffer(client, { ...p, deployment }),
    cancelOffer: (p: Bound<CancelOfferParameters>) => cancelOffer(client, { ...p, deployment }),
    getOffer: (p: Bound<GetOfferParameters>) => getOffer(client, { ...p, deployment }),
    checkTake: (p: Bound<CheckTakeParameters>) => checkTake(client, { ...p, deployment }),
    listOffers: (p: Bound<ListOffersParameters>) => listOffers(client, { ...p, deployment }),
    getTradeStats: (p: Bound<GetTradeStatsParameters>) => getTradeStats(client, withIndex({ ...p, deployment })),
    mintTestStablecoin: (p: Bound<MintTestStablecoinParameters>) => mintTestStablecoin(client, { ...p, deployment }),
    getMoneyBalance: (p: Bound<GetMoneyBalanceParameters>) => getMoneyBalance(client, { ...p, deployment }),
    // primary offerings
    createOffering: (p: Bound<CreateOfferingParameters>) => createOffering(client, { ...p, deployment }),
    subscribe: (p: Bound<SubscribeParameters>) => subscribe(client, { ...p, deployment }),
    reduceSubscription: (p: Bound<ReduceSubscriptionParameters>) => reduceSubscription(client, { ...p, deployment }),
    cancelSubscription: (p: Bound<CancelSubscriptionParameters>) => cancelSubscription(client, { ...p, deployment }),
    closeOffering: (p: Bound<CloseOfferingParameters>) => closeOffering(client, { ...p, deployment }),
    claimOffering: (p: Bound<ClaimOfferingParameters>) => claimOffering(client, { ...p, deployment }),
    refundInstead: (p: Bound<RefundInsteadParameters>) => refundInstead(client, { ...p, deployment }),
    cancelOffering: (p: Bound<CancelOfferingParameters>) => cancelOffering(client, { ...p, deployment }),
    releaseClaim: (p: Bound<ReleaseClaimParameters>) => releaseClaim(client, { ...p, deployment }),
    getOffering: (p: Bound<GetOfferingParameters>) => getOffering(client, { ...p, deployment }),
    withdrawOfferingProceeds: (p: Bound<WithdrawOfferingProceedsParameters>) => withdrawOfferingProceeds(client, { ...p, deployment }),
    withdrawOfferingUnits: (p: Bound<WithdrawOfferingUnitsParameters>) => withdrawOfferingUnits(client, { ...p, deployment }),
    // sale proceeds
    depositProceeds: (p: Bound<DepositProceedsParameters>) => depositProceeds(client, { ...p, deployment }),
    claimProceeds: (p: Bound<ClaimProceedsParameters>) => claimProceeds(client, { ...p, deployment }),
    sweepDust: (p: Bound<SweepDustParameters>) => sweepDust(client, { ...p, deployment }),
    releasePosition: (p: Bound<ReleasePositionParameters>) => releasePosition(client, { ...p, deployment }),
    replaceLotTreasury: (p: Bound<ReplaceLotTreasuryParameters>) => replaceLotTreasury(client, { ...p, deployment }),
    checkProcessing: (p: Bound<CheckProcessingParameters>) => checkProcessing(client, { ...p, deployment }),
    splitLot: (p: Bound<SplitLotParameters>) => splitLot(client, { ...p, deployment }),
    blendLots: (p: Bound<BlendLotsParameters>) => blendLots(client, { ...p, deployment }),
    processLots: (p: Bound<ProcessLotsParameters>) => processLots(client, { ...p, deployment }),
    recordByProduct: (p: Bound<RecordByProductParameters>) => recordByProduct(client, { ...p, deployment }),
    checkConversion: (p: Bound<CheckConversionParameters>) => checkConversion(client, { ...p, deployment }),
    convertUnits: (p: Bound<ConvertUnitsParameters>) => convertUnits(client, { ...p, deployment }),
    getHeldUnits: (p: Bound<GetHeldUnitsParameters>) => getHeldUnits(client, { ...p, deployment }),
    claimHeldUnits: (p: Bound<ClaimHeldUnitsParameters>) => claimHeldUnits(client, { ...p, deployment }),
    releaseHeldUnits: (p: Bound<ReleaseHeldUnitsParameters>) => releaseHeldUnits(client, { ...p, deployment }),
    redeemHeldUnits: (p: Bound<RedeemHeldUnitsParameters>) => redeemHeldUnits(client, { ...p, deployment }),
    getProvenance: (p: Bound<GetProvenanceParameters>) => getProvenance(client, withIndex({ ...p, deployment })),
    getPassport: (p: Bound<GetPassportParameters>) => getPassport(client, { ...p, deployment }),
    verifyPassport: (p: Bound<VerifyPassportParameters>) => verifyPassport(client, { ...p, deployment }),
    getProceeds: (p: Bound<GetProceedsParameters>) => getProceeds(client, { ...p, deployment }),
    listProceedsPayments: (p: Bound<ListProceedsPaymentsParameters>) => listProceedsPayments(client, { ...p, deployment }),
    checkDeposit: (p: Bound<CheckDepositParameters>) => checkDeposit(client, { ...p, deployment }),
    checkClaim: (p: Bound<CheckClaimParameters>) => checkClaim(client, { ...p, deployment }),
    listOfferings: (p: Bound<ListOfferingsParameters> = {}) => listOfferings(client, { ...p, deployment }),
    checkSubscribe: (p: Bound<CheckSubscribeParameters>) => checkSubscribe(client, { ...p, deployment }),
    // physical delivery
    requestDelivery: (p: Bound<RequestDeliveryParameters>) => requestDelivery(client, { ...p, deployment }),
    confirmDelivery: (p: Bound<ConfirmDeliveryParameters>) => confirmDelivery(client, { ...p, deployment }),
    rejectDelivery: (p: Bound<RejectDeliveryParameters>) => rejectDelivery(client, { ...p, deployment }),
    cancelDelivery: (p: Bound<CancelDeliveryParameters>) => cancelDelivery(client, { ...p, deployment }),
    releaseDelivery: (p: Bound<ReleaseDeliveryParameters>) => releaseDelivery(client, { ...p, deployment }),
    getDelivery: (p: Bound<GetDeliveryParameters>) => getDelivery(client, { ...p, deployment }),
    listDeliveries: (p: Bound<ListDeliveriesParameters>) => listDeliveries(client, { ...p, deployment }),
    setMinimumDelivery: (p: Bound<SetMinimumDeliveryParameters>) => setMinimumDelivery(client, { ...p, deployment }),
    checkDelivery: (p: Bound<CheckDeliveryParameters>) => checkDelivery(client, { ...p, deployment }),
    checkDeliveryDecision: (p: Bound<CheckDeliveryDecisionParameters>) => checkDeliveryDecision(client, { ...p, deployment }),
    isPaused: () => isPaused(client, { deployment }),
  });
}

/** The actions `mineralsActions` adds to a client. */
export type MineralsActions = ReturnType<ReturnType<typeof mineralsActions>>;
