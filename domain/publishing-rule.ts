// The recurrence a publishing form describes (none, weekly, biweekly, monthly on the n-th
// or the last weekday of the form's date) as a RecurrenceRule, and back for prefilling.
import { DateTime } from "luxon";
import type { ErrorCode, FieldError } from "./publishing.ts";
import { type RecurrenceRule, RecurrenceRuleSchema } from "./recurrence.ts";
import { HELSINKI } from "./time.ts";

export const RECURRENCES = ["none", "weekly", "biweekly", "monthly", "monthlyLast"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export const isDate = (value: string) => ISO_DATE.test(value) && DateTime.fromISO(value, { zone: HELSINKI }).isValid;

/** "2026-12-29" or the Finnish/Swedish "29.12.2026" */
function normalDate(value: string): string | undefined {
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = fi ? `${fi[3]}-${fi[2]?.padStart(2, "0")}-${fi[1]?.padStart(2, "0")}` : value;
  return isDate(iso) ? iso : undefined;
}
export const listOf = (value: string) => [
  ...new Set(
    value
      .split(/[,;\s]+/)
      .map((part) => part.trim())
      .filter(Boolean),
  ),
];

export interface RuleInput {
  recurrence: string;
  /** the first date, YYYY-MM-DD: its weekday (and its place in the month) set the pattern */
  date: string;
  until: string;
  exceptions: string;
  /** Helsinki wall clock, HH:mm */
  time: string;
  minutes: number;
  skipMonths: number[];
}

type Fail = (field: string, code: ErrorCode, params?: FieldError["params"]) => void;

/** The rule of a series starting on the form's date, or null for a one-off session. */
export function seriesRule(form: RuleInput, fail: Fail): RecurrenceRule | null | undefined {
  const recurrence = form.recurrence as Recurrence;
  if (!(RECURRENCES as readonly string[]).includes(recurrence)) return void fail("recurrence", "badChoice");
  if (recurrence === "none") return null;
  const day = DateTime.fromISO(form.date, { zone: HELSINKI });
  const weekday = WEEKDAYS[day.weekday - 1] ?? "MO";
  const nth = Math.ceil(day.day / 7);
  const isLast = day.plus({ weeks: 1 }).month !== day.month;
  if (recurrence === "monthlyLast" && !isLast) fail("recurrence", "notLastWeekday");
  if (form.until !== "" && form.until < form.date) fail("until", "untilBeforeDate");
  const exceptions: string[] = [];
  for (const value of listOf(form.exceptions)) {
    const date = normalDate(value);
    if (date) exceptions.push(date);
    else fail("exceptions", "badExceptions", { value: value.slice(0, 20) });
  }
  const monthly = recurrence === "monthly" || recurrence === "monthlyLast";
  const parsed = RecurrenceRuleSchema.safeParse({
    freq: monthly ? "monthly" : "weekly",
    interval: recurrence === "biweekly" ? 2 : 1,
    weekday,
    // the 5th such weekday of a month is always its last one
    ...(monthly ? { weekOfMonth: recurrence === "monthlyLast" || nth === 5 ? -1 : nth } : {}),
    startDate: form.date,
    ...(form.until ? { until: form.until } : {}),
    time: form.time,
    durationMinutes: Math.max(5, Math.min(12 * 60, Math.round(form.minutes))),
    skipMonths: form.skipMonths,
    exceptions: exceptions.sort(),
  });
  return parsed.success ? parsed.data : void fail("recurrence", "badChoice");
}

/** The form's recurrence choice for an existing rule (prefilling an edit form). */
export function recurrenceOf(rule: RecurrenceRule | null): Recurrence {
  if (!rule) return "none";
  if (rule.freq === "weekly") return rule.interval === 2 ? "biweekly" : "weekly";
  return rule.weekOfMonth === -1 ? "monthlyLast" : "monthly";
}

/** Same weekdays and cadence: an edit that keeps these keeps the series' numbering (and hosts). */
export function samePattern(a: RecurrenceRule, b: RecurrenceRule): boolean {
  return a.freq === b.freq && a.interval === b.interval && a.weekday === b.weekday && a.weekOfMonth === b.weekOfMonth;
}
