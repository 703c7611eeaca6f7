/**
 * `npm run bench:report`: how reports scale. On Hardhat's in-process chain, seeds a lot with 1,000 holders and
 * 10,000 transfers and a platform of 200 lots with 100 holders each, then times the lot report and the platform
 * report and counts their JSON-RPC requests (a counting transport wrapper) at 100 and 1,000 holders and at 20
 * and 200 lots. Each measured lot also has an open offering subscribed by every one of its holders (each with its
 * own escrowed payment), so the offering scans are measured at 100 and at 1,000 subscribers too; and two sold lots,
 * whose 100 and 1,000 holders each redeemed and claimed a provisional payment before the final one, measure the
 * proceeds reads (deposits, claims, paid over time) at 100 and at 1,000 claims.
 * `BENCH_SCALE=0.1` divides every count by ten for a quick run.
 */
import { network } from "hardhat";
import { createWalletClient, custom, encodeFunctionData, publicActions, type Address, type EIP1193Provider } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { sendTransaction } from "viem/actions";
import { investorRegistrarAbi, lotOfferingsAbi, lotTokenAbi, lotRegistryAbi, proceedsVaultAbi, testStablecoinAbi } from "../../src/abis.ts";
import { mineralsActions } from "../../src/client.ts";
import { deployPlatform } from "../../src/actions/deploy/deployPlatform.ts";
import { Commodity, Quantity } from "../../src/units/index.ts";

const scale = Number(process.env.BENCH_SCALE ?? "1");
const n = (count: number) => Math.max(1, Math.round(count * scale));
const HOLDERS_BIG = n(1000);
const TRANSFERS_BIG = n(10_000);
const HOLDERS_SMALL = n(100);
const LOTS_SMALL = Math.max(2, n(20));
const LOTS_BIG = Math.max(3, n(200));

const connection = await network.create();
const provider = connection.provider as unknown as EIP1193Provider;
let requests = 0;
const counting = custom({ request: (args) => ((requests += 1), provider.request(args as never)) });
const plain = custom(provider);
const accounts = (await provider.request({ method: "eth_accounts" })) as Address[];
const [admin, issuer, assayer, custodian, officer] = accounts as [Address, Address, Address, Address, Address];
const client = (account: Address, transport = plain) => createWalletClient({ chain: hardhat, transport, account }).extend(publicActions);

const started = Date.now();
const deployment = await deployPlatform(client(admin), { roles: { issuer: [issuer], assayer: [assayer], custodian: [custodian], compliance: [officer], treasury: [issuer] } });
const sdk = (a: Address) => client(a).extend(mineralsActions(deployment));
const reader = client(admin, counting).extend(mineralsActions(deployment));

/** Sends without simulating or waiting (automine mines each at once); gas given so nothing is estimated. */
const send = (from: Address, to: Address, data: `0x${string}`, gas = 400_000n) => sendTransaction(client(from), { to, data, gas, account: from, chain: hardhat });
const progress = (label: string, i: number, total: number) => {
  if (process.stderr.isTTY && (i % 200 === 0 || i === total)) process.stderr.write(`\r${label} ${i}/${total}   `);
};

const kycExpiry = Math.floor(Date.now() / 1000) + 365 * 24 * 3600;
const holderAccounts = Array.from({ length: HOLDERS_BIG }, () => privateKeyToAccount(generatePrivateKey()));
const holders = holderAccounts.map((a) => a.address);
for (const [i, wallet] of [issuer, ...holders].entries()) {
  await send(officer, deployment.contracts.InvestorRegistrar, encodeFunctionData({ abi: investorRegistrarAbi, functionName: "registerInvestor", args: [wallet, i % 2 ? 604 : 756, 3, kycExpiry] }));
  progress("registering investors", i + 1, holders.length + 1);
}

const PAYABLE = 2_352_670n;
async function newLot(ref: string): Promise<bigint> {
  const { lotId } = await sdk(issuer).registerLot({
    commodity: Commodity.Copper, form: "concentrate", countryCode: 604, originId: "BENCH", externalRef: ref,
    wetMassGrams: 10_000_000_000n, moistureBps: 800, gradePpb: 265_000_000n, payableBps: 9650, custodian, location: "bench",
  });
  await send(assayer, deployment.contracts.LotRegistry, encodeFunctionData({ abi: lotRegistryAbi, functionName: "recordAssay", args: [lotId, 800, 265_000_000, 9650] }));
  await sdk(custodian).attestCustody({ lotId, quantity: PAYABLE, location: "bench" });
  await send(issuer, deployment.contracts.LotToken, encodeFunctionData({ abi: lotTokenAbi, functionName: "mint", args: [issuer, lotId, PAYABLE, "0x"] }));
  return lotId;
}

/**
 * Opens an offering of `lotId` (USD 9,750 per t, a window of a day) and has each of the first `count` holders
 * subscribe 1 kg after approving its payment: the lot report then folds `count` subscriptions.
 */
async function subscribeHolders(lotId: bigint, count: number): Promise<void> {
  const now = (await client(admin).getBlock()).timestamp;
  const [start, end] = [new Date(Number(now + 2n) * 1000), new Date(Number(now + 86_400n) * 1000)];
  const { offeringId } = await sdk(issuer).createOffering({ lotId, price: "9,750 USD", treasury: issuer, start, end, minTicket: Quantity.fromBase(Commodity.Copper, 1n), maxTicket: Quantity.fromBase(Commodity.Copper, 1_000n), softCap: Quantity.fromBase(Commodity.Copper, 1n), hardCap: Quantity.fromBase(Commodity.Copper, 1_000_000n) });
  await provider.request({ method: "evm_increaseTime", params: [3] } as never);
  const offerings = deployment.contracts.LotOfferings!;
  for (const [i, account] of holderAccounts.slice(0, count).entries()) {
    await provider.request({ method: "hardhat_setBalance", params: [account.address, "0x56BC75E2D63100000"] } as never);
    await send(admin, deployment.contracts.TestStablecoin!, encodeFunctionData({ abi: testStablecoinAbi, functionName: "mint", args: [account.address, 9_750_000n] }), 100_000n);
    const holder = createWalletClient({ chain: hardhat, transport: plain, account });
    await holder.writeContract({ address: deployment.contracts.TestStablecoin!, abi: testStablecoinAbi, functionName: "approve", args: [offerings, 9_750_000n], gas: 100_000n });
    await holder.writeContract({ address: offerings, abi: lotOfferingsAbi, functionName: "subscribe", args: [offeringId, 1n], gas: 400_000n });
    progress(`subscribers of offering ${offeringId}`, i + 1, count);
  }
}

/**
 * A settling lot whose first `count` holders (funded with ETH by `subscribeHolders`) each received 1 kg, redeemed it
 * into the proceeds vault and claimed a provisional payment; then the final payment. Returns the lot.
 */
async function soldLot(ref: string, count: number): Promise<bigint> {
  const lotId = await newLot(ref);
  for (const wallet of holders.slice(0, count)) {
    await send(issuer, deployment.contracts.LotToken, encodeFunctionData({ abi: lotTokenAbi, functionName: "safeTransferFrom", args: [issuer, wallet, lotId, 1n, "0x"] }));
  }
  await sdk(issuer).startSettlement({ lotId, saleRef: `SALE-${ref}`, treasury: issuer });
  await send(admin, deployment.contracts.TestStablecoin!, encodeFunctionData({ abi: testStablecoinAbi, functionName: "mint", args: [issuer, 30_000_000_000_000n] }), 100_000n);
  await sdk(issuer).depositProceeds({ lotId, amount: 20_000_000_000_000n });
  const vault = deployment.contracts.ProceedsVault!;
  for (const [i, account] of holderAccounts.slice(0, count).entries()) {
    const holder = createWalletClient({ chain: hardhat, transport: plain, account });
    await holder.writeContract({ address: deployment.contracts.LotToken, abi: lotTokenAbi, functionName: "safeTransferFrom", args: [account.address, vault, lotId, 1n, "0x"], gas: 400_000n });
    await holder.writeContract({ address: vault, abi: proceedsVaultAbi, functionName: "claim", args: [lotId], gas: 200_000n });
    progress(`claims of lot ${lotId}`, i + 1, count);
  }
  await sdk(issuer).depositProceeds({ lotId, amount: 1_000_000_000_000n, final: true });
  return lotId;
}

/** Times one report, counts its requests, and says how many holders it found (so a failed seeding shows). */
async function measure(
  label: string,
  run: () => Promise<{ holders: unknown[]; offering: { subscribers: number }[]; proceeds: { redeemers: number } | null } | { lots: { holders: unknown[] }[]; funds: { paidIn: { text: string } } }>,
) {
  requests = 0;
  const t0 = Date.now();
  const report = await run();
  const seconds = ((Date.now() - t0) / 1000).toFixed(2);
  const found =
    "lots" in report
      ? `${report.lots.length} lots, ${report.lots.reduce((t, l) => t + l.holders.length, 0)} holdings, ${report.funds.paidIn.text} paid into offerings`
      : `${report.holders.length} holders, ${report.offering.reduce((t, o) => t + o.subscribers, 0)} subscribers${report.proceeds ? `, ${report.proceeds.redeemers} proceeds claims` : ""}`;
  return { label, seconds, requests, found };
}

// The big lot: HOLDERS_BIG holders, TRANSFERS_BIG transfers from the issuer.
const big = await newLot("BENCH-BIG");
for (let i = 0; i < TRANSFERS_BIG; i++) {
  await send(issuer, deployment.contracts.LotToken, encodeFunctionData({ abi: lotTokenAbi, functionName: "safeTransferFrom", args: [issuer, holders[i % HOLDERS_BIG]!, big, 1n, "0x"] }));
  progress("transfers", i + 1, TRANSFERS_BIG);
}
// The platform: lots with HOLDERS_SMALL holders each, every holder served all lots in one batch transfer.
const lots: bigint[] = [];
async function growPlatform(to: number): Promise<void> {
  const fresh: bigint[] = [];
  while (lots.length + fresh.length < to) fresh.push(await newLot(`BENCH-${lots.length + fresh.length}`));
  if (fresh.length === 0) return;
  const BATCH = 40;
  for (const wallet of holders.slice(0, HOLDERS_SMALL)) {
    for (let i = 0; i < fresh.length; i += BATCH) {
      const ids = fresh.slice(i, i + BATCH);
      const data = encodeFunctionData({ abi: lotTokenAbi, functionName: "safeBatchTransferFrom", args: [issuer, wallet, ids, ids.map(() => 1000n), "0x"] });
      await send(issuer, deployment.contracts.LotToken, data, 300_000n + 200_000n * BigInt(ids.length));
    }
  }
  lots.push(...fresh);
  progress("lots", lots.length, LOTS_BIG);
}
await growPlatform(LOTS_SMALL - 1); // the big lot counts as one
await subscribeHolders(big, HOLDERS_BIG);
await subscribeHolders(lots[0]!, HOLDERS_SMALL);
const soldSmall = await soldLot("BENCH-SOLD-SMALL", HOLDERS_SMALL);
const soldBig = await soldLot("BENCH-SOLD-BIG", HOLDERS_BIG);
const seeded = ((Date.now() - started) / 1000).toFixed(0);
const rows = [];
rows.push(await measure(`lot report, ${HOLDERS_SMALL} holders`, () => reader.getLotReport({ lotId: lots[0]! })));
rows.push(await measure(`lot report, ${HOLDERS_BIG} holders, ${TRANSFERS_BIG} transfers`, () => reader.getLotReport({ lotId: big })));
rows.push(await measure(`sold lot report, ${HOLDERS_SMALL} claims`, () => reader.getLotReport({ lotId: soldSmall })));
rows.push(await measure(`sold lot report, ${HOLDERS_BIG} claims`, () => reader.getLotReport({ lotId: soldBig })));
rows.push(await measure(`platform report, ${LOTS_SMALL} lots`, () => reader.getPlatformReport()));
await growPlatform(LOTS_BIG - 1);
rows.push(await measure(`platform report, ${LOTS_BIG} lots x ${HOLDERS_SMALL} holders`, () => reader.getPlatformReport()));
rows.push(await measure(`lot report, ${HOLDERS_BIG} holders, on the ${LOTS_BIG}-lot platform`, () => reader.getLotReport({ lotId: big })));
const blocks = await client(admin).getBlockNumber();

process.stderr.write("\n");
console.log(`Seeded in ${seeded} s (scale ${scale}); chain at block ${blocks}.`);
console.log(["report".padEnd(52), "time (s)".padStart(9), "JSON-RPC requests".padStart(18), "  found"].join(" "));
for (const r of rows) console.log([r.label.padEnd(52), r.seconds.padStart(9), String(r.requests).padStart(18), ` ${r.found}`].join(" "));
await connection.close();
