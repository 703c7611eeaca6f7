/**
 * Turns whatever a viem call threw into one of the SDK's typed errors with a plain-language message.
 * Custom errors of the registry, the token and OpenZeppelin (ERC-6093, AccessControl) are explained in words;
 * anything else keeps viem's own short message.
 */
import { BaseError as ViemBaseError, ContractFunctionRevertedError, HttpRequestError, type Address, type Hex } from "viem";
import { BASES, FORMS, LOT_STATES, roleName } from "../domain.ts";
import { COMMODITIES, Quantity, formatDistinct, type Commodity } from "../units/index.ts";
import { ContractRevertError, MineralsError, TransactionError } from "./base.ts";
import { isoDate, short } from "./format.ts";
import { describeRefusal, reasonName } from "./refusal.ts";

/** What the caller knows about the call that failed, to make the message concrete. */
export interface RevertContext {
  /** The commodity of the lot involved, so quantities print in its units. */
  commodity?: Commodity | undefined;
  /** A short description of the attempted action, e.g. "mint 10 kg Cu of lot 2". */
  action?: string | undefined;
}

type Explainer = (args: readonly unknown[], context: RevertContext) => string;

const qty = (value: unknown, context: RevertContext): string =>
  context.commodity === undefined
    ? `${String(value)} base units`
    : Quantity.fromBase(context.commodity, BigInt(value as bigint)).format();

/** Two quantities compared in one sentence, told apart where the display precision would make them read the same. */
const qtyPair = (a: unknown, b: unknown, context: RevertContext): [string, string] => {
  if (context.commodity === undefined) return [qty(a, context), qty(b, context)];
  const [x, y] = formatDistinct([Quantity.fromBase(context.commodity, BigInt(a as bigint)), Quantity.fromBase(context.commodity, BigInt(b as bigint))]);
  return [x!, y!];
};

const state = (value: unknown): string => LOT_STATES[Number(value)] ?? String(value);

const COMPLIANCE_FIELDS: Record<string, (value: unknown) => string> = {
  country: (value) => `Invalid country: ${value} is not an ISO 3166-1 numeric code (1 to 999)`,
  investorClass: () => "Invalid investorClass: an investor must be retail, accredited or institutional",
  kycExpiry: (value) => `Invalid kycExpiry: ${isoDate(value)} is not after the chain's current time`,
  wallet: () => "Invalid wallet: the zero address cannot be registered",
  account: () => "Invalid account: the zero address cannot be frozen",
  countries: () => "Invalid countries: the list is empty",
};

const EXPLAINERS: Record<string, Explainer> = {
  UnknownLot: ([lotId]) => `Lot ${lotId} does not exist`,
  InvalidLotState: ([lotId, current, required]) =>
    `Lot ${lotId} is ${state(current)}; this step needs it ${state(required)}`,
  InvalidLotField: ([field, value]) => `Invalid ${field}: ${value} is out of range or empty`,
  FormNotAllowed: ([commodity, form]) =>
    `${COMMODITIES[Number(commodity) as Commodity]?.name ?? commodity} is not traded as ${FORMS[Number(form)] ?? form}`,
  BasisNotAllowed: ([commodity, basis]) =>
    `${COMMODITIES[Number(commodity) as Commodity]?.name ?? commodity} is not measured on the ${BASES[Number(basis)] ?? basis} basis`,
  DuplicateExternalRef: ([ref, lotId]) => `External reference ${short(ref)} is already registered as lot ${lotId}`,
  NotACustodian: ([account]) => `${short(account)} does not hold the CUSTODIAN role`,
  NotLotCustodian: ([lotId, caller, custodian]) =>
    `${short(caller)} is not the custodian of lot ${lotId} (its custodian is ${short(custodian)})`,
  NotPendingCustodian: ([lotId, caller, pending]) =>
    `${short(caller)} cannot confirm arrival of lot ${lotId}: it was dispatched to ${short(pending)}`,
  AttestationExceedsPayable: ([lotId, attested, payable], c) =>
    `Cannot attest ${qty(attested, c)} for lot ${lotId}: its assayed payable quantity, less what left by delivery, is ${qty(payable, c)}`,
  AttestationBelowMinted: ([lotId, attested, minted], c) =>
    `Cannot attest ${qty(attested, c)} for lot ${lotId}: the units minted and not delivered, with the capacity open offerings reserved, come to ${qty(minted, c)}`,
  LotOnOffer: ([lotId, reserved], c) =>
    `Lot ${lotId} is on offer: an open offering holds ${qty(reserved, c)} of its mint capacity; close or cancel the offering first`,
  ReservationExceedsMintable: ([lotId, requested, available], c) =>
    `Lot ${lotId} may mint only ${qty(available, c)} now (it must be warehoused and attested), less than the ${qty(requested, c)} an offering would reserve`,
  ReservationUnderflow: ([lotId, released, reserved], c) =>
    `Cannot give back ${qty(released, c)} of lot ${lotId}'s capacity: open offerings hold only ${qty(reserved, c)}`,
  DeliveryExceedsAttested: ([lotId, amount, attested], c) =>
    `Cannot record a delivery of ${qty(amount, c)} out of lot ${lotId}: its custodian attests only ${qty(attested, c)}`,
  CallerNotBound: ([caller]) => `${short(caller)} is not the platform contract bound for this step`,
  AlreadyBound: ([current]) => `A contract is already bound for this step (${short(current)}), or the one given is the zero address`,
  CallerNotPlatform: ([caller]) => `${short(caller)} is not a platform account`,
  HolderSlotUnavailable: ([lotId, maxHolders, holders, reserved]) =>
    `Lot ${lotId} admits at most ${maxHolders} holders: ${holders} hold units and offering subscribers hold the other ${reserved} slot${BigInt(reserved as bigint) === 1n ? "" : "s"}, so no new investor can subscribe`,
  HolderSlotsUnderflow: ([lotId, count, reserved]) => `Cannot release ${count} holder slots of lot ${lotId}: only ${reserved} are reserved`,
  BurnNotPermitted: ([caller, from]) =>
    `${short(caller)} may not burn the units of ${short(from)}: only a platform account burns, its own units (investors redeem at settlement or request delivery)`,
  MintExceedsAttested: ([lotId, requested, available], c) =>
    `Cannot mint ${qty(requested, c)} of lot ${lotId}: only ${qty(available, c)} of its attested quantity remain unminted (or it is not warehoused)`,
  UnitsOutstanding: ([lotId, outstanding], c) =>
    `Lot ${lotId} cannot be retired while ${qty(outstanding, c)} of its units are outstanding`,
  ProceedsPending: ([lotId]) => `Lot ${lotId} cannot be retired before its final sale payment is declared: holders who redeemed wait for it`,
  ProceedsAlreadyBound: ([proceeds]) => `The registry is already bound to the proceeds vault ${short(proceeds)}`,
  LotNotSettling: ([lotId, current]) => `Lot ${lotId} is ${state(current)}; proceeds are deposited and units redeemed only once it is settling`,
  ZeroDeposit: ([lotId]) => `A deposit of proceeds for lot ${lotId} must be more than zero`,
  DepositsExceedLimit: ([lotId, deposited, amount, limit]) =>
    `A deposit of ${amount} base units would take lot ${lotId}'s proceeds past the most the vault keeps (${limit} base units in all; ${deposited} deposited so far)`,
  FinalPaymentMade: ([lotId, finalAt]) => `Lot ${lotId}'s final payment was declared at ${isoDate(finalAt)}: nothing more can be deposited`,
  SettlementAlreadyOpen: ([lotId]) => `Lot ${lotId}'s settlement is already open`,
  SettlementNotOpen: ([lotId]) => `Lot ${lotId}'s settlement was never opened: it has no proceeds, payment token or treasury yet`,
  NotLotTreasury: ([lotId, caller, treasury]) =>
    `${short(caller)} is not lot ${lotId}'s treasury: only ${short(treasury)}, named when its settlement opened and holding the TREASURY role, deposits, declares the final payment and sweeps`,
  TreasuryLacksRole: ([treasury]) =>
    `${short(treasury)} does not hold the TREASURY role: an offering's and a sale's proceeds go only to a treasury account (the default admin grants the role)`,
  PlatformAccountCannotRedeem: ([lotId, account]) =>
    `${short(account)} is a platform account: its units of lot ${lotId} are nobody's position, so the vault refuses them`,
  RedemptionNotByHolder: ([lotId, holder, operator]) =>
    `Units of lot ${lotId} reach the proceeds vault only by their holder's own act: ${short(operator)} moved ${short(holder)}'s (a forced transfer goes to a named wallet instead)`,
  ClaimantFrozen: ([lotId, holder]) => `${short(holder)}'s account is frozen: it cannot claim the proceeds of lot ${lotId} until the freeze is lifted`,
  PositionFrozen: ([lotId, holder, units]) =>
    `Units frozen for ${short(holder)} in lot ${lotId} withhold the share of ${units} of its redeemed units: nothing else is claimable`,
  NoPosition: ([lotId, holder]) => `${short(holder)} has redeemed no units of lot ${lotId}`,
  InvalidPositionReceiver: ([lotId, to]) =>
    `A position in lot ${lotId} cannot be released to ${short(to)}: it must be another verified investor's wallet with valid KYC, not frozen, not a platform account`,
  PositionReleaseReasonRequired: ([lotId]) => `Releasing a position in lot ${lotId} needs a reason (the legal ground)`,
  AllocationBelowMinimumHolding: ([offeringId, smallest, total, minHolding], c) =>
    `Offering ${offeringId} cannot take ${qty(total, c)} in all: the smallest request (${qty(smallest, c)}), shared pro rata, would be allocated less than the lot's minimum holding of ${qty(minHolding, c)}`,
  RefusalNotPermanent: ([offeringId, investor, reason]) => {
    const name = reasonName(reason);
    return BigInt(reason as bigint) === 0n || name === "holder-limit"
      ? `${short(investor)}'s allocation in offering ${offeringId} can be delivered: claim it instead of a refund`
      : `${short(investor)}'s allocation in offering ${offeringId} is refused only for a passing reason (${name ?? reason}): claim it once that passes`;
  },
  InvestorFrozen: ([offeringId, investor]) =>
    `${short(investor)} is frozen: it can neither reduce, cancel, claim nor take a refund in offering ${offeringId} (compliance may release its claim to a wallet it names)`,
  ReasonRequired: ([offeringId]) => `This step on offering ${offeringId} needs a reason`,
  InvalidRelease: ([offeringId, to]) =>
    `A claim in offering ${offeringId} cannot be released to ${short(to)}: it must be another wallet that may receive units`,
  UnitsNotAccepted: ([from, lotId]) => `The offerings contract accepts only its own mint: units of lot ${lotId} from ${short(from)} are refused`,
  DeliveryHolderFrozen: ([requestId, holder]) =>
    `Delivery request ${requestId} cannot be confirmed: its holder ${short(holder)} is frozen (compliance may release the request)`,
  DeliveryUnitsFrozen: ([requestId, holder, frozen, balance]) =>
    `Delivery request ${requestId} cannot be confirmed: ${frozen} units of the lot are frozen for ${short(holder)}, more than the ${balance} in its wallet, so the freeze reaches the units waiting for delivery`,
  EligibilityOutOfOrder: ([wallet, investorId, sequence, latest]) =>
    `The eligibility statement for ${short(wallet)} is number ${sequence}, not after the latest decision about ${
      BigInt(investorId as bigint) === 0n ? "that wallet" : `investor ${investorId}`
    } (number ${latest}): a later statement or decision supersedes it; ask the compliance officer for a new one`,
  InvalidPaymentToken: ([token]) => `${short(token)} is not a token contract`,
  NoUnitsOutstanding: ([lotId]) => `Lot ${lotId} has no units outstanding: nobody could be paid`,
  NotLotToken: ([caller]) => `${short(caller)} is not the lot token: only lot units are received here`,
  InvalidStepShape: ([inputs, outputs]) =>
    `A processing step cannot take ${inputs} lot${BigInt(inputs as bigint) === 1n ? "" : "s"} into ${outputs} output${BigInt(outputs as bigint) === 1n ? "" : "s"}: a split makes two to eight shipments of one lot, a blend one lot of two to eight, a refining step a product and up to seven by-products of one to eight`,
  DuplicateInput: ([lotId]) => `Lot ${lotId} is named twice: a step consumes each lot once`,
  MixedInputs: ([lotId]) => `Lot ${lotId} is not of the step's material: a step takes lots of one mineral (and, for a blend, one form)`,
  OutputMaterialNotAllowed: ([index, commodity, form]) =>
    `Output ${Number(index) + 1} (${COMMODITIES[Number(commodity) as Commodity]?.name ?? commodity} ${FORMS[Number(form)] ?? form}) does not follow from the inputs: a split or a blend yields their own material, a refinery a later form of their mineral, a by-product another mineral`,
  MassNotBalanced: ([consumed, produced], c) => {
    const [a, b] = qtyPair(produced, consumed, c);
    return `The outputs hold ${a}, the inputs ${b}: a split or a blend must balance exactly`;
  },
  RecoveryAbove100: ([consumed, produced], c) => {
    const [a, b] = qtyPair(produced, consumed, c);
    return `The product holds ${a} from ${b} consumed: a recovery above 100 %`;
  },
  ByProductExceedsContained: ([commodity, produced, contained]) => {
    const name = COMMODITIES[Number(commodity) as Commodity]?.name ?? String(commodity);
    const of = (base: unknown) => Quantity.fromBase(Number(commodity) as Commodity, BigInt(base as bigint)).format();
    return BigInt(contained as bigint) === 0n
      ? `No input was assayed for ${name}: record its grade (recordByProduct) before refining it out`
      : `${of(produced)} of ${name} is more than the ${of(contained)} the inputs contained as assayed`;
  },
  ZeroOutput: ([index]) => `Output ${Number(index) + 1} holds nothing: every output holds some metal`,
  InvalidByProduct: ([lotId, commodity, grade]) =>
    `A by-product of lot ${lotId} must be another mineral than the lot's own, at a grade from 1 ppb to 100 % (${COMMODITIES[Number(commodity) as Commodity]?.name ?? commodity} at ${grade} ppb given)`,
  NotConsumed: ([lotId]) => `No processing step consumed lot ${lotId}: its units do not convert`,
  ConversionNotByHolder: ([lotId, from]) => `Units of lot ${lotId} from ${short(from)} do not convert: a conversion is a holder's own transfer, one lot at a time, never a platform account's`,
  NothingHeld: ([lotId, holder]) => `No units of lot ${lotId} are held for ${short(holder)}`,
  InvalidHeldRelease: ([lotId, to]) => `Held units of lot ${lotId} cannot be released to ${short(to)}: compliance names another wallet, with a reason`,
  OutputNotSelling: ([lotId]) => `Lot ${lotId} is not being sold: its held units are redeemed once it is settling`,
  NothingToRedeem: ([lotId]) => `A redemption of lot ${lotId} must send at least one unit`,
  NothingToClaim: ([lotId, holder]) => `${short(holder)} has nothing to claim from lot ${lotId}`,
  FinalPaymentPending: ([lotId]) => `Lot ${lotId}'s final payment has not been deposited: its dust cannot be swept yet`,
  NothingToSweep: ([lotId]) => `Lot ${lotId} has no rounding dust to sweep`,
  CallerNotToken: ([caller]) => `${short(caller)} is not the units token`,
  TokenAlreadyBound: ([token]) => `The registry is already bound to the token ${short(token)}`,
  TokenNotBound: () => "The registry has no units token bound yet",
  UnknownDocument: ([lotId, index]) => `Lot ${lotId} has no document number ${index}`,
  UnknownRequest: ([requestId]) => `No delivery request has id ${requestId}`,
  NotADocumentIssuer: ([caller]) => `${short(caller)} holds none of the ISSUER, ASSAYER or CUSTODIAN roles`,
  CustodianNeverHeldLot: ([lotId, custodian]) =>
    `${short(custodian)} has never held lot ${lotId} and is not receiving it: a custodian documents only the lots it holds or held`,
  LotAlreadyRetired: ([lotId]) => `Lot ${lotId} is retired: nothing more can be attached to its record`,
  LotNotWithdrawable: ([lotId, current]) =>
    `Lot ${lotId} is ${state(current)}; only a registered, assayed or warehoused lot can be withdrawn (recall a lot in transit first; retire a settling lot)`,
  AttestationRequired: ([lotId, custodian]) =>
    `Lot ${lotId} came back from transit: its custodian ${short(custodian)} must attest what it holds before more units are minted`,
  ZeroAmount: ([lotId]) => `The amount for lot ${lotId} must be greater than zero`,
  AccessControlUnauthorizedAccount: ([account, role]) =>
    `${short(account)} does not hold the ${roleName(role as Hex)} role`,
  AccessControlBadConfirmation: () => "Only the account itself may renounce its role",
  AccessControlEnforcedDefaultAdminRules: () => "The default admin role may only change through the delayed transfer",
  AccessControlEnforcedDefaultAdminDelay: ([schedule]) =>
    `The default admin transfer cannot be accepted before ${new Date(Number(schedule) * 1000).toISOString()}`,
  AccessControlInvalidDefaultAdmin: ([account]) => `${short(account)} is not a valid default admin`,
  ERC1155InsufficientBalance: ([sender, balance, needed, lotId], c) => {
    const [held, asked] = qtyPair(balance, needed, c);
    return `${short(sender)} holds ${held} of lot ${lotId}, fewer than the ${asked} asked for`;
  },
  ERC1155InvalidReceiver: ([receiver]) =>
    `${short(receiver)} cannot receive units: it is the zero address or a contract that does not accept ERC-1155 tokens`,
  ERC1155InvalidSender: ([sender]) => `${short(sender)} cannot send units`,
  ERC1155MissingApprovalForAll: ([operator, owner]) =>
    `${short(operator)} is not approved to move or burn the units of ${short(owner)}`,
  ERC1155InvalidArrayLength: ([ids, values]) => `${ids} lot ids were given with ${values} amounts`,
  ERC1155InvalidOperator: ([operator]) => `${short(operator)} cannot be an operator`,
  ERC1155InvalidApprover: ([approver]) => `${short(approver)} cannot approve operators`,
  ComplianceViolation: ([reason, from, to, lotId]) => {
    const name = reasonName(reason);
    return name === undefined ? `Lot ${lotId}: the compliance rules refused the movement (reason ${reason})` : describeRefusal(name, from as Address, to as Address, BigInt(lotId as bigint));
  },
  ERC7943InsufficientUnfrozenBalance: ([account, lotId, amount, unfrozen], c) => {
    const [free, asked] = qtyPair(unfrozen, amount, c);
    return `${short(account)} cannot send lot ${lotId}: only ${free} of its units are unfrozen, fewer than the ${asked} asked for`;
  },
  ERC7943CannotSend: ([account]) => `${short(account)} cannot send units`,
  ERC7943CannotReceive: ([account]) => `${short(account)} cannot receive units`,
  ERC7943CannotTransfer: ([from, to, lotId, amount], c) =>
    `${short(from)} cannot transfer ${qty(amount, c)} of lot ${lotId} to ${short(to)}`,
  WalletAlreadyRegistered: ([wallet, investorId]) => `${short(wallet)} is already registered, as investor ${investorId}`,
  WalletNotRegistered: ([wallet]) => `${short(wallet)} is not registered in the investor registry`,
  UnknownInvestor: ([investorId]) => `Investor ${investorId} does not exist`,
  TooManyWallets: ([investorId, max]) => `Investor ${investorId} already has the most linked wallets allowed (${max})`,
  InvalidComplianceField: ([field, value]) => COMPLIANCE_FIELDS[String(field)]?.(value) ?? `Invalid ${field}: ${value}`,
  MaxHoldersBelowHolders: ([lotId, maxHolders, holders]) =>
    `Lot ${lotId} already has ${holders} holders and reserved holder slots, more than the maximum of ${maxHolders} asked for`,
  EligibilityExpired: ([deadline]) => `The eligibility statement expired at ${isoDate(deadline)}`,
  InvalidEligibilitySigner: ([signer]) =>
    `The eligibility statement was signed by ${short(signer)}, which does not hold the COMPLIANCE role`,
  EligibilitySuperseded: ([wallet, investorId, issuedAt, decidedAt]) =>
    `The eligibility statement for ${short(wallet)}, issued ${isoDate(issuedAt)}, is out of date: the registry decided about ${
      BigInt(investorId as bigint) === 0n ? "that wallet" : `investor ${investorId}`
    } later, at ${isoDate(decidedAt)}; ask the compliance officer for a new one`,
  EligibilityNotYetIssued: ([issuedAt, timestamp]) =>
    `The eligibility statement claims to be issued at ${isoDate(issuedAt)}, after the chain's current time ${isoDate(timestamp)}`,
  EligibilitySpent: ([digest]) => `The eligibility statement ${short(digest)} was already used or was cancelled by a compliance officer`,
  WalletHoldsUnits: ([wallet, lotsHeld]) =>
    `${short(wallet)} still holds units of ${lotsHeld} lot${BigInt(lotsHeld as bigint) === 1n ? "" : "s"}; recover them by forced transfer before unlinking it`,
  ZeroForcedTransfer: ([from, to, lotId]) =>
    `A forced transfer of lot ${lotId} from ${short(from)} to ${short(to)} must move at least one unit`,
  EmptyMovement: ([from, to]) =>
    `A movement of units from ${short(from)} to ${short(to)} must name at least one lot`,
  EnforcedPause: () => "Transfers of units are paused",
  ExpectedPause: () => "Transfers of units are not paused",
  ECDSAInvalidSignature: () => "The signature is not valid",
  ECDSAInvalidSignatureLength: ([length]) => `The signature is ${length} bytes long; a signature has 65`,
  ECDSAInvalidSignatureS: () => "The signature is malformed (its s value is out of range)",
  // An offering's window can close, or the offering be closed, between `checkSubscribe` and the transaction.
  SubscriptionNotStarted: ([offeringId, start]) => `The subscription window of offering ${offeringId} opens at ${isoDate(start)}`,
  SubscriptionEnded: ([offeringId, end]) => `The subscription window of offering ${offeringId} closed at ${isoDate(end)}`,
  OfferingAlreadyClosed: ([offeringId]) => `Offering ${offeringId} is already closed`,
  UnknownOffering: ([offeringId]) => `Offering ${offeringId} does not exist`,
  UnknownOffer: ([offerId]) => `Offer ${offerId} does not exist`,
};

/** The plain-language message for a decoded custom error, or undefined when the SDK does not know it. */
export function explainRevert(errorName: string, args: readonly unknown[], context: RevertContext = {}): string | undefined {
  const explain = EXPLAINERS[errorName];
  return explain ? explain(args, context) : undefined;
}

/**
 * Converts an error thrown by a viem action into a `ContractRevertError` (the contract refused, with its custom
 * error explained) or a `TransactionError` (anything else). SDK errors pass through unchanged.
 *
 * @example
 * try { await writeContract(client, request) } catch (e) { throw decodeError(e, { commodity: Commodity.Gold }) }
 */
export function decodeError(error: unknown, context: RevertContext = {}): MineralsError {
  if (error instanceof MineralsError) return error;
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const errorName = revert.data?.errorName;
      const args = revert.data?.args ?? [];
      if (errorName) {
        const message = explainRevert(errorName, args, context) ?? `${errorName}(${args.map(String).join(", ")})`;
        // An explanation that already says what could not be done needs no prefix.
        const shortMessage = context.action && !message.startsWith("Cannot ") ? `Cannot ${context.action}: ${message}` : message;
        return new ContractRevertError(errorName, args, shortMessage, { cause: error, details: revert.shortMessage });
      }
      const reason = revert.reason ?? revert.signature ?? "no reason given";
      return new ContractRevertError("Unknown", [], `${context.action ? `Cannot ${context.action}: ` : ""}the contract refused (${reason})`, {
        cause: error,
      });
    }
    // A node that is down says only "HTTP request failed": name the chain and the likely cause.
    const unreachable = error.walk((e) => e instanceof HttpRequestError);
    if (unreachable instanceof HttpRequestError && unreachable.status === undefined) {
      const why = (unreachable.details || "no answer").split("\n")[0];
      return new TransactionError(`The chain at ${unreachable.url.replace(/\/$/, "")} does not answer (${why}): is its node running?`, { cause: error, details: error.details });
    }
    return new TransactionError(error.shortMessage, { cause: error, details: error.details });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransactionError(message, { cause: error });
}
