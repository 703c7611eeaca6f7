import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";

import {
  BASE_URI,
  COPPER_LOT,
  Reason,
  MINTED_WAREHOUSED,
  type LotsFixture,
  bytes32,
  deployLotsFixture,
  registerInvestor,
} from "./helpers/fixtures.ts";

// The ERC-1155 units: minted only against the custodian's attestation, burned by the holder or an approved
// operator, transferred like any ERC-1155, and described by a per-lot metadata URI.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployLotsFixture);
const unlimited = await network.create({ override: { allowUnlimitedContractSize: true } });

const INTERFACE_ID = {
  ERC165: "0x01ffc9a7",
  ERC1155: "0xd9b67a26",
  ERC1155MetadataURI: "0x0e89341c",
  ERC7943MultiToken: "0x41c4fbad",
  invalid: "0xffffffff",
} as const;

const supplyOf = (f: LotsFixture, lotId: bigint) => f.token.totalSupply(lotId);

/** A second warehoused lot with units held by `holder`, for the batch paths. */
/**
 * A platform account (an EOA the admin marked as one, standing in for the vault or the delivery escrow) holding the
 * given units of each lot, which the holder hands it (the settling lot's units too: a hand-over to a platform account
 * is the exit that remains).
 */
async function platformHolding(f: LotsFixture, lotIds: bigint[], amounts: bigint[]) {
  const platform = f.wallets[6]!;
  await f.registrar.connect(f.actors.admin).setPlatformAccount(platform.address, true);
  for (let i = 0; i < lotIds.length; i++) {
    await f.token.connect(f.holder).safeTransferFrom(f.holder.address, platform.address, lotIds[i]!, amounts[i]!, "0x");
  }
  return platform;
}

async function withSecondLot(f: LotsFixture, minted: bigint): Promise<bigint> {
  await f.registry.connect(f.actors.custodian).attestCustody(f.lots.Assayed, COPPER_LOT.payableKg, bytes32("W2"));
  await f.token.connect(f.actors.issuer).mint(f.holder.address, f.lots.Assayed, minted, "0x");
  return f.lots.Assayed;
}

describe("LotToken", function () {
  describe("metadata and interfaces", function () {
    it("name and symbol describe the collection", async function () {
      const f = await load();
      expect(await f.token.name()).to.equal("Critical Mineral Lots");
      expect(await f.token.symbol()).to.equal("CMLOT");
      expect(await f.token.registry()).to.equal(await f.registry.getAddress());
    });

    it("supportsInterface reports ERC-165, ERC-1155, ERC-1155 metadata and ERC-7943 multi-token, and nothing else", async function () {
      const f = await load();
      expect(await f.token.supportsInterface(INTERFACE_ID.ERC165)).to.equal(true);
      expect(await f.token.supportsInterface(INTERFACE_ID.ERC1155)).to.equal(true);
      expect(await f.token.supportsInterface(INTERFACE_ID.ERC1155MetadataURI)).to.equal(true);
      expect(await f.token.supportsInterface(INTERFACE_ID.ERC7943MultiToken)).to.equal(true);
      expect(await f.token.supportsInterface(INTERFACE_ID.invalid)).to.equal(false);
      expect(await f.token.supportsInterface("0x12345678")).to.equal(false);
    });

    it("uri is the base URI followed by the lot id", async function () {
      const f = await load();
      expect(await f.token.uri(f.lots.Warehoused)).to.equal(`${BASE_URI}${f.lots.Warehoused}`);
      expect(await f.token.uri(f.lots.Registered)).to.equal(`${BASE_URI}${f.lots.Registered}`);
    });
  });

  describe("mint", function () {
    it("mint credits the receiver, records the units in the registry and emits its events", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const tx = f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 2_500n, "0x");
      await expect(tx)
        .to.emit(f.token, "TransferSingle")
        .withArgs(f.actors.issuer.address, ZeroAddress, f.investor.address, lotId, 2_500n);
      await expect(tx)
        .to.emit(f.token, "UnitsMinted")
        .withArgs(lotId, f.investor.address, 2_500n, f.actors.issuer.address);
      await expect(tx)
        .to.emit(f.registry, "UnitsAccounted")
        .withArgs(lotId, MINTED_WAREHOUSED + 2_500n, 0n);

      expect(await f.token.balanceOf(f.investor.address, lotId)).to.equal(2_500n);
      expect(await supplyOf(f, lotId)).to.equal(MINTED_WAREHOUSED + 2_500n);
      expect((await f.registry.getLot(lotId)).mintedQuantity).to.equal(MINTED_WAREHOUSED + 2_500n);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(COPPER_LOT.payableKg - MINTED_WAREHOUSED - 2_500n);
    });

    it("mint accepts exactly the rest of the attested quantity", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const rest = COPPER_LOT.payableKg - MINTED_WAREHOUSED;
      await f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, rest, "0x");
      expect(await supplyOf(f, lotId)).to.equal(COPPER_LOT.payableKg);
      expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
    });

    it("mint reverts when it would exceed the attested quantity, naming the request and what is left", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const available = COPPER_LOT.payableKg - MINTED_WAREHOUSED; // 2,352,670 - 1,000 = 2,351,670
      expect(available).to.equal(2_351_670n);
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, available + 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "MintExceedsAttested")
        .withArgs(lotId, 2_351_671n, 2_351_670n);
    });

    it("mint reverts when the lot is fully minted, with nothing left", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      await f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, COPPER_LOT.payableKg - MINTED_WAREHOUSED, "0x");
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 1n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "MintExceedsAttested")
        .withArgs(lotId, 1n, 0n);
    });

    it("mint reverts beyond a lowered attestation, and burning does not free room to mint again", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      await f.registry.connect(f.actors.custodian).attestCustody(lotId, 1_200n, bytes32("W3"));
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 201n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "MintExceedsAttested")
        .withArgs(lotId, 201n, 200n);

      // Units burned are gone for good: the cap is on minted units, not on the units outstanding.
      const platform = await platformHolding(f, [lotId], [500n]);
      await f.token.connect(platform).burn(platform.address, lotId, 500n);
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 201n, "0x"))
        .to.be.revertedWithCustomError(f.registry, "MintExceedsAttested")
        .withArgs(lotId, 201n, 200n);
    });

    it("mint reverts when the amount is zero", async function () {
      const f = await load();
      await expect(f.token.connect(f.actors.issuer).mint(f.investor.address, f.lots.Warehoused, 0n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ZeroAmount")
        .withArgs(f.lots.Warehoused);
    });

    it("mint reverts when the receiver is the zero address", async function () {
      const f = await load();
      await expect(f.token.connect(f.actors.issuer).mint(ZeroAddress, f.lots.Warehoused, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ERC1155InvalidReceiver")
        .withArgs(ZeroAddress);
    });

    it("mint reverts when the receiver is a contract that does not accept ERC-1155 units", async function () {
      const f = await load();
      const receiver = await f.registry.getAddress(); // a contract with no onERC1155Received
      await registerInvestor(f, receiver); // eligible, so that only the ERC-1155 acceptance check refuses it
      await expect(f.token.connect(f.actors.issuer).mint(receiver, f.lots.Warehoused, 1n, "0x"))
        .to.be.revertedWithCustomError(f.token, "ERC1155InvalidReceiver")
        .withArgs(receiver);
      expect((await f.registry.getLot(f.lots.Warehoused)).mintedQuantity).to.equal(MINTED_WAREHOUSED);
    });
  });

  // Burning is permissioned (ERC-7943): only a platform account burns, and only units it holds (the proceeds vault
  // after a redemption, the delivery escrow after a confirmed delivery). Investors redeem or request delivery instead.
  describe("burn", function () {
    it("burn by a platform account of its own units debits it, records the burn in the registry and emits its events", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      const platform = await platformHolding(f, [lotId], [400n]);
      const tx = f.token.connect(platform).burn(platform.address, lotId, 400n);
      await expect(tx)
        .to.emit(f.token, "TransferSingle")
        .withArgs(platform.address, platform.address, ZeroAddress, lotId, 400n);
      await expect(tx).to.emit(f.token, "UnitsBurned").withArgs(lotId, platform.address, 400n, platform.address);
      await expect(tx).to.emit(f.registry, "UnitsAccounted").withArgs(lotId, MINTED_WAREHOUSED, 400n);

      expect(await f.token.balanceOf(platform.address, lotId)).to.equal(0n);
      expect(await supplyOf(f, lotId)).to.equal(MINTED_WAREHOUSED - 400n);
      const lot = await f.registry.getLot(lotId);
      expect(lot.mintedQuantity).to.equal(MINTED_WAREHOUSED);
      expect(lot.burnedQuantity).to.equal(400n);
    });

    it("burn by an investor of its own units reverts with BurnNotPermitted", async function () {
      const f = await load();
      await expect(f.token.connect(f.holder).burn(f.holder.address, f.lots.Warehoused, 1n))
        .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
        .withArgs(f.holder.address, f.holder.address);
    });

    it("burn of a holder's units reverts with BurnNotPermitted even for an operator it approved, and even for a platform account", async function () {
      const f = await load();
      await f.token.connect(f.holder).setApprovalForAll(f.operator.address, true);
      await expect(f.token.connect(f.operator).burn(f.holder.address, f.lots.Warehoused, 1n))
        .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
        .withArgs(f.operator.address, f.holder.address);
      const platform = await platformHolding(f, [], []);
      await f.token.connect(f.holder).setApprovalForAll(platform.address, true);
      await expect(f.token.connect(platform).burn(f.holder.address, f.lots.Warehoused, 1n))
        .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
        .withArgs(platform.address, f.holder.address);
      expect(await f.token.balanceOf(f.holder.address, f.lots.Warehoused)).to.equal(MINTED_WAREHOUSED);
    });

    it("burn reverts when the amount is zero", async function () {
      const f = await load();
      const platform = await platformHolding(f, [f.lots.Warehoused], [5n]);
      await expect(f.token.connect(platform).burn(platform.address, f.lots.Warehoused, 0n))
        .to.be.revertedWithCustomError(f.token, "ZeroAmount")
        .withArgs(f.lots.Warehoused);
    });

    it("burn reverts when the platform account's balance is short, naming balance and need", async function () {
      const f = await load();
      const platform = await platformHolding(f, [f.lots.Warehoused], [5n]);
      await expect(f.token.connect(platform).burn(platform.address, f.lots.Warehoused, 6n))
        .to.be.revertedWithCustomError(f.token, "ERC1155InsufficientBalance")
        .withArgs(platform.address, 5n, 6n, f.lots.Warehoused);
    });

    it("burn by a platform account works in every state in which it may hold units (warehoused, in transit, settling)", async function () {
      const f = await load();
      const lots = [f.lots.Warehoused, f.lots.InTransit, f.lots.Settling];
      const platform = await platformHolding(f, lots, [1n, 1n, 1n]);
      for (const lotId of lots) {
        await expect(f.token.connect(platform).burn(platform.address, lotId, 1n)).to.emit(f.token, "UnitsBurned");
      }
    });

    it("burn by a frozen platform account reverts with SenderFrozen", async function () {
      const f = await load();
      const platform = await platformHolding(f, [f.lots.Warehoused], [5n]);
      await f.registrar.connect(f.actors.compliance).setAccountFrozen(platform.address, true);
      await expect(f.token.connect(platform).burn(platform.address, f.lots.Warehoused, 1n))
        .to.be.revertedWithCustomError(f.token, "ComplianceViolation")
        .withArgs(Reason.SenderFrozen, platform.address, ZeroAddress, f.lots.Warehoused, 1n);
    });
  });

  describe("burnBatch", function () {
    it("burnBatch burns several lots a platform account holds at once and records each burn in the registry", async function () {
      const f = await load();
      const second = await withSecondLot(f, 300n);
      const ids = [f.lots.Warehoused, second];
      const amounts = [250n, 300n];
      const platform = await platformHolding(f, ids, amounts);
      const tx = f.token.connect(platform).burnBatch(platform.address, ids, amounts);
      await expect(tx)
        .to.emit(f.token, "TransferBatch")
        .withArgs(platform.address, platform.address, ZeroAddress, ids, amounts);
      await expect(tx).to.emit(f.token, "UnitsBurned").withArgs(f.lots.Warehoused, platform.address, 250n, platform.address);
      await expect(tx).to.emit(f.token, "UnitsBurned").withArgs(second, platform.address, 300n, platform.address);
      await expect(tx).to.emit(f.registry, "UnitsAccounted").withArgs(f.lots.Warehoused, MINTED_WAREHOUSED, 250n);
      await expect(tx).to.emit(f.registry, "UnitsAccounted").withArgs(second, 300n, 300n);
      expect((await f.registry.getLot(f.lots.Warehoused)).burnedQuantity).to.equal(250n);
      expect((await f.registry.getLot(second)).burnedQuantity).to.equal(300n);
    });

    it("burnBatch by an investor, or of anyone's units but the caller's own, reverts with BurnNotPermitted", async function () {
      const f = await load();
      await expect(f.token.connect(f.holder).burnBatch(f.holder.address, [f.lots.Warehoused], [1n]))
        .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
        .withArgs(f.holder.address, f.holder.address);
      const platform = await platformHolding(f, [], []);
      await expect(f.token.connect(platform).burnBatch(f.holder.address, [f.lots.Warehoused], [1n]))
        .to.be.revertedWithCustomError(f.token, "BurnNotPermitted")
        .withArgs(platform.address, f.holder.address);
    });

    it("burnBatch reverts when any amount is zero, naming that lot", async function () {
      const f = await load();
      const second = await withSecondLot(f, 300n);
      const platform = await platformHolding(f, [f.lots.Warehoused, second], [1n, 1n]);
      await expect(f.token.connect(platform).burnBatch(platform.address, [f.lots.Warehoused, second], [1n, 0n]))
        .to.be.revertedWithCustomError(f.token, "ZeroAmount")
        .withArgs(second);
    });

    it("burnBatch reverts when the id and amount lists differ in length", async function () {
      const f = await load();
      const platform = await platformHolding(f, [f.lots.Warehoused], [1n]);
      await expect(f.token.connect(platform).burnBatch(platform.address, [f.lots.Warehoused, f.lots.Settling], [1n]))
        .to.be.revertedWithCustomError(f.token, "ERC1155InvalidArrayLength")
        .withArgs(2n, 1n);
    });
  });

  describe("movements that name no lot, or lists of different lengths", function () {
    it("safeBatchTransferFrom with no ids reverts with EmptyMovement, even while paused and between unregistered wallets", async function () {
      const f = await load();
      const [stranger, other] = [f.actors.outsider, f.actors.treasury];
      await expect(f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, f.investor.address, [], [], "0x"))
        .to.be.revertedWithCustomError(f.token, "EmptyMovement")
        .withArgs(f.holder.address, f.investor.address);
      await f.token.connect(f.actors.pauser).pause();
      await expect(f.token.connect(stranger).safeBatchTransferFrom(stranger.address, other.address, [], [], "0x"))
        .to.be.revertedWithCustomError(f.token, "EmptyMovement")
        .withArgs(stranger.address, other.address);
    });

    it("burnBatch with no ids by a platform account reverts with EmptyMovement, even while paused", async function () {
      const f = await load();
      const platform = await platformHolding(f, [], []);
      await expect(f.token.connect(platform).burnBatch(platform.address, [], []))
        .to.be.revertedWithCustomError(f.token, "EmptyMovement")
        .withArgs(platform.address, ZeroAddress);
      await f.token.connect(f.actors.pauser).pause();
      await expect(f.token.connect(platform).burnBatch(platform.address, [], []))
        .to.be.revertedWithCustomError(f.token, "EmptyMovement")
        .withArgs(platform.address, ZeroAddress);
    });

    it("a refused empty batch emits nothing and changes nothing", async function () {
      const f = await load();
      const blockBefore = await f.connection.ethers.provider.getBlockNumber();
      await expect(
        f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, f.investor.address, [], [], "0x"),
      ).to.be.revertedWithCustomError(f.token, "EmptyMovement");
      const logs = await f.connection.ethers.provider.getLogs({ address: await f.token.getAddress(), fromBlock: blockBefore + 1 });
      expect(logs).to.deep.equal([]);
    });

    // The harness is the token plus two test entry points, so it exceeds the size limit: it lives on a chain that
    // allows that, with its own platform.
    async function harness() {
      const f = await unlimited.networkHelpers.loadFixture(deployLotsFixture);
      return { f, h: await f.connection.ethers.deployContract("LotTokenHarness", [await f.registry.getAddress()]) };
    }

    it("_update reverts with ERC1155InvalidArrayLength for a mint whose amounts are fewer than its lots, before reading them", async function () {
      const { f, h } = await harness();
      await expect(h.getFunction("exposedUpdate")(ZeroAddress, f.holder.address, [f.lots.Warehoused], []))
        .to.be.revertedWithCustomError(h, "ERC1155InvalidArrayLength")
        .withArgs(1n, 0n);
      await expect(h.getFunction("exposedMintBatch")(f.holder.address, [f.lots.Warehoused, f.lots.Settling], [1n]))
        .to.be.revertedWithCustomError(h, "ERC1155InvalidArrayLength")
        .withArgs(2n, 1n);
    });

    it("_update reverts with ERC1155InvalidArrayLength for a mint with more amounts than lots, and for a transfer or burn", async function () {
      const { f, h } = await harness();
      await expect(h.getFunction("exposedMintBatch")(f.holder.address, [f.lots.Warehoused], [1n, 2n]))
        .to.be.revertedWithCustomError(h, "ERC1155InvalidArrayLength")
        .withArgs(1n, 2n);
      await expect(h.getFunction("exposedUpdate")(f.holder.address, f.investor.address, [], [1n]))
        .to.be.revertedWithCustomError(h, "ERC1155InvalidArrayLength")
        .withArgs(0n, 1n);
      await expect(h.getFunction("exposedUpdate")(f.holder.address, ZeroAddress, [f.lots.Warehoused], []))
        .to.be.revertedWithCustomError(h, "ERC1155InvalidArrayLength")
        .withArgs(1n, 0n);
    });

    it("_update reverts with EmptyMovement for a mint of no lots", async function () {
      const { f, h } = await harness();
      await expect(h.getFunction("exposedMintBatch")(f.holder.address, [], []))
        .to.be.revertedWithCustomError(h, "EmptyMovement")
        .withArgs(ZeroAddress, f.holder.address);
    });
  });

  describe("transfers", function () {
    it("safeTransferFrom moves units between holders and leaves the registry's totals alone", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      await expect(f.token.connect(f.holder).safeTransferFrom(f.holder.address, f.investor.address, lotId, 300n, "0x"))
        .to.emit(f.token, "TransferSingle")
        .withArgs(f.holder.address, f.holder.address, f.investor.address, lotId, 300n);
      expect(await f.token.balanceOf(f.holder.address, lotId)).to.equal(MINTED_WAREHOUSED - 300n);
      expect(await f.token.balanceOf(f.investor.address, lotId)).to.equal(300n);
      expect(await supplyOf(f, lotId)).to.equal(MINTED_WAREHOUSED);
      const lot = await f.registry.getLot(lotId);
      expect(lot.mintedQuantity).to.equal(MINTED_WAREHOUSED);
      expect(lot.burnedQuantity).to.equal(0n);
    });

    it("safeTransferFrom by an approved operator moves the holder's units", async function () {
      const f = await load();
      const lotId = f.lots.Warehoused;
      await f.token.connect(f.holder).setApprovalForAll(f.operator.address, true);
      await expect(f.token.connect(f.operator).safeTransferFrom(f.holder.address, f.investor.address, lotId, 1n, "0x"))
        .to.emit(f.token, "TransferSingle")
        .withArgs(f.operator.address, f.holder.address, f.investor.address, lotId, 1n);
    });

    it("safeBatchTransferFrom moves units of several lots and emits TransferBatch", async function () {
      const f = await load();
      const second = await withSecondLot(f, 300n);
      const ids = [f.lots.Warehoused, second, f.lots.InTransit];
      const amounts = [100n, 300n, 7n];
      await expect(
        f.token.connect(f.holder).safeBatchTransferFrom(f.holder.address, f.investor.address, ids, amounts, "0x"),
      )
        .to.emit(f.token, "TransferBatch")
        .withArgs(f.holder.address, f.holder.address, f.investor.address, ids, amounts);
      const owners = [f.holder.address, f.holder.address, f.holder.address];
      const investors = [f.investor.address, f.investor.address, f.investor.address];
      expect(await f.token.balanceOfBatch(owners, ids)).to.deep.equal([MINTED_WAREHOUSED - 100n, 0n, MINTED_WAREHOUSED - 7n]);
      expect(await f.token.balanceOfBatch(investors, ids)).to.deep.equal(amounts);
    });

    it("safeTransferFrom reverts when the sender's balance is short", async function () {
      const f = await load();
      await expect(
        f.token
          .connect(f.investor)
          .safeTransferFrom(f.investor.address, f.holder.address, f.lots.Warehoused, 1n, "0x"),
      )
        .to.be.revertedWithCustomError(f.token, "ERC1155InsufficientBalance")
        .withArgs(f.investor.address, 0n, 1n, f.lots.Warehoused);
    });

    it("safeBatchTransferFrom reverts when the caller is neither the holder nor an approved operator", async function () {
      const f = await load();
      await expect(
        f.token
          .connect(f.operator)
          .safeBatchTransferFrom(f.holder.address, f.operator.address, [f.lots.Warehoused], [1n], "0x"),
      )
        .to.be.revertedWithCustomError(f.token, "ERC1155MissingApprovalForAll")
        .withArgs(f.operator.address, f.holder.address);
    });
  });
});
