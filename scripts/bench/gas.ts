/**
 * `npm run bench:gas`: the gas of a compliant transfer of lot units (ERC-7943 checks, investor registry, per-lot
 * rules) beside a plain OpenZeppelin ERC-1155 transfer, measured in the same run on Hardhat's in-process chain, then
 * every contract's runtime size and its headroom under the EIP-170 limit. Prints tables; asserts nothing.
 */
import { network } from "hardhat";
import { createWalletClient, custom, publicActions, type Address, type EIP1193Provider, type Hash } from "viem";
import { hardhat } from "viem/chains";
import { deployContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { mineralsActions } from "../../src/client.ts";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import { Commodity, Money } from "../../src/units/index.ts";
import { testStablecoinAbi } from "../../src/abis.ts";

const connection = await network.create();
const transport = custom(connection.provider as unknown as EIP1193Provider);
const accounts = (await connection.provider.request({ method: "eth_accounts" })) as Address[];
const [issuer, assayer, custodian, holderA, holderB, officer] = accounts as [Address, Address, Address, Address, Address, Address];
const client = (account: Address) => createWalletClient({ chain: hardhat, transport, account }).extend(publicActions);

const gasOf = async (c: ReturnType<typeof client>, hash: Hash) => (await waitForTransactionReceipt(c, { hash })).gasUsed;

// Baseline: plain OpenZeppelin ERC-1155.
const plainArtifact = JSON.parse(await readFile("artifacts/contracts/mocks/PlainERC1155.sol/PlainERC1155.json", "utf8"));
const c0 = client(issuer);
const plainHash = await deployContract(c0, { abi: plainArtifact.abi, bytecode: plainArtifact.bytecode, account: issuer, chain: hardhat });
const plain = (await waitForTransactionReceipt(c0, { hash: plainHash })).contractAddress!;
await gasOf(c0, await writeContract(c0, { address: plain, abi: plainArtifact.abi, functionName: "mint", args: [issuer, 1n, 1_000_000n], chain: hardhat, account: issuer }));
const plainTransfer = (to: Address) =>
  writeContract(c0, { address: plain, abi: plainArtifact.abi, functionName: "safeTransferFrom", args: [issuer, to, 1n, 100n, "0x"], chain: hardhat, account: issuer });
const plainNew = await gasOf(c0, await plainTransfer(holderA));
const plainExisting = await gasOf(c0, await plainTransfer(holderA));

// The lot token.
const deployment = await deployPlatform(c0, { roles: { issuer: [issuer], assayer: [assayer], custodian: [custodian], compliance: [officer] } });
const sdk = (a: Address) => client(a).extend(mineralsActions(deployment));
// Both parties are verified investors, and the lot carries every kind of rule, so each check runs.
const kycExpiry = new Date(Date.now() + 365 * 24 * 3600 * 1000);
await sdk(officer).registerInvestor({ wallet: issuer, country: 604, investorClass: "institutional", kycExpiry });
await sdk(officer).registerInvestor({ wallet: holderB, country: 840, investorClass: "accredited", kycExpiry });
const { lotId, payable } = await sdk(issuer).registerLot({
  commodity: Commodity.Copper, form: "concentrate", countryCode: 604, originId: "BENCH", externalRef: "BENCH-1",
  wetMassGrams: 10_000_000_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650, custodian, location: "bench",
});
await sdk(assayer).recordAssay({ lotId, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650 });
await sdk(custodian).attestCustody({ lotId, quantity: payable, location: "bench" });
await sdk(officer).setAllowedCountries({ lotId, countries: [604, 840], allowed: true });
await sdk(officer).setLotRules({ lotId, minClass: "accredited", restrictCountries: true, maxHolders: 100, minHolding: 1n });
const mint = await sdk(issuer).mintUnits({ lotId, to: issuer, amount: 1_000_000n });
const lotNew = (await sdk(issuer).transferUnits({ lotId, to: holderB, amount: 100n })).receipt.gasUsed;
const lotExisting = (await sdk(issuer).transferUnits({ lotId, to: holderB, amount: 100n })).receipt.gasUsed;

// Delivery versus payment: the issuer sells to holderA through the trades contract (the buyer approved the
// stablecoin beforehand, so each take is one transaction: payment leg + compliant units leg).
await sdk(officer).registerInvestor({ wallet: holderA, country: 604, investorClass: "institutional", kycExpiry });
await sdk(issuer).mintTestStablecoin({ to: holderA, amount: Money.parseUsd("1,000,000 USD") });
await gasOf(client(holderA), await writeContract(client(holderA), {
  address: deployment.contracts.TestStablecoin!, abi: testStablecoinAbi, functionName: "approve",
  args: [deployment.contracts.LotTrades!, 2n ** 255n], chain: hardhat, account: holderA,
}));
const dvp = async () => {
  const now = Number((await c0.getBlock()).timestamp);
  const offer = await sdk(issuer).offerUnits({ lotId, amount: 100n, price: Money.parseUsd("900 USD"), expiry: new Date((now + 86_400) * 1000) });
  return { offer: offer.receipt.gasUsed, take: (await sdk(holderA).takeOffer({ offerId: offer.offerId })).receipt.gasUsed };
};
const dvpNew = await dvp();
const dvpExisting = await dvp();

// Physical delivery: holderB sends units to the delivery escrow (one transaction, no approval); the lot's custodian
// confirms one request (the units are burned) and rejects another (they go back to holderB).
await sdk(issuer).setMinimumDelivery({ lotId, minimum: 10n });
const deliveryRequest = await sdk(holderB).requestDelivery({ lotId, amount: 50n, instructionsRef: "BENCH-DLV-1" });
const deliveryRequest2 = await sdk(holderB).requestDelivery({ lotId, amount: 50n, instructionsRef: "BENCH-DLV-2" });
const deliveryConfirm = await sdk(custodian).confirmDelivery({ requestId: deliveryRequest.requestId, deliveryRef: "BENCH-RELEASE" });
const deliveryReject = await sdk(custodian).rejectDelivery({ requestId: deliveryRequest2.requestId, reason: "bench" });

const rows: [string, bigint, bigint][] = [
  ["transfer to a new holder", plainNew, lotNew],
  ["transfer to an existing holder", plainExisting, lotExisting],
];
console.log("gas used                         plain OZ ERC-1155    compliant lot token    ratio (target <= 1.50x)");
for (const [name, base, ours] of rows) {
  console.log(`${name.padEnd(32)} ${base.toString().padStart(16)} ${ours.toString().padStart(22)}    ${(Number(ours) / Number(base)).toFixed(2)}x`);
}
console.log(`mint (first units of a lot)     ${"-".padStart(16)} ${mint.receipt.gasUsed.toString().padStart(22)}`);
console.log("(lot rules active: allowed countries, minimum class, holder limit, minimum holding; both parties verified investors)");
console.log("");
console.log("delivery versus payment (LotTrades)     offer    take (payment + units, one transaction)");
console.log(`DvP trade to a new holder        ${dvpNew.offer.toString().padStart(12)} ${dvpNew.take.toString().padStart(8)}`);
console.log(`DvP trade to an existing holder  ${dvpExisting.offer.toString().padStart(12)} ${dvpExisting.take.toString().padStart(8)}`);
console.log("(the first offer also sets the offer counter from zero; the seller's operator approval of the trades contract is a separate, one-time transaction)");
console.log("");
console.log("physical delivery (DeliveryEscrow)      gas");
console.log(`delivery request (units to escrow) ${deliveryRequest.receipt.gasUsed.toString().padStart(10)}`);
console.log(`delivery request (second)          ${deliveryRequest2.receipt.gasUsed.toString().padStart(10)}`);
console.log(`delivery confirm (units burned)    ${deliveryConfirm.receipt.gasUsed.toString().padStart(10)}`);
console.log(`delivery reject (units returned)   ${deliveryReject.receipt.gasUsed.toString().padStart(10)}`);
console.log("(the first request also sets the request counter and the escrow's balance from zero)");

// Every production contract's runtime size against the EIP-170 limit.
const EIP170_LIMIT = 24_576;
const artifactPaths = (await readdir("artifacts/contracts", { recursive: true }))
  .filter((file) => file.endsWith(".json") && !file.endsWith(".dbg.json") && !file.startsWith("mocks"))
  .sort();
console.log("");
console.log("runtime size (bytes)             size    headroom under 24,576");
for (const file of artifactPaths) {
  const artifact = JSON.parse(await readFile(path.join("artifacts/contracts", file), "utf8"));
  const size = (artifact.deployedBytecode.length - 2) / 2;
  if (size === 0) continue; // interfaces, libraries with internal functions only, abstract contracts
  console.log(`${artifact.contractName.padEnd(32)} ${size.toString().padStart(5)}    ${(EIP170_LIMIT - size).toString().padStart(8)}`);
}
await connection.close();
