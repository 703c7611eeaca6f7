/**
 * `minerals delivery request|confirm|reject|cancel|release|show|minimum`: physical delivery of a lot's units. A holder
 * sends units to the delivery escrow with a reference of its delivery instructions; the lot's custodian confirms (the
 * units are burned) or rejects (they go back); the holder may cancel while the request is pending, and the compliance
 * officer releases a frozen or lost holder's request to a wallet it names. Every refusal is explained in one sentence
 * before anything is sent (the SDK's `checkDelivery` and the request's own checks).
 */
import { Command } from "commander";
import type { GetDeliveryReturnType } from "../../src/actions/delivery/getDelivery.ts";
import { toReference, toRequestId } from "../../src/internal/delivery.ts";
import { toLotId } from "../../src/internal/validate.ts";
import type { Quantity } from "../../src/units/index.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { ROUNDING_HELP, parseAmount } from "./lot.ts";

const REFERENCE_HELP = "a 0x 32-byte hash or a short text of at most 32 bytes (no personal data)";

/** A request id from `--request`, refused in one line naming the flag. */
const requestFlag = (value: string): bigint => toRequestId(value, "--request");

/** A `bytes32` reference from a flag, checked before anything is read; the SDK stores the same text. */
function referenceFlag(value: string, flag: string): string {
  toReference(value, flag);
  return value;
}

/** A request as JSON: quantities as { market, base, ... } like every other command, dates as ISO strings. */
function requestJson(r: GetDeliveryReturnType) {
  return { ...r, requestedAt: r.requestedAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null, outcomeRef: r.outcomeRef ?? null };
}

const OUTCOME_LABEL = { delivered: "delivery", rejected: "reason", released: "reason", cancelled: "", pending: "" } as const;

function requestCommand(): Command {
  return withCommonOptions(
    new Command("request")
      .description("request physical delivery: send units to the delivery escrow, locked until the custodian decides")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--amount <quantity>", 'units to deliver, e.g. "20 mtu", "5 t"; no unit = market unit')
      .requiredOption("--instructions <ref>", `a reference of the off-chain delivery instructions: ${REFERENCE_HELP}`)
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      const instructionsRef = referenceFlag(options.instructions, "--instructions");
      await withPlatform(options, async ({ sdk }) => {
        const lot = await sdk.getLot({ lotId });
        const amount = parseAmount(lot.commodity, options.amount, options.rounding);
        const r = await sdk.requestDelivery({ lotId, amount, instructionsRef });
        console.log(
          options.json
            ? toJson({ requestId: r.requestId, lotId, amount: r.amount, instructionsRef, status: "pending", transaction: r.hash })
            : `Delivery request ${r.requestId}: ${r.amount.format()} of lot ${lotId} locked until the custodian confirms or rejects it`,
        );
      });
    }),
  );
}

/** The shape the confirm, reject, cancel and release commands print. */
function decided(options: { json?: boolean }, r: { requestId: bigint; lotId: bigint; amount: Quantity; hash: string }, status: string, extra: object, text: string): void {
  console.log(options.json ? toJson({ requestId: r.requestId, lotId: r.lotId, amount: r.amount, status, ...extra, transaction: r.hash }) : text);
}

function confirmCommand(): Command {
  return withCommonOptions(
    new Command("confirm")
      .description("confirm a delivery (the lot's custodian): the locked units are burned")
      .requiredOption("--request <id>", "request id")
      .requiredOption("--ref <ref>", `the delivery's reference (release note, bill of lading): ${REFERENCE_HELP}`),
  ).action((options) =>
    run(async () => {
      const requestId = requestFlag(options.request);
      const deliveryRef = referenceFlag(options.ref, "--ref");
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.confirmDelivery({ requestId, deliveryRef });
        decided(options, r, "delivered", { deliveryRef }, `Delivered request ${r.requestId}: ${r.amount.format()} of lot ${r.lotId} burned (${deliveryRef})`);
      });
    }),
  );
}

function rejectCommand(): Command {
  return withCommonOptions(
    new Command("reject")
      .description("reject a delivery with a reason (the lot's custodian): the units go back to the holder")
      .requiredOption("--request <id>", "request id")
      .requiredOption("--reason <text>", `why: ${REFERENCE_HELP}`),
  ).action((options) =>
    run(async () => {
      const requestId = requestFlag(options.request);
      const reason = referenceFlag(options.reason, "--reason");
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.rejectDelivery({ requestId, reason });
        decided(options, r, "rejected", { reason }, `Rejected request ${r.requestId} (${reason}): ${r.amount.format()} of lot ${r.lotId} returned to the holder`);
      });
    }),
  );
}

function cancelCommand(): Command {
  return withCommonOptions(
    new Command("cancel").description("cancel your pending delivery request: the units come back").requiredOption("--request <id>", "request id"),
  ).action((options) =>
    run(async () => {
      const requestId = requestFlag(options.request);
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.cancelDelivery({ requestId });
        decided(options, r, "cancelled", {}, `Cancelled request ${r.requestId}: ${r.amount.format()} of lot ${r.lotId} returned`);
      });
    }),
  );
}

function releaseCommand(): Command {
  return withCommonOptions(
    new Command("release")
      .description("release a pending request's units to another wallet (compliance officer): the remedy when its holder was frozen or lost its wallet")
      .requiredOption("--request <id>", "request id")
      .requiredOption("--to <address|index>", "the wallet to receive the units (its rules as a receiver apply)")
      .requiredOption("--reason <text>", `why: ${REFERENCE_HELP}`),
  ).action((options) =>
    run(async () => {
      const requestId = requestFlag(options.request);
      const reason = referenceFlag(options.reason, "--reason");
      await withPlatform(options, async ({ sdk, connection }) => {
        const to = addressOrIndex(connection, options.to, "--to");
        const r = await sdk.releaseDelivery({ requestId, to, reason });
        decided(options, r, "released", { holder: r.holder, to: r.to, reason }, `Released request ${r.requestId} (${reason}): ${r.amount.format()} of lot ${r.lotId} sent to ${r.to} instead of ${r.holder}`);
      });
    }),
  );
}

function showCommand(): Command {
  return withCommonOptions(
    new Command("show")
      .description("one delivery request, or every request (of one holder with --holder)")
      .option("--request <id>", "request id")
      .option("--holder <address|index>", "only this holder's requests"),
  ).action((options) =>
    run(async () => {
      const requestId = options.request === undefined ? undefined : requestFlag(options.request);
      await withPlatform(options, async ({ sdk, connection }) => {
        const holder = options.holder ? addressOrIndex(connection, options.holder, "--holder") : undefined;
        const requests = requestId !== undefined ? [await sdk.getDelivery({ requestId })] : await sdk.listDeliveries(holder ? { holder } : {});
        if (options.json) {
          console.log(toJson(requestId !== undefined ? requestJson(requests[0]!) : requests.map(requestJson)));
          return;
        }
        if (requests.length === 0) console.log(holder ? `No delivery requests by ${holder}` : "No delivery requests");
        for (const r of requests) {
          const outcome = r.outcomeRef === undefined ? "" : `; ${OUTCOME_LABEL[r.status]} ${r.outcomeRef}`;
          console.log(`Request ${r.requestId} (${r.status}): ${r.amount.format()} of lot ${r.lotId} for ${r.holder}; instructions ${r.instructionsRef}${outcome}`);
        }
      });
    }),
  );
}

/** "0", "0 mtu", "0.0 t": a minimum of zero, which stops offering delivery (parseAmount refuses a zero quantity). */
const ZERO = /^\s*0+(\.0*)?(\s*[A-Za-z][\w ]*)?\s*$/;

function minimumCommand(): Command {
  return withCommonOptions(
    new Command("minimum")
      .description("set a lot's minimum delivery quantity (issuer); 0 stops offering delivery")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--amount <quantity>", 'e.g. "10 mtu", "5 t"; no unit = market unit; 0 stops offering delivery')
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk }) => {
        const lot = await sdk.getLot({ lotId });
        const minimum = ZERO.test(options.amount) ? 0n : parseAmount(lot.commodity, options.amount, options.rounding);
        const r = await sdk.setMinimumDelivery({ lotId, minimum });
        console.log(
          options.json
            ? toJson({ lotId, minimum: r.minimum, offered: r.minimum.base > 0n, transaction: r.hash })
            : r.minimum.base === 0n
              ? `Physical delivery of lot ${lotId} is no longer offered`
              : `Lot ${lotId}: physical delivery from ${r.minimum.format()}`,
        );
      });
    }),
  );
}

export function deliveryCommand(): Command {
  return new Command("delivery")
    .description("physical delivery of units: request, confirm, reject, cancel, release, show, minimum")
    .addCommand(requestCommand())
    .addCommand(confirmCommand())
    .addCommand(rejectCommand())
    .addCommand(cancelCommand())
    .addCommand(releaseCommand())
    .addCommand(showCommand())
    .addCommand(minimumCommand());
}
