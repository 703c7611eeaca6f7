/**
 * `minerals chain time|advance` and `minerals price show|set`: the clock and the price feeds of a local development
 * chain, so that what the README describes (closing an offering after its window, retiring a lot after its notice
 * period, valuing lots at fresh prices after the clock moved) can be done on `hardhat node` or anvil, which mine no
 * block while idle and so never move their time by themselves. On any other chain both are refused in one sentence.
 */
import { Command } from "commander";
import type { MineralName } from "../../src/deployment/manifest.ts";
import { priceText } from "../../src/actions/valuation/getPrices.ts";
import { MineralsError } from "../../src/errors/base.ts";
import { COMMODITIES, Commodity, Money, parseCommodity } from "../../src/units/index.ts";
import { connect, parseFlag, run, toJson, withCommonOptions, withPlatform, type Connection } from "./context.ts";
import { formatDuration, parseDuration } from "./duration.ts";

/**
 * The kind of local development node behind a connection ("Hardhat", "anvil"), or undefined for any other chain
 * (a testnet, a permissioned network, a node we cannot tell): Hardhat's in-process chain, or a node whose
 * `web3_clientVersion` is Hardhat's or anvil's.
 */
export async function developmentNode(connection: Connection): Promise<string | undefined> {
  if (connection.inProcess) return "Hardhat";
  let version: string;
  try {
    version = String(await (connection.client.request as (args: { method: string }) => Promise<unknown>)({ method: "web3_clientVersion" }));
  } catch {
    return undefined;
  }
  if (/^HardhatNetwork\//i.test(version)) return "Hardhat";
  if (/^anvil\//i.test(version)) return "anvil";
  return undefined;
}

/** Refuses, in one sentence, to change the clock or a price anywhere but on a local development node. */
async function requireDevelopmentNode(connection: Connection, what: string): Promise<string> {
  const node = await developmentNode(connection);
  if (node === undefined) {
    throw new MineralsError(
      `${what} only on a local development chain (Hardhat's in-process chain, hardhat node or anvil); ${connection.rpc} (chain ${connection.chainId}) is not one, so nothing was changed.`,
    );
  }
  return node;
}

/** The chain's own time: the timestamp of its latest block. */
export async function chainTime(connection: Connection): Promise<Date> {
  const block = await connection.client.getBlock({ blockTag: "latest" });
  return new Date(Number(block.timestamp) * 1000);
}

const iso = (date: Date) => date.toISOString().replace(".000Z", "Z");

export function chainCommand(): Command {
  const chain = new Command("chain").description("the chain's clock: read it, or move it forward on a local development chain");
  withCommonOptions(chain.command("time").description("the chain's time (its latest block), which every window, notice period and price age is judged by")).action((options) =>
    run(async () => {
      const connection = await connect(options);
      try {
        const [now, block, node] = await Promise.all([chainTime(connection), connection.client.getBlockNumber({ cacheTime: 0 }), developmentNode(connection)]);
        if (options.json) console.log(toJson({ chainId: connection.chainId, block, time: now.toISOString(), development: node ?? null }));
        else console.log(`Chain ${connection.chainId} is at block ${block}, time ${iso(now)}${node ? ` (a local ${node} chain: \`minerals chain advance <duration>\` moves it forward)` : ""}`);
      } finally {
        await connection.close();
      }
    }),
  );
  withCommonOptions(
    chain
      .command("advance")
      .description("move a local development chain's clock forward and mine a block (hardhat node, anvil); refused on any other chain")
      .argument("<duration>", 'how far, e.g. "1d", "12h", "1d12h", "90s"'),
  ).action((duration: string, options) =>
    run(async () => {
      const seconds = parseDuration(duration, "<duration>", { min: 1 });
      const connection = await connect(options);
      try {
        await requireDevelopmentNode(connection, "The chain's clock can be moved");
        const before = await chainTime(connection);
        const request = connection.client.request as (args: { method: string; params?: unknown[] }) => Promise<unknown>;
        await request({ method: "evm_increaseTime", params: [seconds] });
        await request({ method: "evm_mine", params: [] });
        const after = await chainTime(connection);
        if (options.json) console.log(toJson({ chainId: connection.chainId, advancedSeconds: seconds, before: before.toISOString(), after: after.toISOString() }));
        else console.log(`Chain ${connection.chainId}'s clock moved forward ${formatDuration(seconds)}: ${iso(before)} -> ${iso(after)}`);
      } finally {
        await connection.close();
      }
    }),
  );
  return chain;
}

const MINERALS = (Object.values(Commodity) as Commodity[]).map((c) => COMMODITIES[c].name);

export function priceCommand(): Command {
  const price = new Command("price").description("the minerals' price feeds: show them, or publish a price on a local development chain's test feed");
  withCommonOptions(price.command("show").description("every mineral's price, its age on the chain's clock, and whether reports use it")).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const prices = await sdk.getPrices();
        const now = await chainTime(connection);
        if (options.json) {
          console.log(toJson({ time: now.toISOString(), prices: Object.values(prices) }));
          return;
        }
        console.log(`Prices on chain ${connection.chainId} at ${iso(now)} (a price older than 25 h is stale and not used):`);
        for (const p of Object.values(prices)) {
          const name = COMMODITIES[p.commodity].name.padEnd(12);
          if (p.status === "missing") console.log(`  ${name} no price (${p.reason})`);
          else console.log(`  ${name} ${priceLine(p.answer, p.decimals, p.quote)}, updated ${iso(p.updatedAt)} (${formatDuration(p.ageSeconds)} ago)${p.status === "stale" ? ", STALE: not used" : ""}`);
        }
      }),
    ),
  );
  withCommonOptions(
    price
      .command("set")
      .description("publish a new price on a mineral's test feed (the feed's operator, by default account 0) on a local development chain; refused on any other chain")
      .requiredOption("--mineral <name>", `the mineral: ${MINERALS.join(" | ").replace("rare earths", "rare-earths")}`)
      .requiredOption("--price <usd>", 'USD per market unit: per fine troy oz of gold, per t of copper and antimony, per mtu WO3, per kg TREO, e.g. "3,400 USD"'),
  ).action((options) =>
    run(async () => {
      const commodity = parseFlag("--mineral", () => parseCommodity(options.mineral));
      const usd = parseFlag("--price", () => {
        const money = Money.parseUsd(options.price);
        if (money.base === 0n) throw new Error(`expected a price above zero, got "${options.price}"`);
        return money;
      });
      await withPlatform(options, async ({ sdk, connection }) => {
        await requireDevelopmentNode(connection, "A price can be published from this command");
        const name = COMMODITIES[commodity].name as MineralName;
        const r = await sdk.updatePrice({ commodity: name, usd: usd.toDecimalString() });
        if (options.json) console.log(toJson({ mineral: name, answer: r.answer, roundId: r.roundId }));
        else console.log(`Published ${priceLine(r.answer, 8, COMMODITIES[commodity].priceQuote)} for ${name} (round ${r.roundId}), at the chain's time ${iso(await chainTime(connection))}`);
      });
    }),
  );
  return price;
}

/** "3,400.00 USD per fine troy oz". */
const priceLine = (answer: bigint, decimals: number, quote: string): string => priceText({ answer, decimals, quote });
