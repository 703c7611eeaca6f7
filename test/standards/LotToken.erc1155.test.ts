import { network } from "hardhat";

import { shouldBehaveLikeERC1155 } from "./ERC1155.behavior.ts";
import { deployStandardsFixture, verify } from "./helpers.ts";

// OpenZeppelin's ERC-1155 behaviour suite against the real LotToken, every party verified: the holder, the four other
// accounts, each receiver contract the suite deploys, and the token itself (the suite's "contract that does not
// implement the required function"). Lots 1 and 2 are warehoused, lot 3 does not exist. The suite's cases that cannot
// apply to the real token are listed, with the reason, in `NOT_APPLICABLE` (./ERC1155.behavior.ts).

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const f = await deployStandardsFixture(connection);
  const [holder, ...otherAccounts] = f.wallets;
  if (holder === undefined || otherAccounts.length < 4) throw new Error("the suite needs five spare accounts");
  for (const party of [holder, ...otherAccounts.slice(0, 4), f.token]) await verify(f, party);
  const mint = (to: string | { getAddress(): Promise<string> }, id: bigint, value: bigint, data: string) =>
    f.token.connect(f.actors.issuer).mint(to, id, value, data);
  const deployReceiver = async (args: unknown[]) => {
    const receiver = await ethers.deployContract("ERC1155ReceiverMock", args);
    await verify(f, receiver);
    return receiver;
  };
  return { token: f.token, holder, otherAccounts, mint, deployReceiver };
}

describe("LotToken: OpenZeppelin's ERC-1155 behaviour, every party verified", function () {
  beforeEach(async function () {
    Object.assign(this, { ethers }, await networkHelpers.loadFixture(fixture));
  });

  shouldBehaveLikeERC1155();
});
