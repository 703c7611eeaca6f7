/**
 * Facts kept once: the SDK's enum names and role hashes come from the compiled contracts (`npm run build` writes
 * them to `src/generated/`). These tests compare them with the contracts themselves: the enums with the solc AST
 * in the artifacts (`Commodity` in `units.test.ts`), the roles with the deployed registry's getters.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { readContract } from "viem/actions";

import {
  BASES,
  DOC_TYPES,
  FORMS,
  INVESTOR_CLASSES,
  LOT_STATES,
  REASONS,
  ROLES,
  kebabCase,
  lotRegistryAbi,
  roleName,
} from "../../src/index.ts";
import { compiledAbi, solidityEnumMembers } from "./helpers/compiled.ts";
import { deployPlatformOn } from "./helpers/platform.ts";

const connection = await network.create();

describe("names and roles generated from the compiled contracts", function () {
  const lists = { Reason: REASONS, InvestorClass: INVESTOR_CLASSES, LotState: LOT_STATES, Form: FORMS, Basis: BASES, DocType: DOC_TYPES };
  for (const [solidityName, names] of Object.entries(lists)) {
    it(`names every ${solidityName} member in the compiled contract's order, in kebab case`, function () {
      expect([...names]).to.deep.equal(solidityEnumMembers(solidityName).map(kebabCase));
    });
  }

  it("writes a Solidity member name in kebab case with a dash before each capital but the first", function () {
    expect(["Ok", "SenderKycExpired", "InTransit", "DueDiligenceReport", "Apt"].map(kebabCase)).to.deep.equal([
      "ok",
      "sender-kyc-expired",
      "in-transit",
      "due-diligence-report",
      "apt",
    ]);
  });

  it("holds each role the registry exposes, with the hash the deployed registry's getter returns", async function () {
    const platform = await deployPlatformOn(connection);
    const getters = compiledAbi("contracts/lots/LotRegistry.sol/LotRegistry.json")
      .filter((item) => item.type === "function" && item.name?.endsWith("_ROLE") && item.inputs?.length === 0)
      .map((item) => item.name!);
    const sdkName = (getter: string) => (getter === "DEFAULT_ADMIN_ROLE" ? "admin" : getter.replace(/_ROLE$/, "").toLowerCase());
    expect(Object.keys(ROLES).sort()).to.deep.equal(getters.map(sdkName).sort());
    for (const getter of getters) {
      const onChain = await readContract(platform.as.outsider, {
        address: platform.deployment.contracts.LotRegistry,
        abi: lotRegistryAbi,
        functionName: getter as "ISSUER_ROLE",
      });
      expect(ROLES[sdkName(getter) as keyof typeof ROLES], getter).to.equal(onChain);
      expect(roleName(onChain)).to.equal(sdkName(getter).toUpperCase());
    }
  });
});
