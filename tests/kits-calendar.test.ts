// The courier's calendar and kit availability. Vitest runs in Pacific/Chatham
// (vitest.config.ts); the last block also switches the process' zone on the fly, so a
// date read with the machine's zone instead of Helsinki's shows up as a different answer.
// 2026 landmarks: Good Friday 3 Apr and Easter Monday 6 Apr, Midsummer Eve Fri 19 Jun,
// Christmas Eve Thu 24 Dec, New Year's Eve Thu 31 Dec (bank days count as days off).
import { describe, expect, it } from "vitest";
import { nextFreeWindow, type Occupied, overlaps, weeklyAvailability } from "../domain/kits/availability.ts";
import {
  addWorkingDays,
  daysBetween,
  isWorkingDay,
  type LocalDate,
  todayInHelsinki,
  transitWindow,
} from "../domain/kits/working-days.ts";
import { addCalendarDays } from "../domain/time.ts";

describe("working days: Monday to Friday less Finnish public and bank holidays", () => {
  it("Easter: the day after Maundy Thursday is the Tuesday after Easter Monday", () => {
    expect(isWorkingDay("2026-04-03")).toBe(false);
    expect(isWorkingDay("2026-04-06")).toBe(false);
    expect(addWorkingDays("2026-04-02", 1)).toBe("2026-04-07");
    expect(addWorkingDays("2026-04-07", -1)).toBe("2026-04-02");
  });

  it("Midsummer Eve and Christmas Eve are days off although only bank holidays", () => {
    expect(isWorkingDay("2026-06-19")).toBe(false);
    expect(addWorkingDays("2026-06-18", 1)).toBe("2026-06-22");
    expect(isWorkingDay("2026-12-24")).toBe(false);
    expect(addWorkingDays("2026-12-23", 1)).toBe("2026-12-28");
  });

  it("across New Year's Eve and New Year's Day into the next year", () => {
    expect(addWorkingDays("2026-12-30", 1)).toBe("2027-01-04");
    expect(addWorkingDays("2027-01-04", -2)).toBe("2026-12-29");
  });

  // Mother's and Father's Day, the only FI observances in date-holidays, always fall on a
  // Sunday, so there is no weekday observance to show being an ordinary working day.
  it("an ordinary Monday after Mother's Day is a working day", () => {
    expect(isWorkingDay("2026-05-10")).toBe(false); // Sunday
    expect(isWorkingDay("2026-05-11")).toBe(true);
  });

  it("transit over a weekend: two working days after a Friday is the Tuesday", () => {
    expect(addWorkingDays("2026-03-13", 2)).toBe("2026-03-17");
    expect(addWorkingDays("2026-03-16", -1)).toBe("2026-03-13");
    expect(addWorkingDays("2026-03-14", 1)).toBe("2026-03-16"); // from a Saturday
  });

  it("n = 0 returns the date itself, even a holiday", () => {
    expect(addWorkingDays("2026-04-03", 0)).toBe("2026-04-03");
  });

  it("the transit window adds courier days at both ends, skipping Easter", () => {
    expect(transitWindow("2026-04-07", "2026-04-17", 2)).toEqual({ start: "2026-04-01", end: "2026-04-21" });
    expect(transitWindow("2026-04-07", "2026-04-17", 0)).toEqual({ start: "2026-04-07", end: "2026-04-17" });
  });

  it("refuses what is not a date instead of guessing", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(RangeError);
    expect(() => addWorkingDays("6.4.2026", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-04-07", 1.5)).toThrow(RangeError);
  });

  it("calendar days between two dates, across the spring clock change", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-12-30", "2026-12-01")).toBe(-29);
  });

  it("today is the Helsinki date, not the UTC or the machine's date", () => {
    expect(todayInHelsinki(new Date("2026-01-01T22:30:00Z"))).toBe("2026-01-02"); // 00:30 in Helsinki
    expect(todayInHelsinki(new Date("2026-01-02T11:00:00Z"))).toBe("2026-01-02"); // already 3 Jan in Chatham
  });
});

describe("the next free period for a kit", () => {
  it("with nothing booked it starts on `from`, or the first working day after it", () => {
    const free = { useDays: 5, transitDays: 2, occupied: [] };
    expect(nextFreeWindow({ ...free, from: "2026-03-02" })).toEqual({ useStart: "2026-03-02", useEnd: "2026-03-06" });
    // Easter Saturday: Sunday and Easter Monday are no delivery days either
    expect(nextFreeWindow({ ...free, from: "2026-04-04" })).toEqual({ useStart: "2026-04-07", useEnd: "2026-04-11" });
  });

  it("skips past two bookings and over Easter, so transit clears both", () => {
    const occupied = [
      { start: "2026-03-18", end: "2026-04-01" },
      { start: "2026-03-04", end: "2026-03-10" },
    ];
    const found = nextFreeWindow({ useDays: 7, transitDays: 2, occupied, from: "2026-03-02" });
    expect(found).toEqual({ useStart: "2026-04-08", useEnd: "2026-04-14" });
    // the courier collects it on Thu 2 Apr, the first working day after the second booking
    expect(transitWindow(found.useStart, found.useEnd, 2).start).toBe("2026-04-02");
    // a day earlier would need it collected on 1 Apr, still taken
    expect(transitWindow("2026-04-07", "2026-04-13", 2).start).toBe("2026-04-01");
  });

  it("a gap too short for use plus transit is passed over", () => {
    // 9–13 Mar is free: exactly room for 3 days of use with 1 transit day at each end,
    // but not for 5 days of use
    const occupied = [
      { start: "2026-03-02", end: "2026-03-06" },
      { start: "2026-03-16", end: "2026-03-20" },
    ];
    const tight = nextFreeWindow({ useDays: 3, transitDays: 1, occupied, from: "2026-03-02" });
    expect(tight).toEqual({ useStart: "2026-03-10", useEnd: "2026-03-12" });
    const tooLong = nextFreeWindow({ useDays: 5, transitDays: 1, occupied, from: "2026-03-02" });
    expect(tooLong).toEqual({ useStart: "2026-03-24", useEnd: "2026-03-28" });
  });

  it("gives up with a clear error when the kit is booked for years", () => {
    const occupied = [{ start: "2026-01-01", end: "2029-12-31" }];
    expect(() => nextFreeWindow({ useDays: 5, transitDays: 2, occupied, from: "2026-03-02" })).toThrow(
      /no free period of 5 days within two years of 2026-03-02/,
    );
  });

  it("agrees with a day-by-day search over hundreds of random bookings", () => {
    const random = seeded(42);
    for (let round = 0; round < 20; round++) {
      const occupied: Occupied[] = [];
      for (let i = 0; i < 300; i++) {
        const start = addCalendarDays("2026-01-01", Math.floor(random() * 700));
        occupied.push({ start, end: addCalendarDays(start, Math.floor(random() * 4)) });
      }
      const request = {
        useDays: 1 + Math.floor(random() * 4),
        transitDays: Math.floor(random() * 3),
        occupied,
        from: addCalendarDays("2026-01-01", Math.floor(random() * 200)),
      };
      expect(nextFreeWindow(request)).toEqual(dayByDay(request));
    }
  });
});

describe("week-by-week availability", () => {
  const week = (weekStart: LocalDate, isoWeek: number, state: string, takenDays: number, workingDays = 5) => ({
    weekStart,
    isoWeek,
    state,
    takenDays,
    workingDays,
  });

  it("a booking over one whole week and half the next: taken, then partly", () => {
    // Sat 7 Mar – Wed 18 Mar; the Saturday does not count
    const occupied = [{ start: "2026-03-07", end: "2026-03-18" }];
    expect(weeklyAvailability({ from: "2026-03-04", weeks: 4, occupied })).toEqual([
      week("2026-03-02", 10, "free", 0),
      week("2026-03-09", 11, "taken", 5),
      week("2026-03-16", 12, "partly", 3),
      week("2026-03-23", 13, "free", 0),
    ]);
  });

  it("holiday weeks count only their working days", () => {
    // Mon 30 Mar – Thu 2 Apr is all of Easter week's working days
    const occupied = [{ start: "2026-03-30", end: "2026-04-02" }];
    expect(weeklyAvailability({ from: "2026-03-30", weeks: 2, occupied })).toEqual([
      week("2026-03-30", 14, "taken", 4, 4),
      week("2026-04-06", 15, "free", 0, 4),
    ]);
  });

  it("overlapping bookings are not counted twice, and ISO week 53 rolls into week 1", () => {
    const occupied = [
      { start: "2026-12-29", end: "2027-01-05" },
      { start: "2026-12-28", end: "2026-12-30" },
    ];
    expect(weeklyAvailability({ from: "2026-12-31", weeks: 2, occupied })).toEqual([
      week("2026-12-28", 53, "taken", 3, 3),
      week("2027-01-04", 1, "partly", 2, 4), // Wed 6 Jan is Epiphany
    ]);
  });

  it("overlap is inclusive at both ends", () => {
    expect(overlaps({ start: "2026-03-02", end: "2026-03-06" }, { start: "2026-03-06", end: "2026-03-09" })).toBe(true);
    expect(overlaps({ start: "2026-03-02", end: "2026-03-06" }, { start: "2026-03-07", end: "2026-03-09" })).toBe(
      false,
    );
  });
});

describe("the same answers whatever the machine's time zone", () => {
  const answers = () => ({
    // 2031 is asked about only here, so its holidays are computed under a switched zone
    goodFriday2031: isWorkingDay("2031-04-11"),
    afterEaster2031: addWorkingDays("2031-04-10", 1),
    easter2026: addWorkingDays("2026-04-02", 1),
    window: transitWindow("2026-06-17", "2026-06-26", 3),
    today: todayInHelsinki(new Date("2026-06-18T21:30:00Z")),
    days: daysBetween("2026-10-24", "2026-10-26"),
    next: nextFreeWindow({
      useDays: 4,
      transitDays: 2,
      occupied: [{ start: "2026-06-10", end: "2026-06-17" }],
      from: "2026-06-10",
    }),
    weeks: weeklyAvailability({ from: "2026-06-15", weeks: 2, occupied: [{ start: "2026-06-16", end: "2026-06-22" }] }),
  });

  it.each(["Pacific/Honolulu", "Pacific/Kiritimati", "UTC"])("%s", (zone) => {
    const expected = {
      goodFriday2031: false,
      afterEaster2031: "2031-04-15",
      easter2026: "2026-04-07",
      window: { start: "2026-06-12", end: "2026-07-01" },
      today: "2026-06-19",
      days: 2,
      next: { useStart: "2026-06-23", useEnd: "2026-06-26" }, // pickup Thu 18 Jun, Midsummer Eve skipped
      weeks: [
        { weekStart: "2026-06-15", isoWeek: 25, state: "partly", takenDays: 3, workingDays: 4 },
        { weekStart: "2026-06-22", isoWeek: 26, state: "partly", takenDays: 1, workingDays: 5 },
      ],
    };
    // elsewhere first, so the first zone (Honolulu) is the one 2031's holidays are computed in
    const elsewhere = inZone(zone, () => {
      // the switch is real: otherwise this test would prove nothing
      expect(new Date("2026-06-18T12:00:00Z").getTimezoneOffset()).not.toBe(-765);
      return answers();
    });
    expect(elsewhere).toEqual(expected);
    expect(answers()).toEqual(expected);
  });
});

function inZone<T>(zone: string, run: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return run();
  } finally {
    process.env.TZ = saved ?? "";
  }
}

/** The obvious search the real one must agree with: every start day, every occupied range. */
function dayByDay({
  useDays,
  transitDays,
  occupied,
  from,
}: {
  useDays: number;
  transitDays: number;
  occupied: Occupied[];
  from: LocalDate;
}) {
  for (let useStart = from; ; useStart = addCalendarDays(useStart, 1)) {
    if (!isWorkingDay(useStart)) continue;
    const useEnd = addCalendarDays(useStart, useDays - 1);
    const away = transitWindow(useStart, useEnd, transitDays);
    if (!occupied.some((range) => overlaps(range, away))) return { useStart, useEnd };
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
