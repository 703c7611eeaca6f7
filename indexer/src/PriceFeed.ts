/**
 * The price feeds (Chainlink `AggregatorV3Interface` shape): each feed's latest round, decimals and description,
 * read at the deployment block and again after each `AnswerUpdated`.
 */
import { ponder, type Context } from "ponder:registry";
import { price } from "ponder:schema";
import { mockPriceFeedAbi } from "../../src/generated/abis.ts";
import { deployment } from "../ponder.config.ts";
import { lower, readAt } from "./read.ts";

async function snapshotFeed(context: Context, feed: `0x${string}`, blockNumber: bigint, oneByOne = false): Promise<void> {
  const [[roundId, answer, , updatedAt], decimals, description] = (await readAt(context, blockNumber, oneByOne, [
    { address: feed, abi: mockPriceFeedAbi, functionName: "latestRoundData" },
    { address: feed, abi: mockPriceFeedAbi, functionName: "decimals" },
    { address: feed, abi: mockPriceFeedAbi, functionName: "description" },
  ])) as [readonly [bigint, bigint, bigint, bigint, bigint], number, string];
  const row = { roundId, answer, updatedAt, decimals: Number(decimals), description };
  await context.db.insert(price).values({ feed: lower(feed), ...row }).onConflictDoUpdate(row);
}

// Feeds are read one call at a time: they may be deployed before the Multicall3. A feed deployed before the manifest's block published its first answer before it: read that one there. A feed
// deployed later publishes its first answer with an `AnswerUpdated`, read below.
ponder.on("PriceFeed:setup", async ({ context }) => {
  for (const feed of Object.values(deployment.priceFeeds ?? {})) {
    const code = await context.client.getCode({ address: feed, blockNumber: deployment.block.number });
    if (code && code !== "0x") await snapshotFeed(context, feed, deployment.block.number, true);
  }
});

ponder.on("PriceFeed:AnswerUpdated", async ({ event, context }) => {
  await snapshotFeed(context, event.log.address, event.block.number, true);
});
