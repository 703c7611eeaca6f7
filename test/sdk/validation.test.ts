/**
 * Every action checks its arguments before anything is sent: a malformed argument throws an
 * `InvalidArgumentError` that names it, and the chain is left exactly as it was (no block mined, no nonce used).
 */
import { expect } from "chai";
import { createWalletClient, custom, zeroAddress, type Address } from "viem";
import { hardhat } from "viem/chains";

import {
  Commodity,
  Quantity,
  deployPlatform,
  mineralsActions,
  type Commodity as CommodityId,
  type DocTypeName,
  type FormName,
  type RoleName,
} from "../../src/index.ts";
import {
  chainState,
  copperLot,
  daysAgo,
  deployPlatformFixture,
  expectChainUnchanged,
  expectInvalidArgument,
  walletClient,
  warehousedCopperLot,
  type Platform,
} from "./helpers/platform.ts";

/** Passes a value the types forbid, as an untyped (JavaScript or CLI) caller could. */
const unsafe = <T>(value: unknown): T => value as T;

/** 31 characters but 33 bytes of UTF-8: one byte too long for a `bytes32` text. */
const LOCATION_33_BYTES = "Depósito aduanero Matarani Nº 3";
/** 33 ASCII characters. */
const TEXT_33_CHARS = "Callao bonded warehouse number 3A";
const SHA256 = `0x${"ab".repeat(32)}` as const;

interface Fixture {
  platform: Platform;
  /** A warehoused copper lot of which investor A holds 1,000 t. */
  copper: bigint;
  /** A registered gold lot. */
  gold: bigint;
}

/** One malformed call and the argument it must be refused for. */
interface Refusal {
  title: string;
  argument: string;
  call: (f: Fixture) => Promise<unknown>;
}

describe("argument validation before sending", function () {
  const fixture = {} as Fixture;

  before(async function () {
    const platform = await deployPlatformFixture();
    const copper = await warehousedCopperLot(platform);
    await platform.as.issuer.mintUnits({ lotId: copper, to: platform.address.investorA, amount: Quantity.parse(Commodity.Copper, "1,000 t") });
    const { lotId: gold } = await platform.as.issuer.registerLot(
      copperLot(platform, { commodity: Commodity.Gold, form: "dore", wetMassGrams: 125_000n, moistureBps: 0, gradePpb: 885_000_000n }),
    );
    Object.assign(fixture, { platform, copper, gold });
  });

  /** Shared behaviour: each refusal throws `InvalidArgumentError` naming its argument and sends nothing. */
  function shouldRefuseBeforeSending(action: string, refusals: readonly Refusal[]): void {
    describe(action, function () {
      for (const refusal of refusals) {
        it(`refuses ${refusal.title}, naming ${refusal.argument}, and sends nothing`, async function () {
          const before = await chainState(fixture.platform);
          await expectInvalidArgument(refusal.call(fixture), refusal.argument);
          await expectChainUnchanged(fixture.platform, before);
        });
      }
    });
  }

  /** The same refusal for every malformed lot id. */
  const badLotIds = (call: (f: Fixture, lotId: bigint | number | string) => Promise<unknown>, argument = "lotId"): Refusal[] =>
    [0, -1, "abc", "-1", "1.5", 1.5, 2n ** 128n, ""].map((lotId) => ({
      title: `lot id ${typeof lotId === "string" ? JSON.stringify(lotId) : String(lotId)}`,
      argument,
      call: (f) => call(f, lotId),
    }));

  const register = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.issuer.registerLot({ ...copperLot(f.platform), ...(overrides as object) });

  shouldRefuseBeforeSending("registerLot", [
    { title: "an unknown commodity 7", argument: "commodity", call: (f) => register(f, { commodity: 7 }) },
    { title: "a negative commodity", argument: "commodity", call: (f) => register(f, { commodity: -1 }) },
    { title: "an unknown form", argument: "form", call: (f) => register(f, { form: unsafe<FormName>("ingot") }) },
    { title: "country code 0", argument: "countryCode", call: (f) => register(f, { countryCode: 0 }) },
    { title: "country code 1000", argument: "countryCode", call: (f) => register(f, { countryCode: 1000 }) },
    { title: "a fractional country code", argument: "countryCode", call: (f) => register(f, { countryCode: 604.5 }) },
    { title: "100% moisture", argument: "moistureBps", call: (f) => register(f, { moistureBps: 10_000 }) },
    { title: "negative moisture", argument: "moistureBps", call: (f) => register(f, { moistureBps: -1 }) },
    { title: "a zero grade", argument: "gradePpb", call: (f) => register(f, { gradePpb: 0n }) },
    { title: "a grade above 100%", argument: "gradePpb", call: (f) => register(f, { gradePpb: 1_000_000_001n }) },
    { title: "a grade given as a number", argument: "gradePpb", call: (f) => register(f, { gradePpb: 265_000_000 }) },
    { title: "a zero payable share", argument: "payableBps", call: (f) => register(f, { payableBps: 0 }) },
    { title: "a payable share above 100%", argument: "payableBps", call: (f) => register(f, { payableBps: 10_001 }) },
    { title: "a zero wet mass", argument: "wetMassGrams", call: (f) => register(f, { wetMassGrams: 0n }) },
    { title: "a negative wet mass", argument: "wetMassGrams", call: (f) => register(f, { wetMassGrams: -1n }) },
    { title: "a wet mass above 10^15 g", argument: "wetMassGrams", call: (f) => register(f, { wetMassGrams: 10n ** 15n + 1n }) },
    // 1 kg of 26.5% concentrate holds 0.2438 kg Cu: less than one base unit is payable.
    { title: "figures with nothing payable", argument: "wetMassGrams", call: (f) => register(f, { wetMassGrams: 1_000n }) },
    { title: "an empty origin", argument: "originId", call: (f) => register(f, { originId: "" }) },
    { title: "a blank origin", argument: "originId", call: (f) => register(f, { originId: "   " }) },
    { title: "an origin of 33 bytes", argument: "originId", call: (f) => register(f, { originId: TEXT_33_CHARS }) },
    { title: "an empty external reference", argument: "externalRef", call: (f) => register(f, { externalRef: " " }) },
    { title: "a custodian that is not an address", argument: "custodian", call: (f) => register(f, { custodian: "0x1234" }) },
    { title: "the zero address as custodian", argument: "custodian", call: (f) => register(f, { custodian: zeroAddress }) },
    { title: "a location of 33 ASCII characters", argument: "location", call: (f) => register(f, { location: TEXT_33_CHARS }) },
    { title: "a location of 31 characters but 33 bytes", argument: "location", call: (f) => register(f, { location: LOCATION_33_BYTES }) },
    { title: "an empty location", argument: "location", call: (f) => register(f, { location: "" }) },
  ]);

  shouldRefuseBeforeSending("recordAssay", [
    ...badLotIds((f, lotId) => f.platform.as.assayer.recordAssay({ lotId, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 })),
    {
      title: "100% moisture",
      argument: "moistureBps",
      call: (f) => f.platform.as.assayer.recordAssay({ lotId: f.gold, moistureBps: 10_000, gradePpb: 1n, payableBps: 1 }),
    },
    {
      title: "a payable share of 0",
      argument: "payableBps",
      call: (f) => f.platform.as.assayer.recordAssay({ lotId: f.gold, moistureBps: 0, gradePpb: 1n, payableBps: 0 }),
    },
    {
      title: "a grade above 100%",
      argument: "gradePpb",
      call: (f) => f.platform.as.assayer.recordAssay({ lotId: f.gold, moistureBps: 0, gradePpb: 10n ** 9n + 1n, payableBps: 9990 }),
    },
  ]);

  const attest = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.custodian.attestCustody({ lotId: f.copper, quantity: 1_000_000n, location: "Callao bonded warehouse 3", ...overrides });

  shouldRefuseBeforeSending("attestCustody", [
    ...badLotIds((f, lotId) => attest(f, { lotId })),
    { title: "a quantity of gold for a copper lot", argument: "quantity", call: (f) => attest(f, { quantity: Quantity.parse(Commodity.Gold, "100 g") }) },
    { title: "a zero quantity", argument: "quantity", call: (f) => attest(f, { quantity: 0n }) },
    { title: "a negative quantity", argument: "quantity", call: (f) => attest(f, { quantity: -1n }) },
    { title: "a location of 33 bytes", argument: "location", call: (f) => attest(f, { location: LOCATION_33_BYTES }) },
    { title: "an empty location", argument: "location", call: (f) => attest(f, { location: "" }) },
  ]);

  const dispatch = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.custodian.dispatchLot({ lotId: f.copper, toCustodian: f.platform.address.otherCustodian, destination: "Port of Matarani", ...overrides });

  shouldRefuseBeforeSending("dispatchLot", [
    ...badLotIds((f, lotId) => dispatch(f, { lotId })),
    { title: "a receiving custodian that is not an address", argument: "toCustodian", call: (f) => dispatch(f, { toCustodian: "0xabc" }) },
    { title: "the zero address as receiving custodian", argument: "toCustodian", call: (f) => dispatch(f, { toCustodian: zeroAddress }) },
    { title: "an empty destination", argument: "destination", call: (f) => dispatch(f, { destination: "" }) },
    { title: "a destination of 33 bytes", argument: "destination", call: (f) => dispatch(f, { destination: TEXT_33_CHARS }) },
  ]);

  const arrive = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.otherCustodian.confirmArrival({ lotId: f.copper, location: "Matarani warehouse 2", quantity: 1_000n, ...overrides });

  shouldRefuseBeforeSending("confirmArrival", [
    ...badLotIds((f, lotId) => arrive(f, { lotId })),
    { title: "a location of 33 bytes", argument: "location", call: (f) => arrive(f, { location: LOCATION_33_BYTES }) },
    { title: "no attested quantity", argument: "quantity", call: (f) => arrive(f, { quantity: undefined }) },
    { title: "an attested quantity of zero", argument: "quantity", call: (f) => arrive(f, { quantity: 0n }) },
    { title: "a negative attested quantity", argument: "quantity", call: (f) => arrive(f, { quantity: -1n }) },
    {
      title: "an attested quantity of another commodity",
      argument: "quantity",
      call: (f) => arrive(f, { quantity: Quantity.parse(Commodity.Gold, "10 g") }),
    },
  ]);

  const redirect = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.issuer.redirectLot({
      lotId: f.copper,
      toCustodian: f.platform.address.otherCustodian,
      destination: "Port of Ilo",
      reason: "strike at Matarani",
      ...overrides,
    });

  shouldRefuseBeforeSending("recallLot", [
    ...badLotIds((f, lotId) => f.platform.as.issuer.recallLot({ lotId, reason: "receiver lost its key" })),
    { title: "an empty reason", argument: "reason", call: (f) => f.platform.as.issuer.recallLot({ lotId: f.copper, reason: " " }) },
    { title: "a reason of 33 bytes", argument: "reason", call: (f) => f.platform.as.issuer.recallLot({ lotId: f.copper, reason: TEXT_33_CHARS }) },
  ]);

  shouldRefuseBeforeSending("redirectLot", [
    ...badLotIds((f, lotId) => redirect(f, { lotId })),
    { title: "a receiving custodian that is not an address", argument: "toCustodian", call: (f) => redirect(f, { toCustodian: "0xabc" }) },
    { title: "the zero address as receiving custodian", argument: "toCustodian", call: (f) => redirect(f, { toCustodian: zeroAddress }) },
    { title: "an empty destination", argument: "destination", call: (f) => redirect(f, { destination: "" }) },
    { title: "an empty reason", argument: "reason", call: (f) => redirect(f, { reason: "" }) },
    { title: "a reason of 33 bytes", argument: "reason", call: (f) => redirect(f, { reason: TEXT_33_CHARS }) },
  ]);

  shouldRefuseBeforeSending("withdrawLot", [
    ...badLotIds((f, lotId) => f.platform.as.issuer.withdrawLot({ lotId, reason: "assayer licence revoked" })),
    { title: "an empty reason", argument: "reason", call: (f) => f.platform.as.issuer.withdrawLot({ lotId: f.copper, reason: "" }) },
    { title: "a reason of 33 bytes", argument: "reason", call: (f) => f.platform.as.issuer.withdrawLot({ lotId: f.copper, reason: TEXT_33_CHARS }) },
  ]);

  shouldRefuseBeforeSending("startSettlement", [
    ...badLotIds((f, lotId) => f.platform.as.issuer.startSettlement({ lotId, saleRef: "OFFTAKE-2026-117", treasury: f.platform.address.issuer })),
    { title: "an empty sale reference", argument: "saleRef", call: (f) => f.platform.as.issuer.startSettlement({ lotId: f.copper, saleRef: "", treasury: f.platform.address.issuer }) },
    {
      title: "a sale reference of 33 bytes",
      argument: "saleRef",
      call: (f) => f.platform.as.issuer.startSettlement({ lotId: f.copper, saleRef: TEXT_33_CHARS, treasury: f.platform.address.issuer }),
    },
  ]);

  shouldRefuseBeforeSending("retireLot", badLotIds((f, lotId) => f.platform.as.issuer.retireLot({ lotId })));

  const addDocument = async (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.custodian.addDocument({
      lotId: f.copper,
      docType: "warehouse-receipt",
      sha256: SHA256,
      uri: "ipfs://receipts/WR-1.pdf",
      issuedAt: await daysAgo(f.platform, 1),
      ...overrides,
    });

  shouldRefuseBeforeSending("addDocument", [
    ...badLotIds((f, lotId) => addDocument(f, { lotId })),
    { title: "an unknown document type", argument: "docType", call: (f) => addDocument(f, { docType: unsafe<DocTypeName>("invoice") }) },
    { title: "a hash of 2 bytes", argument: "sha256", call: (f) => addDocument(f, { sha256: "0x1234" }) },
    { title: "a hash without 0x", argument: "sha256", call: (f) => addDocument(f, { sha256: "ab".repeat(32) }) },
    { title: "a hash that is not hex", argument: "sha256", call: (f) => addDocument(f, { sha256: `0x${"gg".repeat(32)}` }) },
    { title: "a hash of 33 bytes", argument: "sha256", call: (f) => addDocument(f, { sha256: `0x${"ab".repeat(33)}` }) },
    { title: "the zero hash", argument: "sha256", call: (f) => addDocument(f, { sha256: `0x${"00".repeat(32)}` }) },
    { title: "a URI of 513 bytes", argument: "uri", call: (f) => addDocument(f, { uri: `ipfs://${"a".repeat(506)}` }) },
    { title: "an invalid date", argument: "issuedAt", call: (f) => addDocument(f, { issuedAt: new Date("not a date") }) },
    { title: "a date given as text", argument: "issuedAt", call: (f) => addDocument(f, { issuedAt: "2026-03-14" }) },
    { title: "the epoch", argument: "issuedAt", call: (f) => addDocument(f, { issuedAt: new Date(0) }) },
  ]);

  const mint = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.issuer.mintUnits({ lotId: f.copper, to: f.platform.address.investorA, amount: 1_000n, ...overrides });

  shouldRefuseBeforeSending("mintUnits", [
    ...badLotIds((f, lotId) => mint(f, { lotId })),
    { title: "a receiver that is not an address", argument: "to", call: (f) => mint(f, { to: "0x12" }) },
    { title: "the zero address as receiver", argument: "to", call: (f) => mint(f, { to: zeroAddress }) },
    { title: "a zero amount", argument: "amount", call: (f) => mint(f, { amount: 0n }) },
    { title: "a negative amount", argument: "amount", call: (f) => mint(f, { amount: -5n }) },
    { title: "a fractional amount", argument: "amount", call: (f) => mint(f, { amount: 1.5 }) },
    { title: "an amount above 2^128 - 1", argument: "amount", call: (f) => mint(f, { amount: 2n ** 128n }) },
    { title: "a zero quantity", argument: "amount", call: (f) => mint(f, { amount: Quantity.zero(Commodity.Copper) }) },
    {
      title: "a quantity of gold for a copper lot",
      argument: "amount",
      call: (f) => mint(f, { amount: Quantity.parse(Commodity.Gold, "1 kg") }),
    },
  ]);

  const transfer = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.investorA.transferUnits({ lotId: f.copper, to: f.platform.address.investorB, amount: 1n, ...overrides });

  shouldRefuseBeforeSending("transferUnits", [
    ...badLotIds((f, lotId) => transfer(f, { lotId })),
    { title: "the zero address as receiver", argument: "to", call: (f) => transfer(f, { to: zeroAddress }) },
    { title: "a receiver of 19 bytes", argument: "to", call: (f) => transfer(f, { to: `0x${"12".repeat(19)}` }) },
    { title: "a sender that is not an address", argument: "from", call: (f) => transfer(f, { from: "0xnope" }) },
    { title: "a negative amount", argument: "amount", call: (f) => transfer(f, { amount: -1n }) },
    { title: "an amount given as text with a unit", argument: "amount", call: (f) => transfer(f, { amount: "10 t" }) },
    {
      title: "a quantity of antimony for a copper lot",
      argument: "amount",
      call: (f) => transfer(f, { amount: Quantity.parse(Commodity.Antimony, "1 t") }),
    },
  ]);

  const batch = (f: Fixture, overrides: Record<string, unknown>) =>
    f.platform.as.investorA.batchTransferUnits({
      to: f.platform.address.investorB,
      items: [
        { lotId: f.copper, amount: 1n },
        { lotId: f.gold, amount: 1n },
      ],
      ...overrides,
    });

  shouldRefuseBeforeSending("batchTransferUnits", [
    { title: "a receiver that is not an address", argument: "to", call: (f) => batch(f, { to: "investor B" }) },
    { title: "no items", argument: "items", call: (f) => batch(f, { items: [] }) },
    { title: "items that are not a list", argument: "items", call: (f) => batch(f, { items: { lotId: 1n, amount: 1n } }) },
    {
      title: "a malformed lot id in the second item",
      argument: "items[1].lotId",
      call: (f) => batch(f, { items: [{ lotId: f.copper, amount: 1n }, { lotId: "abc", amount: 1n }] }),
    },
    {
      title: "the same lot twice",
      argument: "items[1].lotId",
      call: (f) => batch(f, { items: [{ lotId: f.copper, amount: 1n }, { lotId: f.copper.toString(), amount: 2n }] }),
    },
    {
      title: "a zero amount in the first item",
      argument: "items[0].amount",
      call: (f) => batch(f, { items: [{ lotId: f.copper, amount: 0n }, { lotId: f.gold, amount: 1n }] }),
    },
    {
      title: "a quantity of copper for the gold lot",
      argument: "items[1].amount",
      call: (f) => batch(f, { items: [{ lotId: f.copper, amount: 1n }, { lotId: f.gold, amount: Quantity.parse(Commodity.Copper, "1 t") }] }),
    },
  ]);

  shouldRefuseBeforeSending("the read actions", [
    ...badLotIds((f, lotId) => f.platform.as.outsider.getLot({ lotId })),
    { title: "a holder id of 0", argument: "lotId", call: (f) => f.platform.as.outsider.getHolders({ lotId: 0 }) },
    { title: "a history of lot -1", argument: "lotId", call: (f) => f.platform.as.outsider.getLotHistory({ lotId: -1 }) },
    { title: "documents of lot \"x\"", argument: "lotId", call: (f) => f.platform.as.outsider.getDocuments({ lotId: "x" }) },
    { title: "documents from a negative offset", argument: "offset", call: (f) => f.platform.as.outsider.getDocuments({ lotId: f.copper, offset: -1 }) },
    { title: "documents with a fractional limit", argument: "limit", call: (f) => f.platform.as.outsider.getDocuments({ lotId: f.copper, limit: 1.5 }) },
    { title: "a report of lot 0", argument: "lotId", call: (f) => f.platform.as.outsider.getLotReport({ lotId: 0n }) },
    { title: "balances of a malformed owner", argument: "owner", call: (f) => f.platform.as.outsider.getBalances({ owner: "0x0" }) },
    { title: "balances of the zero address", argument: "owner", call: (f) => f.platform.as.outsider.getBalances({ owner: zeroAddress }) },
  ]);

  shouldRefuseBeforeSending("grantRole and hasRole", [
    {
      title: "granting the admin role",
      argument: "role",
      call: (f) => f.platform.as.admin.grantRole({ role: unsafe<Exclude<RoleName, "admin">>("admin"), account: f.platform.address.investorA }),
    },
    {
      title: "an unknown role",
      argument: "role",
      call: (f) => f.platform.as.admin.grantRole({ role: unsafe<Exclude<RoleName, "admin">>("superuser"), account: f.platform.address.investorA }),
    },
    {
      title: "an account that is not an address",
      argument: "account",
      call: (f) => f.platform.as.admin.grantRole({ role: "issuer", account: unsafe<Address>("0x1") }),
    },
    {
      title: "an unknown role when reading",
      argument: "role",
      call: (f) => f.platform.as.outsider.hasRole({ role: unsafe<Exclude<RoleName, "admin">>("auditor"), account: f.platform.address.investorA }),
    },
  ]);

  shouldRefuseBeforeSending("deployPlatform", [
    {
      title: "an admin that is not an address",
      argument: "admin",
      call: (f) => deployPlatform(walletClient(f.platform.provider, f.platform.address.admin), { admin: unsafe<Address>("0x12") }),
    },
    {
      title: "a negative admin transfer delay",
      argument: "adminTransferDelay",
      call: (f) => deployPlatform(walletClient(f.platform.provider, f.platform.address.admin), { adminTransferDelay: -1 }),
    },
    {
      title: "an unknown role",
      argument: "roles",
      call: (f) =>
        deployPlatform(walletClient(f.platform.provider, f.platform.address.admin), {
          roles: unsafe<Record<string, Address[]>>({ auditor: [f.platform.address.investorA] }),
        }),
    },
    {
      title: "a malformed role holder",
      argument: "roles.custodian[1]",
      call: (f) =>
        deployPlatform(walletClient(f.platform.provider, f.platform.address.admin), {
          roles: { custodian: [f.platform.address.custodian, unsafe<Address>("warehouse")] },
        }),
    },
    {
      title: "roles when another account will be the admin",
      argument: "roles",
      call: (f) =>
        deployPlatform(walletClient(f.platform.provider, f.platform.address.admin), {
          admin: f.platform.address.outsider,
          roles: { issuer: [f.platform.address.issuer] },
        }),
    },
  ]);

  describe("a client without an account", function () {
    it("is refused by every write action, naming the client, and sends nothing", async function () {
      const { platform, copper } = fixture;
      const readOnly = createWalletClient({ chain: hardhat, transport: custom(platform.provider) }).extend(mineralsActions(platform.deployment));
      const before = await chainState(platform);
      await expectInvalidArgument(readOnly.registerLot(copperLot(platform)), "client");
      await expectInvalidArgument(readOnly.mintUnits({ lotId: copper, to: platform.address.investorA, amount: 1n }), "client");
      await expectInvalidArgument(readOnly.transferUnits({ lotId: copper, to: platform.address.investorA, amount: 1n }), "client");
      await expectInvalidArgument(deployPlatform(readOnly), "client");
      await expectChainUnchanged(platform, before);
      // Reads need no account.
      expect((await readOnly.getLot({ lotId: copper })).state).to.equal("warehoused");
    });
  });

  describe("error messages", function () {
    it("say what was expected and what was received", async function () {
      const error = await expectInvalidArgument(
        fixture.platform.as.issuer.mintUnits({ lotId: "abc", to: fixture.platform.address.investorA, amount: 1n }),
        "lotId",
      );
      expect(error.shortMessage).to.equal('Invalid lotId: expected a positive integer lot id, got "abc"');
      expect(error.name).to.equal("InvalidArgumentError");
    });

    it("name the commodity a quantity should have been of", async function () {
      const error = await expectInvalidArgument(
        fixture.platform.as.issuer.mintUnits({ lotId: fixture.copper, to: fixture.platform.address.investorA, amount: Quantity.parse(Commodity.Gold, "1 kg") }),
        "amount",
      );
      // 1,000,000 mg / 31,103.4768 mg per troy ounce = 32.150747 ozt
      expect(error.shortMessage).to.equal('Invalid amount: expected a quantity of copper, got "32.151 ozt fine Au"');
    });
  });

  // Untyped callers (JavaScript, a CLI passing parsed text) can send values the TypeScript types exclude. These
  // must be refused with an InvalidArgumentError like any other malformed argument.
  shouldRefuseBeforeSending("registerLot with a commodity that is not a Commodity number", [
    { title: 'the commodity as the text "1"', argument: "commodity", call: (f) => register(f, { commodity: unsafe<CommodityId>("1") }) },
    { title: 'the commodity "toString"', argument: "commodity", call: (f) => register(f, { commodity: unsafe<CommodityId>("toString") }) },
  ]);

  shouldRefuseBeforeSending("batchTransferUnits with an item that is not an object", [
    { title: "a null item", argument: "items[0].lotId", call: (f) => batch(f, { items: [null] }) },
  ]);

  // `data` goes to the receiver's onERC1155Received; it must be whole bytes of hex. "0x123" is half a byte short.
  shouldRefuseBeforeSending("the data passed to ERC-1155 receivers", [
    { title: "mint data that is not hex", argument: "data", call: (f) => mint(f, { data: "not hex" }) },
    { title: "mint data of an odd number of hex digits", argument: "data", call: (f) => mint(f, { data: "0x123" }) },
    { title: "transfer data of an odd number of hex digits", argument: "data", call: (f) => transfer(f, { data: "0x123" }) },
    { title: "batch transfer data that is not hex", argument: "data", call: (f) => batch(f, { data: "0xzz" }) },
  ]);

  shouldRefuseBeforeSending("hasRole and grantRole with a role named like an Object property", [
    {
      title: 'the role "constructor" when reading',
      argument: "role",
      call: (f) => f.platform.as.outsider.hasRole({ role: unsafe<Exclude<RoleName, "admin">>("constructor"), account: f.platform.address.investorA }),
    },
    {
      title: 'the role "toString" when granting',
      argument: "role",
      call: (f) => f.platform.as.admin.grantRole({ role: unsafe<Exclude<RoleName, "admin">>("toString"), account: f.platform.address.investorA }),
    },
    {
      title: 'the role "constructor" when deploying (before deploying anything)',
      argument: "roles",
      call: (f) =>
        deployPlatform(walletClient(f.platform.provider, f.platform.address.admin), {
          roles: unsafe<Record<string, Address[]>>({ constructor: [f.platform.address.investorA] }),
        }),
    },
  ]);
});
