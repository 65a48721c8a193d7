// Registrations and the waitlist. Every write happens in one transaction that first
// locks the session's row, so seat counts cannot race: 50 simultaneous clicks for the
// last 5 seats queue on the lock, and each takes its `seq` (arrival order) while holding
// it. The unique (sessionId, userId) index, used by INSERT … ON CONFLICT, makes
// "register once" hold even for a writer that forgot the lock.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { RegistrationStatus } from "../../prisma/generated/enums.ts";
import {
  cancellationRefusal,
  needsCoreGroup,
  openSeats,
  type PromotionPayload,
  type RegistrationRefusal,
  registrationRefusal,
  seatOutcome,
} from "../registration.ts";
import { planNotifications } from "./outbox.ts";

type Tx = Prisma.TransactionClient;

/**
 * Waiting for the row lock counts against the transaction's timeout: with many clicks
 * queued on one session (and the embedded store running one transaction at a time) the
 * defaults (2 s / 5 s) would turn a queue into errors.
 */
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

/** The session as read under its row lock: what the rules and the replies need. */
export interface LockedSession {
  id: string;
  kind: Prisma.SessionGetPayload<{ select: { kind: true } }>["kind"];
  networkId: string | null;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  startsAt: Date;
  endsAt: Date;
  joinUrl: string | null;
  place: string | null;
  registrationRequired: boolean;
  capacity: number | null;
  registrationDeadline: Date | null;
  cancelledAt: Date | null;
}

/** Locks the session row until the transaction ends; undefined when there is no such session. */
export async function lockSession(tx: Tx, sessionId: string): Promise<LockedSession | undefined> {
  const rows = await tx.$queryRaw<LockedSession[]>`
    SELECT "id", "kind"::text AS "kind", "networkId", "titleFi", "titleSv", "titleEn", "startsAt", "endsAt",
           "joinUrl", "place", "registrationRequired", "capacity", "registrationDeadline", "cancelledAt"
    FROM "Session" WHERE "id" = ${sessionId} FOR UPDATE`;
  return rows[0];
}

export type LiveStatus = "REGISTERED" | "WAITLISTED";

export type RegisterResult =
  | { ok: true; status: "REGISTERED"; session: LockedSession }
  | { ok: true; status: "WAITLISTED"; position: number; session: LockedSession }
  /** a double click, a retry, a second device: the first registration stands */
  | { ok: false; reason: "already"; status: LiveStatus; position?: number; session: LockedSession }
  | { ok: false; reason: RegistrationRefusal; session: LockedSession }
  | { ok: false; reason: "not_found" };

export interface RegisterInput {
  sessionId: string;
  userId: string;
  now: Date;
  isCoordinator: boolean;
  /** called once the row lock is held; lets tests observe the order in which locks were granted */
  onLocked?: () => void;
}

export function register(prisma: PrismaClient, input: RegisterInput): Promise<RegisterResult> {
  const { sessionId, userId, now } = input;
  return prisma.$transaction(async (tx): Promise<RegisterResult> => {
    const session = await lockSession(tx, sessionId);
    if (!session) return { ok: false, reason: "not_found" };
    input.onLocked?.();
    const inCoreGroup =
      needsCoreGroup(session) && !input.isCoordinator && session.networkId !== null
        ? (await tx.coreGroupMember.count({ where: { networkId: session.networkId, userId } })) > 0
        : false;
    const refusal = registrationRefusal(session, { isCoordinator: input.isCoordinator, inCoreGroup }, now);
    if (refusal) return { ok: false, reason: refusal, session };
    const registered = await tx.registration.count({ where: { sessionId, status: RegistrationStatus.REGISTERED } });
    const status = seatOutcome(session.capacity, registered);
    // Insert, or revive a cancelled row with a fresh seq: re-registering joins the end of the line.
    const written = await tx.$queryRaw<{ seq: bigint }[]>`
      INSERT INTO "Registration" ("id", "sessionId", "userId", "status", "updatedAt")
      VALUES (${randomUUID()}, ${sessionId}, ${userId}, ${status}::"RegistrationStatus", ${now})
      ON CONFLICT ("sessionId", "userId") DO UPDATE
        SET "status" = EXCLUDED."status",
            "seq" = nextval(pg_get_serial_sequence('"Registration"', 'seq')),
            "cancelledAt" = NULL, "promotedAt" = NULL, "updatedAt" = EXCLUDED."updatedAt"
        WHERE "Registration"."status" = 'CANCELLED'
      RETURNING "seq"`;
    const row = written[0];
    if (!row) {
      const existing = await tx.registration.findUniqueOrThrow({
        where: { sessionId_userId: { sessionId, userId } },
        select: { status: true, seq: true },
      });
      const live = existing.status as LiveStatus;
      if (live === "REGISTERED") return { ok: false, reason: "already", status: live, session };
      return {
        ok: false,
        reason: "already",
        status: live,
        position: await position(tx, sessionId, existing.seq),
        session,
      };
    }
    if (status === "REGISTERED") return { ok: true, status, session };
    return { ok: true, status, position: await position(tx, sessionId, row.seq), session };
  }, TX_OPTIONS);
}

export type CancelResult =
  | { ok: true; was: LiveStatus; session: LockedSession; promotedUserIds: string[] }
  /** cancelling twice, or never registered: nothing changes */
  | { ok: false; reason: "not_registered" | "started"; session: LockedSession }
  | { ok: false; reason: "not_found" };

export function cancel(
  prisma: PrismaClient,
  input: { sessionId: string; userId: string; now: Date },
): Promise<CancelResult> {
  const { sessionId, userId, now } = input;
  return prisma.$transaction(async (tx): Promise<CancelResult> => {
    const session = await lockSession(tx, sessionId);
    if (!session) return { ok: false, reason: "not_found" };
    const mine = await tx.registration.findUnique({
      where: { sessionId_userId: { sessionId, userId } },
      select: { id: true, status: true },
    });
    if (!mine || mine.status === RegistrationStatus.CANCELLED) return { ok: false, reason: "not_registered", session };
    const refusal = cancellationRefusal(session, now);
    if (refusal) return { ok: false, reason: refusal, session };
    await tx.registration.update({
      where: { id: mine.id },
      data: { status: RegistrationStatus.CANCELLED, cancelledAt: now, updatedAt: now },
    });
    const promotedUserIds = mine.status === RegistrationStatus.REGISTERED ? await fillOpenSeats(tx, session, now) : [];
    return { ok: true, was: mine.status as LiveStatus, session, promotedUserIds };
  }, TX_OPTIONS);
}

/**
 * Moves the first waitlisted (by seq) into open seats and plans their "a seat opened up"
 * message, in the caller's transaction. Call with the session locked (`lockSession`):
 * after a cancellation, or when a coordinator raises the capacity. Returns their user ids.
 */
export async function fillOpenSeats(tx: Tx, session: LockedSession, now: Date): Promise<string[]> {
  if (session.cancelledAt || session.startsAt.getTime() <= now.getTime()) return [];
  const registered = await tx.registration.count({
    where: { sessionId: session.id, status: RegistrationStatus.REGISTERED },
  });
  const open = openSeats(session.capacity, registered);
  if (open === 0) return [];
  const next = await tx.registration.findMany({
    where: { sessionId: session.id, status: RegistrationStatus.WAITLISTED },
    orderBy: { seq: "asc" },
    ...(Number.isFinite(open) ? { take: open } : {}),
    select: { id: true, userId: true, seq: true },
  });
  if (next.length === 0) return [];
  await tx.registration.updateMany({
    where: { id: { in: next.map((r) => r.id) }, status: RegistrationStatus.WAITLISTED },
    data: { status: RegistrationStatus.REGISTERED, promotedAt: now, updatedAt: now },
  });
  const payload = promotionPayload(session);
  await planNotifications(
    tx,
    next.map((r) => ({
      // the seq names this place in line: a later promotion after re-registering is a new message
      key: `registrations.promoted:${r.id}:${r.seq}`,
      userId: r.userId,
      kind: "registrations.promoted",
      payload: { ...payload },
      notBefore: now,
    })),
  );
  return next.map((r) => r.userId);
}

function promotionPayload(session: LockedSession): PromotionPayload {
  return {
    sessionId: session.id,
    titleFi: session.titleFi,
    titleSv: session.titleSv,
    titleEn: session.titleEn,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    joinUrl: session.joinUrl,
    place: session.place,
  };
}

type Db = PrismaClient | Tx;

/** 1 for the first in line: waitlisted rows of the session up to and including `seq`. */
function position(db: Db, sessionId: string, seq: bigint): Promise<number> {
  return db.registration.count({ where: { sessionId, status: RegistrationStatus.WAITLISTED, seq: { lte: seq } } });
}

/** The user's place on the waitlist of a session, or undefined when not waitlisted. */
export async function waitlistPosition(db: Db, sessionId: string, userId: string): Promise<number | undefined> {
  const mine = await db.registration.findUnique({
    where: { sessionId_userId: { sessionId, userId } },
    select: { status: true, seq: true },
  });
  return mine?.status === RegistrationStatus.WAITLISTED ? position(db, sessionId, mine.seq) : undefined;
}
