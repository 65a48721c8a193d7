// Data access for the loanable kits and reading their bookings; changes to bookings are
// in kit-bookings.ts. A booking occupies its use period widened by the item's transit
// days; the database refuses two live bookings of one item on the same day (the
// exclusion constraint KitBooking_no_overlap). Dates are local calendar dates
// ("YYYY-MM-DD") in and out; the DATE columns hold them as UTC midnights.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { KitBookingStatus } from "../../prisma/generated/enums.ts";
import type { Occupied } from "../kits/availability.ts";
import type { LocalDate } from "../kits/working-days.ts";
import { audit } from "./audit.ts";

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

/** The first approved loan of an item at a library after a date: where a kit sent straight on goes. */
export function nextApprovedBooking(
  db: Db,
  next: { itemId: string; libraryId: string; after: Date },
): Promise<BookingRecord | null> {
  return db.kitBooking.findFirst({
    where: { itemId: next.itemId, libraryId: next.libraryId, status: "APPROVED", useStart: { gt: next.after } },
    orderBy: { useStart: "asc" },
    select: BOOKING_SELECT,
  });
}

export async function bookingStatus(db: Db, id: string): Promise<KitBookingStatus | undefined> {
  return (await db.kitBooking.findUnique({ where: { id }, select: { status: true } }))?.status;
}
