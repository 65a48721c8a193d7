// When notices the bot sends on its own may go out (Helsinki clock, whatever the
// machine's zone): daytime on weekdays, and the digest's Monday 09:00 across the
// daylight-saving change.
import { describe, expect, it } from "vitest";
import { daytimeFrom, nextMondayMorning } from "../domain/reminders.ts";

describe("daytimeFrom", () => {
  it("keeps a weekday daytime instant", () => {
    const at = new Date("2026-11-18T10:00:00+02:00");
    expect(daytimeFrom(at)).toEqual(at);
  });

  it("moves an evening to 08:00 the next morning, a Friday evening to Monday", () => {
    expect(daytimeFrom(new Date("2026-11-18T18:00:00+02:00")).toISOString()).toBe("2026-11-19T06:00:00.000Z");
    expect(daytimeFrom(new Date("2026-11-20T19:30:00+02:00")).toISOString()).toBe("2026-11-23T06:00:00.000Z");
  });

  it("moves an early morning to 08:00 the same day, and Saturday morning to Monday", () => {
    expect(daytimeFrom(new Date("2026-11-18T06:59:00+02:00")).toISOString()).toBe("2026-11-18T06:00:00.000Z");
    expect(daytimeFrom(new Date("2026-11-21T09:00:00+02:00")).toISOString()).toBe("2026-11-23T06:00:00.000Z");
  });
});

describe("nextMondayMorning", () => {
  it("is 09:00 Helsinki on the Monday after the clocks go back (UTC+2 again)", () => {
    // Sunday 25 Oct 2026: summer time ends at 04:00
    const { at, date } = nextMondayMorning(new Date("2026-10-25T12:00:00+02:00"));
    expect(date).toBe("2026-10-26");
    expect(at.toISOString()).toBe("2026-10-26T07:00:00.000Z");
  });

  it("is this Monday before 09:00 and next Monday after it", () => {
    expect(nextMondayMorning(new Date("2026-11-23T08:59:00+02:00")).date).toBe("2026-11-23");
    expect(nextMondayMorning(new Date("2026-11-23T09:01:00+02:00")).date).toBe("2026-11-30");
  });

  it("is 09:00 summer time in March after the clocks go forward", () => {
    const { at } = nextMondayMorning(new Date("2027-03-28T12:00:00+03:00"));
    expect(at.toISOString()).toBe("2027-03-29T06:00:00.000Z");
  });
});
