import { expect } from "chai";
import { network } from "hardhat";

import { ADMIN_TRANSFER_DELAY, deployRegistryFixture } from "./helpers/fixtures.ts";

// The default admin sits behind a transfer delay (AccessControlDefaultAdminRules): a new admin can take over
// only after the delay has passed, which leaves time to notice and cancel a hostile handover.

const { networkHelpers } = await network.create();
const { time } = networkHelpers;
const load = () => networkHelpers.loadFixture(deployRegistryFixture);

describe("LotRegistry default admin", function () {
  it("the deployer-chosen admin is the default admin and the delay is the one given at deployment", async function () {
    const f = await load();
    expect(await f.registry.defaultAdmin()).to.equal(f.actors.admin.address);
    expect(await f.registry.defaultAdminDelay()).to.equal(ADMIN_TRANSFER_DELAY);
    expect(await f.registry.hasRole(f.roles.DEFAULT_ADMIN, f.actors.admin.address)).to.equal(true);
  });

  it("the default admin holds none of the operating roles", async function () {
    const f = await load();
    for (const role of [f.roles.ISSUER, f.roles.ASSAYER, f.roles.CUSTODIAN, f.roles.COMPLIANCE, f.roles.TREASURY, f.roles.PAUSER]) {
      expect(await f.registry.hasRole(role, f.actors.admin.address)).to.equal(false);
    }
  });

  it("beginDefaultAdminTransfer schedules the handover after the delay", async function () {
    const f = await load();
    const tx = f.registry.connect(f.actors.admin).beginDefaultAdminTransfer(f.newAdmin.address);
    await expect(tx).to.emit(f.registry, "DefaultAdminTransferScheduled");
    const schedule = BigInt(await time.latest()) + ADMIN_TRANSFER_DELAY;
    const [pending, acceptSchedule] = await f.registry.pendingDefaultAdmin();
    expect(pending).to.equal(f.newAdmin.address);
    expect(acceptSchedule).to.equal(schedule);
  });

  it("acceptDefaultAdminTransfer reverts before the delay has passed", async function () {
    const f = await load();
    await f.registry.connect(f.actors.admin).beginDefaultAdminTransfer(f.newAdmin.address);
    const [, schedule] = await f.registry.pendingDefaultAdmin();

    await expect(f.registry.connect(f.newAdmin).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(f.registry, "AccessControlEnforcedDefaultAdminDelay")
      .withArgs(schedule);
    // Still refused in the block that reaches the schedule: it must have passed, not merely arrived.
    await time.setNextBlockTimestamp(schedule);
    await expect(f.registry.connect(f.newAdmin).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(f.registry, "AccessControlEnforcedDefaultAdminDelay")
      .withArgs(schedule);
    await networkHelpers.mine(); // use up the timestamp set above if the refusal came at gas estimation
    expect(await f.registry.defaultAdmin()).to.equal(f.actors.admin.address);
  });

  it("acceptDefaultAdminTransfer hands the role over once the delay has passed", async function () {
    const f = await load();
    await f.registry.connect(f.actors.admin).beginDefaultAdminTransfer(f.newAdmin.address);
    const [, schedule] = await f.registry.pendingDefaultAdmin();
    await time.increaseTo(schedule);

    const tx = f.registry.connect(f.newAdmin).acceptDefaultAdminTransfer();
    await expect(tx)
      .to.emit(f.registry, "RoleRevoked")
      .withArgs(f.roles.DEFAULT_ADMIN, f.actors.admin.address, f.newAdmin.address);
    await expect(tx)
      .to.emit(f.registry, "RoleGranted")
      .withArgs(f.roles.DEFAULT_ADMIN, f.newAdmin.address, f.newAdmin.address);
    expect(await f.registry.defaultAdmin()).to.equal(f.newAdmin.address);
    expect(await f.registry.hasRole(f.roles.DEFAULT_ADMIN, f.actors.admin.address)).to.equal(false);

    // The new admin administers roles; the old one no longer can.
    await expect(f.registry.connect(f.newAdmin).grantRole(f.roles.ISSUER, f.actors.outsider.address)).to.emit(
      f.registry,
      "RoleGranted",
    );
    await expect(f.registry.connect(f.actors.admin).grantRole(f.roles.ISSUER, f.actors.outsider.address))
      .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
      .withArgs(f.actors.admin.address, f.roles.DEFAULT_ADMIN);
  });

  it("acceptDefaultAdminTransfer reverts for anyone but the pending admin, even after the delay", async function () {
    const f = await load();
    await f.registry.connect(f.actors.admin).beginDefaultAdminTransfer(f.newAdmin.address);
    const [, schedule] = await f.registry.pendingDefaultAdmin();
    await time.increaseTo(schedule + 1n);
    for (const caller of [f.actors.admin, f.actors.issuer, f.actors.outsider]) {
      await expect(f.registry.connect(caller).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(f.registry, "AccessControlInvalidDefaultAdmin")
        .withArgs(caller.address);
    }
  });

  it("cancelDefaultAdminTransfer stops a scheduled handover", async function () {
    const f = await load();
    await f.registry.connect(f.actors.admin).beginDefaultAdminTransfer(f.newAdmin.address);
    await f.registry.connect(f.actors.admin).cancelDefaultAdminTransfer();
    await time.increase(ADMIN_TRANSFER_DELAY + 1n);
    await expect(f.registry.connect(f.newAdmin).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(f.registry, "AccessControlInvalidDefaultAdmin")
      .withArgs(f.newAdmin.address);
  });

  it("beginDefaultAdminTransfer reverts for anyone but the default admin", async function () {
    const f = await load();
    for (const caller of [f.actors.issuer, f.actors.compliance, f.actors.outsider, f.newAdmin]) {
      await expect(f.registry.connect(caller).beginDefaultAdminTransfer(caller.address))
        .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
        .withArgs(caller.address, f.roles.DEFAULT_ADMIN);
    }
  });

  it("grantRole reverts when asked to grant the default admin role directly", async function () {
    const f = await load();
    await expect(
      f.registry.connect(f.actors.admin).grantRole(f.roles.DEFAULT_ADMIN, f.newAdmin.address),
    ).to.be.revertedWithCustomError(f.registry, "AccessControlEnforcedDefaultAdminRules");
  });
});
