// Coordinators change or cancel sessions. Each change raises the session's sequence (so
// calendars update the event in place) and, in the same transaction, plans a message
// for everyone registered or waitlisted. The session row is locked first, as
// registrations.ts does, so a registration made meanwhile either sees the change or is
// among those told about it.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { PublishedFields } from "../publishing.ts";
import { occurrencesBetween, type RecurrenceRule } from "../recurrence.ts";
import { helsinkiDate, helsinkiInstant } from "../time.ts";
import { audit } from "./audit.ts";
import { planNotifications } from "./outbox.ts";
import { commonData, deadlineOf, materializeAndComplete } from "./publishing.ts";
import { fillOpenSeats, lockSession } from "./registrations.ts";

type Tx = Prisma.TransactionClient;
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

export const SESSION_CHANGED = "publishing.sessionChanged";
export const SESSION_CANCELLED = "publishing.sessionCancelled";

/** What a change or cancellation notice carries: the renderer gets only this. */
export interface SessionNoticePayload {
  sessionId: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  /** ISO instants */
  oldStartsAt: string;
  oldEndsAt: string;
  startsAt: string;
  endsAt: string;
  joinUrl: string | null;
  place: string | null;
  reason: string | null;
}

type SessionRow = Prisma.SessionGetPayload<object>;

/** Tells every registered and waitlisted user; one message per registration and sequence. */
async function notifyRegistrants(tx: Tx, kind: string, before: SessionRow, after: SessionRow, reason: string | null) {
  const registrations = await tx.registration.findMany({
    where: { sessionId: after.id, status: { in: ["REGISTERED", "WAITLISTED"] } },
    select: { id: true, userId: true },
  });
  const payload: SessionNoticePayload = {
    sessionId: after.id,
    titleFi: after.titleFi,
    titleSv: after.titleSv,
    titleEn: after.titleEn,
    oldStartsAt: before.startsAt.toISOString(),
    oldEndsAt: before.endsAt.toISOString(),
    startsAt: after.startsAt.toISOString(),
    endsAt: after.endsAt.toISOString(),
    joinUrl: after.joinUrl,
    place: after.place,
    reason,
  };
  return planNotifications(
    tx,
    registrations.map((r) => ({
      key: `${kind}:${r.id}:${after.sequence}`,
      userId: r.userId,
      kind,
      payload: { ...payload },
    })),
  );
}

const COMPARED = [
  ...["kind", "networkId", "titleFi", "titleSv", "titleEn", "descriptionFi", "descriptionSv", "joinUrl", "place"],
  ...["registrationRequired", "capacity", "hostLibraryId"],
] as const;

/** True when the new values differ from the row: an edit that changes nothing is not a change. */
function differs(row: SessionRow, data: Record<string, unknown> & { startsAt: Date; endsAt: Date }): boolean {
  const time = (a: Date | null, b: unknown) => (a?.getTime() ?? null) !== ((b as Date | null)?.getTime() ?? null);
  return (
    COMPARED.some((key) => row[key] !== data[key]) ||
    row.languages.join() !== (data.languages as string[]).join() ||
    time(row.startsAt, data.startsAt) ||
    time(row.endsAt, data.endsAt) ||
    time(row.registrationDeadline, data.registrationDeadline)
  );
}

/** Applies new values to a locked session: sequence, seats freed by a larger capacity, notices. */
async function applyChange(tx: Tx, row: SessionRow, data: Prisma.SessionUncheckedUpdateInput, now: Date) {
  const after = await tx.session.update({ where: { id: row.id }, data: { ...data, sequence: { increment: 1 } } });
  const notified = await notifyRegistrants(tx, SESSION_CHANGED, row, after, null);
  const locked = await lockSession(tx, row.id);
  if (locked && (after.capacity ?? Number.POSITIVE_INFINITY) > (row.capacity ?? Number.POSITIVE_INFINITY)) {
    await fillOpenSeats(tx, locked, now);
  }
  return notified;
}

export type ChangeResult =
  | { ok: true; changed: number; cancelled: number; notified: number }
  | { ok: false; reason: "gone" | "stale" };

async function lockedRow(tx: Tx, sessionId: string, sequence: number): Promise<SessionRow | "gone" | "stale"> {
  if (!(await lockSession(tx, sessionId))) return "gone";
  const row = await tx.session.findUniqueOrThrow({ where: { id: sessionId } });
  if (row.cancelledAt) return "gone";
  // another coordinator saved meanwhile: this form shows old values
  return row.sequence === sequence ? row : "stale";
}

/** "This one": the session alone; an occurrence of a series is detached from it for good. */
export function editSession(
  prisma: PrismaClient,
  input: { sessionId: string; sequence: number; fields: PublishedFields; actorId: string; now: Date },
): Promise<ChangeResult> {
  const { sessionId, fields, actorId, now } = input;
  return prisma.$transaction(async (tx): Promise<ChangeResult> => {
    const row = await lockedRow(tx, sessionId, input.sequence);
    if (typeof row === "string") return { ok: false, reason: row };
    const data = {
      ...commonData(fields),
      startsAt: fields.startsAt,
      endsAt: fields.endsAt,
      hostLibraryId: fields.hostRotation[0] ?? null,
      registrationDeadline: deadlineOf(fields.startsAt, fields.deadlineHours),
    };
    if (!differs(row, data)) return { ok: true, changed: 0, cancelled: 0, notified: 0 };
    const notified = await applyChange(tx, row, { ...data, detached: row.seriesId !== null }, now);
    await audit(tx, { actorUserId: actorId, action: "session.edited", subjectType: "Session", subjectId: sessionId });
    return { ok: true, changed: 1, cancelled: 0, notified };
  }, TX_OPTIONS);
}

/**
 * "All coming": the series gets the new values and rule; every coming occurrence not
 * edited on its own follows, keeping its Helsinki date and taking the new wall-clock
 * time (so 09:00 stays 09:00 across a daylight-saving change). An occurrence whose date
 * the new rule no longer has is cancelled; dates it newly has are materialised.
 */
export async function editSeries(
  prisma: PrismaClient,
  input: {
    sessionId: string;
    sequence: number;
    fields: PublishedFields;
    rule: RecurrenceRule;
    actorId: string;
    now: Date;
  },
): Promise<ChangeResult> {
  const { fields, rule, actorId, now } = input;
  let seriesId = "";
  const result = await prisma.$transaction(async (tx): Promise<ChangeResult> => {
    const clicked = await lockedRow(tx, input.sessionId, input.sequence);
    if (typeof clicked === "string") return { ok: false, reason: clicked };
    if (!clicked.seriesId) return { ok: false, reason: "gone" };
    seriesId = clicked.seriesId;
    await tx.series.update({
      where: { id: seriesId },
      data: {
        ...commonData(fields),
        rule: rule as unknown as Prisma.InputJsonValue,
        hostRotation: fields.hostRotation,
        registrationClosesHoursBefore: fields.deadlineHours,
      },
    });
    const today = helsinkiInstant(helsinkiDate(now), "00:00");
    const rows = await tx.session.findMany({
      where: { seriesId, detached: false, cancelledAt: null, startsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
    });
    const last = rows.at(-1)?.startsAt ?? now;
    const occurrences = new Map(
      occurrencesBetween(rule, today, new Date(last.getTime() + 3 * 86_400_000)).map((o) => [o.date, o]),
    );
    let changed = 0;
    let cancelled = 0;
    let notified = 0;
    for (const row of rows) {
      await lockSession(tx, row.id);
      const occurrence = occurrences.get(row.occurrenceDate ?? "");
      if (!occurrence) {
        notified += await cancelRow(tx, row, null, now);
        cancelled++;
        continue;
      }
      const rotation = fields.hostRotation;
      const data = {
        ...commonData(fields),
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        hostLibraryId: rotation.length > 0 ? (rotation[occurrence.index % rotation.length] ?? null) : null,
        registrationDeadline: deadlineOf(occurrence.startsAt, fields.deadlineHours),
      };
      if (!differs(row, data)) continue;
      notified += await applyChange(tx, row, data, now);
      changed++;
    }
    const details = { changed, cancelled, rule: rule as unknown as Prisma.InputJsonValue };
    await audit(tx, {
      actorUserId: actorId,
      action: "series.edited",
      subjectType: "Series",
      subjectId: seriesId,
      details,
    });
    return { ok: true, changed, cancelled, notified };
  }, TX_OPTIONS);
  if (result.ok) await materializeAndComplete(prisma, seriesId, now);
  return result;
}

async function cancelRow(tx: Tx, row: SessionRow, reason: string | null, now: Date): Promise<number> {
  const after = await tx.session.update({
    where: { id: row.id },
    data: { cancelledAt: now, cancelReason: reason, sequence: { increment: 1 } },
  });
  return notifyRegistrants(tx, SESSION_CANCELLED, row, after, reason);
}

/** Cancels one session (an occurrence stays cancelled: the series will not recreate it). */
export function cancelSession(
  prisma: PrismaClient,
  input: { sessionId: string; sequence: number; reason: string | null; actorId: string; now: Date },
): Promise<ChangeResult> {
  const { sessionId, reason, actorId, now } = input;
  return prisma.$transaction(async (tx): Promise<ChangeResult> => {
    const row = await lockedRow(tx, sessionId, input.sequence);
    if (typeof row === "string") return { ok: false, reason: row };
    const notified = await cancelRow(tx, row, reason, now);
    const details = reason ? { reason } : {};
    await audit(tx, {
      actorUserId: actorId,
      action: "session.cancelled",
      subjectType: "Session",
      subjectId: sessionId,
      details,
    });
    return { ok: true, changed: 0, cancelled: 1, notified };
  }, TX_OPTIONS);
}
