import { expect } from "chai";
import { network } from "hardhat";
import MineralsModule from "../../ignition/modules/Minerals.ts";
import { DeliveryEscrow__factory, LotOfferings__factory, LotRegistry__factory, LotToken__factory, LotTrades__factory, ProceedsVault__factory } from "../../types/ethers-contracts/index.ts";

describe("Ignition module Minerals", function () {
  it("deploys the registry and the token and binds them", async function () {
    const { ignition, ethers } = await network.create();
    const deployed = await ignition.deploy(MineralsModule);
    const [signer] = await ethers.getSigners();
    const registry = LotRegistry__factory.connect(await deployed.registry.getAddress(), signer);
    const token = LotToken__factory.connect(await deployed.token.getAddress(), signer);
    expect(await registry.token()).to.equal(await token.getAddress());
    expect(await token.registry()).to.equal(await registry.getAddress());
    expect(await registry.defaultAdminDelay()).to.equal(2n * 24n * 60n * 60n);
  });

  it("deploys the trades contract on the token", async function () {
    const { ignition, ethers } = await network.create();
    const deployed = await ignition.deploy(MineralsModule);
    const [signer] = await ethers.getSigners();
    const trades = LotTrades__factory.connect(await deployed.trades.getAddress(), signer);
    expect(await trades.token()).to.equal(await deployed.token.getAddress());
  });
});

describe("Ignition module Minerals: offerings", function () {
  it("deploys the offerings contract as a platform account holding ISSUER_ROLE", async function () {
    const { ignition, ethers } = await network.create();
    const deployed = await ignition.deploy(MineralsModule);
    const [signer] = await ethers.getSigners();
    const offerings = LotOfferings__factory.connect(await deployed.offerings.getAddress(), signer);
    const registry = LotRegistry__factory.connect(await deployed.registry.getAddress(), signer);
    const token = LotToken__factory.connect(await deployed.token.getAddress(), signer);
    const address = await offerings.getAddress();
    expect(await offerings.token()).to.equal(await token.getAddress());
    expect(await offerings.registry()).to.equal(await registry.getAddress());
    expect(await registry.hasRole(await registry.ISSUER_ROLE(), address)).to.equal(true);
    expect((await token.getInvestor(address)).platform).to.equal(true);
  });
});

describe("Ignition module Minerals: delivery", function () {
  it("deploys the delivery escrow as a platform account holding no role", async function () {
    const { ignition, ethers } = await network.create();
    const deployed = await ignition.deploy(MineralsModule);
    const [signer] = await ethers.getSigners();
    const delivery = DeliveryEscrow__factory.connect(await deployed.delivery.getAddress(), signer);
    const registry = LotRegistry__factory.connect(await deployed.registry.getAddress(), signer);
    const token = LotToken__factory.connect(await deployed.token.getAddress(), signer);
    const address = await delivery.getAddress();
    expect(await delivery.token()).to.equal(await token.getAddress());
    expect(await delivery.registry()).to.equal(await registry.getAddress());
    expect((await token.getInvestor(address)).platform).to.equal(true);
    expect(await registry.hasRole(await registry.ISSUER_ROLE(), address)).to.equal(false);
  });
});

describe("Ignition module Minerals: proceeds", function () {
  it("deploys the proceeds vault as a platform account bound in the registry, with 30 days' notice", async function () {
    const { ignition, ethers } = await network.create();
    const deployed = await ignition.deploy(MineralsModule);
    const [signer] = await ethers.getSigners();
    const vault = ProceedsVault__factory.connect(await deployed.proceeds.getAddress(), signer);
    const registry = LotRegistry__factory.connect(await deployed.registry.getAddress(), signer);
    const token = LotToken__factory.connect(await deployed.token.getAddress(), signer);
    const address = await vault.getAddress();
    expect(await registry.proceeds()).to.equal(address);
    expect(await vault.token()).to.equal(await token.getAddress());
    expect(await vault.noticePeriod()).to.equal(30n * 24n * 3600n);
    expect((await token.getInvestor(address)).platform).to.equal(true);
  });
});
