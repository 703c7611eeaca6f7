/**
 * Hardhat Ignition module for the platform: the lot registry, the units token, the investor registrar, the
 * bindings between them, the secondary trades contract, the primary offerings contract (a platform account with
 * ISSUER_ROLE, which it needs to mint each offering's allocation to itself at close, bound in the registry to reserve
 * mint capacity), the delivery escrow (a platform account with no role, bound in the registry to record deliveries),
 * the proceeds vault (a platform account bound in the registry, parameter `proceedsNoticePeriod`, default 30 days) and
 * the processing contract (a platform account with ISSUER_ROLE, which mints each step's outputs for the inputs'
 * holders, bound in the registry to consume lots and register their products).
 * The SDK's `deployPlatform` (used by `minerals deploy`) does the same and also grants roles and writes the
 * manifest; this module is for teams that manage deployments with Ignition
 * (`npx hardhat ignition deploy ignition/modules/Minerals.ts --network localhost`).
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** Two days before a new default admin may accept the role. */
const ADMIN_TRANSFER_DELAY = 2 * 24 * 60 * 60;
/** Thirty days between a lot's final sale payment and its retirement with units still outstanding. */
const NOTICE_PERIOD = 30 * 24 * 60 * 60;

export default buildModule("Minerals", (m) => {
  const admin = m.getParameter("admin", m.getAccount(0));
  const adminTransferDelay = m.getParameter("adminTransferDelay", ADMIN_TRANSFER_DELAY);
  const baseURI = m.getParameter("baseURI", "ipfs://minerals-lots/");

  const registry = m.contract("LotRegistry", [adminTransferDelay, admin]);
  const token = m.contract("LotToken", [registry, baseURI]);
  m.call(registry, "bindToken", [token]);
  const registrar = m.contract("InvestorRegistrar", [registry, token]);
  const registrarBound = m.call(token, "bindRegistrar", [registrar]);
  // Secondary trades need no role: sellers approve it as their ERC-1155 operator.
  const trades = m.contract("LotTrades", [token]);

  const offerings = m.contract("LotOfferings", [registry, token]);
  // The registrar writes the flag through the token, so only once it is bound.
  m.call(registrar, "setPlatformAccount", [offerings, true], { after: [registrarBound] });
  const issuerRole = m.staticCall(registry, "ISSUER_ROLE", []);
  m.call(registry, "grantRole", [issuerRole, offerings], { id: "grantIssuerToOfferings" });
  // The one account that may reserve a lot's mint capacity for an offering.
  m.call(registry, "bindOfferings", [offerings]);

  // The delivery escrow holds units being delivered: a platform account, no role (it burns only its own units).
  const delivery = m.contract("DeliveryEscrow", [registry, token]);
  m.call(registrar, "setPlatformAccount", [delivery, true], { id: "markDeliveryEscrowPlatform", after: [registrarBound] });
  // The one account that may record a physical delivery (the metal that left a warehouse).
  m.call(registry, "bindDelivery", [delivery]);

  // The proceeds vault holds redeemed units for an instant (it burns them) and tells the registry when a lot may retire.
  const noticePeriod = m.getParameter("proceedsNoticePeriod", NOTICE_PERIOD);
  const proceeds = m.contract("ProceedsVault", [registry, token, noticePeriod]);
  m.call(registrar, "setPlatformAccount", [proceeds, true], { after: [registrarBound], id: "markProceedsPlatform" });
  m.call(registry, "bindProceeds", [proceeds]);

  // Splits, blends and refines lots; holds the outputs' units until the inputs' holders convert into them.
  const processing = m.contract("LotProcessing", [registry, token]);
  m.call(registrar, "setPlatformAccount", [processing, true], { after: [registrarBound], id: "markProcessingPlatform" });
  m.call(registry, "grantRole", [issuerRole, processing], { id: "grantIssuerToProcessing" });
  m.call(registry, "bindProcessing", [processing]);

  return { registry, token, registrar, trades, offerings, delivery, proceeds, processing };
});
