// Changes to kit bookings: a request stored with its approval, the kit's life from one
// status to the next, cancelling, moving, maintenance blocks and a resubmitted request.
// Every change that touches the days goes through the exclusion constraint
// KitBooking_no_overlap: a change that would make two live bookings of one item share
// a day is refused by the database and answered `conflict`, whatever runs at once.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { KitBookingStatus } from "../../prisma/generated/enums.ts";
import type { LocalDate } from "../kits/working-days.ts";
import { openApproval, reopenApproval, withdrawApproval } from "./approvals.ts";
import { audit } from "./audit.ts";
import { isOverlapViolation, KIT_APPROVAL, KIT_CHANGED_KIND, toDbDate } from "./kits.ts";
import { planNotifications } from "./outbox.ts";

type Db = PrismaClient | Prisma.TransactionClient;

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
