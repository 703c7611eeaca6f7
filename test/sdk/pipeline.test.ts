/**
 * Many transfers from one sender (`pipelineTransfers`): proven in order before anything is sent, sent with
 * consecutive nonces without waiting for each receipt, and stopped cleanly at the first refusal, which is explained
 * in the very words `transferUnits` uses, with the transfers that landed and those not sent named.
 */
import { expect } from "chai";
import { createWalletClient, custom, defineChain, http, publicActions, type Address, type Hash } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

import { countingTransport } from "../../scripts/bench/countingTransport.ts";
import { type AnvilNode, startAnvil } from "../helpers/localChain.ts";

import {
  Commodity,
  ContractRevertError,
  InvalidArgumentError,
  Quantity,
  TransferRefusedError,
  TransfersStoppedError,
  deployPlatform,
  lotTokenAbi,
  mineralsActions,
} from "../../src/index.ts";
import { DEV_MNEMONIC, chainState, expectChainUnchanged, localAccount, platformWithInvestorAHolding, rejection, type Platform } from "./helpers/platform.ts";

/** Anvil's default chain id, 31337 like Hardhat's. */
const anvilChain = defineChain({ id: 31337, name: "anvil", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [] } } });

describe("pipelined transfers from one sender", function () {
  this.timeout(120_000);
  let platform: Platform;
  let lotId: bigint;

  /** Investor A signing locally (its key, not the node's), as an integrator's back office would. */
  function localClient() {
    const account = localAccount("investorA");
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
    ({ platform, lotId } = await platformWithInvestorAHolding());
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

/**
 * The same pipeline over HTTP to a second EVM implementation (Foundry's anvil, which queues a transaction whose nonce
 * is ahead instead of refusing it): each window after its first transfer goes in one JSON-RPC batch, and its receipts
 * come back in another.
 */
describe("pipelined transfers over HTTP to anvil, in JSON-RPC batches", function () {
  this.timeout(180_000);
  let anvil: AnvilNode;
  let rpc: string;

  before(async function () {
    anvil = await startAnvil(["--accounts", "10", "--mnemonic", DEV_MNEMONIC]);
    rpc = anvil.rpc;
  });
  after(async function () {
    await anvil?.stop();
  });

  it("lands 100 transfers in windows of 32 with consecutive nonces, then stops at a refused receiver with the transfers ahead landed and none after it sent", async function () {
    const counting = countingTransport(http(rpc, { retryCount: 0 }));
    const wallet = (index: number) =>
      createWalletClient({ account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }), chain: anvilChain, transport: http(rpc, { retryCount: 0 }), pollingInterval: 50 }).extend(
        publicActions,
      );
    const operator = wallet(0);
    const me = operator.account.address;
    const deployment = await deployPlatform(operator, { roles: { issuer: [me], assayer: [me], custodian: [me], compliance: [me] } });
    const op = operator.extend(mineralsActions(deployment));
    const [sender, b, c, outsider] = [1, 2, 3, 4].map((i) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i }).address) as [Address, Address, Address, Address];
    const kycExpiry = new Date(Number((await operator.getBlock()).timestamp + 365n * 86_400n) * 1000);
    for (const wallet of [sender, b, c]) await op.registerInvestor({ wallet, country: 604, investorClass: "institutional", kycExpiry });
    const { lotId } = await op.registerLot({
      commodity: Commodity.Copper, form: "concentrate", countryCode: 604, originId: "PE-CU-ANVIL", externalRef: "WR-ANVIL-PIPE",
      wetMassGrams: 10_000_000_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650, custodian: me, location: "Callao bonded warehouse 3",
    });
    const assay = await op.recordAssay({ lotId, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 });
    await op.attestCustody({ lotId, quantity: assay.payable, location: "Callao bonded warehouse 3" });
    await op.mintUnits({ lotId, to: sender, amount: Quantity.parse(Commodity.Copper, "100 t") });

    const client = createWalletClient({ account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }), chain: anvilChain, transport: counting.transport, pollingInterval: 50 })
      .extend(publicActions)
      .extend(mineralsActions(deployment));
    const first = await client.getTransactionCount({ address: sender });
    const transfers = Array.from({ length: 100 }, (_, i) => ({ lotId, to: i % 2 === 0 ? b : c, amount: BigInt(i + 1) }));
    counting.reset();
    const { transfers: landed } = await client.pipelineTransfers({ transfers, window: 32 });
    expect(landed.map((t) => t.index)).to.deep.equal(transfers.map((_, i) => i));
    const nonces = await Promise.all(landed.map(async (t) => (await client.getTransaction({ hash: t.hash })).nonce));
    expect(nonces).to.deep.equal(transfers.map((_, i) => first + i));
    // Sent in batches: far fewer HTTP round trips than transactions (the counter sees the requests made through the
    // client's own transport; the batches go beside it).
    expect(counting.byMethod().eth_sendRawTransaction ?? 0, JSON.stringify(counting.byMethod())).to.be.at.most(4);
    const toB = transfers.filter((_, i) => i % 2 === 0).reduce((sum, t) => sum + t.amount, 0n);
    const balanceOf = (owner: Address) => client.readContract({ address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "balanceOf", args: [owner, lotId] });
    expect(await balanceOf(b)).to.equal(toB);

    const before = await client.getTransactionCount({ address: sender });
    const mixed = [...Array.from({ length: 40 }, () => ({ lotId, to: b, amount: 1n })), { lotId, to: outsider, amount: 1n }, ...Array.from({ length: 9 }, () => ({ lotId, to: c, amount: 1n }))];
    const error = await rejection(client.pipelineTransfers({ transfers: mixed, window: 32 }));
    expect(error, String(error)).to.be.instanceOf(TransfersStoppedError);
    const stopped = error as TransfersStoppedError;
    expect(stopped.stoppedAt).to.equal(40);
    expect((stopped.cause as TransferRefusedError).reason).to.equal("receiver-not-verified");
    expect(stopped.landed.map((t) => t.index)).to.deep.equal(mixed.slice(0, 40).map((_, i) => i));
    expect(stopped.notSent).to.deep.equal(mixed.slice(40).map((_, i) => 40 + i));
    expect(stopped.unconfirmed).to.deep.equal([]);
    expect(await client.getTransactionCount({ address: sender, blockTag: "pending" })).to.equal(before + 40);
  });
});
