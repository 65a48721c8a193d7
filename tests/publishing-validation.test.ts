// The publishing form's rules, without a store: what a coordinator may publish, the error
// per field, and the recurrence rule a form describes (weekly, biweekly, monthly on the
// n-th or the last weekday, exceptions), with times on the Helsinki clock.
import { describe, expect, it } from "vitest";
import { recurrenceOf, samePattern, validatePublishing, validateReason } from "../domain/publishing.ts";
import { occurrencesBetween } from "../domain/recurrence.ts";

const now = new Date("2026-10-19T10:00:00+03:00");
const context = {
  now,
  networkIds: ["severi", "kirjastoautot"],
  hostIds: ["porvoo", "espoo", "lohja"],
  recurring: true,
};
const valid = {
  titleFi: "Kirjastoautovartti",
  titleSv: "Bokbusskvart",
  kind: "BOOKMOBILE_QUARTER",
  network: "kirjastoautot",
  date: "2026-10-21",
  start: "09:00",
  end: "09:15",
  languages: "fi,sv",
  joinUrl: "https://teams.microsoft.com/l/meetup-join/abc",
  registration: "false",
  recurrence: "weekly",
  hosts: "porvoo,espoo,lohja",
};

function errorsOf(inputs: Record<string, string>, extra: Partial<typeof context> = {}) {
  const result = validatePublishing(inputs, { ...context, ...extra });
  return result.ok ? {} : Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, v.code]));
}

describe("validatePublishing", () => {
  it("turns a valid form into fields and a weekly rule on the Helsinki clock", () => {
    const result = validatePublishing(valid, context);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.fields).toMatchObject({
      kind: "BOOKMOBILE_QUARTER",
      networkId: "kirjastoautot",
      titleEn: "Kirjastoautovartti",
      languages: ["fi", "sv"],
      hostRotation: ["porvoo", "espoo", "lohja"],
      joinUrl: valid.joinUrl,
      place: null,
      capacity: null,
    });
    expect(result.fields.startsAt.toISOString()).toBe("2026-10-21T06:00:00.000Z");
    expect(result.rule).toMatchObject({
      freq: "weekly",
      interval: 1,
      weekday: "WE",
      time: "09:00",
      durationMinutes: 15,
    });
    // the week after the clocks go back, 09:00 in Helsinki is an hour later in UTC
    const [, second] = occurrencesBetween(result.rule ?? ({} as never), now, new Date("2026-11-01T00:00:00Z"));
    expect(second?.startsAt.toISOString()).toBe("2026-10-28T07:00:00.000Z");
  });

  it("reports every mistake at once, one code per field", () => {
    expect(
      errorsOf({
        ...valid,
        titleFi: "",
        titleSv: "x".repeat(201),
        end: "08:30",
        joinUrl: "teams.microsoft.com/l/x",
        registration: "true",
        capacity: "0",
        network: "nope",
        languages: "",
      }),
    ).toEqual({
      titleFi: "required",
      titleSv: "tooLong",
      end: "endBeforeStart",
      joinUrl: "badLink",
      capacity: "capacityTooSmall",
      network: "badChoice",
      languages: "required",
    });
  });

  it("refuses the past: an earlier day, or a time already gone today", () => {
    expect(errorsOf({ ...valid, date: "2026-10-18" })).toEqual({ date: "pastDate" });
    expect(errorsOf({ ...valid, date: "2026-10-19", start: "09:30", end: "10:30" })).toEqual({ start: "pastDate" });
  });

  it("needs a join link or a place, and registration for seats or a deadline", () => {
    expect(errorsOf({ ...valid, joinUrl: "" })).toEqual({ joinUrl: "placeOrLink" });
    expect(errorsOf({ ...valid, joinUrl: "", place: "Porvoon pääkirjasto" })).toEqual({});
    expect(errorsOf({ ...valid, capacity: "10", deadline: "24" })).toEqual({
      capacity: "needsRegistration",
      deadline: "needsRegistration",
    });
    expect(errorsOf({ ...valid, registration: "true", capacity: "10", deadline: "24" })).toEqual({});
    expect(errorsOf({ ...valid, registration: "true", capacity: "many" })).toEqual({ capacity: "badNumber" });
  });

  it("reads the date and time formats the platforms send", () => {
    expect(errorsOf({ ...valid, start: "9:00", end: "09:15:00" })).toEqual({});
    expect(errorsOf({ ...valid, date: "21.10.2026" })).toEqual({ date: "badDate" });
    expect(errorsOf({ ...valid, start: "25:00" })).toEqual({ start: "badTime" });
  });

  it("builds biweekly and monthly rules from the date, with exceptions in either date format", () => {
    const rule = (inputs: Record<string, string>) => {
      const result = validatePublishing({ ...valid, ...inputs }, context);
      return result.ok ? result.rule : undefined;
    };
    expect(rule({ recurrence: "biweekly" })).toMatchObject({ freq: "weekly", interval: 2 });
    expect(rule({ recurrence: "monthly", date: "2026-11-11" })).toMatchObject({ freq: "monthly", weekOfMonth: 2 });
    // 2026-10-28 is the last Wednesday of October
    expect(rule({ recurrence: "monthlyLast", date: "2026-10-28" })).toMatchObject({ weekOfMonth: -1 });
    expect(rule({ recurrence: "monthly", date: "2026-12-30" })).toMatchObject({ weekOfMonth: -1 });
    expect(rule({ exceptions: "2026-12-30, 6.1.2027", until: "2027-05-26" })).toMatchObject({
      exceptions: ["2026-12-30", "2027-01-06"],
      until: "2027-05-26",
    });
    expect(rule({ recurrence: "none" })).toBeNull();
    expect(errorsOf({ ...valid, recurrence: "monthlyLast" })).toEqual({ recurrence: "notLastWeekday" });
    expect(errorsOf({ ...valid, exceptions: "joulu" })).toEqual({ exceptions: "badExceptions" });
    expect(errorsOf({ ...valid, until: "2026-10-01" })).toEqual({ until: "untilBeforeDate" });
    expect(errorsOf({ ...valid, recurrence: "daily" })).toEqual({ recurrence: "badChoice" });
  });

  it("takes one host for one session, and only AKE libraries", () => {
    const one = validatePublishing({ ...valid, host: "lohja" }, { ...context, recurring: false });
    expect(one.ok && one.fields.hostRotation).toEqual(["lohja"]);
    const none = validatePublishing({ ...valid, host: "none" }, { ...context, recurring: false });
    expect(none.ok && none.fields.hostRotation).toEqual([]);
    expect(errorsOf({ ...valid, hosts: "porvoo,kerava" })).toEqual({ hosts: "badChoice" });
    expect(errorsOf({ ...valid, host: "kerava" }, { recurring: false })).toEqual({ host: "badChoice" });
  });

  it("keeps the skipped months of an edited series", () => {
    const result = validatePublishing(valid, { ...context, skipMonths: [7] });
    expect(result.ok && result.rule?.skipMonths).toEqual([7]);
  });
});

describe("helpers", () => {
  it("recurrenceOf and samePattern read a rule back", () => {
    const result = validatePublishing({ ...valid, recurrence: "biweekly" }, context);
    if (!result.ok || !result.rule) throw new Error("invalid");
    expect(recurrenceOf(result.rule)).toBe("biweekly");
    expect(recurrenceOf(null)).toBe("none");
    expect(samePattern(result.rule, { ...result.rule, time: "10:00", startDate: "2026-11-04" })).toBe(true);
    expect(samePattern(result.rule, { ...result.rule, weekday: "TH" })).toBe(false);
  });

  it("validateReason: optional, at most 500 characters", () => {
    expect(validateReason({})).toEqual({ ok: true, reason: null });
    expect(validateReason({ reason: "  Sairastuminen \u0007" })).toEqual({ ok: true, reason: "Sairastuminen" });
    expect(validateReason({ reason: "x".repeat(501) })).toEqual({ ok: false });
  });
});
