// Recurring series (biweekly remote coffees, the monthly bookmobile quarter-hour on the
// n-th weekday...). rrule computes the dates; the wall-clock time is then placed in
// Europe/Helsinki by domain/time.ts, so a 09:00 session stays 09:00 across
// daylight-saving changes. rrule runs on "floating" UTC dates only, which avoids its
// time-zone pitfalls.
import { DateTime } from "luxon";
import rrulePkg from "rrule";
import { z } from "zod";
import { helsinkiInstant } from "./time.ts";

const { RRule } = rrulePkg;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export const RecurrenceRuleSchema = z
  .object({
    freq: z.enum(["weekly", "monthly"]),
    /** 1: every week/month, 2: every other (biweekly) */
    interval: z.number().int().min(1).max(12).default(1),
    weekday: z.enum(weekdays),
    /** monthly only: the n-th such weekday of the month, 1..4, or -1 for the last */
    weekOfMonth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).optional(),
    /** the series starts on or after this date; biweekly counts from here */
    startDate: isoDate,
    until: isoDate.optional(),
    /** Helsinki wall-clock start, HH:mm */
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:mm"),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(12 * 60),
    /** months (1-12) without sessions, e.g. the summer break */
    skipMonths: z.array(z.number().int().min(1).max(12)).default([]),
    /** single dates without a session */
    exceptions: z.array(isoDate).default([]),
  })
  .refine((rule) => rule.freq === "monthly" || rule.weekOfMonth === undefined, {
    message: "weekOfMonth applies to monthly rules only",
    path: ["weekOfMonth"],
  })
  .refine((rule) => rule.freq === "weekly" || rule.weekOfMonth !== undefined, {
    message: "a monthly rule needs weekOfMonth (1-4 or -1 for the last)",
    path: ["weekOfMonth"],
  });

export type RecurrenceRule = z.infer<typeof RecurrenceRuleSchema>;
export type RecurrenceRuleInput = z.input<typeof RecurrenceRuleSchema>;

export interface Occurrence {
  /** Helsinki date, YYYY-MM-DD: identifies the occurrence within its series */
  date: string;
  /** position in the series, counted from the first occurrence (for rotating hosts) */
  index: number;
  startsAt: Date;
  endsAt: Date;
}

/** Occurrences whose start lies in [from, to). */
export function occurrencesBetween(rule: RecurrenceRule, from: Date, to: Date): Occurrence[] {
  const floating = (date: string) => {
    const d = DateTime.fromISO(date, { zone: "utc" });
    return d.toJSDate();
  };
  const weekday = RRule[rule.weekday];
  const recurrence = new RRule({
    freq: rule.freq === "weekly" ? RRule.WEEKLY : RRule.MONTHLY,
    interval: rule.interval,
    byweekday: [rule.weekOfMonth === undefined ? weekday : weekday.nth(rule.weekOfMonth)],
    dtstart: floating(rule.startDate),
    until: rule.until ? DateTime.fromISO(rule.until, { zone: "utc" }).endOf("day").toJSDate() : null,
  });
  // Floating dates one day wider than the window catch every Helsinki date in it.
  const windowStart = DateTime.fromJSDate(from, { zone: "utc" }).minus({ days: 1 }).startOf("day").toJSDate();
  const windowEnd = DateTime.fromJSDate(to, { zone: "utc" }).plus({ days: 1 }).endOf("day").toJSDate();
  const skip = new Set(rule.exceptions);
  const result: Occurrence[] = [];
  for (const floatingDate of recurrence.between(windowStart, windowEnd, true)) {
    const date = DateTime.fromJSDate(floatingDate, { zone: "utc" }).toISODate() ?? "";
    const month = Number(date.slice(5, 7));
    if (skip.has(date) || rule.skipMonths.includes(month)) continue;
    const startsAt = helsinkiInstant(date, rule.time);
    if (startsAt < from || startsAt >= to) continue;
    const index = recurrence.between(floating(rule.startDate), floatingDate, true).length - 1;
    result.push({ date, index, startsAt, endsAt: new Date(startsAt.getTime() + rule.durationMinutes * 60_000) });
  }
  return result;
}
