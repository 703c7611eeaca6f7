/**
 * `minerals offering create|subscribe|cancel|close|claim|withdraw|show`: primary offerings of a lot's units for the
 * stablecoin. Every refusal is explained in one sentence before anything is sent (the SDK's `checkSubscribe`).
 */
import { Command } from "commander";
import { toLotId } from "../../src/internal/validate.ts";
import { Money, formatPrice } from "../../src/units/index.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { parseDuration } from "./duration.ts";
import { parseDate } from "./investors.ts";
import { ROUNDING_HELP, parseAmount } from "./lot.ts";


function createCommand(): Command {
  return withCommonOptions(
    new Command("create")
      .description("create a primary offering of a lot's units (issuer), priced per market unit (t, ozt, mtu)")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--price <usd>", 'price per market unit of the commodity, e.g. "9,750 USD" (per t Cu)')
      .requiredOption("--treasury <address|index>", "who is paid the proceeds (holds TREASURY_ROLE)")
      .requiredOption("--min <quantity>", 'minimum ticket per investor, e.g. "1 t"')
      .requiredOption("--max <quantity>", 'maximum ticket per investor, e.g. "8 t"')
      .requiredOption("--soft-cap <quantity>", "below this in total, the offering fails and refunds everyone in full")
      .requiredOption("--hard-cap <quantity>", "at most this is sold; above it, allocation is pro rata")
      .option("--starts-in <duration>", 'when the window opens, from now, e.g. "0s", "1h"', "0s")
      .option("--ends-in <duration>", 'when the window closes, from now, e.g. "7d"', "1d")
      .option("--start <date>", "when the window opens (ISO 8601), instead of --starts-in")
      .option("--end <date>", "when the window closes (ISO 8601), instead of --ends-in")
      .option("--payment-token <address>", "the ERC-20 investors pay in (default: the deployment's test stablecoin)")
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      const price = parseFlag("--price", () => Money.parseUsd(options.price));
      const fixedStart = options.start ? parseDate(options.start, "--start") : undefined;
      const fixedEnd = options.end ? parseDate(options.end, "--end") : undefined;
      const startsIn = parseDuration(options.startsIn, "--starts-in");
      const endsIn = parseDuration(options.endsIn, "--ends-in");
      await withPlatform(options, async ({ sdk, connection }) => {
        const lot = await sdk.getLot({ lotId });
        const q = (text: string, flag: string) => parseAmount(lot.commodity, text, options.rounding, flag);
        const now = Number((await connection.client.getBlock()).timestamp);
        const start = fixedStart ?? new Date((now + startsIn) * 1000);
        const end = fixedEnd ?? new Date((now + endsIn) * 1000);
        const r = await sdk.createOffering({
          lotId,
          price,
          treasury: addressOrIndex(connection, options.treasury, "--treasury"),
          start,
          end,
          minTicket: q(options.min, "--min"),
          maxTicket: q(options.max, "--max"),
          softCap: q(options.softCap, "--soft-cap"),
          hardCap: q(options.hardCap, "--hard-cap"),
          ...(options.paymentToken ? { paymentToken: options.paymentToken } : {}),
        });
        console.log(
          options.json
            ? toJson({ offeringId: r.offeringId, lotId, price, priceAmount: r.priceAmount, priceUnit: r.priceUnit, start: start.toISOString(), end: end.toISOString(), transaction: r.hash })
            : `Offering ${r.offeringId}: lot ${lotId} at ${formatPrice(price, lot.commodity)}, from ${start.toISOString()} to ${end.toISOString()}`,
        );
      });
    }),
  );
}

function subscribeCommand(): Command {
  return withCommonOptions(
    new Command("subscribe")
      .description("subscribe to an offering: the payment is escrowed until the close")
      .requiredOption("--offering <id>", "offering id")
      .requiredOption("--amount <quantity>", 'units to add to your request, e.g. "6 t"')
      .option("--permit", "authorise the payment with an EIP-2612 permit instead of an approval transaction")
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk }) => {
        const offering = await sdk.getOffering({ offeringId: options.offering });
        const amount = parseAmount(offering.commodity, options.amount, options.rounding);
        const r = await sdk.subscribe({ offeringId: offering.offeringId, amount, payWith: options.permit ? "permit" : "approve" });
        console.log(
          options.json
            ? toJson({ offeringId: offering.offeringId, amount, payment: r.payment, transaction: r.hash })
            : `Subscribed ${amount.format()} to offering ${offering.offeringId}, escrowed ${r.payment.format()}`,
        );
      });
    }),
  );
}

function cancelCommand(): Command {
  return withCommonOptions(
    new Command("cancel")
      .description("cancel your subscription before the close (or lower it with --reduce-to); the payment comes back at once")
      .requiredOption("--offering <id>", "offering id")
      .option("--reduce-to <quantity>", "keep this much of your request instead of cancelling it all")
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk }) => {
        const offeringId = options.offering;
        const r = options.reduceTo
          ? await sdk.reduceSubscription({ offeringId, amount: parseAmount((await sdk.getOffering({ offeringId })).commodity, options.reduceTo, options.rounding, "--reduce-to") })
          : await sdk.cancelSubscription({ offeringId });
        console.log(
          options.json
            ? toJson({ offeringId, requested: r.requested, refund: r.refund, transaction: r.hash })
            : `${r.requested.base === 0n ? "Cancelled the subscription" : `Reduced the subscription to ${r.requested.format()}`} in offering ${offeringId}, refunded ${r.refund.format()}`,
        );
      });
    }),
  );
}

function closeCommand(): Command {
  return withCommonOptions(
    new Command("close")
      .description("close an offering: an issuer at its end, anyone after the grace period")
      .requiredOption("--offering <id>", "offering id"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.closeOffering({ offeringId: options.offering });
        console.log(
          options.json
            ? toJson({ offeringId: options.offering, state: r.state, totalRequested: r.totalRequested, unitsMinted: r.unitsMinted, transaction: r.hash })
            : r.state === "failed"
              ? `Offering ${options.offering} failed (${r.totalRequested.format()} requested, below its soft cap): every investor can claim a full refund, and the lot's reserved capacity is free again`
              : `Offering ${options.offering} succeeded: ${r.unitsMinted.format()} allocated of ${r.totalRequested.format()} requested`,
        );
      });
    }),
  );
}

function claimCommand(): Command {
  return withCommonOptions(
    new Command("claim")
      .description("claim your units and refund from a closed offering")
      .requiredOption("--offering <id>", "offering id")
      .option("--investor <address|index>", "claim for this investor (an issuer may); default: the signer"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk, connection }) => {
        const investor = options.investor ? addressOrIndex(connection, options.investor, "--investor") : undefined;
        const r = await sdk.claimOffering({ offeringId: options.offering, ...(investor ? { investor } : {}) });
        console.log(
          options.json
            ? toJson({ offeringId: options.offering, units: r.units, refund: r.refund, transaction: r.hash })
            : `Claimed from offering ${options.offering}: ${r.units.format()} and a refund of ${r.refund.format()}`,
        );
      });
    }),
  );
}

function refundInsteadCommand(): Command {
  return withCommonOptions(
    new Command("refund-instead")
      .description("take back everything you paid instead of your allocation, when the lot's rules refuse you the units for good (no longer verified, your country or class no longer admitted, the minimum holding raised)")
      .requiredOption("--offering <id>", "offering id"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.refundInstead({ offeringId: options.offering });
        console.log(
          options.json
            ? toJson({ offeringId: options.offering, unitsGivenUp: r.units, refund: r.refund, transaction: r.hash })
            : `Refunded ${r.refund.format()} from offering ${options.offering} instead of ${r.units.format()}`,
        );
      });
    }),
  );
}

function stopCommand(): Command {
  return withCommonOptions(
    new Command("stop")
      .description("cancel an open offering (an issuer): its reserved capacity is given back and every subscriber claims a full refund")
      .requiredOption("--offering <id>", "offering id")
      .requiredOption("--reason <text>", "why (at most 32 bytes), e.g. a due-diligence finding"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.cancelOffering({ offeringId: options.offering, reason: options.reason });
        console.log(
          options.json
            ? toJson({ offeringId: options.offering, state: "cancelled", transaction: r.hash })
            : `Offering ${options.offering} cancelled (${options.reason}): every subscriber can claim a full refund`,
        );
      });
    }),
  );
}

function releaseCommand(): Command {
  return withCommonOptions(
    new Command("release")
      .description("settle a frozen or lost investor's claim to a wallet you name (COMPLIANCE role): its units and refund go there")
      .requiredOption("--offering <id>", "offering id")
      .requiredOption("--investor <address|index>", "the investor whose claim is settled")
      .requiredOption("--to <address|index>", "the wallet that receives the units and the refund")
      .requiredOption("--reason <text>", "the legal ground (at most 32 bytes)"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk, connection }) => {
        const investor = addressOrIndex(connection, options.investor, "--investor");
        const to = addressOrIndex(connection, options.to, "--to");
        const r = await sdk.releaseClaim({ offeringId: options.offering, investor, to, reason: options.reason });
        console.log(
          options.json
            ? toJson({ offeringId: options.offering, investor, to, units: r.units, refund: r.refund, transaction: r.hash })
            : `Released ${investor}'s claim in offering ${options.offering} to ${to}: ${r.units.format()} and a refund of ${r.refund.format()}`,
        );
      });
    }),
  );
}

function withdrawCommand(): Command {
  return withCommonOptions(
    new Command("withdraw")
      .description("pay a closed offering's proceeds to its treasury (anyone), or with --units-to move out the units no investor will receive (an issuer)")
      .requiredOption("--offering <id>", "offering id")
      .option("--units-to <address|index>", "withdraw the refused units (and the rounding dust once all claimed) to this receiver instead"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk, connection }) => {
        const offeringId = options.offering;
        if (options.unitsTo) {
          const r = await sdk.withdrawOfferingUnits({ offeringId, to: addressOrIndex(connection, options.unitsTo, "--units-to") });
          console.log(options.json ? toJson({ offeringId, units: r.units, to: r.to, transaction: r.hash }) : `Moved ${r.units.format()} out of offering ${offeringId} to ${r.to}`);
          return;
        }
        const r = await sdk.withdrawOfferingProceeds({ offeringId });
        console.log(options.json ? toJson({ offeringId, amount: r.amount, treasury: r.treasury, transaction: r.hash }) : `Paid ${r.amount.format()} from offering ${offeringId} to its treasury ${r.treasury}`);
      });
    }),
  );
}

function showCommand(): Command {
  return withCommonOptions(
    new Command("show")
      .description("an offering: terms, state, totals, and an investor's position and whether it could subscribe now")
      .requiredOption("--offering <id>", "offering id")
      .option("--investor <address|index>", "whose position to show (default: the signer)"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk, connection }) => {
        const investor = options.investor ? addressOrIndex(connection, options.investor, "--investor") : undefined;
        const o = await sdk.getOffering({ offeringId: options.offering, ...(investor ? { investor } : {}) });
        const operation = o.state === "open" ? "subscribe" : "claim";
        const check = await sdk.checkSubscribe({ offeringId: o.offeringId, operation, ...(investor ? { investor } : {}), ...(operation === "subscribe" ? { amount: o.minTicket } : {}) });
        if (options.json) {
          console.log(toJson({ ...o, start: o.start.toISOString(), end: o.end.toISOString(), closableByAnyoneAt: o.closableByAnyoneAt.toISOString(), now: o.now.toISOString(), [operation]: { allowed: check.allowed, reason: check.reason, message: check.message } }));
          return;
        }
        console.log(`Offering ${o.offeringId} (${o.state}): lot ${o.lotId} at ${formatPrice(o.price, o.commodity)}, ${o.start.toISOString()} to ${o.end.toISOString()}`);
        console.log(`  tickets ${o.minTicket.format()} to ${o.maxTicket.format()}; soft cap ${o.softCap.format()}, hard cap ${o.hardCap.format()}`);
        console.log(`  requested ${o.totalRequested.format()}; minted ${o.unitsMinted.format()}, delivered ${o.unitsDelivered.format()}; proceeds ${o.proceedsReleased.format()}`);
        if (o.position) {
          const p = o.position;
          console.log(`  ${p.investor}: requested ${p.requested.format()}, paid ${p.paid.format()}; allocation ${p.allocation.format()}, refund ${p.refund.format()}${p.claimed ? " (claimed)" : p.slotHeld ? " (holder slot held)" : ""}`);
        }
        console.log(`  ${check.message}`);
      });
    }),
  );
}

export function offeringCommand(): Command {
  return new Command("offering")
    .description("primary offerings of a lot's units for the stablecoin: create, subscribe, cancel, close, stop, claim, refund-instead, release, withdraw, show")
    .addCommand(createCommand())
    .addCommand(subscribeCommand())
    .addCommand(cancelCommand())
    .addCommand(closeCommand())
    .addCommand(stopCommand())
    .addCommand(claimCommand())
    .addCommand(refundInsteadCommand())
    .addCommand(releaseCommand())
    .addCommand(withdrawCommand())
    .addCommand(showCommand());
}
