/**
 * `minerals trade offer|take|cancel|show|offers`: secondary trades, delivery versus payment, and a lot's open offers
 * best price first; and `minerals stablecoin mint` to fund a wallet with the local chain's test stablecoin.
 */
import Table from "cli-table3";
import { Command } from "commander";
import { MineralsError } from "../../src/errors/base.ts";
import { toLotId } from "../../src/internal/validate.ts";
import { COMMODITIES, Money, formatPrice } from "../../src/units/index.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";
import { parseDuration } from "./duration.ts";
import { parseDate } from "./investors.ts";
import { ROUNDING_HELP, parseAmount } from "./lot.ts";


/** `--price` / `--amount` in USD: "45,000 USD", "$45000", "45000". */
function parseUsd(value: string, flag: string): Money {
  return parseFlag(flag, () => Money.parseUsd(value));
}

function offerCommand(): Command {
  return withCommonOptions(
    new Command("offer")
      .description("offer units of a lot for a total price in USD; the units stay with you until a buyer takes the offer")
      .requiredOption("--lot <id>", "lot id")
      .requiredOption("--amount <quantity>", 'units offered, e.g. "5 t", "100 ozt"; no unit = market unit')
      .requiredOption("--price <usd>", 'total price, e.g. "45,000 USD"')
      .option("--buyer <address|index>", "the only buyer who may take it (default: anyone)")
      .option("--expires-in <duration>", 'how long the offer stands, e.g. "12h", "7d"', "1d")
      .option("--expiry <date>", "when the offer expires (ISO 8601), instead of --expires-in")
      .option("--payment-token <address>", "the ERC-20 to be paid in (default: the deployment's test stablecoin)")
      .option("--rounding <mode>", ROUNDING_HELP, "exact"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      const price = parseUsd(options.price, "--price");
      const fixedExpiry = options.expiry ? parseDate(options.expiry, "--expiry") : undefined;
      const seconds = parseDuration(options.expiresIn, "--expires-in", { min: 1 });
      await withPlatform(options, async ({ sdk, connection }) => {
        const lot = await sdk.getLot({ lotId });
        const amount = parseAmount(lot.commodity, options.amount, options.rounding);
        const buyer = options.buyer ? addressOrIndex(connection, options.buyer, "--buyer") : undefined;
        const now = Number((await connection.client.getBlock()).timestamp);
        const expiry = fixedExpiry ?? new Date((now + seconds) * 1000);
        const r = await sdk.offerUnits({
          lotId,
          amount,
          price,
          expiry,
          ...(buyer ? { buyer } : {}),
          ...(options.paymentToken ? { paymentToken: options.paymentToken } : {}),
        });
        console.log(
          options.json
            ? toJson({ offerId: r.offerId, lotId, amount: r.amount, price: r.price, buyer: buyer ?? null, expiry: expiry.toISOString(), transaction: r.hash })
            : `Offer ${r.offerId}: ${r.amount.format()} of lot ${lotId} for ${r.price.format()}${buyer ? ` to ${buyer}` : ""}, until ${expiry.toISOString()}`,
        );
      });
    }),
  );
}

function takeCommand(): Command {
  return withCommonOptions(
    new Command("take")
      .description("take an offer whole: pay its price and receive its units in one transaction, or neither")
      .requiredOption("--offer <id>", "offer id")
      .option("--permit", "authorise the payment with an EIP-2612 permit instead of an approval transaction"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.takeOffer({ offerId: options.offer, payWith: options.permit ? "permit" : "approve" });
        console.log(
          options.json
            ? toJson({ offerId: r.offerId, received: r.received, paid: r.paid, transaction: r.hash })
            : `Took offer ${r.offerId}: received ${r.received.format()}, paid ${r.paid.format()}`,
        );
      });
    }),
  );
}

function cancelCommand(): Command {
  return withCommonOptions(
    new Command("cancel").description("cancel your open offer").requiredOption("--offer <id>", "offer id"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.cancelOffer({ offerId: options.offer });
        console.log(options.json ? toJson({ offerId: r.offerId, state: "cancelled", transaction: r.hash }) : `Cancelled offer ${r.offerId}`);
      });
    }),
  );
}

function showCommand(): Command {
  return withCommonOptions(
    new Command("show")
      .description("an offer, and whether a buyer could take it now (and if not, why)")
      .requiredOption("--offer <id>", "offer id")
      .option("--buyer <address|index>", "the would-be buyer (default: the signer)"),
  ).action((options) =>
    run(async () => {
      await withPlatform(options, async ({ sdk, connection }) => {
        const buyer = options.buyer ? addressOrIndex(connection, options.buyer, "--buyer") : undefined;
        const check = await sdk.checkTake({ offerId: options.offer, ...(buyer ? { buyer } : {}) });
        const { offer } = check;
        if (options.json) {
          console.log(toJson({ ...offer, expiry: offer.expiry.toISOString(), take: { allowed: check.allowed, reason: check.reason, message: check.message } }));
          return;
        }
        console.log(`Offer ${offer.offerId} (${offer.state}): ${offer.amount.format()} of lot ${offer.lotId} for ${offer.price.format()}`);
        console.log(`  seller ${offer.seller}; buyer ${offer.buyer ?? "anyone"}; expires ${offer.expiry.toISOString()}`);
        console.log(`  ${check.message}`);
      });
    }),
  );
}

function offersCommand(): Command {
  return withCommonOptions(
    new Command("offers")
      .description("a lot's open offers, best price per market unit first, and its last traded price; an offer its seller can no longer settle is marked with the reason")
      .requiredOption("--lot <id>", "lot id"),
  ).action((options) =>
    run(async () => {
      const lotId = parseFlag("--lot", () => toLotId(options.lot, "--lot"));
      await withPlatform(options, async ({ sdk }) => {
        const offers = await sdk.listOffers({ lotId });
        const stats = await sdk.getTradeStats({ lotId });
        const { commodity } = stats;
        const last = stats.last;
        if (options.json) {
          console.log(
            toJson({
              lotId,
              commodity: COMMODITIES[commodity].name,
              offers: offers.map((o) => ({
                offerId: o.offerId,
                seller: o.seller,
                buyer: o.buyer ?? null,
                amount: o.amount,
                price: o.price,
                pricePerMarketUnit: o.pricePerMarketUnit,
                priceText: formatPrice(o.pricePerMarketUnit, commodity),
                paymentToken: o.paymentToken,
                expiry: o.expiry.toISOString(),
                available: o.available,
                reason: o.reason,
                message: o.message,
              })),
              lastTrade: last ? { ...last, priceText: formatPrice(last.pricePerMarketUnit, commodity), timestamp: last.timestamp.toISOString() } : null,
              traded: { trades: stats.trades, volume: stats.volume, value: stats.value },
            }),
          );
          return;
        }
        if (offers.length === 0) console.log(`Lot ${lotId} has no open offers.`);
        else {
          console.log(`Open offers of lot ${lotId} (${COMMODITIES[commodity].name}), best price first:`);
          const table = new Table({
            head: ["offer", `price per ${COMMODITIES[commodity].marketUnit}`, "units", "total", "seller", "buyer", "expires"],
            style: { head: [], border: [], compact: true },
            colAligns: ["right", "right", "right", "right", "left", "left", "left"],
          });
          const short = (a: string) => `${a.slice(0, 6)}..${a.slice(-4)}`;
          for (const o of offers) {
            table.push([`${o.offerId}${o.available ? "" : " *"}`, o.pricePerMarketUnit.format(), o.amount.format(), o.price.format(), short(o.seller), o.buyer ? short(o.buyer) : "anyone", o.expiry.toISOString().replace(".000Z", "Z")]);
          }
          console.log(table.toString());
          for (const o of offers) if (!o.available) console.log(`* offer ${o.offerId} cannot settle now: ${o.message}`);
        }
        console.log(
          last
            ? `Last traded at ${formatPrice(last.pricePerMarketUnit, commodity)}: offer ${last.offerId}, ${last.amount.format()} for ${last.price.format()}, ${last.timestamp.toISOString().replace(".000Z", "Z")}; ${stats.trades} trade${stats.trades === 1 ? "" : "s"} in all: ${stats.volume.format()} for ${stats.value.format()}`
            : `Lot ${lotId} has not traded yet.`,
        );
      });
    }),
  );
}

export function tradeCommand(): Command {
  return new Command("trade")
    .description("secondary trades, delivery versus payment: offer, take, cancel, show, and a lot's open offers")
    .addCommand(offerCommand())
    .addCommand(takeCommand())
    .addCommand(cancelCommand())
    .addCommand(showCommand())
    .addCommand(offersCommand());
}

export function stablecoinCommand(): Command {
  return new Command("stablecoin").description("the local chain's test stablecoin").addCommand(
    withCommonOptions(
      new Command("mint")
        .description("mint test stablecoin to a wallet (local chains only: anyone can mint it)")
        .requiredOption("--to <address|index>", "receiver")
        .requiredOption("--amount <usd>", 'e.g. "1000 USD"'),
    ).action((options) =>
      run(async () => {
        const amount = parseUsd(options.amount, "--amount");
        await withPlatform(options, async ({ sdk, connection }) => {
          if (sdk.deployment.contracts.TestStablecoin === undefined) {
            throw new MineralsError(`Chain ${connection.chainId} has no test stablecoin: it is deployed on local chains only`);
          }
          const to = addressOrIndex(connection, options.to, "--to");
          const r = await sdk.mintTestStablecoin({ to, amount });
          console.log(options.json ? toJson({ to, amount: r.minted, transaction: r.hash }) : `Minted ${r.minted.format()} of test stablecoin to ${to}`);
        });
      }),
    ),
  );
}
