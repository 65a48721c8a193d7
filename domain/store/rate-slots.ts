// Rate slots shared by every bot instance on one PostgreSQL: per rate-limited target (a
// Slack channel, a Teams conversation, a Teams tenant) the next instant a send may go.
// Reserving is one statement: lock the targets' rows in key order, take the later of
// their `next` and now, and move each `next` on by its spacing — so two instances can
// never both take the same instant, and a send to a Teams conversation reserves its
// conversation and its tenant together (no deadlock: every statement locks in key order).
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export interface SlotKey {
  key: string;
  /** the least time between two sends to this target */
  spacingMs: number;
}

export type Reservation =
  /** send at `at` (not before; it may be now) */
  | { ok: true; at: Date }
  /**
   * Nothing reserved: the first free instant is beyond the wait allowed. `turn`: when to
   * try again, handed out in order by the key that was busy (its `queued`), so that the
   * sends put off for one target come back one spacing apart, whichever instance put
   * them off.
   */
  | { ok: false; turn: Date };

export interface ReserveOptions {
  keys: readonly SlotKey[];
  /** the earliest instant to reserve: now, or later when the caller must wait anyway */
  notBefore: Date;
  /** reserve nothing beyond this instant */
  latest: Date;
}

interface Row {
  at: Date;
  found: number;
  moved: number;
  turn: Date | null;
}

/**
 * Reserves the first instant from `notBefore` at which every key is free, if it is not after `latest`.
 * A key seen for the first time gets its row first (a second statement, once per key).
 */
export async function reserveSlot(db: Db, options: ReserveOptions): Promise<Reservation> {
  const { keys, notBefore, latest } = options;
  if (keys.length === 0) return { ok: true, at: notBefore };
  for (let round = 0; ; round++) {
    const row = await tryReserve(db, keys, notBefore, latest);
    if (row.found === keys.length) {
      return row.moved === keys.length ? { ok: true, at: row.at } : { ok: false, turn: row.turn ?? row.at };
    }
    if (round > 0) throw new Error(`rate slots missing after creating them: ${keys.map((k) => k.key).join(", ")}`);
    await createSlots(
      db,
      keys.map((k) => k.key),
    );
  }
}

/**
 * `locked` reads the newest version of each row (FOR UPDATE waits for a concurrent
 * reservation and then sees what it wrote); `moved` updates only when every key was
 * found and the instant is within the limit; otherwise `queued` hands out a turn on the
 * key whose `next` decided the instant. The two updates exclude each other.
 */
async function tryReserve(db: Db, keys: readonly SlotKey[], notBefore: Date, latest: Date): Promise<Row> {
  const names = keys.map((k) => k.key);
  const spacings = keys.map((k) => Math.max(0, Math.round(k.spacingMs)));
  const rows = await db.$queryRaw<Row[]>`
    WITH wanted AS (
      SELECT * FROM unnest(${names}::text[], ${spacings}::int[]) AS w(key, spacing)
    ), locked AS (
      SELECT s.key, s.next FROM "RateSlot" s WHERE s.key = ANY(${names}::text[])
      ORDER BY s.key
      FOR UPDATE
    ), slot AS (
      SELECT greatest(max(next), ${notBefore}::timestamptz) AS at, max(next) AS busiest, count(*)::int AS found
      FROM locked
    ), moved AS (
      UPDATE "RateSlot" s
      SET next = slot.at + make_interval(secs => wanted.spacing / 1000.0)
      FROM slot, wanted
      WHERE s.key = wanted.key AND slot.found = ${keys.length}::int AND slot.at <= ${latest}::timestamptz
      RETURNING s.key
    ), queued AS (
      UPDATE "RateSlot" s
      SET queued = greatest(s.queued + make_interval(secs => wanted.spacing / 1000.0), slot.at)
      FROM slot, wanted, locked
      WHERE s.key = wanted.key AND locked.key = s.key AND locked.next = slot.busiest
        AND slot.found = ${keys.length}::int AND slot.at > ${latest}::timestamptz
      RETURNING s.queued
    )
    SELECT slot.at, slot.found, (SELECT count(*)::int FROM moved) AS moved, (SELECT max(queued) FROM queued) AS turn
    FROM slot`;
  const row = rows[0];
  if (!row) throw new Error("rate slot reservation returned no row");
  return row;
}

async function createSlots(db: Db, keys: readonly string[]): Promise<void> {
  await db.rateSlot.createMany({
    data: keys.map((key) => ({ key, next: new Date(0) })),
    skipDuplicates: true,
  });
}

/**
 * A platform answered 429 with Retry-After: no instance sends to `key` before `until`.
 * Moves `next` only forward.
 */
export async function holdSlot(db: Db, key: string, until: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "RateSlot" (key, next) VALUES (${key}, ${until}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET next = greatest("RateSlot".next, excluded.next)`;
}

/** Forgets targets idle since `before` (their next send starts afresh); returns how many. */
export async function forgetIdleSlots(db: Db, before: Date): Promise<number> {
  const { count } = await db.rateSlot.deleteMany({ where: { next: { lt: before } } });
  return count;
}
