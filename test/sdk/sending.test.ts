/**
 * How the SDK sends a transaction from a key it signs with: the proof before sending is the gas estimate (a transfer
 * costs 4 JSON-RPC requests once the client has read the chain id, its nonce and the fees), the nonce is counted
 * locally and read again when the key was used elsewhere, and a transaction that passed its proof but reverted once
 * mined is reported with its hash and why.
 */
import { expect } from "chai";
import { createWalletClient, custom, parseGwei, publicActions, type Hash } from "viem";
import { waitForTransactionReceipt, writeContract } from "viem/actions";
import { hardhat } from "viem/chains";

import { countingTransport } from "../../scripts/bench/countingTransport.ts";
import { Commodity, Quantity, TransactionError, TransferRefusedError, lotTokenAbi, mineralsActions } from "../../src/index.ts";
import { localAccount, platformWithInvestorAHolding, rejection, type Platform } from "./helpers/platform.ts";


describe("sending from a local key: requests, nonces, reverts once mined", function () {
  this.timeout(120_000);
  let platform: Platform;
  let lotId: bigint;

  before(async function () {
    ({ platform, lotId } = await platformWithInvestorAHolding());
  });
  after(async function () {
    await platform.connection.close();
  });

  /** Investor A signing locally, over a transport that counts its requests. */
  function localClient() {
    const account = localAccount("investorA");
    expect(account.address).to.equal(platform.address.investorA);
    const counting = countingTransport(custom(platform.provider, { retryCount: 0 }));
    const client = createWalletClient({ account, chain: hardhat, transport: counting.transport, pollingInterval: 10 })
      .extend(publicActions)
      .extend(mineralsActions(platform.deployment));
    return { client, counting };
  }

  const nonceOf = async (hash: Hash) => (await platform.as.admin.getTransaction({ hash })).nonce;

  it("a transfer costs 4 JSON-RPC requests once the client knows the chain, its nonce and the fees: a read, the proof, the send, the receipt", async function () {
    const { client, counting } = localClient();
    await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    for (const amount of [Quantity.parse(Commodity.Copper, "1 kg"), 2n]) {
      counting.reset();
      await client.transferUnits({ lotId, to: platform.address.investorB, amount });
      expect(counting.byMethod()).to.deep.equal({ eth_call: 1, eth_estimateGas: 1, eth_getTransactionReceipt: 1, eth_sendRawTransaction: 1 });
    }
  });

  it("a transfer the rules refuse is explained as before, and nothing is sent", async function () {
    const { client, counting } = localClient();
    const before = await platform.as.admin.getTransactionCount({ address: platform.address.investorA });
    counting.reset();
    const error = await rejection(client.transferUnits({ lotId, to: platform.address.outsider, amount: 1n }));
    expect(error, String(error)).to.be.instanceOf(TransferRefusedError);
    expect((error as TransferRefusedError).reason).to.equal("receiver-not-verified");
    expect(counting.byMethod().eth_sendRawTransaction).to.equal(undefined);
    expect(await platform.as.admin.getTransactionCount({ address: platform.address.investorA })).to.equal(before);
  });

  it("a key that also sent elsewhere: the next transfer finds its nonce count stale, reads the node's and lands", async function () {
    const { client } = localClient();
    await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    // The same key, through another client: the first client's count is now one behind.
    const elsewhere = createWalletClient({ account: localAccount("investorA"), chain: hardhat, transport: custom(platform.provider), pollingInterval: 10 });
    const other = await writeContract(elsewhere, {
      address: platform.deployment.contracts.LotToken,
      abi: lotTokenAbi,
      functionName: "safeTransferFrom",
      args: [platform.address.investorA, platform.address.investorB, lotId, 1n, "0x"],
    });
    await waitForTransactionReceipt(elsewhere, { hash: other });
    const { hash } = await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    expect(await nonceOf(hash)).to.equal((await nonceOf(other)) + 1);
  });

  it("fees kept while the base fee rose: the node refuses the fee cap, and the transfer goes once more with fresh fees", async function () {
    const { client, counting } = localClient();
    await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    const { baseFeePerGas } = await platform.as.admin.getBlock();
    // A block whose base fee is far above the cap of the fees the client read (twice the base fee, plus the tip).
    const risen = baseFeePerGas! * 100n + parseGwei("100");
    await platform.provider.request({ method: "hardhat_setNextBlockBaseFeePerGas", params: [`0x${risen.toString(16)}`] } as never);
    await platform.provider.request({ method: "hardhat_mine", params: ["0x1"] } as never);
    counting.reset();
    const { receipt } = await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    expect(receipt.status).to.equal("success");
    expect(counting.byMethod().eth_sendRawTransaction).to.equal(2);
  });

  it("a transfer that passed its proof but reverted once mined names its hash and why, and the next one reads the nonce again", async function () {
    const { client } = localClient();
    await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    const { provider } = platform;
    await provider.request({ method: "evm_setAutomine", params: [false] } as never);
    try {
      // The transfer is proven on the chain as it is, then waits in the mempool; the pauser's pause, paying a higher
      // tip, goes first in the same block.
      let sent!: () => void;
      const inPool = new Promise<void>((resolve) => (sent = resolve));
      const watched = createWalletClient({
        account: localAccount("investorA"),
        chain: hardhat,
        pollingInterval: 10,
        transport: (parameters) => {
          const inner = custom(platform.provider, { retryCount: 0 })(parameters);
          const request = (async (args: { method: string }, options?: unknown) => {
            const result = await (inner.request as (a: unknown, o?: unknown) => Promise<unknown>)(args, options);
            if (args.method === "eth_sendRawTransaction") sent();
            return result;
          }) as typeof inner.request;
          return { ...inner, request };
        },
      }).extend(mineralsActions(platform.deployment));
      const transfer = rejection(watched.transferUnits({ lotId, to: platform.address.investorB, amount: 1n }));
      await inPool;
      const pauser = createWalletClient({ account: platform.address.pauser, chain: hardhat, transport: custom(platform.provider) });
      await writeContract(pauser, {
        address: platform.deployment.contracts.LotToken,
        abi: lotTokenAbi,
        functionName: "pause",
        maxPriorityFeePerGas: parseGwei("50"),
        maxFeePerGas: parseGwei("100"),
      });
      await provider.request({ method: "hardhat_mine", params: ["0x1"] } as never);
      const error = await transfer;
      expect(error, String(error)).to.be.instanceOf(TransactionError);
      const message = (error as TransactionError).shortMessage;
      expect(message).to.match(/^Transaction 0x[0-9a-f]{64} was mined but reverted$/);
      expect((error as TransactionError).details).to.match(/replayed on the state before that block it does not revert, so another transaction of the same block changed what it depends on/);
    } finally {
      await provider.request({ method: "evm_setAutomine", params: [true] } as never);
      await platform.as.pauser.unpauseTransfers();
    }
    const before = await platform.as.admin.getTransactionCount({ address: platform.address.investorA });
    const { hash } = await client.transferUnits({ lotId, to: platform.address.investorB, amount: 1n });
    expect(await nonceOf(hash)).to.equal(before);
  });
});
