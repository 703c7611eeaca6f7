/**
 * The investor registry, by wallet: investor id, country, class, KYC expiry, account freeze and whether it is a
 * platform account. Every write the registrar makes to these fields of a wallet's record emits one of these events
 * for that wallet, so the records fold exactly. No personal data: the chain has none.
 */
import { ponder, type Context } from "ponder:registry";
import { investor } from "ponder:schema";
import { lower } from "./read.ts";

const EMPTY = { investorId: 0n, country: 0, investorClass: 0, kycExpiry: 0n, frozen: false, platform: false };

async function setRecord(context: Context, wallet: `0x${string}`, change: Partial<typeof EMPTY>): Promise<void> {
  await context.db
    .insert(investor)
    .values({ wallet: lower(wallet), ...EMPTY, ...change })
    .onConflictDoUpdate(change);
}

ponder.on("InvestorRegistrar:InvestorSet", async ({ event, context }) => {
  const { wallet, investorId, country, investorClass, kycExpiry } = event.args;
  await setRecord(context, wallet, { investorId, country, investorClass, kycExpiry: BigInt(kycExpiry) });
});

// Removed: the wallet keeps its investor id (so holder counts stay exact) and its country, loses its class and expiry.
ponder.on("InvestorRegistrar:InvestorRemoved", async ({ event, context }) => {
  await setRecord(context, event.args.wallet, { investorClass: 0, kycExpiry: 0n });
});

// Unlinked: the wallet forgets its investor; its account freeze stays with the address.
ponder.on("InvestorRegistrar:WalletUnlinked", async ({ event, context }) => {
  await setRecord(context, event.args.wallet, { investorId: 0n, country: 0, investorClass: 0, kycExpiry: 0n });
});

ponder.on("InvestorRegistrar:PlatformAccountSet", async ({ event, context }) => {
  await setRecord(context, event.args.account, { platform: event.args.platform });
});

ponder.on("InvestorRegistrar:AccountFrozen", async ({ event, context }) => {
  await setRecord(context, event.args.account, { frozen: event.args.frozen });
});
