// How a kit travels between bookings and who pays: AKE pays the way out to a borrowing
// library; the library that sends it on, to the next library or back to AKE, pays that.
// Dates are in March 2026 unless said otherwise (1 Mar is a Sunday).
import { describe, expect, it } from "vitest";
import { FORWARD_WITHIN_DAYS, type Leg, legsFor, planLegs, type RouteBooking } from "../domain/kits/routing.ts";

const AKE = { kind: "ake" } as const;
const lib = (libraryId: string) => ({ kind: "library", libraryId }) as const;

const booking = (id: string, libraryId: string, useStart: string, useEnd: string, transitDays = 2): RouteBooking => ({
  id,
  libraryId,
  useStart,
  useEnd,
  transitDays,
});

/** A leg as a reader checks it: who sends to whom, who pays, when. */
const summary = (leg: Leg) => {
  const name = (place: Leg["from"]) => (place.kind === "ake" ? "AKE" : place.libraryId);
  return `${leg.bookingId} ${leg.direction}: ${name(leg.from)} → ${name(leg.to)}, paid by ${name(leg.payer)}, ship ${leg.shipOn}, arrive ${leg.arriveBy}`;
};

// Porvoo uses it Mon 2 – Fri 6 Mar, Loviisa from Wed 11 Mar: five days later
const porvoo = booking("b1", "porvoo", "2026-03-02", "2026-03-06");
const loviisa = booking("b2", "loviisa", "2026-03-11", "2026-03-13");

describe("planning the legs of one kit", () => {
  it("five days apart in different libraries: forwarded, and the first library pays the transfer", () => {
    // given out of order on purpose: the plan follows the calendar
    const legs = planLegs([loviisa, porvoo]);
    expect(legs.map(summary)).toEqual([
      "b1 out: AKE → porvoo, paid by AKE, ship 2026-02-26, arrive 2026-02-27",
      "b1 onward: porvoo → loviisa, paid by porvoo, ship 2026-03-09, arrive 2026-03-11",
      "b2 onward: loviisa → AKE, paid by loviisa, ship 2026-03-16, arrive 2026-03-18",
    ]);
    expect(legs[1]).toEqual({
      bookingId: "b1",
      direction: "onward",
      from: lib("porvoo"),
      to: lib("loviisa"),
      payer: lib("porvoo"),
      shipOn: "2026-03-09",
      arriveBy: "2026-03-11",
    });
  });

  it("thirty days apart: back to AKE at the first library's cost, then out again at AKE's", () => {
    const legs = planLegs([
      booking("b1", "porvoo", "2026-02-02", "2026-02-04"),
      booking("b2", "loviisa", "2026-03-06", "2026-03-12"),
    ]);
    expect(legs.map(summary)).toEqual([
      "b1 out: AKE → porvoo, paid by AKE, ship 2026-01-29, arrive 2026-01-30",
      "b1 onward: porvoo → AKE, paid by porvoo, ship 2026-02-05, arrive 2026-02-09",
      "b2 out: AKE → loviisa, paid by AKE, ship 2026-03-04, arrive 2026-03-05",
      "b2 onward: loviisa → AKE, paid by loviisa, ship 2026-03-13, arrive 2026-03-17",
    ]);
    expect(legs[2]?.payer).toEqual(AKE);
  });

  it(`forwards up to ${FORWARD_WITHIN_DAYS} calendar days after use, not 15`, () => {
    const first = booking("b1", "porvoo", "2026-03-02", "2026-03-05");
    const in14 = planLegs([first, booking("b2", "loviisa", "2026-03-19", "2026-03-20")]);
    expect(in14[1]?.to).toEqual(lib("loviisa"));
    const in15 = planLegs([first, booking("b2", "loviisa", "2026-03-20", "2026-03-23")]);
    expect(in15[1]?.to).toEqual(AKE);
    expect(in15[2]?.from).toEqual(AKE);
  });

  it("the same library back to back keeps the kit: no courier between the bookings", () => {
    const legs = planLegs([porvoo, booking("b2", "porvoo", "2026-03-09", "2026-03-13")]);
    expect(legs.map(summary)).toEqual([
      "b1 out: AKE → porvoo, paid by AKE, ship 2026-02-26, arrive 2026-02-27",
      "b2 onward: porvoo → AKE, paid by porvoo, ship 2026-03-16, arrive 2026-03-18",
    ]);
  });

  it("a stay followed by a transfer: the library sends it on after its second use", () => {
    const legs = planLegs([
      porvoo,
      booking("b2", "porvoo", "2026-03-09", "2026-03-10"),
      booking("b3", "loviisa", "2026-03-16", "2026-03-18"),
    ]);
    expect(legs.map(summary)).toEqual([
      "b1 out: AKE → porvoo, paid by AKE, ship 2026-02-26, arrive 2026-02-27",
      "b2 onward: porvoo → loviisa, paid by porvoo, ship 2026-03-11, arrive 2026-03-13",
      "b3 onward: loviisa → AKE, paid by loviisa, ship 2026-03-19, arrive 2026-03-23",
    ]);
  });

  it("holidays push the courier: used until 23 Dec 2026, the kit leaves on Mon 28 Dec", () => {
    const legs = planLegs([booking("b1", "porvoo", "2026-12-14", "2026-12-23")]);
    expect(legs[1]).toMatchObject({ shipOn: "2026-12-28", arriveBy: "2026-12-30" });
  });

  it("without transit days the kit goes and comes on the use days themselves", () => {
    const legs = planLegs([booking("b1", "porvoo", "2026-03-02", "2026-03-06", 0)]);
    expect(legs.map(summary)).toEqual([
      "b1 out: AKE → porvoo, paid by AKE, ship 2026-03-02, arrive 2026-03-02",
      "b1 onward: porvoo → AKE, paid by porvoo, ship 2026-03-09, arrive 2026-03-09",
    ]);
  });

  it("refuses overlapping bookings of one kit", () => {
    expect(() => planLegs([porvoo, booking("b2", "loviisa", "2026-03-06", "2026-03-10")])).toThrow(/overlap/);
  });

  it("no bookings, no legs", () => {
    expect(planLegs([])).toEqual([]);
  });
});

describe("each library sees its own legs", () => {
  const legs = planLegs([porvoo, loviisa]);

  it("the sender and the receiver of a transfer both see it", () => {
    expect(legsFor("porvoo", legs).map(summary)).toEqual([
      "b1 out: AKE → porvoo, paid by AKE, ship 2026-02-26, arrive 2026-02-27",
      "b1 onward: porvoo → loviisa, paid by porvoo, ship 2026-03-09, arrive 2026-03-11",
    ]);
    expect(legsFor("loviisa", legs).map(summary)).toEqual([
      "b1 onward: porvoo → loviisa, paid by porvoo, ship 2026-03-09, arrive 2026-03-11",
      "b2 onward: loviisa → AKE, paid by loviisa, ship 2026-03-16, arrive 2026-03-18",
    ]);
  });

  it("a library not on the route sees nothing", () => {
    expect(legsFor("vantaa", legs)).toEqual([]);
  });
});

describe("the same plan whatever the machine's time zone", () => {
  it.each(["Pacific/Honolulu", "Pacific/Kiritimati", "UTC"])("%s", (zone) => {
    const bookings = [porvoo, loviisa, booking("b3", "porvoo", "2026-04-01", "2026-04-02")];
    const chatham = planLegs(bookings);
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      expect(new Date("2026-03-01T12:00:00Z").getTimezoneOffset()).not.toBe(-825); // Chatham, summer
      expect(planLegs(bookings)).toEqual(chatham);
    } finally {
      process.env.TZ = saved ?? "";
    }
    // Easter 2026: used until Thu 2 Apr, the kit leaves on Tue 7 Apr
    expect(chatham.at(-1)).toMatchObject({ shipOn: "2026-04-07", arriveBy: "2026-04-09" });
  });
});
