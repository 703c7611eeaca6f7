import { expect } from "chai";
import { network } from "hardhat";

// The local price feed: Chainlink's AggregatorV3Interface shape, each price published by its operator as a new
// round. Multicall3 (aggregate3 only) is tested beside it: reports batch their reads through it.

const { ethers, networkHelpers } = await network.create();

const GOLD_USD = 3_350_00000000n; // USD 3,350.00 per fine troy oz, 8 decimals

async function deployFeed() {
  const [operator, outsider] = await ethers.getSigners();
  if (!operator || !outsider) throw new Error("two signers needed");
  const feed = await ethers.deployContract("MockPriceFeed", [operator.address, 8, "XAU / USD per fine troy oz", GOLD_USD]);
  const multicall = await ethers.deployContract("Multicall3");
  return { feed, multicall, operator, outsider };
}
const load = () => networkHelpers.loadFixture(deployFeed);

describe("MockPriceFeed", function () {
  it("describes itself and publishes its initial price as round 1", async function () {
    const { feed } = await load();
    expect(await feed.decimals()).to.equal(8n);
    expect(await feed.description()).to.equal("XAU / USD per fine troy oz");
    expect(await feed.version()).to.equal(1n);
    const [roundId, answer, startedAt, updatedAt, answeredInRound] = await feed.latestRoundData();
    expect([roundId, answer, answeredInRound]).to.deep.equal([1n, GOLD_USD, 1n]);
    expect(updatedAt).to.equal(startedAt);
    expect(updatedAt).to.be.greaterThan(0n);
  });

  it("updateAnswer by the operator publishes the next round and keeps the previous one readable", async function () {
    const { feed, operator } = await load();
    const next = 3_400_00000000n;
    await expect(feed.connect(operator).updateAnswer(next)).to.emit(feed, "AnswerUpdated");
    const now = BigInt(await networkHelpers.time.latest());
    const [roundId, answer, , updatedAt] = await feed.latestRoundData();
    expect([roundId, answer, updatedAt]).to.deep.equal([2n, next, now]);
    const [pastRound, pastAnswer] = await feed.getRoundData(1n);
    expect([pastRound, pastAnswer]).to.deep.equal([1n, GOLD_USD]);
  });

  it("updateAnswer reverts when called by anyone but the operator", async function () {
    const { feed, outsider } = await load();
    await expect(feed.connect(outsider).updateAnswer(1n))
      .to.be.revertedWithCustomError(feed, "OwnableUnauthorizedAccount")
      .withArgs(outsider.address);
  });

  it("updateAnswer reverts when the price is zero or negative", async function () {
    const { feed, operator } = await load();
    for (const answer of [0n, -1n]) {
      await expect(feed.connect(operator).updateAnswer(answer))
        .to.be.revertedWithCustomError(feed, "MockPriceFeedInvalidAnswer")
        .withArgs(answer);
    }
  });

  it("getRoundData reverts when the round was never published", async function () {
    const { feed } = await load();
    for (const round of [0n, 2n]) {
      await expect(feed.getRoundData(round)).to.be.revertedWithCustomError(feed, "MockPriceFeedNoRound").withArgs(round, 1n);
    }
  });
});

describe("Multicall3", function () {
  it("aggregate3 returns every call's outcome, failures included when allowed", async function () {
    const { feed, multicall } = await load();
    const decimals = feed.interface.encodeFunctionData("decimals");
    const badRound = feed.interface.encodeFunctionData("getRoundData", [9n]);
    const results = await multicall.aggregate3.staticCall([
      { target: await feed.getAddress(), allowFailure: false, callData: decimals },
      { target: await feed.getAddress(), allowFailure: true, callData: badRound },
    ]);
    expect(results[0]!.success).to.equal(true);
    expect(BigInt(results[0]!.returnData)).to.equal(8n);
    expect(results[1]!.success).to.equal(false);
  });

  it("aggregate3 reverts when a call that may not fail fails", async function () {
    const { feed, multicall } = await load();
    const badRound = feed.interface.encodeFunctionData("getRoundData", [9n]);
    await expect(multicall.aggregate3.staticCall([{ target: await feed.getAddress(), allowFailure: false, callData: badRound }]))
      .to.be.revertedWithCustomError(multicall, "Multicall3CallFailed")
      .withArgs(0n);
  });
});
