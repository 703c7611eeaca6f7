import type { Address, Client } from "viem";
import { deployKept, waitForSent } from "../../internal/send.ts";
import { mockPriceFeedAbi, mockPriceFeedBytecode } from "../../abis.ts";
import type { MineralName, Deployment } from "../../deployment/manifest.ts";
import { InvalidArgumentError, TransactionError, type MineralsError } from "../../errors/base.ts";
import { decodeError } from "../../errors/decode.ts";
import { toAddress } from "../../internal/validate.ts";
import { requireAccount, writeAndWait } from "../../internal/write.ts";
import { parseDecimal } from "../../units/index.ts";

/** Decimals of every local price feed, as Chainlink's USD feeds. */
export const PRICE_FEED_DECIMALS = 8;

/**
 * Seed prices of the local feeds, in each market's own unit (USD, plain decimals), near 2025 market levels:
 * LBMA gold per fine troy ounce, LME copper per tonne, APT per mtu WO3, antimony regulus per tonne (Rotterdam),
 * and a rare-earth concentrate basket per kg TREO.
 */
export const SEED_PRICES: Readonly<Record<MineralName, { usd: string; description: string }>> = {
  gold: { usd: "3350.00", description: "XAU / USD per fine troy oz" },
  copper: { usd: "9750.00", description: "Cu / USD per tonne" },
  tungsten: { usd: "600.00", description: "WO3 (APT) / USD per mtu" },
  antimony: { usd: "52000.00", description: "Sb / USD per tonne" },
  "rare earths": { usd: "12.50", description: "TREO / USD per kg" },
};

/** A price in USD as plain decimal text ("3350.00") scaled to the feeds' 8 decimals. */
export function toFeedAnswer(usd: string, argument = "price"): bigint {
  let parsed;
  try {
    parsed = parseDecimal(usd);
  } catch {
    throw new InvalidArgumentError(argument, "a positive decimal number of USD, e.g. 3350.00", usd);
  }
  if (parsed.decimals > PRICE_FEED_DECIMALS || parsed.digits <= 0n) {
    throw new InvalidArgumentError(argument, `a positive decimal number of USD with at most ${PRICE_FEED_DECIMALS} decimals`, usd);
  }
  return parsed.digits * 10n ** BigInt(PRICE_FEED_DECIMALS - parsed.decimals);
}

export interface DeployPriceFeedsParameters {
  /** The operator who may publish prices (default: the deploying account). */
  operator?: Address;
  /** Prices to seed, in USD per market unit (default `SEED_PRICES`); a mineral left out gets no feed. */
  prices?: Partial<Record<MineralName, string>>;
}

export type DeployPriceFeedsReturnType = Partial<Record<MineralName, Address>>;
export type DeployPriceFeedsErrorType = MineralsError;

/**
 * Deploys one local price feed per mineral (`MockPriceFeed`, Chainlink `AggregatorV3Interface` shape), seeded with
 * a price in the market's own unit. Record the result as the deployment's `priceFeeds`.
 *
 * @example
 * const priceFeeds = await deployPriceFeeds(client, { prices: { gold: "3400.00" } })
 */
export async function deployPriceFeeds(client: Client, parameters: DeployPriceFeedsParameters = {}): Promise<DeployPriceFeedsReturnType> {
  const account = requireAccount(client);
  const operator = parameters.operator === undefined ? account.address : toAddress(parameters.operator, "operator");
  const names = parameters.prices ? (Object.keys(parameters.prices) as MineralName[]) : (Object.keys(SEED_PRICES) as MineralName[]);
  const plan = names.map((name) => {
    if (!Object.hasOwn(SEED_PRICES, name)) throw new InvalidArgumentError("prices", `minerals among ${Object.keys(SEED_PRICES).join(", ")}`, name);
    const usd = parameters.prices?.[name] ?? SEED_PRICES[name].usd;
    return { name, answer: toFeedAnswer(usd, `prices.${name}`), description: SEED_PRICES[name].description };
  });
  const feeds: DeployPriceFeedsReturnType = {};
  try {
    for (const { name, answer, description } of plan) {
      const hash = await deployKept(client, account, {
        abi: mockPriceFeedAbi,
        bytecode: mockPriceFeedBytecode,
        args: [operator, PRICE_FEED_DECIMALS, description, answer],
      });
      const receipt = await waitForSent(client, account.address, hash);
      if (receipt.status !== "success" || !receipt.contractAddress) throw new TransactionError(`Deploying the ${name} price feed failed in transaction ${hash}`);
      feeds[name] = receipt.contractAddress;
    }
    return feeds;
  } catch (error) {
    throw decodeError(error, { action: "deploy the price feeds" });
  }
}

export interface UpdatePriceParameters {
  deployment: Deployment;
  /** The mineral whose price to publish. */
  commodity: MineralName;
  /** The new price in USD per market unit, as plain decimal text ("3400.00"). */
  usd: string;
}

export type UpdatePriceReturnType = { roundId: bigint; answer: bigint };
export type UpdatePriceErrorType = MineralsError;

/**
 * Publishes a new price on a mineral's local feed (the feed's operator only).
 *
 * @example
 * await updatePrice(client, { deployment, commodity: "gold", usd: "3400.00" })
 */
export async function updatePrice(client: Client, parameters: UpdatePriceParameters): Promise<UpdatePriceReturnType> {
  const feed = parameters.deployment.priceFeeds?.[parameters.commodity];
  if (!feed) throw new InvalidArgumentError("commodity", "a mineral with a price feed in the deployment", parameters.commodity);
  const answer = toFeedAnswer(parameters.usd, "usd");
  const { receipt } = await writeAndWait(client, {
    address: feed,
    abi: mockPriceFeedAbi,
    functionName: "updateAnswer",
    args: [answer],
    context: { action: `publish the ${parameters.commodity} price` },
  });
  const log = receipt.logs.find((l) => l.address.toLowerCase() === feed.toLowerCase());
  return { roundId: log?.topics[2] ? BigInt(log.topics[2]) : 0n, answer };
}
