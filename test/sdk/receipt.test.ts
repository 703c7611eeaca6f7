/**
 * The receipt policy every write follows: the confirmations asked for, a bounded wait that names the transaction,
 * and a transaction replaced by another of the same sender and nonce reported rather than taken for done.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { createWalletClient, custom, publicActions, type EIP1193Provider, type Hash } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

import { deployPlatform, receiptPolicy, TransactionError, waitForReceipt, InvalidArgumentError, type ReceiptPolicy } from "../../src/index.ts";
import { eip1193, rejection } from "./helpers/platform.ts";

/** Hardhat's first default account: funded on the in-process chain, and signed for here, locally. */
const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const account = privateKeyToAccount(KEY);
const elsewhere = "0x000000000000000000000000000000000000dEaD";

describe("receipt policy: confirmations, timeout, replacement", function () {
  this.timeout(60_000);

  async function chain(policy?: Partial<ReceiptPolicy>) {
    const connection = await network.create();
    const provider: EIP1193Provider = eip1193(connection);
    const base = createWalletClient({ chain: hardhat, transport: custom(provider, { retryCount: 0 }), account, pollingInterval: 20 }).extend(publicActions);
    const client = policy ? base.extend(receiptPolicy(policy)) : base;
    return { client, provider, close: () => connection.close() };
  }

  /** The TransactionError a promise rejects with; fails the test on anything else. */
  async function transactionError(promise: Promise<unknown>): Promise<string> {
    const error = await rejection(promise);
    expect(error, String(error)).to.be.instanceOf(TransactionError);
    return (error as TransactionError).shortMessage;
  }

  it("waitForReceipt resolves only once the transaction has the confirmations the client's policy asks for", async function () {
    const { client, provider, close } = await chain({ confirmations: 3, timeout: 20_000 });
    try {
      const hash = await client.sendTransaction({ to: elsewhere, value: 1n });
      let settled = false;
      const waiting = waitForReceipt(client, hash).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(settled, "resolved with one confirmation of three").to.equal(false);
      await provider.request({ method: "hardhat_mine", params: ["0x2"] } as never);
      const receipt = await waiting;
      expect(receipt.transactionHash).to.equal(hash);
      expect(receipt.status).to.equal("success");
    } finally {
      await close();
    }
  });

  it("waitForReceipt reports a transaction not confirmed within the timeout, naming its hash", async function () {
    const { client, close } = await chain({ confirmations: 2, timeout: 400 });
    try {
      const hash = await client.sendTransaction({ to: elsewhere, value: 1n });
      const message = await transactionError(waitForReceipt(client, hash));
      expect(message).to.equal(
        `Transaction ${hash} was not confirmed by 2 blocks within 0.4 s: it may have been dropped (fee too low, nonce gap) or the chain is not producing blocks.`,
      );
    } finally {
      await close();
    }
  });

  it("waitForReceipt reports a transaction replaced by another of the same sender and nonce", async function () {
    const { client, provider, close } = await chain({ timeout: 20_000 });
    try {
      await provider.request({ method: "evm_setAutomine", params: [false] } as never);
      const nonce = await client.getTransactionCount({ address: account.address });
      const fees = await client.estimateFeesPerGas();
      const first: Hash = await client.sendTransaction({ to: elsewhere, value: 1n, nonce, ...fees });
      // The wait must have seen the transaction pending to recognise its replacement, as on a real network.
      const waiting = waitForReceipt(client, first);
      await new Promise((r) => setTimeout(r, 200));
      const second: Hash = await client.sendTransaction({
        to: account.address,
        value: 0n,
        nonce,
        maxFeePerGas: fees.maxFeePerGas * 2n,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas * 2n,
      });
      await provider.request({ method: "hardhat_mine", params: ["0x1"] } as never);
      const message = await transactionError(waiting);
      expect(message).to.match(new RegExp(`^Transaction ${first} was (replaced|cancelled) by ${second} \\(same sender and nonce\\)`));
    } finally {
      await close();
    }
  });

  it("every write of the SDK follows the client's policy: deployPlatform times out on a chain that mines no second block", async function () {
    const { client, close } = await chain({ confirmations: 2, timeout: 400 });
    try {
      const message = await transactionError(deployPlatform(client));
      expect(message).to.match(/^Transaction 0x[0-9a-f]{64} was not confirmed by 2 blocks within 0.4 s/);
    } finally {
      await close();
    }
  });

  it("a client without a policy waits for one confirmation, as before", async function () {
    const { client, close } = await chain();
    try {
      const hash = await client.sendTransaction({ to: elsewhere, value: 1n });
      expect((await waitForReceipt(client, hash)).status).to.equal("success");
    } finally {
      await close();
    }
  });

  it("receiptPolicy refuses fewer than one confirmation and a timeout that is not positive", function () {
    expect(() => receiptPolicy({ confirmations: 0 })).to.throw(InvalidArgumentError, "Invalid confirmations");
    expect(() => receiptPolicy({ timeout: 0 })).to.throw(InvalidArgumentError, "Invalid timeout");
  });
});
