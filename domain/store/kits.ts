// Data access for the loanable kits and their bookings. A booking occupies its use
// period widened by the item's transit days; the database refuses two live bookings of
// one item on the same day (the exclusion constraint KitBooking_no_overlap), so a
// request racing another for the same days loses cleanly with `conflict`, whatever the
// number of instances. Dates are local calendar dates ("YYYY-MM-DD") in and out; the
// DATE columns hold them as UTC midnights.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { KitBookingStatus } from "../../prisma/generated/enums.ts";
import type { Occupied } from "../kits/availability.ts";
import type { LocalDate } from "../kits/working-days.ts";
import { openApproval, reopenApproval, withdrawApproval } from "./approvals.ts";
import { audit } from "./audit.ts";
import { planNotifications } from "./outbox.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export const KIT_APPROVAL = "kitBooking";
export const KIT_CHANGED_KIND = "kits.changed";

/** Statuses that hold the item's days; rejected and cancelled bookings free them. */
export const LIVE_STATUSES: readonly KitBookingStatus[] = [
  "REQUESTED",
  "APPROVED",
  "SENT",
  "RECEIVED",
  "FORWARDED",
  "RETURNED",
  "CLOSED",
];

export function toDbDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function fromDbDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

export type LoanItemRecord = Prisma.LoanItemGetPayload<object>;

export function listItems(db: Db, options: { includeRetired?: boolean } = {}): Promise<LoanItemRecord[]> {
  return db.loanItem.findMany({
    where: options.includeRetired ? {} : { retiredAt: null },
    orderBy: { nameFi: "asc" },
  });
}

export function findItem(db: Db, id: string): Promise<LoanItemRecord | null> {
  return db.loanItem.findUnique({ where: { id } });
}

export interface OccupiedBooking extends Occupied {
  id: string;
  purpose: "LOAN" | "MAINTENANCE";
  libraryId: string | null;
  useStart: LocalDate;
  useEnd: LocalDate;
  status: KitBookingStatus;
}

/**
 * Live bookings of an item that occupy any day of [from, to]. Written as the same range
 * test the exclusion constraint uses, so the constraint's GiST index answers it however
 * many past bookings the item has.
 */
export async function occupiedBetween(db: Db, itemId: string, from: LocalDate, to: LocalDate) {
  const rows = await db.$queryRaw<
    {
      id: string;
      purpose: "LOAN" | "MAINTENANCE";
      libraryId: string | null;
      useStart: Date;
      useEnd: Date;
      occupiedStart: Date;
      occupiedEnd: Date;
      status: KitBookingStatus;
    }[]
  >`
    SELECT id, purpose::text AS purpose, "libraryId", "useStart", "useEnd", "occupiedStart", "occupiedEnd", status::text AS status
    FROM "KitBooking"
    WHERE "itemId" = ${itemId}
      AND status NOT IN ('REJECTED', 'CANCELLED')
      AND daterange("occupiedStart", "occupiedEnd", '[]') && daterange(${from}::date, ${to}::date, '[]')
    ORDER BY "occupiedStart"`;
  return rows.map(
    (r): OccupiedBooking => ({
      id: r.id,
      purpose: r.purpose,
      libraryId: r.libraryId,
      status: r.status,
      useStart: fromDbDate(r.useStart),
      useEnd: fromDbDate(r.useEnd),
      start: fromDbDate(r.occupiedStart),
      end: fromDbDate(r.occupiedEnd),
    }),
  );
}

/** True for the database refusing an overlapping booking (SQLSTATE 23P01). */
export function isOverlapViolation(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; originalCode?: unknown };
  if (e.code === "23P01" || e.originalCode === "23P01") return true;
  if (typeof e.message === "string" && e.message.includes("KitBooking_no_overlap")) return true;
  return isOverlapViolation(e.cause, depth + 1) || isOverlapViolation(e.meta, depth + 1);
}

export interface NewBooking {
  itemId: string;
  libraryId: string;
  requesterId: string;
  contactName: string;
  notes: string;
  use: { start: LocalDate; end: LocalDate };
  occupied: { start: LocalDate; end: LocalDate };
  now: Date;
}

export type CreateResult = { ok: true; bookingId: string; approvalId: string } | { ok: false; reason: "conflict" };

/** Stores a request and opens its approval, in one transaction; nothing is kept on a conflict. */
export async function createBooking(prisma: PrismaClient, booking: NewBooking): Promise<CreateResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const created = await tx.kitBooking.create({
        data: {
          itemId: booking.itemId,
          libraryId: booking.libraryId,
          requesterId: booking.requesterId,
          contactName: booking.contactName,
          notes: booking.notes,
          useStart: toDbDate(booking.use.start),
          useEnd: toDbDate(booking.use.end),
          occupiedStart: toDbDate(booking.occupied.start),
          occupiedEnd: toDbDate(booking.occupied.end),
          statusAt: booking.now,
        },
        select: { id: true },
      });
      const approval = await openApproval(tx, {
        subjectType: KIT_APPROVAL,
        subjectId: created.id,
        requesterId: booking.requesterId,
        now: booking.now,
      });
      return { ok: true as const, bookingId: created.id, approvalId: approval.id };
    });
  } catch (error) {
    if (isOverlapViolation(error)) return { ok: false, reason: "conflict" };
    throw error;
  }
}

export const BOOKING_SELECT = {
  id: true,
  itemId: true,
  purpose: true,
  libraryId: true,
  requesterId: true,
  contactName: true,
  notes: true,
  useStart: true,
  useEnd: true,
  occupiedStart: true,
  occupiedEnd: true,
  status: true,
  sentOnTo: true,
  statusAt: true,
  createdAt: true,
  item: true,
  library: { select: { id: true, nameFi: true, nameSv: true, municipality: true } },
} as const;

export type BookingRecord = Prisma.KitBookingGetPayload<{ select: typeof BOOKING_SELECT }>;

export function findBooking(db: Db, id: string): Promise<BookingRecord | null> {
  return db.kitBooking.findUnique({ where: { id }, select: BOOKING_SELECT });
}

/** A library's bookings that still matter: not closed, rejected or cancelled; soonest first. */
export function libraryBookings(db: Db, libraryId: string, take = 20): Promise<BookingRecord[]> {
  return db.kitBooking.findMany({
    where: { libraryId, status: { notIn: ["CLOSED", "REJECTED", "CANCELLED"] } },
    orderBy: { useStart: "asc" },
    take,
    select: BOOKING_SELECT,
  });
}

/** The live bookings of an item around a date: what the routing of its legs needs. */
export function itemBookingsAround(db: Db, itemId: string, from: LocalDate, to: LocalDate): Promise<BookingRecord[]> {
  return db.kitBooking.findMany({
    where: {
      itemId,
      purpose: "LOAN",
      status: { in: [...LIVE_STATUSES] },
      useEnd: { gte: toDbDate(from) },
      useStart: { lte: toDbDate(to) },
    },
    orderBy: { useStart: "asc" },
    select: BOOKING_SELECT,
  });
}

/**
 * Moves a booking from one status to the next if it is still in `from` (a double click
 * or a second person finds it moved and changes nothing). Also plans the notice to the
 * library when someone else (a coordinator) made the change.
 */
export async function transitionBooking(
  db: Db,
  change: {
    bookingId: string;
    from: readonly KitBookingStatus[];
    to: KitBookingStatus;
    actorId: string;
    now: Date;
    sentOnTo?: string;
    details?: Prisma.InputJsonValue;
  },
): Promise<boolean> {
  const { count } = await db.kitBooking.updateMany({
    where: { id: change.bookingId, status: { in: [...change.from] } },
    data: { status: change.to, statusAt: change.now, ...(change.sentOnTo ? { sentOnTo: change.sentOnTo } : {}) },
  });
  if (count === 0) return false;
  await audit(db, {
    actorUserId: change.actorId,
    action: `kit.${change.to.toLowerCase()}`,
    subjectType: KIT_APPROVAL,
    subjectId: change.bookingId,
    details: change.details ?? {},
  });
  return true;
}

/** Tells the booking's requester what a coordinator changed (cancelled, moved). */
export async function planBookingNotice(
  db: Db,
  booking: { id: string; requesterId: string | null },
  change: "cancelled" | "moved",
  now: Date,
  reason?: string,
): Promise<void> {
  if (!booking.requesterId) return;
  await planNotifications(db, [
    {
      key: `kit:${booking.id}:${change}:${now.getTime()}`,
      userId: booking.requesterId,
      kind: KIT_CHANGED_KIND,
      payload: { bookingId: booking.id, change, ...(reason ? { reason } : {}) },
      notBefore: now,
    },
  ]);
}

/** Cancels a booking (its days are freed); a pending approval is withdrawn with it. */
export async function cancelBooking(
  prisma: PrismaClient,
  cancel: { bookingId: string; actorId: string; now: Date; reason?: string; notify: boolean },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const booking = await tx.kitBooking.findUnique({
      where: { id: cancel.bookingId },
      select: { id: true, requesterId: true },
    });
    if (!booking) return false;
    const done = await transitionBooking(tx, {
      bookingId: cancel.bookingId,
      from: ["REQUESTED", "APPROVED"],
      to: "CANCELLED",
      actorId: cancel.actorId,
      now: cancel.now,
      details: cancel.reason ? { reason: cancel.reason } : {},
    });
    if (!done) return false;
    await withdrawApproval(tx, { subjectType: KIT_APPROVAL, subjectId: cancel.bookingId }, cancel.actorId, cancel.now);
    if (cancel.notify) await planBookingNotice(tx, booking, "cancelled", cancel.now, cancel.reason);
    return true;
  });
}

export type MoveResult = "moved" | "conflict" | "not_movable";

/** New dates for a booking not yet on its way; the exclusion constraint checks them. */
export async function moveBooking(
  prisma: PrismaClient,
  move: {
    bookingId: string;
    actorId: string;
    use: { start: LocalDate; end: LocalDate };
    occupied: { start: LocalDate; end: LocalDate };
    now: Date;
    notify: boolean;
  },
): Promise<MoveResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const booking = await tx.kitBooking.findUnique({ where: { id: move.bookingId }, select: { requesterId: true } });
      const { count } = await tx.kitBooking.updateMany({
        where: { id: move.bookingId, status: { in: ["REQUESTED", "APPROVED"] } },
        data: {
          useStart: toDbDate(move.use.start),
          useEnd: toDbDate(move.use.end),
          occupiedStart: toDbDate(move.occupied.start),
          occupiedEnd: toDbDate(move.occupied.end),
        },
      });
      if (count === 0 || !booking) return "not_movable" as const;
      await audit(tx, {
        actorUserId: move.actorId,
        action: "kit.moved",
        subjectType: KIT_APPROVAL,
        subjectId: move.bookingId,
        details: { from: move.use.start, to: move.use.end },
      });
      if (move.notify) await planBookingNotice(tx, { id: move.bookingId, ...booking }, "moved", move.now);
      return "moved" as const;
    });
  } catch (error) {
    if (isOverlapViolation(error)) return "conflict";
    throw error;
  }
}

/** Maintenance: dates nobody can book; a block is a booking without a library. */
export async function blockDates(
  prisma: PrismaClient,
  block: { itemId: string; actorId: string; start: LocalDate; end: LocalDate; reason: string; now: Date },
): Promise<"blocked" | "conflict"> {
  try {
    await prisma.$transaction(async (tx) => {
      const created = await tx.kitBooking.create({
        data: {
          itemId: block.itemId,
          purpose: "MAINTENANCE",
          requesterId: block.actorId,
          notes: block.reason,
          useStart: toDbDate(block.start),
          useEnd: toDbDate(block.end),
          occupiedStart: toDbDate(block.start),
          occupiedEnd: toDbDate(block.end),
          status: "APPROVED",
          statusAt: block.now,
        },
        select: { id: true },
      });
      await audit(tx, {
        actorUserId: block.actorId,
        action: "kit.blocked",
        subjectType: "loanItem",
        subjectId: block.itemId,
        details: { bookingId: created.id, start: block.start, end: block.end, reason: block.reason },
      });
    });
    return "blocked";
  } catch (error) {
    if (isOverlapViolation(error)) return "conflict";
    throw error;
  }
}

/** Where each item is: the latest booking that has the kit away from AKE, if any. */
export async function kitsAway(db: Db): Promise<BookingRecord[]> {
  const away = await db.kitBooking.findMany({
    where: { status: { in: ["SENT", "RECEIVED", "FORWARDED", "RETURNED"] } },
    orderBy: { statusAt: "desc" },
    select: BOOKING_SELECT,
  });
  // a forwarded booking's kit is on its way to the next one, which is SENT: that one says where
  const latest = new Map<string, BookingRecord>();
  for (const booking of away)
    if (booking.status !== "FORWARDED" && !latest.has(booking.itemId)) latest.set(booking.itemId, booking);
  for (const booking of away) if (!latest.has(booking.itemId)) latest.set(booking.itemId, booking);
  return [...latest.values()];
}

export interface ItemChanges {
  transitDays?: number;
  maxLoanDays?: number;
  retire?: boolean;
}

export async function updateItem(
  prisma: PrismaClient,
  itemId: string,
  changes: ItemChanges,
  actorId: string,
  now: Date,
) {
  await prisma.$transaction(async (tx) => {
    await tx.loanItem.update({
      where: { id: itemId },
      data: {
        ...(changes.transitDays !== undefined ? { transitDays: changes.transitDays } : {}),
        ...(changes.maxLoanDays !== undefined ? { maxLoanDays: changes.maxLoanDays } : {}),
        ...(changes.retire === undefined ? {} : { retiredAt: changes.retire ? now : null }),
      },
    });
    await audit(tx, {
      actorUserId: actorId,
      action: "kit.item_changed",
      subjectType: "loanItem",
      subjectId: itemId,
      details: { ...changes },
    });
  });
}

export async function addItem(
  prisma: PrismaClient,
  item: Omit<Prisma.LoanItemCreateInput, "bookings">,
  actorId: string,
): Promise<"added" | "exists"> {
  const { count } = await prisma.loanItem.createMany({ data: [item], skipDuplicates: true });
  if (count === 0) return "exists";
  await audit(prisma, { actorUserId: actorId, action: "kit.item_added", subjectType: "loanItem", subjectId: item.id });
  return "added";
}

/**
 * The requester changed a request a coordinator asked them to change: new dates and
 * details, and the approval is pending again — one transaction, so a conflict leaves
 * both as they were.
 */
export async function resubmitBooking(
  prisma: PrismaClient,
  change: {
    bookingId: string;
    actorId: string;
    libraryId: string;
    contactName: string;
    notes: string;
    use: { start: LocalDate; end: LocalDate };
    occupied: { start: LocalDate; end: LocalDate };
    now: Date;
  },
): Promise<"resubmitted" | "conflict" | "not_editable"> {
  try {
    return await prisma.$transaction(async (tx) => {
      const approval = await tx.approval.findUnique({
        where: { subjectType_subjectId: { subjectType: KIT_APPROVAL, subjectId: change.bookingId } },
        select: { id: true, status: true },
      });
      if (approval?.status !== "CHANGES_REQUESTED") return "not_editable" as const;
      const { count } = await tx.kitBooking.updateMany({
        where: { id: change.bookingId, status: "REQUESTED" },
        data: {
          libraryId: change.libraryId,
          contactName: change.contactName,
          notes: change.notes,
          useStart: toDbDate(change.use.start),
          useEnd: toDbDate(change.use.end),
          occupiedStart: toDbDate(change.occupied.start),
          occupiedEnd: toDbDate(change.occupied.end),
        },
      });
      if (count === 0) return "not_editable" as const;
      await reopenApproval(tx, approval.id, change.actorId, change.now);
      return "resubmitted" as const;
    });
  } catch (error) {
    if (isOverlapViolation(error)) return "conflict";
    throw error;
  }
}

/** The library got the kit; a previous library that forwarded it here is done with it. */
export async function receiveBooking(prisma: PrismaClient, change: { bookingId: string; actorId: string; now: Date }) {
  return prisma.$transaction(async (tx) => {
    const done = await transitionBooking(tx, { ...change, from: ["SENT"], to: "RECEIVED" });
    if (done) {
      const previous = await tx.kitBooking.findMany({
        where: { sentOnTo: change.bookingId, status: "FORWARDED" },
        select: { id: true },
      });
      for (const p of previous) {
        await transitionBooking(tx, {
          bookingId: p.id,
          from: ["FORWARDED"],
          to: "CLOSED",
          actorId: change.actorId,
          now: change.now,
        });
      }
    }
    return done;
  });
}

/**
 * The holding library sent the kit on: straight to the next booking (which is then on
 * its way) or back to AKE.
 */
export async function sendOnBooking(
  prisma: PrismaClient,
  change: { bookingId: string; actorId: string; now: Date; nextBookingId: string | null },
) {
  return prisma.$transaction(async (tx) => {
    const { nextBookingId, ...rest } = change;
    if (!nextBookingId) return transitionBooking(tx, { ...rest, from: ["RECEIVED"], to: "RETURNED", sentOnTo: "ake" });
    const done = await transitionBooking(tx, { ...rest, from: ["RECEIVED"], to: "FORWARDED", sentOnTo: nextBookingId });
    if (done) {
      await transitionBooking(tx, {
        bookingId: nextBookingId,
        from: ["APPROVED"],
        to: "SENT",
        actorId: change.actorId,
        now: change.now,
      });
    }
    return done;
  });
}

/** Per item, the soonest approved loan still waiting to be sent: what AKE sends out next. */
export async function nextToSend(db: Db): Promise<BookingRecord[]> {
  const approved = await db.kitBooking.findMany({
    where: { status: "APPROVED", purpose: "LOAN" },
    orderBy: { useStart: "asc" },
    select: BOOKING_SELECT,
  });
  const first = new Map<string, BookingRecord>();
  for (const booking of approved) if (!first.has(booking.itemId)) first.set(booking.itemId, booking);
  return [...first.values()];
}
