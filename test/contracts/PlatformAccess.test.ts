import { expect } from "chai";
import { network } from "hardhat";

import { deployLotsFixture } from "./helpers/fixtures.ts";

// Roles in one place: every platform contract but the registry inherits PlatformAccess, which asks the registry and
// refuses with OpenZeppelin's AccessControlUnauthorizedAccount, the very error the registry's own checks use.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployLotsFixture);

describe("PlatformAccess: one role check for every platform contract", function () {
  it("the token and the registrar name the lot registry that holds the roles", async function () {
    const f = await load();
    const registry = await f.registry.getAddress();
    expect(await f.token.registry()).to.equal(registry);
    expect(await f.registrar.registry()).to.equal(registry);
  });

  it("the token and the registrar refuse with the registry's own AccessControlUnauthorizedAccount error (same selector)", async function () {
    const f = await load();
    const selector = f.registry.interface.getError("AccessControlUnauthorizedAccount")!.selector;
    expect(f.token.interface.getError("AccessControlUnauthorizedAccount")!.selector).to.equal(selector);
    expect(f.registrar.interface.getError("AccessControlUnauthorizedAccount")!.selector).to.equal(selector);
    await expect(f.token.connect(f.actors.outsider).pause())
      .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
      .withArgs(f.actors.outsider.address, f.roles.PAUSER);
    await expect(f.registrar.connect(f.actors.issuer).removeInvestor(f.holder.address))
      .to.be.revertedWithCustomError(f.registry, "AccessControlUnauthorizedAccount")
      .withArgs(f.actors.issuer.address, f.roles.COMPLIANCE);
  });

  it("a role granted in the registry is honoured by the token at once, and a revoked one refused", async function () {
    const f = await load();
    const asAdmin = f.registry.connect(f.actors.admin);
    await asAdmin.grantRole(f.roles.PAUSER, f.actors.outsider.address);
    await expect(f.token.connect(f.actors.outsider).pause()).to.emit(f.token, "Paused");
    await asAdmin.revokeRole(f.roles.PAUSER, f.actors.outsider.address);
    await expect(f.token.connect(f.actors.outsider).unpause())
      .to.be.revertedWithCustomError(f.token, "AccessControlUnauthorizedAccount")
      .withArgs(f.actors.outsider.address, f.roles.PAUSER);
  });
});
