/**
 * Many transfers from one sender (`pipelineTransfers`): proven in order before anything is sent, sent with
 * consecutive nonces without waiting for each receipt, and stopped cleanly at the first refusal, which is explained
 * in the very words `transferUnits` uses, with the transfers that landed and those not sent named.
 */
import { expect } from "chai";
import { createWalletClient, custom, publicActions, type Address, type Hash } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

import {
  Commodity,
  ContractRevertError,
  InvalidArgumentError,
  Quantity,
  TransferRefusedError,
  TransfersStoppedError,
  lotTokenAbi,
  mineralsActions,
} from "../../src/index.ts";
import { chainState, deployPlatformFixture, expectChainUnchanged, rejection, warehousedCopperLot, type Platform } from "./helpers/platform.ts";

/** Hardhat's development mnemonic: the fixture's actors are its accounts, in order (investor A is number 5). */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

describe("pipelined transfers from one sender", function () {
  this.timeout(120_000);
  let platform: Platform;
  let lotId: bigint;

  /** Investor A signing locally (its key, not the node's), as an integrator's back office would. */
  function localClient() {
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 5 });
    expect(account.address).to.equal(platform.address.investorA);
    return createWalletClient({ account, chain: hardhat, transport: custom(platform.provider, { retryCount: 0 }), pollingInterval: 10 })
      .extend(publicActions)
      .extend(mineralsActions(platform.deployment));
  }

  const nonceOf = async (hash: Hash) => (await platform.as.admin.getTransaction({ hash })).nonce;
  const balanceOf = (owner: Address) =>
    platform.as.admin.readContract({ address: platform.deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [owner, lotId] });
  const countOf = (address: Address) => platform.as.admin.getTransactionCount({ address });

  before(async function () {
    platform = await deployPlatformFixture();
    lotId = await warehousedCopperLot(platform);
    await platform.as.issuer.mintUnits({ lotId, to: platform.address.investorA, amount: Quantity.parse(Commodity.Copper, "1,000 t") });
  });
  after(async function () {
    await platform.connection.close();
  });

  it("sends 40 transfers in windows of 16 with consecutive nonces, none missing or repeated, each landed in order", async function () {
    const client = localClient();
    const { investorA, investorB, investorC } = platform.address;
    const first = await countOf(investorA);
    const [a, b, c] = [await balanceOf(investorA), await balanceOf(investorB), await balanceOf(investorC)];
    const transfers = Array.from({ length: 40 }, (_, i) => ({ lotId, to: i % 2 === 0 ? investorB : investorC, amount: BigInt(i + 1) }));
    const { transfers: landed } = await client.pipelineTransfers({ transfers, window: 16 });
    expect(landed.map((t) => t.index)).to.deep.equal(transfers.map((_, i) => i));
    for (const t of landed) expect(t.receipt.status).to.equal("success");
    const nonces = await Promise.all(landed.map((t) => nonceOf(t.hash)));
    expect(nonces).to.deep.equal(transfers.map((_, i) => first + i));
    expect(await countOf(investorA)).to.equal(first + 40);
    const toB = transfers.filter((_, i) => i % 2 === 0).reduce((sum, t) => sum + t.amount, 0n);
    const toC = transfers.filter((_, i) => i % 2 === 1).reduce((sum, t) => sum + t.amount, 0n);
    expect([await balanceOf(investorA), await balanceOf(investorB), await balanceOf(investorC)]).to.deep.equal([a - toB - toC, b + toB, c + toC]);
    expect(landed[0]!.transferred.format()).to.equal("0.001 t Cu");
  });

  it("keeps counting on the same nonces afterwards: a single transferUnits of the same client follows the pipeline", async function () {
    const client = localClient();
    await client.pipelineTransfers({ transfers: [{ lotId, to: platform.address.investorB, amount: 1n }] });
    const before = await countOf(platform.address.investorA);
    const { hash } = await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    expect(await nonceOf(hash)).to.equal(before);
  });

  it("stops at a receiver the rules refuse: the transfers ahead land, the refusal reads as transferUnits's, the rest are not sent", async function () {
    const client = localClient();
    const { investorA, investorB, outsider } = platform.address;
    const first = await countOf(investorA);
    const transfers = [
      ...Array.from({ length: 5 }, () => ({ lotId, to: investorB, amount: 10n })),
      { lotId, to: outsider, amount: 10n },
      ...Array.from({ length: 4 }, () => ({ lotId, to: investorB, amount: 10n })),
    ];
    const error = await rejection(client.pipelineTransfers({ transfers, window: 8 }));
    expect(error, String(error)).to.be.instanceOf(TransfersStoppedError);
    const stopped = error as TransfersStoppedError;
    // What transferUnits says of the same transfer, on the same state (nothing was sent from index 5 on).
    const alone = await rejection(client.transferUnits({ lotId, to: outsider, amount: 10n }));
    expect(alone).to.be.instanceOf(TransferRefusedError);
    expect(stopped.cause).to.be.instanceOf(TransferRefusedError);
    expect((stopped.cause as TransferRefusedError).shortMessage).to.equal((alone as TransferRefusedError).shortMessage);
    expect((stopped.cause as TransferRefusedError).reason).to.equal("receiver-not-verified");
    expect(stopped.shortMessage).to.equal(`Stopped at transfer 6 of 10: ${(alone as TransferRefusedError).shortMessage}`);
    expect(stopped.stoppedAt).to.equal(5);
    expect(stopped.landed.map((t) => t.index)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(stopped.notSent).to.deep.equal([5, 6, 7, 8, 9]);
    expect(stopped.unconfirmed).to.deep.equal([]);
    expect(stopped.metaMessages).to.deep.equal(["Landed: 1-5", "Not sent: 6-10"]);
    expect(await countOf(investorA)).to.equal(first + 5);
  });

  it("proves each transfer on the state the ones ahead of it leave: a balance that runs out midway stops it there, before sending", async function () {
    const client = localClient();
    const { investorA, investorB } = platform.address;
    const holding = await balanceOf(investorA);
    // Three transfers of a third each, then one more: each alone would pass on today's balance.
    const third = holding / 3n;
    const transfers = [...Array.from({ length: 3 }, () => ({ lotId, to: investorB, amount: third })), { lotId, to: investorB, amount: third }];
    const first = await countOf(investorA);
    const error = await rejection(client.pipelineTransfers({ transfers }));
    expect(error, String(error)).to.be.instanceOf(TransfersStoppedError);
    const stopped = error as TransfersStoppedError;
    expect(stopped.stoppedAt).to.equal(3);
    expect(stopped.landed.map((t) => t.index)).to.deep.equal([0, 1, 2]);
    expect(stopped.notSent).to.deep.equal([3]);
    expect(stopped.cause).to.be.instanceOf(ContractRevertError);
    expect((stopped.cause as ContractRevertError).errorName).to.equal("ERC1155InsufficientBalance");
    const alone = await rejection(client.transferUnits({ lotId, to: investorB, amount: third }));
    expect((stopped.cause as ContractRevertError).shortMessage).to.equal((alone as ContractRevertError).shortMessage);
    expect(await countOf(investorA)).to.equal(first + 3);
  });

  it("pipelines a node-signed account too (the node numbers its nonces)", async function () {
    const { investorB, investorC } = platform.address;
    const first = await countOf(investorB);
    const transfers = Array.from({ length: 6 }, () => ({ lotId, to: investorC, amount: 1n }));
    const { transfers: landed } = await platform.as.investorB.pipelineTransfers({ transfers, window: 4 });
    expect(await Promise.all(landed.map((t) => nonceOf(t.hash)))).to.deep.equal(transfers.map((_, i) => first + i));
  });

  it("refuses malformed transfers before sending anything, naming the argument", async function () {
    const client = localClient();
    const before = await chainState(platform);
    const { investorA, investorB } = platform.address;
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.pipelineTransfers({ transfers: [] }), "transfers"],
      [() => client.pipelineTransfers({ transfers: [{ lotId, to: investorB, amount: 1n }], window: 0 }), "window"],
      [() => client.pipelineTransfers({ transfers: [{ lotId, to: investorA, amount: 1n }] }), "transfers[0].to"],
      [() => client.pipelineTransfers({ transfers: [{ lotId: -1, to: investorB, amount: 1n }] }), "transfers[0].lotId"],
      [() => client.pipelineTransfers({ transfers: [{ lotId, to: investorB, amount: 1n }, { lotId, to: investorB, amount: -1n }] }), "transfers[1].amount"],
      [() => client.pipelineTransfers({ transfers: [{ lotId, to: investorB, amount: Quantity.parse(Commodity.Gold, "1 kg") }] }), "transfers[0].amount"],
    ];
    for (const [attempt, argument] of cases) {
      const error = await rejection(attempt());
      expect(error, String(error)).to.be.instanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).to.equal(argument);
    }
    await expectChainUnchanged(platform, before);
  });
});
