import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import {
  COPPER_LOT,
  LOT_STATES,
  LotState,
  type LiveLotState,
  type LotsFixture,
  bytes32,
  deployLotsFixture, saleTerms } from "./helpers/fixtures.ts";
import { redeemUnits } from "./helpers/proceeds.ts";

// The transition matrix: every step is tried from every state. It succeeds only from the state(s) the
// lifecycle allows, landing in the one state it names; from every other state it reverts with
// InvalidLotState and leaves the lot as it was. No state can jump to any other.
//
//   Registered -> Assayed -> Warehoused <-> InTransit   (back by arrival or by the issuer's recall;
//       |            |           |                        a redirect keeps the lot in transit)
//       |            |           v
//       |            |        Settling -> Retired
//       +------------+-----------+-------> Retired       (the issuer withdraws a lot with no units outstanding)

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployLotsFixture);

interface Step {
  name: string;
  /** From-state -> to-state, for the states the step is allowed from. */
  allowed: Partial<Record<LiveLotState, LiveLotState>>;
  /** The state `InvalidLotState` names as required. */
  required: LiveLotState;
  /** A step allowed from several states refuses the others with its own error instead of `InvalidLotState`. */
  refusal?: { error: string; args: (lotId: bigint, state: LiveLotState) => unknown[] };
  send: (f: LotsFixture, lotId: bigint) => Promise<unknown>;
  /** Anything the successful case needs first (e.g. burning the outstanding units before retiring). */
  prepare?: (f: LotsFixture, lotId: bigint) => Promise<unknown>;
}

const STEPS: Step[] = [
  {
    name: "recordAssay",
    allowed: { Registered: "Assayed" },
    required: "Registered",
    send: (f, lotId) =>
      f.registry
        .connect(f.actors.assayer)
        .recordAssay(lotId, COPPER_LOT.moistureBps, COPPER_LOT.gradePpb, COPPER_LOT.payableBps),
  },
  {
    name: "attestCustody",
    allowed: { Assayed: "Warehoused", Warehoused: "Warehoused" },
    required: "Assayed",
    send: (f, lotId) => f.registry.connect(f.actors.custodian).attestCustody(lotId, 5_000n, bytes32("Antofagasta W5")),
  },
  {
    name: "dispatchLot",
    allowed: { Warehoused: "InTransit" },
    required: "Warehoused",
    send: (f, lotId) =>
      f.registry.connect(f.actors.custodian).dispatchLot(lotId, f.actors.otherCustodian.address, bytes32("Rotterdam")),
  },
  {
    name: "confirmArrival",
    allowed: { InTransit: "Warehoused" },
    required: "InTransit",
    send: (f, lotId) =>
      f.registry.connect(f.actors.otherCustodian).confirmArrival(lotId, bytes32("Rotterdam 4"), COPPER_LOT.payableKg),
  },
  {
    name: "recallLot",
    allowed: { InTransit: "Warehoused" },
    required: "InTransit",
    send: (f, lotId) => f.registry.connect(f.actors.issuer).recallLot(lotId, bytes32("receiver lost its key")),
  },
  {
    name: "redirectLot",
    allowed: { InTransit: "InTransit" },
    required: "InTransit",
    send: (f, lotId) =>
      f.registry
        .connect(f.actors.issuer)
        .redirectLot(lotId, f.actors.custodian.address, bytes32("Antofagasta W3"), bytes32("port strike")),
  },
  {
    name: "withdrawLot",
    allowed: { Registered: "Retired", Assayed: "Retired", Warehoused: "Retired" },
    required: "Warehoused",
    refusal: { error: "LotNotWithdrawable", args: (lotId, state) => [lotId, LotState[state]] },
    prepare: async (f, lotId) => {
      const balance = await f.token.balanceOf(f.holder.address, lotId);
      if (balance > 0n) await redeemUnits(f, f.holder, lotId, balance);
    },
    send: (f, lotId) => f.registry.connect(f.actors.issuer).withdrawLot(lotId, bytes32("assayer gone")),
  },
  {
    name: "startSettlement",
    allowed: { Warehoused: "Settling" },
    required: "Warehoused",
    send: async (f, lotId) => f.registry.connect(f.actors.issuer).startSettlement(lotId, id("SALE-2025-CU-009"), ...(await saleTerms(f))),
  },
  {
    name: "retireLot",
    allowed: { Settling: "Retired" },
    required: "Settling",
    prepare: async (f, lotId) => {
      const balance = await f.token.balanceOf(f.holder.address, lotId);
      await redeemUnits(f, f.holder, lotId, balance);
    },
    send: (f, lotId) => f.registry.connect(f.actors.issuer).retireLot(lotId),
  },
  {
    // Not a transition, but the one thing only a warehoused lot allows; the token's hook refuses it elsewhere.
    name: "mint",
    allowed: { Warehoused: "Warehoused" },
    required: "Warehoused",
    send: (f, lotId) => f.token.connect(f.actors.issuer).mint(f.investor.address, lotId, 1n, "0x"),
  },
];

describe("LotRegistry transition matrix", function () {
  for (const step of STEPS) {
    describe(step.name, function () {
      for (const state of LOT_STATES) {
        const to = step.allowed[state];
        if (to !== undefined) {
          const title =
            to === state
              ? `${step.name} succeeds when the lot is ${state} and leaves it ${to}`
              : `${step.name} moves the lot from ${state} to ${to}`;
          it(title, async function () {
            const f = await load();
            const lotId = f.lots[state];
            await step.prepare?.(f, lotId);
            const tx = step.send(f, lotId);
            if (to === state) {
              await expect(tx).not.to.emit(f.registry, "LotStateChanged");
            } else {
              await expect(tx).to.emit(f.registry, "LotStateChanged").withArgs(lotId, LotState[state], LotState[to]);
            }
            expect((await f.registry.getLot(lotId)).state).to.equal(LotState[to]);
            expect(await f.registry.lotState(lotId)).to.equal(LotState[to]);
          });
        } else {
          it(`${step.name} reverts when the lot is ${state}`, async function () {
            const f = await load();
            const lotId = f.lots[state];
            const before = await f.registry.getLot(lotId);
            const error = step.refusal?.error ?? "InvalidLotState";
            const args = step.refusal?.args(lotId, state) ?? [lotId, LotState[state], LotState[step.required]];
            await expect(step.send(f, lotId))
              .to.be.revertedWithCustomError(f.registry, error)
              .withArgs(...args);
            expect(await f.registry.getLot(lotId)).to.deep.equal(before);
          });
        }
      }

      it(`${step.name} reverts for a lot id no lot has`, async function () {
        const f = await load();
        await expect(step.send(f, f.unknownLot))
          .to.be.revertedWithCustomError(f.registry, "UnknownLot")
          .withArgs(f.unknownLot);
      });

      it(`${step.name} reverts for lot id 0`, async function () {
        const f = await load();
        await expect(step.send(f, 0n)).to.be.revertedWithCustomError(f.registry, "UnknownLot").withArgs(0n);
      });
    });
  }

});
