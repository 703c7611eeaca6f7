import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import type { BaseContract } from "ethers";

import { ACTORS, type Actor, type Roles } from "./fixtures.ts";

/** The custom error a refused call must revert with. */
export interface Refusal {
  /** A contract whose ABI declares the error. */
  contract: BaseContract;
  error: string;
  args: readonly unknown[];
}

export interface GuardedCall<F extends { actors: Record<Actor, HardhatEthersSigner> }> {
  /** Loads a fresh fixture (a `loadFixture` call). */
  load: () => Promise<F>;
  /** Sends the privileged call as `caller`. */
  call: (f: F, caller: HardhatEthersSigner) => Promise<unknown>;
  /** The error every refused caller must get. */
  refusal: (f: F, caller: HardhatEthersSigner) => Refusal;
}

/**
 * What an allowed caller's call must have done: given the call's pending transaction, assert the event it emits
 * (`await expect(tx).to.emit(...).withArgs(...)`) and the state it changed. Not reverting is not enough.
 */
export type Succeeds<F> = (f: F, tx: Promise<unknown>, caller: HardhatEthersSigner) => Promise<void>;

const LABELS: Record<Actor, string> = {
  admin: "the default admin",
  issuer: "an issuer",
  assayer: "an assayer",
  custodian: "the lot's custodian",
  otherCustodian: "a custodian of other lots",
  compliance: "a compliance officer",
  treasury: "the treasury",
  pauser: "a pauser",
  refiner: "a refiner",
  outsider: "an account with no role",
};

/**
 * Shared behaviour: the call succeeds for each of the `allowed` actors, doing what `succeeds` says it does, and
 * reverts, with the exact error and arguments, for every other one (default admin, every role, a custodian of
 * other lots and an outsider). A call allowed to no one needs no `succeeds`.
 */
export function shouldRefuseToEveryRoleExcept<F extends { actors: Record<Actor, HardhatEthersSigner> }>(
  allowed: readonly [],
  guarded: GuardedCall<F>,
): void;
export function shouldRefuseToEveryRoleExcept<F extends { actors: Record<Actor, HardhatEthersSigner> }>(
  allowed: readonly [Actor, ...Actor[]],
  guarded: GuardedCall<F> & { succeeds: Succeeds<F> },
): void;
export function shouldRefuseToEveryRoleExcept<F extends { actors: Record<Actor, HardhatEthersSigner> }>(
  allowed: readonly Actor[],
  guarded: GuardedCall<F> & { succeeds?: Succeeds<F> },
): void {
  const { succeeds } = guarded;
  if (allowed.length > 0 && succeeds === undefined) throw new Error("an allowed call needs `succeeds`: what it must have done");
  for (const actor of allowed) {
    it(`succeeds when called by ${LABELS[actor]}`, async function () {
      const f = await guarded.load();
      const caller = f.actors[actor];
      const tx = guarded.call(f, caller);
      await succeeds!(f, tx, caller);
      await tx;
    });
  }
  for (const actor of ACTORS.filter((a) => !allowed.includes(a))) {
    it(`reverts when called by ${LABELS[actor]}`, async function () {
      const f = await guarded.load();
      const caller = f.actors[actor];
      const { contract, error, args } = guarded.refusal(f, caller);
      await expect(guarded.call(f, caller))
        .to.be.revertedWithCustomError(contract, error)
        .withArgs(...args);
    });
  }
}

/**
 * Shared behaviour for a call guarded by one registry role: it succeeds for `allowed` (the one actor holding
 * `role`), doing what `succeeds` says, and reverts with `AccessControlUnauthorizedAccount(caller, role)`, declared
 * by `contract(f)`, for every other actor (default admin, every other role, a custodian of other lots and an
 * outsider).
 */
export function shouldRequireRole<
  F extends { actors: Record<Actor, HardhatEthersSigner>; roles: Roles },
>(
  allowed: Actor,
  role: keyof Roles,
  guarded: Omit<GuardedCall<F>, "refusal"> & { contract: (f: F) => BaseContract; succeeds: Succeeds<F> },
): void {
  shouldRefuseToEveryRoleExcept([allowed], {
    load: guarded.load,
    call: guarded.call,
    succeeds: guarded.succeeds,
    refusal: (f, caller) => ({
      contract: guarded.contract(f),
      error: "AccessControlUnauthorizedAccount",
      args: [caller.address, f.roles[role]],
    }),
  });
}
