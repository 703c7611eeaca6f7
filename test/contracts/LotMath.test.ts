import { expect } from "chai";
import { network } from "hardhat";

import {
  Basis,
  COPPER_LOT,
  COUNTRY,
  Commodity,
  Form,
  type CommodityName,
  type FormName,
  bytes32,
  copperRegistration,
  deployRegistryFixture,
} from "./helpers/fixtures.ts";

// The derived quantities are checked against figures worked out by hand in the market's own terms (tonnes,
// kilograms, troy ounces, mtu), not by re-running the contract's formula. Every division rounds down.

const { networkHelpers } = await network.create();
const load = () => networkHelpers.loadFixture(deployRegistryFixture);

interface MathCase {
  title: string;
  commodity: CommodityName;
  form: FormName;
  wetMassGrams: bigint;
  moistureBps: number;
  gradePpb: number;
  payableBps: number;
  /** In the commodity's base unit: mg of fine gold, otherwise kg of the element or oxide. */
  contained: bigint;
  payable: bigint;
}

const CASES: MathCase[] = [
  {
    // 10,000 t wet x (1 - 8%) = 9,200 t dry; x 26.5% Cu = 2,438 t = 2,438,000 kg; x 96.5% = 2,352,670 kg.
    title: "copper concentrate: 10,000 wmt, 8% moisture, 26.5% Cu, 96.5% payable",
    commodity: "Copper",
    form: "Concentrate",
    wetMassGrams: COPPER_LOT.wetMassGrams,
    moistureBps: COPPER_LOT.moistureBps,
    gradePpb: COPPER_LOT.gradePpb,
    payableBps: COPPER_LOT.payableBps,
    contained: 2_438_000n,
    payable: 2_352_670n,
  },
  {
    // 25 t of grade A cathode at 99.99% Cu = 24,997.5 kg, rounded down to 24,997 kg; fully payable.
    title: "copper cathode: 25 t, 99.99% Cu, rounded down to the kilogram",
    commodity: "Copper",
    form: "Cathode",
    wetMassGrams: 25_000_000n,
    moistureBps: 0,
    gradePpb: 999_900_000,
    payableBps: 10_000,
    contained: 24_997n,
    payable: 24_997n,
  },
  {
    // 25 kg dore x 91.25% Au = 22.8125 kg = 22,812,500 mg (about 733.4 fine troy oz);
    // x 99.5% payable = 22,698,437.5 mg, rounded down to 22,698,437 mg.
    title: "gold dore: 25 kg, no moisture, 91.25% Au, 99.5% payable",
    commodity: "Gold",
    form: "Dore",
    wetMassGrams: 25_000n,
    moistureBps: 0,
    gradePpb: 912_500_000,
    payableBps: 9950,
    contained: 22_812_500n,
    payable: 22_698_437n,
  },
  {
    // A Good Delivery bar of 12.5 kg at 999.5 fineness = 12,493.75 g = 12,493,750 mg of fine gold.
    title: "gold bar: 12.5 kg at 999.5 fine, fully payable",
    commodity: "Gold",
    form: "Bar",
    wetMassGrams: 12_500n,
    moistureBps: 0,
    gradePpb: 999_500_000,
    payableBps: 10_000,
    contained: 12_493_750n,
    payable: 12_493_750n,
  },
  {
    // 1 g at 99.99% = 999.9 mg, rounded down to 999 mg; x 99.5% = 994.005 mg, rounded down to 994 mg.
    title: "gold: 1 g at 99.99%, both quantities rounded down to the milligram",
    commodity: "Gold",
    form: "Bar",
    wetMassGrams: 1n,
    moistureBps: 0,
    gradePpb: 999_900_000,
    payableBps: 9950,
    contained: 999n,
    payable: 994n,
  },
  {
    // 20 wmt x (1 - 0.5%) = 19.9 t dry; x 65% WO3 = 12.935 t = 12,935 kg WO3 = 1,293.5 mtu.
    title: "tungsten concentrate: 20 wmt, 0.5% moisture, 65% WO3",
    commodity: "Tungsten",
    form: "Concentrate",
    wetMassGrams: 20_000_000n,
    moistureBps: 50,
    gradePpb: 650_000_000,
    payableBps: 10_000,
    contained: 12_935n,
    payable: 12_935n,
  },
  {
    // 10 t of APT at 88.5% WO3 = 8,850 kg WO3 = 885 mtu.
    title: "tungsten APT: 10 t, 88.5% WO3",
    commodity: "Tungsten",
    form: "Apt",
    wetMassGrams: 10_000_000n,
    moistureBps: 0,
    gradePpb: 885_000_000,
    payableBps: 10_000,
    contained: 8_850n,
    payable: 8_850n,
  },
  {
    // 24 t of regulus at 99.65% Sb = 23,916 kg Sb; x 98% payable = 23,437.68 kg, rounded down to 23,437 kg.
    title: "antimony regulus: 24 t, 99.65% Sb, 98% payable",
    commodity: "Antimony",
    form: "Regulus",
    wetMassGrams: 24_000_000n,
    moistureBps: 0,
    gradePpb: 996_500_000,
    payableBps: 9800,
    contained: 23_916n,
    payable: 23_437n,
  },
  {
    // 20 t of trioxide at 83.5% Sb = 16,700 kg contained Sb.
    title: "antimony trioxide: 20 t, 83.5% Sb",
    commodity: "Antimony",
    form: "Trioxide",
    wetMassGrams: 20_000_000n,
    moistureBps: 0,
    gradePpb: 835_000_000,
    payableBps: 10_000,
    contained: 16_700n,
    payable: 16_700n,
  },
  {
    // 500 wmt x (1 - 10%) = 450 t dry; x 60% TREO = 270 t = 270,000 kg TREO; x 90% payable = 243,000 kg.
    title: "rare earth concentrate: 500 wmt, 10% moisture, 60% TREO, 90% payable",
    commodity: "RareEarths",
    form: "Concentrate",
    wetMassGrams: 500_000_000n,
    moistureBps: 1000,
    gradePpb: 600_000_000,
    payableBps: 9000,
    contained: 270_000n,
    payable: 243_000n,
  },
  {
    // 5 t of NdPr oxide at 99% = 4,950 kg of oxide.
    title: "rare earth oxide: 5 t of NdPr oxide at 99%",
    commodity: "RareEarths",
    form: "Oxide",
    wetMassGrams: 5_000_000n,
    moistureBps: 0,
    gradePpb: 990_000_000,
    payableBps: 10_000,
    contained: 4_950n,
    payable: 4_950n,
  },
  {
    // 1,234,567 g x 92.23% dry x 23.4567891% Cu = 267.0887 kg, rounded down to 267 kg;
    // 267 kg x 96.5% = 257.655 kg, rounded down to 257 kg.
    title: "copper concentrate with awkward figures: both quantities rounded down to the kilogram",
    commodity: "Copper",
    form: "Concentrate",
    wetMassGrams: 1_234_567n,
    moistureBps: 777,
    gradePpb: 234_567_891,
    payableBps: 9650,
    contained: 267n,
    payable: 257n,
  },
  {
    // The largest lot accepted: 1e15 g (a billion tonnes) of pure gold, 1e18 mg, with no overflow.
    title: "gold at the largest accepted wet mass: 1e15 g, pure, without overflow",
    commodity: "Gold",
    form: "Bar",
    wetMassGrams: 10n ** 15n,
    moistureBps: 0,
    gradePpb: 1_000_000_000,
    payableBps: 10_000,
    contained: 10n ** 18n,
    payable: 10n ** 18n,
  },
];

const OXIDE_BASED: readonly CommodityName[] = ["Tungsten", "RareEarths"];

describe("Derived lot quantities", function () {
  for (const c of CASES) {
    it(`registerLot derives the quantities of ${c.title}`, async function () {
      const f = await load();
      const registration = copperRegistration(f.actors.custodian.address, {
        commodity: Commodity[c.commodity],
        form: Form[c.form],
        basis: OXIDE_BASED.includes(c.commodity) ? Basis.Oxide : Basis.Element,
        countryCode: COUNTRY.Rwanda,
        wetMassGrams: c.wetMassGrams,
        moistureBps: c.moistureBps,
        gradePpb: c.gradePpb,
        payableBps: c.payableBps,
      });
      await f.registry.connect(f.actors.issuer).registerLot(registration);
      const lotId = await f.registry.lotCount();
      const lot = await f.registry.getLot(lotId);
      expect(lot.containedQuantity).to.equal(c.contained);
      expect(lot.payableQuantity).to.equal(c.payable);
    });

    it(`recordAssay derives the quantities of ${c.title}`, async function () {
      const f = await load();
      // Declared at 50% grade and 50% payable; the assay then sets the real figures.
      const registration = copperRegistration(f.actors.custodian.address, {
        commodity: Commodity[c.commodity],
        form: Form[c.form],
        basis: OXIDE_BASED.includes(c.commodity) ? Basis.Oxide : Basis.Element,
        wetMassGrams: c.wetMassGrams,
        moistureBps: 0,
        gradePpb: 500_000_000,
        payableBps: 5_000,
      });
      await f.registry.connect(f.actors.issuer).registerLot(registration);
      const lotId = await f.registry.lotCount();
      await expect(f.registry.connect(f.actors.assayer).recordAssay(lotId, c.moistureBps, c.gradePpb, c.payableBps))
        .to.emit(f.registry, "LotAssayed")
        .withArgs(lotId, f.actors.assayer.address, c.moistureBps, c.gradePpb, c.payableBps, c.contained, c.payable);
      const lot = await f.registry.getLot(lotId);
      expect(lot.containedQuantity).to.equal(c.contained);
      expect(lot.payableQuantity).to.equal(c.payable);
    });
  }

  it("the custodian can attest, and the issuer mint, exactly the payable quantity of the gold dore lot", async function () {
    const f = await load();
    const dore = CASES.find((c) => c.commodity === "Gold" && c.form === "Dore")!;
    await f.registry.connect(f.actors.issuer).registerLot(
      copperRegistration(f.actors.custodian.address, {
        commodity: Commodity.Gold,
        form: Form.Dore,
        wetMassGrams: dore.wetMassGrams,
        moistureBps: dore.moistureBps,
        gradePpb: dore.gradePpb,
        payableBps: dore.payableBps,
      }),
    );
    const lotId = await f.registry.lotCount();
    await f.registry.connect(f.actors.assayer).recordAssay(lotId, dore.moistureBps, dore.gradePpb, dore.payableBps);
    await f.registry.connect(f.actors.custodian).attestCustody(lotId, dore.payable, bytes32("Kigali vault"));
    await f.token.connect(f.actors.issuer).mint(f.holder.address, lotId, dore.payable, "0x");
    expect(await f.token.balanceOf(f.holder.address, lotId)).to.equal(22_698_437n);
    expect(await f.registry.mintableQuantity(lotId)).to.equal(0n);
  });
});
