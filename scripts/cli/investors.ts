/**
 * `minerals investor ...`: the investor registry (COMPLIANCE role): register, update, link and unlink wallets, remove,
 * show, and EIP-712 eligibility statements a compliance officer signs (or cancels) and the investor submits.
 */
import { readFile, writeFile } from "node:fs/promises";
import { Command } from "commander";
import { INVESTOR_CLASSES, countryDisplay, parseCountry as parseCountryText, type InvestorClassName } from "../../src/domain.ts";
import { InvalidArgumentError } from "../../src/errors/base.ts";
import { addressOrIndex, parseFlag, run, toJson, withCommonOptions, withPlatform } from "./context.ts";

const CLASS_HELP = INVESTOR_CLASSES.filter((c) => c !== "none").join(" | ");

/** `--class`: an investor class name. */
export function parseClass(value: string): InvestorClassName {
  return parseFlag("--class", () => {
    const name = value.trim().toLowerCase();
    if (name === "none" || !(INVESTOR_CLASSES as readonly string[]).includes(name)) throw new Error(`expected ${CLASS_HELP}, got "${value}"`);
    return name as InvestorClassName;
  });
}

/** `--country`: a country as a person writes it: "586", "PK", "Pakistan" (the SDK's `parseCountry`). */
export function parseCountry(value: string, flag = "--country"): number {
  return parseFlag(flag, () => parseCountryText(value));
}

/** Help of a `--country` option. */
export const COUNTRY_HELP = "country: ISO 3166-1 numeric code, alpha-2 code or English name, e.g. 586, PK or Pakistan";

/** A date flag: ISO 8601 (e.g. 2027-12-31 or 2027-12-31T00:00:00Z). */
export function parseDate(value: string, flag: string): Date {
  return parseFlag(flag, () => {
    const date = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new Error(`expected an ISO 8601 date such as 2027-12-31, got "${value}"`);
    return date;
  });
}

/** `--investor`: an investor id. */
export function parseInvestorId(value: string): bigint {
  return parseFlag("--investor", () => {
    if (!/^\d+$/.test(value) || BigInt(value) === 0n) throw new Error(`expected a positive investor id, got "${value}"`);
    return BigInt(value);
  });
}

export function investorCommand(): Command {
  const investor = new Command("investor").description("the investor registry: who may hold units (COMPLIANCE role)");

  withCommonOptions(
    investor
      .command("register")
      .description("register a wallet as a new investor (no personal data: country, class, KYC expiry)")
      .requiredOption("--wallet <address|index>", "the investor's wallet")
      .requiredOption("--country <country>", `${COUNTRY_HELP} (not stored by name: only the numeric code goes on chain)`)
      .requiredOption("--class <class>", CLASS_HELP)
      .requiredOption("--kyc-expiry <date>", "when the investor's KYC stops being valid (ISO 8601)"),
  ).action((options) =>
    run(async () => {
      const country = parseCountry(options.country);
      const investorClass = parseClass(options.class);
      const kycExpiry = parseDate(options.kycExpiry, "--kyc-expiry");
      await withPlatform(options, async ({ sdk, connection }) => {
        const wallet = addressOrIndex(connection, options.wallet, "--wallet");
        const r = await sdk.registerInvestor({ wallet, country, investorClass, kycExpiry });
        console.log(options.json ? toJson({ wallet, investorId: r.investorId, country, transaction: r.hash }) : `Registered ${wallet} as investor ${r.investorId}: ${investorClass}, ${countryDisplay(country)}`);
      });
    }),
  );

  withCommonOptions(
    investor
      .command("update")
      .description("update an investor's country, class and KYC expiry (all linked wallets)")
      .requiredOption("--investor <id>", "investor id")
      .requiredOption("--country <country>", COUNTRY_HELP)
      .requiredOption("--class <class>", CLASS_HELP)
      .requiredOption("--kyc-expiry <date>", "KYC expiry (ISO 8601)"),
  ).action((options) =>
    run(async () => {
      const investorId = parseInvestorId(options.investor);
      const country = parseCountry(options.country);
      const investorClass = parseClass(options.class);
      const kycExpiry = parseDate(options.kycExpiry, "--kyc-expiry");
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.updateInvestor({ investorId, country, investorClass, kycExpiry });
        console.log(options.json ? toJson({ investorId, transaction: r.hash }) : `Updated investor ${investorId}`);
      });
    }),
  );

  withCommonOptions(
    investor
      .command("link")
      .description("link another wallet to an investor, so limits count the investor once")
      .requiredOption("--investor <id>", "investor id")
      .requiredOption("--wallet <address|index>", "the wallet to link"),
  ).action((options) =>
    run(async () => {
      const investorId = parseInvestorId(options.investor);
      await withPlatform(options, async ({ sdk, connection }) => {
        const wallet = addressOrIndex(connection, options.wallet, "--wallet");
        const r = await sdk.linkWallet({ investorId, wallet });
        console.log(options.json ? toJson({ investorId, wallet, transaction: r.hash }) : `Linked ${wallet} to investor ${investorId}`);
      });
    }),
  );

  withCommonOptions(
    investor.command("remove").description("remove a wallet: it can no longer send or receive").requiredOption("--wallet <address|index>", "the wallet"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const wallet = addressOrIndex(connection, options.wallet, "--wallet");
        const r = await sdk.removeInvestor({ wallet });
        console.log(options.json ? toJson({ wallet, transaction: r.hash }) : `Removed ${wallet}`);
      }),
    ),
  );

  withCommonOptions(
    investor
      .command("unlink")
      .description("unlink a wallet holding no units from its investor, freeing its slot (e.g. to replace a lost wallet)")
      .requiredOption("--wallet <address|index>", "the wallet"),
  ).action((options) =>
    run(() =>
      withPlatform(options, async ({ sdk, connection }) => {
        const wallet = addressOrIndex(connection, options.wallet, "--wallet");
        const r = await sdk.unlinkWallet({ wallet });
        console.log(options.json ? toJson({ wallet, transaction: r.hash }) : `Unlinked ${wallet}`);
      }),
    ),
  );

  withCommonOptions(investor.command("show").description("what the registry holds for a wallet").requiredOption("--wallet <address|index>", "the wallet")).action(
    (options) =>
      run(() =>
        withPlatform(options, async ({ sdk, connection }) => {
          const wallet = addressOrIndex(connection, options.wallet, "--wallet");
          const record = await sdk.getInvestor({ wallet });
          if (options.json) console.log(toJson(record));
          else {
            console.log(`${wallet}: investor ${record.investorId === 0n ? "-" : record.investorId}, ${record.investorClass}, ${countryDisplay(record.country)}`);
            console.log(`  KYC valid until ${record.kycExpiry?.toISOString() ?? "-"}; ${record.frozen ? "FROZEN" : "not frozen"}; can send: ${record.canSend}, can receive: ${record.canReceive}`);
            if (record.linkedWallets.length > 1) console.log(`  linked wallets: ${record.linkedWallets.join(", ")}`);
          }
        }),
      ),
  );

  const eligibility = investor.command("eligibility").description("EIP-712 eligibility statements: signed off chain by a compliance officer, submitted by the investor");
  withCommonOptions(
    eligibility
      .command("sign")
      .description("sign a statement as the compliance officer (--account) and write it to --out")
      .requiredOption("--wallet <address|index>", "the investor's wallet")
      .option("--investor <id>", "link to / update this investor instead of creating a new one")
      .requiredOption("--country <country>", COUNTRY_HELP)
      .requiredOption("--class <class>", CLASS_HELP)
      .requiredOption("--kyc-expiry <date>", "KYC expiry (ISO 8601)")
      .option("--deadline <date>", "last moment the statement may be submitted (default: 7 days after the chain's current time)")
      .option("--sequence <n>", "the statement's sequence number (default: the next one for the wallet); a correction of a statement not yet submitted takes a higher one, so it wins")
      .requiredOption("--out <file>", "where to write the signed statement (JSON)"),
  ).action((options) =>
    run(async () => {
      const country = parseCountry(options.country);
      const investorClass = parseClass(options.class);
      const kycExpiry = parseDate(options.kycExpiry, "--kyc-expiry");
      const investorId = options.investor ? parseInvestorId(options.investor) : undefined;
      const fixedDeadline = options.deadline ? parseDate(options.deadline, "--deadline") : undefined;
      const sequence = options.sequence === undefined ? undefined : parseSequence(options.sequence);
      await withPlatform(options, async ({ sdk, connection }) => {
        const wallet = addressOrIndex(connection, options.wallet, "--wallet");
        // The chain's clock, not this machine's, decides whether a statement is still valid (a local chain may be ahead).
        const deadline = fixedDeadline ?? new Date((Number((await connection.client.getBlock()).timestamp) + 7 * 24 * 3600) * 1000);
        const signed = await sdk.signEligibility({
          wallet,
          country,
          investorClass,
          kycExpiry,
          deadline,
          ...(investorId ? { investorId } : {}),
          ...(sequence !== undefined ? { sequence } : {}),
        });
        await writeFile(options.out, `${toJson(signed)}\n`);
        console.log(options.json ? toJson({ file: options.out, ...signed }) : `Signed eligibility for ${wallet}: ${options.out}`);
      });
    }),
  );
  withCommonOptions(
    eligibility.command("submit").description("submit a signed statement (any account may, e.g. the investor)").requiredOption("--file <file>", "the signed statement"),
  ).action((options) =>
    run(async () => {
      const signed = await readStatement(options.file);
      const eligibility = statementOf(signed);
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.submitEligibility({ eligibility, signature: signed.signature });
        console.log(options.json ? toJson({ investorId: r.investorId, transaction: r.hash }) : `Eligibility accepted: ${eligibility.wallet} is investor ${r.investorId}`);
      });
    }),
  );

  withCommonOptions(
    eligibility
      .command("cancel")
      .description("cancel a signed statement that was not used yet, as the compliance officer (--account)")
      .requiredOption("--file <file>", "the signed statement"),
  ).action((options) =>
    run(async () => {
      const eligibility = statementOf(await readStatement(options.file));
      await withPlatform(options, async ({ sdk }) => {
        const r = await sdk.cancelEligibility({ eligibility });
        console.log(options.json ? toJson({ digest: r.digest, transaction: r.hash }) : `Cancelled the eligibility statement for ${eligibility.wallet} (${r.digest})`);
      });
    }),
  );

  return investor;
}

type SignedStatement = { eligibility: Record<string, unknown>; signature: `0x${string}` };

/** Reads a statement file written by `minerals investor eligibility sign`. */
async function readStatement(file: string): Promise<SignedStatement> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as SignedStatement;
  } catch {
    throw new InvalidArgumentError("--file", "a statement written by `minerals investor eligibility sign`", file);
  }
}

/** The statement's fields with the types the SDK takes (JSON keeps big numbers as decimal strings). */
function statementOf(signed: SignedStatement) {
  const e = signed.eligibility ?? {};
  return {
    wallet: e.wallet as `0x${string}`,
    investorId: BigInt(String(e.investorId)),
    country: Number(e.country),
    investorClass: Number(e.investorClass),
    kycExpiry: Number(e.kycExpiry),
    issuedAt: Number(e.issuedAt),
    sequence: BigInt(String(e.sequence)),
    deadline: BigInt(String(e.deadline)),
  };
}

/** `--sequence`: a positive whole number. */
function parseSequence(text: string): bigint {
  if (!/^\d+$/.test(text) || BigInt(text) < 1n) throw new InvalidArgumentError("--sequence", "a positive whole number (the statement's sequence)", text);
  return BigInt(text);
}
