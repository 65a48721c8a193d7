// Runs in TZ=Pacific/Chatham (see vitest.config.ts): every expectation here is on the
// Helsinki clock, so code that used the process' zone would fail.
import { describe, expect, it } from "vitest";
import { formatSessionTime } from "../bot/format.ts";
import { sessionsToIcs } from "../domain/calendar.ts";
import { DEFAULT_SPAN_WEEKS, parseMeetupFilter } from "../domain/meetups.ts";
import { occurrencesBetween, RecurrenceRuleSchema } from "../domain/recurrence.ts";
import { helsinkiDate, inHelsinki } from "../domain/time.ts";

const biweeklyTuesday = RecurrenceRuleSchema.parse({
  freq: "weekly",
  interval: 2,
  weekday: "TU",
  startDate: "2026-01-13",
  time: "09:00",
  durationMinutes: 30,
  skipMonths: [7],
});

describe("recurrence on the Helsinki clock", () => {
  it("a 09:00 series stays 09:00 across the October change", () => {
    const occurrences = occurrencesBetween(
      biweeklyTuesday,
      new Date("2026-10-01T00:00:00Z"),
      new Date("2026-11-20T00:00:00Z"),
    );
    expect(occurrences.map((o) => o.date)).toEqual(["2026-10-06", "2026-10-20", "2026-11-03", "2026-11-17"]);
    for (const o of occurrences) expect(inHelsinki(o.startsAt).toFormat("HH:mm")).toBe("09:00");
    // summer time UTC+3 before 25 Oct, winter time UTC+2 after
    expect(occurrences[1]?.startsAt.toISOString()).toBe("2026-10-20T06:00:00.000Z");
    expect(occurrences[2]?.startsAt.toISOString()).toBe("2026-11-03T07:00:00.000Z");
  });

  it("and across the March change", () => {
    const [before, after] = occurrencesBetween(
      biweeklyTuesday,
      new Date("2026-03-20T00:00:00Z"),
      new Date("2026-04-08T00:00:00Z"),
    );
    expect(before?.startsAt.toISOString()).toBe("2026-03-24T07:00:00.000Z");
    expect(after?.startsAt.toISOString()).toBe("2026-04-07T06:00:00.000Z");
  });

  it("skips the summer break and single exceptions", () => {
    const rule = RecurrenceRuleSchema.parse({ ...biweeklyTuesday, exceptions: ["2026-06-30"] });
    const dates = occurrencesBetween(rule, new Date("2026-06-01T00:00:00Z"), new Date("2026-08-31T00:00:00Z")).map(
      (o) => o.date,
    );
    expect(dates).toEqual(["2026-06-02", "2026-06-16", "2026-08-11", "2026-08-25"]);
  });

  it("monthly on the n-th and the last weekday, with a stable index for rotating hosts", () => {
    const second = RecurrenceRuleSchema.parse({
      freq: "monthly",
      weekday: "TH",
      weekOfMonth: 2,
      startDate: "2026-01-01",
      time: "14:00",
      durationMinutes: 15,
    });
    const dec = occurrencesBetween(second, new Date("2026-12-01T00:00:00Z"), new Date("2027-01-31T00:00:00Z"));
    expect(dec.map((o) => [o.date, o.index])).toEqual([
      ["2026-12-10", 11],
      ["2027-01-14", 12],
    ]);
    const last = RecurrenceRuleSchema.parse({
      freq: "monthly",
      weekday: "FR",
      weekOfMonth: -1,
      startDate: "2026-01-01",
      time: "13:00",
      durationMinutes: 60,
    });
    expect(occurrencesBetween(last, new Date("2026-10-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"))[0]?.date).toBe(
      "2026-10-30",
    );
  });

  it("rejects rules that cannot be meant", () => {
    expect(RecurrenceRuleSchema.safeParse({ ...biweeklyTuesday, time: "25:00" }).success).toBe(false);
    expect(
      RecurrenceRuleSchema.safeParse({
        freq: "monthly",
        weekday: "MO",
        startDate: "2026-01-01",
        time: "09:00",
        durationMinutes: 30,
      }).success,
    ).toBe(false);
  });

  it("an instant late in the Helsinki evening has the Helsinki date", () => {
    expect(helsinkiDate(new Date("2026-11-30T22:30:00Z"))).toBe("2026-12-01");
  });
});

describe("formatting in the user's language", () => {
  const start = new Date("2026-12-01T07:00:00Z");
  const end = new Date("2026-12-01T07:30:00Z");
  it.each([
    ["fi", "ti 1.12. klo 9.00–9.30"],
    ["sv", "tis 1.12 kl. 9.00–9.30"],
    ["en", "Tue 1 Dec, 09:00–09:30"],
  ] as const)("%s: %s", (language, expected) => {
    expect(formatSessionTime(start, end, language)).toBe(expected);
  });
});

describe(".ics", () => {
  const session = {
    id: "s1",
    titleFi: "Etäkahvit",
    titleSv: "Distanskaffe",
    titleEn: "Remote coffee",
    startsAt: new Date("2026-11-03T07:00:00Z"),
    endsAt: new Date("2026-11-03T07:30:00Z"),
    joinUrl: "https://teams.microsoft.com/l/meetup-join/x",
    sequence: 3,
    cancelledAt: null,
    updatedAt: new Date("2026-11-01T10:00:00Z"),
  };

  it("has the Helsinki wall-clock time with a VTIMEZONE, a stable UID and the sequence", () => {
    const ics = sessionsToIcs([session], "sv");
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki");
    expect(ics).toContain("DTSTART;TZID=Europe/Helsinki:20261103T090000");
    expect(ics).toContain("DTEND;TZID=Europe/Helsinki:20261103T093000");
    expect(ics).toContain("UID:session-s1@ake-bot.porvoo");
    expect(ics).toContain("SEQUENCE:3");
    expect(ics).toContain("SUMMARY:Distanskaffe");
  });

  it("a cancelled session is sent as CANCELLED with the same UID", () => {
    const ics = sessionsToIcs([{ ...session, sequence: 4, cancelledAt: new Date() }], "fi");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("UID:session-s1@ake-bot.porvoo");
  });
});

describe("meetup filter words", () => {
  const vocabulary = {
    networks: [
      { id: "severi", names: ["SEVERI"] },
      { id: "svea", names: ["SVEA"] },
    ],
    tags: ["tutkittua", "celia"],
  };

  it.each([
    [[], { weeks: DEFAULT_SPAN_WEEKS, networkIds: [], tags: [] }],
    [["severi"], { networkIds: ["severi"] }],
    [["Tutkittua"], { tags: ["tutkittua"] }],
    [["sv"], { language: "sv" }],
    [["svenska", "svea"], { language: "sv", networkIds: ["svea"] }],
    [["8vk"], { weeks: 8 }],
    [["8", "vk"], { weeks: 8 }],
    [["6veckor"], { weeks: 6 }],
    [["3w"], { weeks: 3 }],
  ])("%j", (args, expected) => {
    const result = parseMeetupFilter(args, vocabulary);
    expect(result.ok && result.filter).toMatchObject(expected);
  });

  it("an unknown word is named with what is known", () => {
    expect(parseMeetupFilter(["sevri"], vocabulary)).toEqual({
      ok: false,
      reason: "unknown_word",
      word: "sevri",
      known: ["celia", "severi", "svea", "tutkittua"],
    });
  });

  it("a span beyond half a year is refused", () => {
    expect(parseMeetupFilter(["52vk"], vocabulary)).toEqual({ ok: false, reason: "span_too_long", max: 26 });
  });
});
