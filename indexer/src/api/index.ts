/**
 * The index's HTTP API, read by the SDK (`src/internal/indexSource.ts`): one request per report (every fact the
 * report computes from, read in one database transaction so that the facts agree with one another and with the
 * block they were indexed to), and the lists and histories the SDK reads. Amounts are decimal strings. Ponder also
 * serves `/health`, `/ready` (historical indexing done), `/status` (the block indexed to) and `/metrics`.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, eq, gt, inArray, or, sql } from "ponder";
import { deployment } from "../../ponder.config.ts";

const app = new Hono();

/** JSON with every bigint as its decimal string. */
const json = (value: unknown): Response =>
  new Response(JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v)), { headers: { "content-type": "application/json" } });

const bad = (message: string): Response => new Response(JSON.stringify({ error: message }), { status: 400, headers: { "content-type": "application/json" } });

const toId = (text: string | undefined): bigint | undefined => (text !== undefined && /^\d{1,30}$/.test(text) ? BigInt(text) : undefined);
const toWallet = (text: string | undefined): `0x${string}` | undefined => (text !== undefined && /^0x[0-9a-fA-F]{40}$/.test(text) ? (text.toLowerCase() as `0x${string}`) : undefined);

type Db = typeof db;

/**
 * The block the index has reached (Ponder's checkpoint), the facts of every answer being as of this block, and
 * whether it has read the chain's whole history yet (`ready`).
 */
async function head(tx: Db): Promise<{ chainId: number; blockNumber: string; timestamp: string; registry: string; ready: boolean }> {
  const meta = (await tx.execute(sql`select value from _ponder_meta where key = 'app'`)) as unknown as { rows?: { value: { is_ready?: number } }[] } | { value: { is_ready?: number } }[];
  const ready = (Array.isArray(meta) ? meta : (meta.rows ?? []))[0]?.value?.is_ready === 1;
  const rows = (await tx.execute(sql`select chain_id, latest_checkpoint from _ponder_checkpoint`)) as unknown as { rows?: { chain_id: number; latest_checkpoint: string }[] } | { chain_id: number; latest_checkpoint: string }[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  const row = list[0];
  const registry = deployment.contracts.LotRegistry;
  if (!row) return { chainId: deployment.chainId, blockNumber: "0", timestamp: "0", registry, ready };
  // A checkpoint is fixed-width decimal: 10 digits of block timestamp, 16 of chain id, 16 of block number, ...
  const cp = String(row.latest_checkpoint);
  return { chainId: Number(row.chain_id), timestamp: BigInt(cp.slice(0, 10)).toString(), blockNumber: BigInt(cp.slice(26, 42)).toString(), registry, ready };
}

/** Runs `read` in one read-only transaction when the driver allows it, so a report's facts come from one state. */
async function snapshot<T>(read: (tx: Db) => Promise<T>): Promise<T> {
  const withTx = db as unknown as { transaction?: (f: (tx: Db) => Promise<T>) => Promise<T> };
  if (typeof withTx.transaction === "function") {
    try {
      return await withTx.transaction(read);
    } catch (error) {
      if (!/transaction/i.test(String(error))) throw error;
    }
  }
  return read(db);
}

const prices = (tx: Db) => tx.select().from(schema.price);
const investorsOf = async (tx: Db, wallets: readonly `0x${string}`[]) =>
  wallets.length === 0 ? [] : tx.select().from(schema.investor).where(inArray(schema.investor.wallet, [...wallets]));
const heldPositions = (tx: Db, lotId?: bigint) => {
  const held = or(gt(schema.position.balance, 0n), gt(schema.position.frozen, 0n));
  return tx.select().from(schema.position).where(lotId === undefined ? held : and(eq(schema.position.lotId, lotId), held));
};

/** How many holders redeemed units themselves, per lot of sale proceeds (a released position is not a redemption). */
const redeemers = async (tx: Db, lotId?: bigint) =>
  tx
    .select({ lotId: schema.proceedsPosition.lotId, count: sql<number>`count(*)::int` })
    .from(schema.proceedsPosition)
    .where(lotId === undefined ? eq(schema.proceedsPosition.redeemed, true) : and(eq(schema.proceedsPosition.lotId, lotId), eq(schema.proceedsPosition.redeemed, true)))
    .groupBy(schema.proceedsPosition.lotId);

/** Settled trades (of lot `lotId`, or of every lot), oldest first. */
const trades = (tx: Db, lotId?: bigint) =>
  tx
    .select()
    .from(schema.tradeFill)
    .where(lotId === undefined ? undefined : eq(schema.tradeFill.lotId, lotId))
    .orderBy(asc(schema.tradeFill.blockNumber), asc(schema.tradeFill.logIndex));

app.get("/minerals/head", async () => json(await head(db)));

app.get("/minerals/lots", async (c) => {
  const ids = c.req.query("ids");
  if (ids !== undefined && !/^\d+(,\d+)*$/.test(ids)) return bad("ids: expected lot ids separated by commas");
  const rows = await db
    .select()
    .from(schema.lot)
    .where(ids === undefined ? undefined : inArray(schema.lot.lotId, ids.split(",").map(BigInt)))
    .orderBy(asc(schema.lot.lotId));
  return json({ head: await head(db), lots: rows });
});

app.get("/minerals/lots/:lotId/events", async (c) => {
  const lotId = toId(c.req.param("lotId"));
  if (lotId === undefined) return bad("lotId: expected a lot id");
  const withTally = c.req.query("unitAccounting") !== "false";
  const rows = await db
    .select()
    .from(schema.lotEvent)
    .where(withTally ? eq(schema.lotEvent.lotId, lotId) : and(eq(schema.lotEvent.lotId, lotId), sql`${schema.lotEvent.eventName} <> 'UnitsAccounted'`))
    .orderBy(asc(schema.lotEvent.blockNumber), asc(schema.lotEvent.logIndex));
  return json({ events: rows });
});

app.get("/minerals/lots/:lotId/documents", async (c) => {
  const lotId = toId(c.req.param("lotId"));
  if (lotId === undefined) return bad("lotId: expected a lot id");
  const rows = await db.select().from(schema.document).where(eq(schema.document.lotId, lotId)).orderBy(asc(schema.document.index));
  return json({ documents: rows });
});

/** Everything the platform report computes from. */
app.get("/minerals/report/platform", async () =>
  json(
    await snapshot(async (tx) => {
      const positions = await heldPositions(tx);
      const wallets = [...new Set(positions.filter((p) => p.balance > 0n).map((p) => p.holder))];
      return {
        head: await head(tx),
        lots: await tx.select().from(schema.lot).orderBy(asc(schema.lot.lotId)),
        positions,
        investors: await investorsOf(tx, wallets),
        offerings: await tx.select().from(schema.offering).orderBy(asc(schema.offering.offeringId)),
        subscriptions: await tx.select().from(schema.subscription),
        proceeds: await tx.select().from(schema.proceedsLot).orderBy(asc(schema.proceedsLot.lotId)),
        deposits: await tx.select().from(schema.proceedsDeposit).orderBy(asc(schema.proceedsDeposit.blockNumber), asc(schema.proceedsDeposit.logIndex)),
        redeemers: await redeemers(tx),
        trades: await trades(tx),
        prices: await prices(tx),
      };
    }),
  ),
);

/** Everything a lot report computes from. */
app.get("/minerals/report/lot/:lotId", async (c) => {
  const lotId = toId(c.req.param("lotId"));
  if (lotId === undefined) return bad("lotId: expected a lot id");
  return json(
    await snapshot(async (tx) => {
      const positions = await heldPositions(tx, lotId);
      const offerings = await tx.select().from(schema.offering).where(eq(schema.offering.lotId, lotId)).orderBy(asc(schema.offering.offeringId));
      const ids = offerings.map((o) => o.offeringId);
      return {
        head: await head(tx),
        lot: (await tx.select().from(schema.lot).where(eq(schema.lot.lotId, lotId)))[0] ?? null,
        positions,
        investors: await investorsOf(tx, positions.map((p) => p.holder)),
        offerings,
        subscriptions: ids.length === 0 ? [] : await tx.select().from(schema.subscription).where(inArray(schema.subscription.offeringId, ids)),
        proceeds: await tx.select().from(schema.proceedsLot).where(eq(schema.proceedsLot.lotId, lotId)),
        deposits: await tx.select().from(schema.proceedsDeposit).where(eq(schema.proceedsDeposit.lotId, lotId)).orderBy(asc(schema.proceedsDeposit.blockNumber), asc(schema.proceedsDeposit.logIndex)),
        claims: await tx
          .select({ blockNumber: schema.proceedsClaim.blockNumber, amount: schema.proceedsClaim.amount, timestamp: schema.proceedsClaim.timestamp })
          .from(schema.proceedsClaim)
          .where(eq(schema.proceedsClaim.lotId, lotId))
          .orderBy(asc(schema.proceedsClaim.blockNumber), asc(schema.proceedsClaim.logIndex)),
        redeemers: await redeemers(tx, lotId),
        trades: await trades(tx, lotId),
        prices: await prices(tx),
        rules: (await tx.select().from(schema.lotRules).where(eq(schema.lotRules.lotId, lotId)))[0] ?? null,
        allowedCountries: await tx.select().from(schema.allowedCountry).where(and(eq(schema.allowedCountry.lotId, lotId), eq(schema.allowedCountry.allowed, true))).orderBy(asc(schema.allowedCountry.country)),
        documents: await tx.select().from(schema.document).where(eq(schema.document.lotId, lotId)).orderBy(asc(schema.document.index)),
        events: await tx
          .select()
          .from(schema.lotEvent)
          .where(and(eq(schema.lotEvent.lotId, lotId), sql`${schema.lotEvent.eventName} <> 'UnitsAccounted'`))
          .orderBy(asc(schema.lotEvent.blockNumber), asc(schema.lotEvent.logIndex)),
      };
    }),
  );
});

/** Everything an investor report computes from. */
app.get("/minerals/report/investor/:wallet", async (c) => {
  const wallet = toWallet(c.req.param("wallet"));
  if (wallet === undefined) return bad("wallet: expected a 0x address of 40 hex digits");
  return json(
    await snapshot(async (tx) => {
      const transfers = await tx
        .select()
        .from(schema.transfer)
        .where(or(eq(schema.transfer.from, wallet), eq(schema.transfer.to, wallet)))
        .orderBy(asc(schema.transfer.blockNumber), asc(schema.transfer.logIndex), asc(schema.transfer.id));
      const subscriptions = await tx.select().from(schema.subscription).where(eq(schema.subscription.investor, wallet)).orderBy(asc(schema.subscription.offeringId));
      const offerings = subscriptions.length === 0 ? [] : await tx.select().from(schema.offering).where(inArray(schema.offering.offeringId, subscriptions.map((s) => s.offeringId)));
      const proceedsPositions = await tx.select().from(schema.proceedsPosition).where(eq(schema.proceedsPosition.holder, wallet));
      const balances = await tx.select().from(schema.position).where(eq(schema.position.holder, wallet));
      const lotIds = [...new Set([...transfers.map((t) => t.lotId), ...offerings.map((o) => o.lotId), ...proceedsPositions.map((p) => p.lotId)])];
      return {
        head: await head(tx),
        investor: (await tx.select().from(schema.investor).where(eq(schema.investor.wallet, wallet)))[0] ?? null,
        transfers,
        subscriptions,
        offerings,
        balances,
        proceedsPositions,
        proceeds: lotIds.length === 0 ? [] : await tx.select().from(schema.proceedsLot).where(inArray(schema.proceedsLot.lotId, lotIds)),
        lots: lotIds.length === 0 ? [] : await tx.select().from(schema.lot).where(inArray(schema.lot.lotId, lotIds)),
        prices: await prices(tx),
      };
    }),
  );
});

/** A lot's settled trades, for its trade figures over any period. */
app.get("/minerals/lots/:lotId/trades", async (c) => {
  const lotId = toId(c.req.param("lotId"));
  if (lotId === undefined) return bad("lotId: expected a lot id");
  return json(
    await snapshot(async (tx) => ({
      head: await head(tx),
      lot: (await tx.select().from(schema.lot).where(eq(schema.lot.lotId, lotId)))[0] ?? null,
      trades: await trades(tx, lotId),
    })),
  );
});

/**
 * A lot's provenance graph: every lot connected to it through processing steps (followed from the step that produced
 * each lot and the step that consumed it), with each lot's record and place in the graph, and every step between them.
 */
app.get("/minerals/provenance/:lotId", async (c) => {
  const lotId = toId(c.req.param("lotId"));
  if (lotId === undefined) return bad("lotId: expected a lot id");
  return json(
    await snapshot(async (tx) => {
      const lots: (typeof schema.lot.$inferSelect)[] = [];
      const places: (typeof schema.lotProvenance.$inferSelect)[] = [];
      const steps = new Map<bigint, typeof schema.processingStep.$inferSelect>();
      const seen = new Set<bigint>();
      const queue = [lotId];
      while (queue.length > 0) {
        const id = queue.shift()!;
        if (seen.has(id)) continue;
        seen.add(id);
        const row = (await tx.select().from(schema.lot).where(eq(schema.lot.lotId, id)))[0];
        if (row === undefined) continue;
        lots.push(row);
        const place = (await tx.select().from(schema.lotProvenance).where(eq(schema.lotProvenance.lotId, id)))[0];
        if (place === undefined) continue;
        places.push(place);
        for (const stepId of [place.producedBy, place.consumedBy]) {
          if (stepId === 0n || steps.has(stepId)) continue;
          const step = (await tx.select().from(schema.processingStep).where(eq(schema.processingStep.stepId, stepId)))[0];
          if (step === undefined) continue;
          steps.set(stepId, step);
          queue.push(...step.inputs.map(BigInt), ...step.outputs.map(BigInt));
        }
      }
      return { head: await head(tx), lots, provenance: places, steps: [...steps.values()] };
    }),
  );
});

/** Units of output lots the processing contract holds for holders its rules refused (of lot `lotId`, or of every lot). */
app.get("/minerals/held", async (c) => {
  const lotId = toId(c.req.query("lotId"));
  const held = gt(schema.heldUnits.units, 0n);
  return json(
    await snapshot(async (tx) => ({
      head: await head(tx),
      held: await tx
        .select()
        .from(schema.heldUnits)
        .where(lotId === undefined ? held : and(eq(schema.heldUnits.lotId, lotId), held))
        .orderBy(asc(schema.heldUnits.lotId), asc(schema.heldUnits.holder)),
    })),
  );
});

/** Balances and frozen units of some holders of a lot, for `minerals index verify`. */
app.get("/minerals/positions", async (c) => {
  const lotId = toId(c.req.query("lotId"));
  const limit = Number(c.req.query("limit") ?? "1000");
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) return bad("limit: expected a whole number from 1 to 100000");
  const rows = await snapshot(async (tx) => ({
    head: await head(tx),
    positions: await (lotId === undefined ? heldPositions(tx) : heldPositions(tx, lotId)).orderBy(asc(schema.position.lotId), asc(schema.position.holder)).limit(limit),
  }));
  return json(rows);
});

export default app;
