/**
 * A small run of `npm run bench:load` on Hardhat's in-process chain, so the suite keeps it working: every
 * transaction lands, each sender's nonces are consecutive, units and stablecoin reconcile (runLoad throws
 * otherwise), and a transfer through the SDK costs at most 4 JSON-RPC requests once its client has read the chain id,
 * nonce and fees (a count, not a time). No timing is asserted.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { custom, type EIP1193Provider } from "viem";
import { runLoad } from "../../scripts/bench/load.ts";

describe("bench:load smoke (in-process chain)", function () {
  this.timeout(120_000);

  it("50 transfers and 10 subscriptions from several senders at once, then a pipeline from one sender, all land, with consecutive nonces, exact balances and at most 4 requests a transfer", async function () {
    const connection = await network.create();
    try {
      const result = await runLoad({
        transport: custom(connection.provider as unknown as EIP1193Provider, { retryCount: 0 }),
        chainId: 31337,
        transfers: 50,
        subscriptions: 10,
        transferSenders: 4,
        subscribers: 2,
        bareTransfers: 8,
        countedTransfers: 3,
        pipelined: 6,
      });
      expect(result.transfers.count).to.equal(50);
      expect(result.subscriptions.count).to.equal(10);
      // 50 + 8 + 8 transfers from 4 senders, 10 subscriptions from 2: consecutive from each sender's first nonce. The
      // first sender also sends 3 counted transfers each way, 1 from a fresh client, a pipeline of 2 to warm up, then
      // 6 pipelined and 6 raw.
      expect(result.nonces.map((n) => n.count)).to.deep.equal([13 + 4 + 3 + 3 + 1 + 2 + 6 + 6, 17, 16, 16, 5, 5]);
      expect(result.requests.sdk.perTransfer, JSON.stringify(result.requests.sdk.byMethod)).to.be.at.most(4);
      expect(result.pipeline.count).to.equal(6);
      expect(result.reconciled.units).to.equal(400_000n);
    } finally {
      await connection.close();
    }
  });
});
