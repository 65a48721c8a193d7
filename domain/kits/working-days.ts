// The courier's calendar for loanable kits. Kits move only on Finnish working days:
// Monday to Friday, except public holidays and the "bank" days (juhannusaatto,
// jouluaatto, uudenvuodenaatto) when libraries and couriers are closed too. Observances
// such as Äitienpäivä are ordinary days.
//
// Dates are Helsinki calendar dates as "YYYY-MM-DD" strings: a booking is "from Monday to
// Friday", not a pair of instants, and strings compare in calendar order. Only "today"
// depends on Helsinki; the day counting itself is done by Luxon on UTC midnights, which
// never meet a clock change and never read the process' own zone.
import Holidays from "date-holidays";
import { DateTime } from "luxon";
import { helsinkiDate } from "../time.ts";

/** A calendar date in Helsinki, "YYYY-MM-DD". */
export type LocalDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(date: LocalDate): DateTime {
  const dt = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: "utc" }) : null;
  if (!dt?.isValid) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return dt;
}

function iso(dt: DateTime): LocalDate {
  const date = dt.toISODate();
  if (date === null) throw new RangeError("invalid calendar date");
  return date;
}

let finnish: Holidays | undefined;
/** Per year, the days off as days of the year (1–366): a number lookup is cheaper than formatting a date. */
const daysOffByYear = new Map<number, ReadonlySet<number>>();

/** The days off of one year, computed once: every kit search asks about the same few years. */
function daysOff(year: number): ReadonlySet<number> {
  let set = daysOffByYear.get(year);
  if (set === undefined) {
    finnish ??= new Holidays("FI");
    // `date` is the holiday's local date ("2026-06-19 00:00:00"); its `start` instant
    // would drift to the previous day when read in a zone west of Helsinki.
    const off = finnish.getHolidays(year).filter((h) => h.type === "public" || h.type === "bank");
    set = new Set(off.map((h) => day(h.date.slice(0, 10)).ordinal));
    daysOffByYear.set(year, set);
  }
  return set;
}

function isWorking(dt: DateTime): boolean {
  return dt.weekday <= 5 && !daysOff(dt.year).has(dt.ordinal); // Luxon: 1 = Monday … 7 = Sunday
}

export function isWorkingDay(date: LocalDate): boolean {
  return isWorking(day(date));
}

/** The `n`th working day strictly after `date` (before it when `n` is negative); `date` itself for 0. */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const step = Math.sign(n);
  let dt = day(date);
  for (let left = Math.abs(n); left > 0; ) {
    dt = dt.plus({ days: step });
    if (isWorking(dt)) left--;
  }
  return iso(dt);
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return day(b).diff(day(a), "days").days;
}

/** The Monday of the ISO week that contains `date`, and that week's number. */
export function isoWeekOf(date: LocalDate): { weekStart: LocalDate; isoWeek: number } {
  const dt = day(date);
  return { weekStart: iso(dt.minus({ days: dt.weekday - 1 })), isoWeek: dt.weekNumber };
}

/**
 * The days a kit is away for a use period: the courier picks it up `transitDays` working
 * days before the use starts and it is back in stock `transitDays` working days after.
 */
export function transitWindow(
  useStart: LocalDate,
  useEnd: LocalDate,
  transitDays: number,
): { start: LocalDate; end: LocalDate } {
  if (useEnd < useStart) throw new RangeError(`use period ends before it starts: ${useStart}–${useEnd}`);
  if (transitDays < 0) throw new RangeError(`transit days cannot be negative: ${transitDays}`);
  return { start: addWorkingDays(useStart, -transitDays), end: addWorkingDays(useEnd, transitDays) };
}

export function todayInHelsinki(now: Date): LocalDate {
  const date = helsinkiDate(now);
  if (date === "") throw new RangeError("not a valid instant");
  return date;
}
