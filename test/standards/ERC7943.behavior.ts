import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { type BaseContract, type ContractTransactionResponse, MaxUint256, ZeroAddress } from "ethers";

// A reusable suite for ERC-7943 (uRWA) multi-token implementations, written from the standard's text
// (ethereum/ERCs ERCS/erc-7943.md): each test quotes the MUST or SHOULD it checks. It needs only the standard's
// interface, ERC-1155, and what a token's own administration must provide (the `ERC7943Subject` below), so it can
// run against any ERC-1155 based uRWA token.

/** The ERC-1155 and ERC-7943 functions the suite calls, plus a public burn. */
export interface ERC7943MultiToken extends BaseContract {
  connect(runner: HardhatEthersSigner): ERC7943MultiToken;
  supportsInterface(interfaceId: string): Promise<boolean>;
  balanceOf(account: string, id: bigint): Promise<bigint>;
  setApprovalForAll(operator: string, approved: boolean): Promise<ContractTransactionResponse>;
  safeTransferFrom(
    from: string,
    to: string,
    id: bigint,
    amount: bigint,
    data: string,
  ): Promise<ContractTransactionResponse>;
  safeBatchTransferFrom(
    from: string,
    to: string,
    ids: bigint[],
    amounts: bigint[],
    data: string,
  ): Promise<ContractTransactionResponse>;
  burn(from: string, id: bigint, amount: bigint): Promise<ContractTransactionResponse>;
  canSend(account: string): Promise<boolean>;
  canReceive(account: string): Promise<boolean>;
  canTransfer(from: string, to: string, id: bigint, amount: bigint): Promise<boolean>;
  getFrozenTokens(account: string, id: bigint): Promise<bigint>;
  setFrozenTokens(account: string, id: bigint, amount: bigint): Promise<ContractTransactionResponse>;
  forcedTransfer(from: string, to: string, id: bigint, amount: bigint): Promise<ContractTransactionResponse>;
}

/** What the suite is run against: a token in a state where `holder` holds `balance` units of `id` and of `otherId`. */
export interface ERC7943Subject {
  ethers: HardhatEthers;
  token: ERC7943MultiToken;
  /** A token id `holder` holds `balance` units of, and a second one for batches. */
  id: bigint;
  otherId: bigint;
  balance: bigint;
  /** May send (canSend) and holds `balance` units of `id` and `otherId`. */
  holder: HardhatEthersSigner;
  /** May receive (canReceive) and holds nothing. */
  receiver: HardhatEthersSigner;
  /** Neither may send nor receive (never admitted by the token's rules). */
  stranger: HardhatEthersSigner;
  /** Authorized for `forcedTransfer` and `setFrozenTokens`. */
  enforcer: HardhatEthersSigner;
  /** Everyone else who might try them (each other role, an outsider, the holder itself). */
  unauthorized: Record<string, HardhatEthersSigner>;
  /** Mints by the permissioned minter. */
  mint: (to: string, id: bigint, amount: bigint) => Promise<ContractTransactionResponse>;
  /** Makes `account` unable to send (canSend false), by the token's own administration. */
  forbidSending: (account: string) => Promise<void>;
  /** A permissioned rule that stops every ordinary transfer (a pause), applied by the token's administration. */
  stopTransfers: (subject: ERC7943Subject) => Promise<void>;
  /** `setFrozenTokens` calls the token must refuse as logical errors, each with a title. */
  invalidFreezes: readonly { title: string; account: string; id: bigint; amount: bigint }[];
  /**
   * Whether anyone may burn its own tokens (`permissionless`), or only privileged accounts may burn (`permissioned`:
   * then the suite checks that a holder's burn is refused whatever its state).
   */
  burning: "permissionless" | "permissioned";
  /**
   * Lets `account`'s eligibility lapse the way the token's rules let it lapse over time (a KYC that expired), by the
   * token's own administration. Omitted when the token has no such rule.
   */
  lapseEligibility?: (account: string) => Promise<void>;
  /** An account the token admits as a receiver (canReceive) that is not an investor: where a holder may exit. */
  exitAccount?: string;
}

const ERC7943_MULTI_TOKEN_ID = "0x41c4fbad";
const ERC165_ID = "0x01ffc9a7";
const ERC1155_ID = "0xd9b67a26";

/** The log names of a transaction's token events, in log order. */
async function tokenEvents(s: ERC7943Subject, tx: ContractTransactionResponse): Promise<string[]> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("no receipt");
  const address = await s.token.getAddress();
  return receipt.logs
    .filter((log) => log.address === address)
    .map((log) => s.token.interface.parseLog(log)?.name ?? "unknown");
}

/** Balances of holder and receiver in `id`. */
async function balances(s: ERC7943Subject): Promise<[bigint, bigint]> {
  return [await s.token.balanceOf(s.holder.address, s.id), await s.token.balanceOf(s.receiver.address, s.id)];
}

export function shouldBehaveLikeERC7943MultiToken(load: () => Promise<ERC7943Subject>): void {
  describe("like an ERC-7943 multi token (uRWA)", function () {
    describe("ERC-165", function () {
      it('"MUST return true for ... 0x41c4fbad for the multi token interface"', async function () {
        const s = await load();
        expect(await s.token.supportsInterface(ERC7943_MULTI_TOKEN_ID)).to.equal(true);
      });

      it('"MUST implement the ERC-165 supportsInterface function" and "MUST extend from one base token interface" (ERC-1155)', async function () {
        const s = await load();
        expect(await s.token.supportsInterface(ERC165_ID)).to.equal(true);
        expect(await s.token.supportsInterface(ERC1155_ID)).to.equal(true);
        expect(await s.token.supportsInterface("0xffffffff")).to.equal(false);
      });
    });

    describe("canSend and canReceive", function () {
      it('"MUST NOT revert", whatever account they are asked about', async function () {
        const s = await load();
        const accounts = [
          ZeroAddress,
          s.holder.address,
          s.stranger.address,
          await s.token.getAddress(),
          "0x" + "ff".repeat(20),
        ];
        for (const account of accounts) {
          expect(typeof (await s.token.canSend(account))).to.equal("boolean");
          expect(typeof (await s.token.canReceive(account))).to.equal("boolean");
        }
      });

      it('"MUST NOT change the storage of the contract": both are view functions', async function () {
        const s = await load();
        expect(s.token.interface.getFunction("canSend")?.stateMutability).to.equal("view");
        expect(s.token.interface.getFunction("canReceive")?.stateMutability).to.equal("view");
      });

      it("are account-level: true for an admitted account, false for one the rules do not admit", async function () {
        const s = await load();
        expect(await s.token.canSend(s.holder.address)).to.equal(true);
        expect(await s.token.canReceive(s.receiver.address)).to.equal(true);
        expect(await s.token.canReceive(s.stranger.address)).to.equal(false);
        await s.forbidSending(s.holder.address);
        expect(await s.token.canSend(s.holder.address)).to.equal(false);
      });

      it('"MUST NOT encode transfer-specific or quantitative rules (e.g., balance checks, amount limits)": unchanged by freezing all units or holding none', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, MaxUint256);
        expect(await s.token.canSend(s.holder.address)).to.equal(true);
        expect(await s.token.canReceive(s.holder.address)).to.equal(true);
        // The receiver holds nothing at all, and may still send and receive as far as its account is concerned.
        expect(await s.token.balanceOf(s.receiver.address, s.id)).to.equal(0n);
        expect(await s.token.canSend(s.receiver.address)).to.equal(true);
        expect(await s.token.canReceive(s.receiver.address)).to.equal(true);
      });
    });

    describe("canTransfer", function () {
      it('"MUST NOT revert": zero addresses, an unknown id, the largest amount, accounts the rules do not admit', async function () {
        const s = await load();
        const cases: [string, string, bigint, bigint][] = [
          [ZeroAddress, s.receiver.address, s.id, 1n],
          [s.holder.address, ZeroAddress, s.id, 1n],
          [s.holder.address, s.receiver.address, 2n ** 200n, 1n],
          [s.holder.address, s.receiver.address, s.id, MaxUint256],
          [s.stranger.address, s.stranger.address, s.id, 0n],
          [s.holder.address, s.holder.address, s.id, s.balance],
        ];
        for (const [from, to, tokenId, amount] of cases) {
          expect(typeof (await s.token.canTransfer(from, to, tokenId, amount))).to.equal("boolean");
        }
      });

      it('"MUST NOT revert" even when more units are frozen than are held', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, s.balance * 10n);
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, 1n)).to.equal(false);
      });

      it('"MUST NOT change the storage of the contract": a view function', async function () {
        const s = await load();
        expect(s.token.interface.getFunction("canTransfer")?.stateMutability).to.equal("view");
        expect(s.token.interface.getFunction("getFrozenTokens")?.stateMutability).to.equal("view");
      });

      it("is true for a transfer every rule allows, and that transfer goes through", async function () {
        const s = await load();
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, s.balance)).to.equal(true);
        await s.token.connect(s.holder).safeTransferFrom(s.holder.address, s.receiver.address, s.id, s.balance, "0x");
        expect(await balances(s)).to.deep.equal([0n, s.balance]);
      });

      it('"MUST validate that the amount being transferred doesn\'t exceed the unfrozen amount (which is the difference between the current balance and the frozen balance)"', async function () {
        const s = await load();
        const frozen = s.balance / 4n;
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, frozen);
        const unfrozen = s.balance - frozen;
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, unfrozen)).to.equal(true);
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, unfrozen + 1n)).to.equal(false);
      });

      it('"MUST perform a canSend check on the from parameter"', async function () {
        const s = await load();
        await s.forbidSending(s.holder.address);
        expect(await s.token.canSend(s.holder.address)).to.equal(false);
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, 1n)).to.equal(false);
      });

      it('"... and a canReceive check on the to parameter"', async function () {
        const s = await load();
        expect(await s.token.canReceive(s.stranger.address)).to.equal(false);
        expect(await s.token.canTransfer(s.holder.address, s.stranger.address, s.id, 1n)).to.equal(false);
      });

      it('"MUST return false ... if any permissioned rule would prevent a given transfer from succeeding. ... A permissioned check can be a pausing mechanism"', async function () {
        const s = await load();
        await s.stopTransfers(s);
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, 1n)).to.equal(false);
        await expect(
          s.token.connect(s.holder).safeTransferFrom(s.holder.address, s.receiver.address, s.id, 1n, "0x"),
        ).to.revert(s.ethers);
      });

      it('"MUST NOT return false based on token-specific, non-permissioned validations such as ... allowance checks": the same answer with or without an approved operator', async function () {
        const s = await load();
        // (Its other example, a balance check, coincides with the unfrozen-amount MUST above for an amount beyond the
        // balance, since the unfrozen amount never exceeds the balance: that case is judged by the MUST.)
        const before = await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, s.balance);
        await s.token.connect(s.holder).setApprovalForAll(s.receiver.address, true);
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, s.balance)).to.equal(before);
        expect(before).to.equal(true);
      });
    });

    describe("forcedTransfer", function () {
      it('"MUST directly manipulate balances ... to transfer the asset from from to to"', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).forcedTransfer(s.holder.address, s.receiver.address, s.id, 3n);
        expect(await balances(s)).to.deep.equal([s.balance - 3n, 3n]);
      });

      it('"MUST emit the base standard\'s canonical transfer event(s) ... and MUST emit the ForcedTransfer event"', async function () {
        const s = await load();
        const tx = s.token.connect(s.enforcer).forcedTransfer(s.holder.address, s.receiver.address, s.id, 3n);
        await expect(tx)
          .to.emit(s.token, "TransferSingle")
          .withArgs(anyValue, s.holder.address, s.receiver.address, s.id, 3n);
        await expect(tx).to.emit(s.token, "ForcedTransfer").withArgs(s.holder.address, s.receiver.address, s.id, 3n);
      });

      it('"MUST be restricted in access": refused to every other account, and nothing moves', async function () {
        const s = await load();
        for (const [name, signer] of Object.entries(s.unauthorized)) {
          await expect(
            s.token.connect(signer).forcedTransfer(s.holder.address, s.receiver.address, s.id, 1n),
            `${name} was not refused`,
          ).to.revert(s.ethers);
        }
        expect(await balances(s)).to.deep.equal([s.balance, 0n]);
      });

      it('"MUST perform necessary validation checks (e.g., sufficient balance ...)": more than the balance reverts with the base standard\'s error', async function () {
        const s = await load();
        await expect(
          s.token.connect(s.enforcer).forcedTransfer(s.holder.address, s.receiver.address, s.id, s.balance + 1n),
        ).to.be.revertedWithCustomError(s.token, "ERC1155InsufficientBalance");
        expect(await balances(s)).to.deep.equal([s.balance, 0n]);
      });

      it('"It SHOULD at least perform a canReceive check on the to parameter" and "MUST revert in cases where ... canReceive checks return false"', async function () {
        const s = await load();
        await expect(
          s.token.connect(s.enforcer).forcedTransfer(s.holder.address, s.stranger.address, s.id, 1n),
        ).to.revert(s.ethers);
        expect(await s.token.balanceOf(s.stranger.address, s.id)).to.equal(0n);
      });

      it('"If ... the transfer involves tokens that are currently counted as frozen, it MUST unfreeze the assets first and emit a Frozen event before the underlying base token transfer event"', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, s.balance);
        const tx = await s.token.connect(s.enforcer).forcedTransfer(s.holder.address, s.receiver.address, s.id, 5n);
        await expect(tx)
          .to.emit(s.token, "Frozen")
          .withArgs(s.holder.address, s.id, s.balance - 5n);
        const events = await tokenEvents(s, tx);
        expect(events.indexOf("Frozen")).to.be.greaterThan(-1);
        expect(events.indexOf("Frozen")).to.be.lessThan(events.indexOf("TransferSingle"));
        expect(await s.token.getFrozenTokens(s.holder.address, s.id)).to.equal(s.balance - 5n);
        expect(await balances(s)).to.deep.equal([s.balance - 5n, 5n]);
      });
    });

    describe("setFrozenTokens", function () {
      it('"MUST emit the Frozen event"', async function () {
        const s = await load();
        await expect(s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, 7n))
          .to.emit(s.token, "Frozen")
          .withArgs(s.holder.address, s.id, 7n);
        expect(await s.token.getFrozenTokens(s.holder.address, s.id)).to.equal(7n);
      });

      it('"Overwrites the current value, similar to an approve function"', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, 7n);
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, 3n);
        expect(await s.token.getFrozenTokens(s.holder.address, s.id)).to.equal(3n);
      });

      it('"MUST be restricted in access": refused to every other account, and the frozen amount stays', async function () {
        const s = await load();
        for (const [name, signer] of Object.entries(s.unauthorized)) {
          await expect(
            s.token.connect(signer).setFrozenTokens(s.holder.address, s.id, 1n),
            `${name} was not refused`,
          ).to.revert(s.ethers);
        }
        expect(await s.token.getFrozenTokens(s.holder.address, s.id)).to.equal(0n);
      });

      it('"MUST allow freezing more assets than those held", and getFrozenTokens "MAY exceed the account\'s current balance"', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.receiver.address, s.id, 1_000n);
        expect(await s.token.getFrozenTokens(s.receiver.address, s.id)).to.equal(1_000n);
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, s.balance * 3n);
        expect(await s.token.getFrozenTokens(s.holder.address, s.id)).to.equal(s.balance * 3n);
      });

      it('"MUST revert in cases of logical issues or validation checks failure"', async function () {
        const s = await load();
        expect(s.invalidFreezes.length).to.be.greaterThan(0);
        for (const c of s.invalidFreezes) {
          await expect(s.token.connect(s.enforcer).setFrozenTokens(c.account, c.id, c.amount), c.title).to.revert(
            s.ethers,
          );
        }
      });
    });

    describe("public transfers", function () {
      const methods = [
        {
          name: "safeTransferFrom",
          send: (s: ERC7943Subject, to: string, amount: bigint) =>
            s.token.connect(s.holder).safeTransferFrom(s.holder.address, to, s.id, amount, "0x"),
        },
        {
          name: "safeBatchTransferFrom",
          send: (s: ERC7943Subject, to: string, amount: bigint) =>
            s.token
              .connect(s.holder)
              .safeBatchTransferFrom(s.holder.address, to, [s.id, s.otherId], [amount, 1n], "0x"),
        },
      ];
      for (const method of methods) {
        it(`"MUST NOT succeed in cases where canTransfer would return false" (${method.name}, units frozen)`, async function () {
          const s = await load();
          await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, 1n);
          expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, s.balance)).to.equal(false);
          await expect(method.send(s, s.receiver.address, s.balance)).to.revert(s.ethers);
          expect(await balances(s)).to.deep.equal([s.balance, 0n]);
        });

        it(`"... or where canSend would return false for the from address" (${method.name})`, async function () {
          const s = await load();
          await s.forbidSending(s.holder.address);
          await expect(method.send(s, s.receiver.address, 1n)).to.revert(s.ethers);
          expect(await balances(s)).to.deep.equal([s.balance, 0n]);
        });

        it(`"... or canReceive would return false for the to address" (${method.name})`, async function () {
          const s = await load();
          await expect(method.send(s, s.stranger.address, 1n)).to.revert(s.ethers);
          expect(await s.token.balanceOf(s.stranger.address, s.id)).to.equal(0n);
        });
      }

      it('"ERC7943InsufficientUnfrozenBalance SHOULD be triggered when a transfer is attempted ... with an amount less than or equal to its balance, but greater than its unfrozen balance"', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, 10n);
        await expect(
          s.token.connect(s.holder).safeTransferFrom(s.holder.address, s.receiver.address, s.id, s.balance, "0x"),
        )
          .to.be.revertedWithCustomError(s.token, "ERC7943InsufficientUnfrozenBalance")
          .withArgs(s.holder.address, s.id, s.balance, s.balance - 10n);
      });

      it('"If the amount is greater than the whole balance ... more specific errors from the base standard SHOULD be used instead"', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, 10n);
        await expect(
          s.token.connect(s.holder).safeTransferFrom(s.holder.address, s.receiver.address, s.id, s.balance + 1n, "0x"),
        ).to.be.revertedWithCustomError(s.token, "ERC1155InsufficientBalance");
      });
    });

    describe("an account whose eligibility lapsed (a KYC that expired)", function () {
      /** Every ordered pair of the accounts the suite knows, with a lapsed holder among them. */
      async function lapsed(s: ERC7943Subject) {
        await s.lapseEligibility!(s.holder.address);
        return [s.holder.address, s.receiver.address, s.stranger.address, ...(s.exitAccount ? [s.exitAccount] : [])];
      }

      it('"Public transfers ... MUST NOT succeed in cases where canTransfer would return false, or where canSend would return false for the from address, or canReceive would return false for the to address", with a lapsed holder', async function () {
        const s = await load();
        if (s.lapseEligibility === undefined) this.skip();
        const accounts = await lapsed(s);
        // The holder's units go nowhere the three views do not all allow.
        for (const to of accounts.filter((a) => a !== s.holder.address)) {
          const allowed =
            (await s.token.canTransfer(s.holder.address, to, s.id, 1n)) &&
            (await s.token.canSend(s.holder.address)) &&
            (await s.token.canReceive(to));
          const snapshot = await s.ethers.provider.send("evm_snapshot", []);
          let moved = true;
          try {
            await (await s.token.connect(s.holder).safeTransferFrom(s.holder.address, to, s.id, 1n, "0x")).wait();
          } catch {
            moved = false;
          }
          await s.ethers.provider.send("evm_revert", [snapshot]);
          if (moved) expect(allowed, `a transfer to ${to} went through that the views refuse`).to.equal(true);
        }
      });

      it('"canTransfer MUST perform a canSend check on the from parameter and a canReceive check on the to parameter": a lapsed account receives nothing', async function () {
        const s = await load();
        if (s.lapseEligibility === undefined) this.skip();
        await s.lapseEligibility(s.receiver.address);
        expect(await s.token.canReceive(s.receiver.address)).to.equal(false);
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, 1n)).to.equal(false);
        await expect(s.token.connect(s.holder).safeTransferFrom(s.holder.address, s.receiver.address, s.id, 1n, "0x")).to.revert(s.ethers);
        expect(await s.token.balanceOf(s.receiver.address, s.id)).to.equal(0n);
      });

      it('"canSend and canReceive MUST NOT encode transfer-specific ... rules": a lapsed holder may still exit, and canTransfer says where', async function () {
        const s = await load();
        if (s.lapseEligibility === undefined || s.exitAccount === undefined) this.skip();
        await lapsed(s);
        // The refusal to send to another investor is a transfer rule, reported by canTransfer, not by canSend.
        expect(await s.token.canTransfer(s.holder.address, s.receiver.address, s.id, 1n)).to.equal(false);
        await expect(s.token.connect(s.holder).safeTransferFrom(s.holder.address, s.receiver.address, s.id, 1n, "0x")).to.revert(s.ethers);
        // Its exit is a transfer all three views allow, and it goes through.
        expect(await s.token.canSend(s.holder.address)).to.equal(true);
        expect(await s.token.canReceive(s.exitAccount)).to.equal(true);
        expect(await s.token.canTransfer(s.holder.address, s.exitAccount, s.id, 1n)).to.equal(true);
        await s.token.connect(s.holder).safeTransferFrom(s.holder.address, s.exitAccount, s.id, 1n, "0x");
        expect(await s.token.balanceOf(s.holder.address, s.id)).to.equal(s.balance - 1n);
      });

      it('"Burning in permissionless contexts ... MUST respect the canSend check" and "the canTransfer check": a lapsed holder burns nothing the views refuse', async function () {
        const s = await load();
        if (s.lapseEligibility === undefined) this.skip();
        await s.lapseEligibility(s.holder.address);
        const snapshot = await s.ethers.provider.send("evm_snapshot", []);
        let burned = true;
        try {
          await (await s.token.connect(s.holder).burn(s.holder.address, s.id, 1n)).wait();
        } catch {
          burned = false;
        }
        await s.ethers.provider.send("evm_revert", [snapshot]);
        if (burned) {
          expect(await s.token.canSend(s.holder.address)).to.equal(true);
          expect(s.burning).to.equal("permissionless");
        }
        if (s.burning === "permissioned") expect(burned).to.equal(false);
      });
    });

    describe("minting and burning", function () {
      it('"In permissioned contexts ... minting SHOULD respect canReceive checks on the recipient"', async function () {
        const s = await load();
        await expect(s.mint(s.stranger.address, s.id, 1n)).to.revert(s.ethers);
        await s.mint(s.receiver.address, s.id, 1n);
        expect(await s.token.balanceOf(s.receiver.address, s.id)).to.equal(1n);
      });

      it('"Burning in permissionless contexts (e.g., public burn functions) ... MUST respect the canSend check on the token holder"', async function () {
        const s = await load();
        await s.forbidSending(s.holder.address);
        await expect(s.token.connect(s.holder).burn(s.holder.address, s.id, 1n)).to.revert(s.ethers);
        expect(await s.token.balanceOf(s.holder.address, s.id)).to.equal(s.balance);
      });

      it('"Burning in permissionless contexts ... MUST respect the canTransfer check" (a pause stops it)', async function () {
        const s = await load();
        await s.stopTransfers(s);
        await expect(s.token.connect(s.holder).burn(s.holder.address, s.id, 1n)).to.revert(s.ethers);
        expect(await s.token.balanceOf(s.holder.address, s.id)).to.equal(s.balance);
      });

      it('"Burning in permissionless contexts ... MUST NOT allow burning more assets than the unfrozen amount"', async function () {
        const s = await load();
        await s.token.connect(s.enforcer).setFrozenTokens(s.holder.address, s.id, s.balance - 4n);
        await expect(s.token.connect(s.holder).burn(s.holder.address, s.id, 5n)).to.revert(s.ethers);
        if (s.burning === "permissionless") {
          await s.token.connect(s.holder).burn(s.holder.address, s.id, 4n);
          expect(await s.token.balanceOf(s.holder.address, s.id)).to.equal(s.balance - 4n);
        }
      });

      it("a token whose burning is permissioned refuses a holder's own burn whatever its state (no permissionless burn exists)", async function () {
        const s = await load();
        if (s.burning !== "permissioned") this.skip();
        await expect(s.token.connect(s.holder).burn(s.holder.address, s.id, 1n)).to.revert(s.ethers);
        expect(await s.token.balanceOf(s.holder.address, s.id)).to.equal(s.balance);
      });
    });
  });
}
