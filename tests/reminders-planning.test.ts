// When reminders fall, as pure functions of the start and `now`. Vitest runs in
// Pacific/Chatham (vitest.config.ts), so anything computed on the machine's zone instead
// of Europe/Helsinki lands at the wrong hour here. Helsinki's clocks go back on Sunday
// 25 Oct 2026 (04:00 EEST → 03:00 EET) and forward on Sunday 29 Mar 2026.
import { describe, expect, it } from "vitest";
import { parsePauseDays } from "../bot/features/reminders/settings.ts";
import { reminderInstants, reminderSkipReason } from "../domain/reminders.ts";
import { reminderKey, remindersFor } from "../domain/store/reminders.ts";
import { helsinkiInstant } from "../domain/time.ts";

const at = (date: string, time: string) => helsinkiInstant(date, time);
const iso = (list: { slot: string; at: Date }[]) => list.map((r) => [r.slot, r.at.toISOString()]);

describe("session reminders: the day before at 09:00 and 15 minutes before", () => {
  it("a reminder on the Monday after the autumn change fires at 09:00 Helsinki (07:00 UTC, not 06:00)", () => {
    // planned on Monday 19 Oct, still on summer time (UTC+3)
    const now = at("2026-10-19", "10:00");
    const reminders = reminderInstants("session", at("2026-10-27", "13:00"), now);
    expect(iso(reminders)).toEqual([
      ["dayBefore", "2026-10-26T07:00:00.000Z"],
      ["minutes15", "2026-10-27T10:45:00.000Z"],
    ]);
  });

  it("and on the Monday after the spring change at 09:00 Helsinki (06:00 UTC, not 07:00)", () => {
    const reminders = reminderInstants("session", at("2026-03-31", "10:00"), at("2026-03-27", "12:00"));
    expect(iso(reminders)[0]).toEqual(["dayBefore", "2026-03-30T06:00:00.000Z"]);
  });

  it("a day before that falls on a weekend moves to the Friday before at 09:00", () => {
    const now = at("2026-10-19", "10:00");
    // Monday 26 Oct: the day before is Sunday → Friday 23 Oct, still summer time
    expect(iso(reminderInstants("session", at("2026-10-26", "10:00"), now))[0]).toEqual([
      "dayBefore",
      "2026-10-23T06:00:00.000Z",
    ]);
    // Sunday 25 Oct: the day before is Saturday → Friday 23 Oct
    expect(iso(reminderInstants("session", at("2026-10-25", "12:00"), now))[0]).toEqual([
      "dayBefore",
      "2026-10-23T06:00:00.000Z",
    ]);
  });

  it("the 15-minute reminder is planned at night and at weekends too", () => {
    const now = at("2026-10-19", "10:00");
    const saturdayNight = reminderInstants("session", at("2026-10-24", "00:10"), now);
    expect(iso(saturdayNight)).toEqual([
      ["dayBefore", at("2026-10-23", "09:00").toISOString()],
      ["minutes15", at("2026-10-23", "23:55").toISOString()],
    ]);
    const sundayMorning = reminderInstants("session", at("2026-10-25", "07:00"), now);
    expect(sundayMorning.at(-1)?.at).toEqual(at("2026-10-25", "06:45"));
  });

  it("reminders already past are not planned", () => {
    const start = at("2026-10-21", "14:00");
    expect(iso(reminderInstants("session", start, at("2026-10-20", "09:00")))).toEqual([
      ["minutes15", at("2026-10-21", "13:45").toISOString()],
    ]);
    expect(reminderInstants("session", start, at("2026-10-21", "13:50"))).toEqual([]);
  });
});

describe("core-group reminders: 7 days and 1 day before at 09:00", () => {
  it("a meeting on Tuesday 3 Nov: Tuesday 27 Oct and Monday 2 Nov, both on winter time", () => {
    const reminders = reminderInstants("coreGroup", at("2026-11-03", "13:00"), at("2026-10-19", "10:00"));
    expect(iso(reminders)).toEqual([
      ["weekBefore", "2026-10-27T07:00:00.000Z"],
      ["dayBefore", "2026-11-02T07:00:00.000Z"],
    ]);
  });

  it("a meeting on Monday: a week before is a Monday, the day before moves to Friday", () => {
    const reminders = reminderInstants("coreGroup", at("2026-11-02", "13:00"), at("2026-10-19", "10:00"));
    expect(iso(reminders)).toEqual([
      ["weekBefore", "2026-10-26T07:00:00.000Z"],
      ["dayBefore", "2026-10-30T07:00:00.000Z"],
    ]);
  });
});

describe("outbox rows", () => {
  it("one row per slot and user, keyed by kind, slot, session, user and the planned start", () => {
    const session = { id: "s1", startsAt: at("2026-10-27", "13:00") };
    const rows = remindersFor("session", session, ["u1", "u2", "u1"], at("2026-10-19", "10:00"));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      key: "reminder:session:dayBefore:s1:u1:2026-10-27T11:00:00.000Z",
      kind: "reminders.session",
      notBefore: at("2026-10-26", "09:00"),
      payload: { kind: "session", sessionId: "s1", slot: "dayBefore", startsAt: "2026-10-27T11:00:00.000Z" },
    });
    // a moved session is a new key
    expect(reminderKey("session", "dayBefore", "s1", "u1", at("2026-10-28", "13:00"))).not.toBe(rows[0]?.key);
  });
});

describe("the send-time check", () => {
  const startsAt = at("2026-10-27", "13:00");
  const facts = {
    session: { startsAt, cancelledAt: null, kind: "NETWORK_DAY" },
    registered: true,
    interested: false,
    coreMember: false,
    enabled: true,
    pausedUntil: null,
  };
  const now = at("2026-10-26", "09:00");
  const planned = startsAt.toISOString();

  it("lets a reminder through that still holds, and names why one does not", () => {
    expect(reminderSkipReason("session", planned, facts, now)).toBeNull();
    const cancelled = { ...facts, session: { ...facts.session, cancelledAt: now } };
    expect(reminderSkipReason("session", planned, cancelled, now)).toBe("session_cancelled");
    const moved = { ...facts, session: { ...facts.session, startsAt: at("2026-10-28", "13:00") } };
    expect(reminderSkipReason("session", planned, moved, now)).toBe("session_moved");
    expect(reminderSkipReason("session", planned, { ...facts, registered: false }, now)).toBe("not_attending");
    expect(reminderSkipReason("session", planned, { ...facts, enabled: false }, now)).toBe("switched_off");
    const paused = { ...facts, pausedUntil: at("2026-11-01", "09:00") };
    expect(reminderSkipReason("session", planned, paused, now)).toBe("paused");
    expect(reminderSkipReason("session", planned, { ...facts, pausedUntil: now }, now)).toBeNull();
    expect(reminderSkipReason("coreGroup", planned, facts, now)).toBe("not_core_member");
  });
});

describe("the pause a user types", () => {
  it("reads days and weeks in fi, sv and en, from 1 day to 8 weeks", () => {
    expect(parsePauseDays(["2vk"])).toBe(14);
    expect(parsePauseDays(["2", "viikkoa"])).toBe(14);
    expect(parsePauseDays(["2v"])).toBe(14);
    expect(parsePauseDays(["3", "dagar"])).toBe(3);
    expect(parsePauseDays(["2w"])).toBe(14);
    expect(parsePauseDays(["1d"])).toBe(1);
    expect(parsePauseDays(["8w"])).toBe(56);
    for (const words of [["0d"], ["9vk"], ["57", "days"], ["2"], ["vk"], ["2", "kk"]]) {
      expect(parsePauseDays(words), words.join(" ")).toBeUndefined();
    }
  });
});

describe("a morning reminder that comes late", () => {
  const facts = {
    session: { startsAt: helsinkiInstant("2026-11-26", "13:00"), cancelledAt: null, kind: "REMOTE_COFFEE" },
    registered: true,
    interested: false,
    coreMember: false,
    enabled: true,
    pausedUntil: null,
  };
  const planned = helsinkiInstant("2026-11-26", "13:00").toISOString();

  it("goes out in daytime the day before", () => {
    expect(
      reminderSkipReason("session", planned, facts, helsinkiInstant("2026-11-25", "11:00"), "dayBefore"),
    ).toBeNull();
  });

  it("does not go out at night, nor on the day itself saying 'tomorrow'", () => {
    expect(reminderSkipReason("session", planned, facts, helsinkiInstant("2026-11-25", "19:00"), "dayBefore")).toBe(
      "quiet_hours",
    );
    expect(reminderSkipReason("session", planned, facts, helsinkiInstant("2026-11-26", "09:30"), "dayBefore")).toBe(
      "stale",
    );
  });

  it("the last reminder goes whatever the hour", () => {
    const night = { ...facts, session: { ...facts.session, startsAt: helsinkiInstant("2026-11-26", "23:00") } };
    const late = helsinkiInstant("2026-11-26", "23:00").toISOString();
    expect(reminderSkipReason("session", late, night, helsinkiInstant("2026-11-26", "22:45"), "minutes15")).toBeNull();
  });
});
