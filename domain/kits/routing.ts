// How one kit travels between its bookings, and who pays each leg. The plan's rule
// (§3.11): AKE pays the transport to the borrowing library; a transfer from one library
// to the next, and the return to AKE, are paid by the library that sends it. Sending a
// kit straight on saves a round trip through Porvoo when the next booking is near.
import { addWorkingDays, daysBetween, type LocalDate } from "./working-days.ts";

export interface RouteBooking {
  id: string;
  libraryId: string;
  useStart: LocalDate;
  useEnd: LocalDate;
  transitDays: number;
}

export type Place = { kind: "ake" } | { kind: "library"; libraryId: string };

export interface Leg {
  /** The booking the kit is travelling to ("out") or leaving ("onward"). */
  bookingId: string;
  direction: "out" | "onward";
  from: Place;
  to: Place;
  payer: Place;
  /** The working day the sender hands the kit to the courier. */
  shipOn: LocalDate;
  arriveBy: LocalDate;
}

/** A kit goes straight to the next library when that use starts within this many calendar days. */
export const FORWARD_WITHIN_DAYS = 14;

const AKE: Place = { kind: "ake" };
const library = (libraryId: string): Place => ({ kind: "library", libraryId });

/** The legs of one item's bookings (in any order), in travel order. */
export function planLegs(bookings: readonly RouteBooking[]): Leg[] {
  const sorted = [...bookings].sort((a, b) => compare(a.useStart, b.useStart) || compare(a.id, b.id));
  const legs: Leg[] = [];
  let arrivedWithKit = false; // the previous booking forwarded the kit here or it stayed
  sorted.forEach((booking, index) => {
    if (booking.useEnd < booking.useStart) {
      throw new RangeError(`booking ${booking.id} ends before it starts: ${booking.useStart}–${booking.useEnd}`);
    }
    if (!arrivedWithKit) legs.push(outFromAke(booking));
    const next = sorted[index + 1];
    if (next !== undefined && next.useStart <= booking.useEnd) {
      // one kit cannot be in two libraries; the booking rules should have refused this
      throw new RangeError(`bookings ${booking.id} and ${next.id} of the same item overlap`);
    }
    const soon = next !== undefined && daysBetween(booking.useEnd, next.useStart) <= FORWARD_WITHIN_DAYS;
    if (soon && next.libraryId === booking.libraryId) {
      arrivedWithKit = true; // the kit stays in the library: no courier, nothing to pay
      return;
    }
    legs.push(onward(booking, soon ? library(next.libraryId) : AKE));
    arrivedWithKit = soon;
  });
  return legs;
}

/** The legs a library sends or receives. */
export function legsFor(libraryId: string, legs: readonly Leg[]): Leg[] {
  const isHere = (place: Place) => place.kind === "library" && place.libraryId === libraryId;
  return legs.filter((leg) => isHere(leg.from) || isHere(leg.to));
}

function outFromAke(booking: RouteBooking): Leg {
  return {
    bookingId: booking.id,
    direction: "out",
    from: AKE,
    to: library(booking.libraryId),
    payer: AKE,
    shipOn: addWorkingDays(booking.useStart, -booking.transitDays),
    // with transit the kit should be there a working day early, so the library can unpack it
    arriveBy: booking.transitDays > 0 ? addWorkingDays(booking.useStart, -1) : booking.useStart,
  };
}

/** A library sends a kit on (to the next library or back to AKE) the first working day after its use. */
export function sendOnDay(useEnd: LocalDate): LocalDate {
  return addWorkingDays(useEnd, 1);
}

function onward(booking: RouteBooking, to: Place): Leg {
  const sender = library(booking.libraryId);
  const shipOn = sendOnDay(booking.useEnd);
  return {
    bookingId: booking.id,
    direction: "onward",
    from: sender,
    to,
    payer: sender,
    shipOn,
    arriveBy: addWorkingDays(shipOn, booking.transitDays),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
