// What the kits' cards share: names in the reader's language, the booking's facts and
// transport legs, and who may act on a booking.
import { type Leg, type Place, planLegs } from "../../../domain/kits/routing.ts";
import { type BookingRecord, fromDbDate, itemBookingsAround } from "../../../domain/store/kits.ts";
import { findLibraries } from "../../../domain/store/people.ts";
import { addCalendarDays } from "../../../domain/time.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import { formatDateRange, formatLocalDate, localized } from "../../format.ts";
import { featureTranslator, type Language } from "../../i18n/index.ts";
import { isCoordinator, type Turn } from "../../turn.ts";
import { libraryName } from "../people/library.ts";

export function kitsT(language: Language) {
  return featureTranslator(language, "kits");
}

export function itemName(item: { nameFi: string; nameSv: string; nameEn: string }, language: Language): string {
  return localized(item, "name", language);
}

export function bookingLibraryName(booking: Pick<BookingRecord, "library">, language: Language): string {
  return booking.library ? libraryName(booking.library, language) : "AKE";
}

export function period(booking: Pick<BookingRecord, "useStart" | "useEnd">, language: Language): string {
  return formatDateRange(fromDbDate(booking.useStart), fromDbDate(booking.useEnd), language);
}

/** Staff of the booking's library, its requester and coordinators act on a booking. */
export function mayActOn(turn: Turn, booking: Pick<BookingRecord, "libraryId" | "requesterId">): boolean {
  return (
    isCoordinator(turn) ||
    turn.user.id === booking.requesterId ||
    (booking.libraryId !== null && turn.user.libraryId === booking.libraryId)
  );
}

/** Bookings this close before and after are enough to route a booking's legs. */
const ROUTE_MARGIN_DAYS = 60;

/** The legs of the item's route that touch this booking: how it arrives and where it goes. */
export async function legsOf(prisma: PrismaClient, booking: BookingRecord): Promise<Leg[]> {
  if (booking.purpose !== "LOAN" || !booking.libraryId) return [];
  const start = fromDbDate(booking.useStart);
  const end = fromDbDate(booking.useEnd);
  const around = await itemBookingsAround(
    prisma,
    booking.itemId,
    addCalendarDays(start, -ROUTE_MARGIN_DAYS),
    addCalendarDays(end, ROUTE_MARGIN_DAYS),
  );
  const route = around.some((b) => b.id === booking.id) ? around : [...around, booking];
  const legs = planLegs(
    route.map((b) => ({
      id: b.id,
      libraryId: b.libraryId ?? "",
      useStart: fromDbDate(b.useStart),
      useEnd: fromDbDate(b.useEnd),
      transitDays: b.item.transitDays,
    })),
  );
  const previous = route[route.findIndex((b) => b.id === booking.id) - 1];
  // this booking's onward leg, and the leg that brings the kit to it (its own "out" leg,
  // or the previous booking's onward leg when that one forwards it here)
  return legs.filter(
    (leg) =>
      leg.bookingId === booking.id ||
      (previous &&
        leg.bookingId === previous.id &&
        leg.direction === "onward" &&
        leg.to.kind === "library" &&
        leg.to.libraryId === booking.libraryId),
  );
}

export async function placeNames(prisma: PrismaClient, legs: readonly Leg[], language: Language) {
  const ids = [
    ...new Set(
      legs.flatMap((leg) => [leg.from, leg.to, leg.payer]).flatMap((p) => (p.kind === "library" ? [p.libraryId] : [])),
    ),
  ];
  const libraries = await findLibraries(prisma, ids);
  const names = new Map(libraries.map((l) => [l.id, libraryName(l, language)]));
  return (place: Place) =>
    place.kind === "ake" ? kitsT(language)("booking.ake") : (names.get(place.libraryId) ?? place.libraryId);
}

export function legLine(leg: Leg, name: (place: Place) => string, language: Language): string {
  return kitsT(language)("booking.legOut", {
    from: name(leg.from),
    to: name(leg.to),
    date: formatLocalDate(leg.shipOn, language),
    payer: name(leg.payer),
  });
}

/** The facts of a booking every card shows: use, courier days, contact, notes (its status is the card's own). */
export function bookingFacts(booking: BookingRecord, legs: readonly Leg[], language: Language) {
  const t = kitsT(language);
  const out = legs.find((leg) => leg.direction === "out" || leg.bookingId !== booking.id);
  const onward = legs.find((leg) => leg.bookingId === booking.id && leg.direction === "onward");
  const facts = [{ label: t("booking.use"), value: period(booking, language) }];
  if (out && onward) {
    facts.push({
      label: t("booking.transit"),
      value: t("booking.transitValue", {
        send: formatLocalDate(out.shipOn, language),
        back: formatLocalDate(onward.shipOn, language),
      }),
    });
  }
  if (booking.contactName) facts.push({ label: t("booking.contact"), value: booking.contactName });
  if (booking.notes) facts.push({ label: t("booking.notes"), value: booking.notes });
  return facts;
}
