/**
 * Where the test stablecoin (anyone can mint it) may be deployed: by default on local chains only; on a public
 * testnet when asked for (the demo asks); never on any other chain, where money is real.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { createWalletClient, custom, defineChain, publicActions, type Address } from "viem";
import { deployPlatform, InvalidArgumentError, TEST_CHAIN_IDS } from "../../src/index.ts";
import { eip1193 } from "./helpers/platform.ts";

/** A deployer on an in-process chain that answers with `chainId`. */
async function deployerOn(chainId: number) {
  const connection = await network.create({ override: { chainId } });
  const provider = eip1193(connection);
  const [account] = (await provider.request({ method: "eth_accounts" })) as Address[];
  const chain = defineChain({ id: chainId, name: `chain ${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [] } } });
  return createWalletClient({ chain, transport: custom(provider, { retryCount: 0 }), account: account!, pollingInterval: 10 }).extend(publicActions);
}

describe("deployPlatform and the test stablecoin", function () {
  it("deploys one on a public testnet when asked for, and none by default", async function () {
    expect(TEST_CHAIN_IDS).to.include(11155111);
    const client = await deployerOn(11155111);
    const asked = await deployPlatform(client, { testStablecoin: true, priceFeeds: false });
    expect(asked.contracts.TestStablecoin).to.match(/^0x[0-9a-fA-F]{40}$/);
    const byDefault = await deployPlatform(client, { priceFeeds: false });
    expect(byDefault.contracts.TestStablecoin).to.equal(undefined);
  });

  it("refuses one on a chain that is neither local nor a testnet, before anything is sent", async function () {
    const client = await deployerOn(1);
    const nonce = await client.getTransactionCount({ address: client.account.address });
    let error: unknown;
    try {
      await deployPlatform(client, { testStablecoin: true, priceFeeds: false });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(InvalidArgumentError);
    expect((error as Error).message).to.include("testStablecoin");
    expect((error as Error).message).to.include("or a public testnet");
    expect(await client.getTransactionCount({ address: client.account.address })).to.equal(nonce);
  });
});
