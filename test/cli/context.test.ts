/**
 * The CLI's connection to Hardhat's in-process chain (what `minerals demo` runs on by default, and what `minerals
 * serve` and the page tests read through) answers a refused call at the first answer: viem's default transport
 * retries would make every refusal wait about a second; and it reads every block number fresh: viem caches it for the
 * client's polling interval by default, so a step compared against the block before it saw a stale one.
 */
import { expect } from "chai";

import { connect } from "../../scripts/cli/context.ts";

describe("CLI connection to the in-process chain", function () {
  it("a reverted call is refused at the first answer, without retries", async function () {
    const connection = await connect({ account: "0", inProcess: true });
    try {
      expect(connection.transport({}).config.retryCount).to.equal(0);
      const { request } = connection.transport({});
      const started = Date.now();
      // Init code PUSH1 0 PUSH1 0 REVERT: a creation call that always reverts.
      const refused = await request({ method: "eth_call", params: [{ data: "0x60006000fd" }, "latest"] }).then(
        () => false,
        () => true,
      );
      expect(refused).to.equal(true);
      expect(Date.now() - started, "milliseconds to learn of the revert").to.be.below(500);
    } finally {
      await connection.close();
    }
  });

  it("reads the block number fresh after every block, never viem's cached number", async function () {
    const connection = await connect({ account: "0", inProcess: true });
    try {
      const before = await connection.client.getBlockNumber();
      await connection.client.request({ method: "evm_mine" as never, params: [] as never });
      // Within viem's default cache time (the 4 s polling interval) a cached read would still say `before`.
      expect(await connection.client.getBlockNumber()).to.equal(before + 1n);
    } finally {
      await connection.close();
    }
  });
});
