// The outbox: messages the bot sends on its own. Features plan a delivery here, in
// the same transaction as the change that causes it; the dispatcher (bot/delivery)
// claims, renders in the recipient's language and sends. A key names the delivery,
// so planning the same one twice (a retry, a double click) adds nothing.
//
// A row's life: PENDING → (claimed) SENDING → SENT | FAILED | SKIPPED, or back to
// PENDING with a later notBefore to be tried again. Every change after the claim is
// conditional on the claim (claimedBy and claimedAt), so a worker whose lease ran out
// and whose row another worker took over cannot overwrite what that worker recorded.
// A worker renews the lease of rows it still works on (renewLeases), so the lease
// measures how long a dead worker's rows wait, not how long a send may take.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export interface PlannedNotification {
  /** unique per delivery, e.g. "waitlist.promoted:<registrationId>:<seq>" */
  key: string;
  /** the recipient: a user's personal chat, or a channel (ChatChannel.key) */
  userId?: string;
  channelKey?: string;
  /** edit the message this notification (by id) sent, instead of sending a new one */
  editsId?: string;
  /** a kind some feature renders (Feature.notifications) */
  kind: string;
  /** what the renderer needs; stored as JSON */
  payload: Prisma.InputJsonValue;
  /** not before this instant (default: now) */
  notBefore?: Date;
}

type PlannedListener = (earliest: Date) => void;
const plannedListeners = new Set<PlannedListener>();

/**
 * Called after planNotifications added rows, with the earliest notBefore, so a running
 * dispatcher can look soon instead of at its next tick. Only a hint: the call may come
 * before the planning transaction commits, and the outbox rows stay the truth.
 * Returns the unsubscribe function.
 */
export function onNotificationsPlanned(listener: PlannedListener): () => void {
  plannedListeners.add(listener);
  return () => plannedListeners.delete(listener);
}

/** Plans deliveries; returns how many were new. */
export async function planNotifications(db: Db, notifications: readonly PlannedNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const planned = notifications.map((n) => ({ ...n, notBefore: n.notBefore ?? new Date() }));
  const { count } = await db.notification.createMany({ data: planned, skipDuplicates: true });
  if (count > 0) {
    const earliest = new Date(Math.min(...planned.map((n) => n.notBefore.getTime())));
    for (const listener of plannedListeners) {
      try {
        listener(earliest);
      } catch {
        // a hint that failed changes nothing: the rows are planned and the cron finds them
      }
    }
  }
  return count;
}

/** A row as a worker holds it; `claimedBy` + `claimedAt` identify this claim. */
export interface ClaimedNotification {
  id: string;
  key: string;
  userId: string | null;
  channelKey: string | null;
  editsId: string | null;
  kind: string;
  payload: unknown;
  attempts: number;
  notBefore: Date;
  claimedBy: string;
  claimedAt: Date;
}

export interface ClaimOptions {
  worker: string;
  now: Date;
  limit: number;
  /** a SENDING row claimed longer ago than this is taken over (its worker died) */
  leaseMs: number;
}

/**
 * Claims up to `limit` due rows, oldest first. FOR UPDATE SKIP LOCKED lets concurrent
 * workers (one process or many, one database) each take different rows without waiting
 * on each other; the CTE makes the locked selection run exactly once. The row-level
 * recheck PostgreSQL does after a lock wait drops a row another worker claimed between
 * our snapshot and our lock (it is no longer PENDING).
 */
export function claimDueNotifications(db: Db, options: ClaimOptions): Promise<ClaimedNotification[]> {
  const { worker, now, limit, leaseMs } = options;
  const staleBefore = new Date(now.getTime() - leaseMs);
  return db.$queryRaw<ClaimedNotification[]>`
    WITH due AS (
      SELECT id FROM "Notification"
      WHERE (status = 'PENDING' AND "notBefore" <= ${now})
         OR (status = 'SENDING' AND "claimedAt" < ${staleBefore})
      ORDER BY "notBefore"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Notification" AS n
    SET status = 'SENDING', "claimedBy" = ${worker}, "claimedAt" = ${now}
    FROM due WHERE n.id = due.id
    RETURNING n.id, n.key, n."userId", n."channelKey", n."editsId", n.kind, n.payload, n.attempts, n."notBefore", n."claimedBy", n."claimedAt"`;
}

type Claim = Pick<ClaimedNotification, "id" | "claimedBy" | "claimedAt">;

function ours(claim: Claim) {
  return { id: claim.id, status: "SENDING", claimedBy: claim.claimedBy, claimedAt: claim.claimedAt } as const;
}

/**
 * The platform accepted it; `messageRef` is its handle of the message, kept so that the
 * message can be edited later. False when the claim was lost meanwhile (nothing written).
 */
export async function markSent(
  db: Db,
  claim: Claim,
  at: Date,
  messageRef?: Prisma.InputJsonValue | undefined,
): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: ours(claim),
    data: {
      status: "SENT",
      sentAt: at,
      attempts: { increment: 1 },
      lastError: null,
      ...(messageRef ? { messageRef } : {}),
    },
  });
  return count === 1;
}

export interface RetryPlan {
  notBefore: Date;
  error: string;
  /** false when nothing was sent (the local limiter deferred it): attempts stay */
  countAttempt: boolean;
}

export async function scheduleRetry(db: Db, claim: Claim, plan: RetryPlan): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: ours(claim),
    data: {
      status: "PENDING",
      notBefore: plan.notBefore,
      lastError: plan.error,
      ...(plan.countAttempt ? { attempts: { increment: 1 } } : {}),
    },
  });
  return count === 1;
}

/** FAILED (with why) or SKIPPED (nothing to say any more); no further attempts. */
export async function markFinished(
  db: Db,
  claim: Claim,
  outcome: { status: "FAILED" | "SKIPPED"; error: string; countAttempt: boolean },
): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: ours(claim),
    data: {
      status: outcome.status,
      lastError: outcome.error,
      ...(outcome.countAttempt ? { attempts: { increment: 1 } } : {}),
    },
  });
  return count === 1;
}

/**
 * Extends the lease of rows a worker is still working on: claimedAt becomes `at` where
 * the claim (claimedBy and claimedAt) is still the one given. Returns the ids renewed;
 * the caller must carry `at` into those claims, since it is part of their identity.
 */
export async function renewLeases(db: Db, claims: readonly Claim[], at: Date): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const ids = claims.map((c) => c.id);
  const workers = claims.map((c) => c.claimedBy);
  const claimedAts = claims.map((c) => c.claimedAt.toISOString());
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Notification" AS n SET "claimedAt" = ${at}
    FROM unnest(${ids}::text[], ${workers}::text[], ${claimedAts}::timestamptz[]) AS c(id, worker, "claimedAt")
    WHERE n.id = c.id AND n.status = 'SENDING' AND n."claimedBy" = c.worker AND n."claimedAt" = c."claimedAt"
    RETURNING n.id`;
  return new Set(rows.map((r) => r.id));
}

/** The earliest notBefore of a PENDING row, to wake up for it. */
export async function nextDueAt(db: Db): Promise<Date | undefined> {
  const next = await db.notification.findFirst({
    where: { status: "PENDING" },
    orderBy: { notBefore: "asc" },
    select: { notBefore: true },
  });
  return next?.notBefore;
}

/** What an edit needs of the row it edits: whether it went out, and its message handle. */
export async function editedMessage(db: Db, id: string) {
  return db.notification.findUnique({ where: { id }, select: { status: true, messageRef: true } });
}
