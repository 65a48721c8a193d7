// Every wall-clock time in this domain is Europe/Helsinki. Instants are stored as UTC
// Dates; conversion happens only here, through Luxon's IANA zone support.
import { DateTime } from "luxon";

export const HELSINKI = "Europe/Helsinki";

/** The instant at which the wall clock in Helsinki shows `date` (YYYY-MM-DD) `time` (HH:mm). */
export function helsinkiInstant(date: string, time: string): Date {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: HELSINKI });
  if (!dt.isValid) throw new RangeError(`not a valid Helsinki date and time: ${date} ${time}`);
  return dt.toJSDate();
}

/** The Helsinki calendar date (YYYY-MM-DD) of an instant. */
export function helsinkiDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: HELSINKI }).toISODate() ?? "";
}

export function inHelsinki(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: HELSINKI });
}

/** A calendar date (YYYY-MM-DD) moved by `days` calendar days; counted on UTC midnights, which meet no clock change. */
export function addCalendarDays(date: string, days: number): string {
  const moved = DateTime.fromISO(date, { zone: "utc" }).plus({ days });
  if (!moved.isValid) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return moved.toISODate() ?? "";
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD" naming a day that exists (not 2027-02-31). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = DateTime.fromISO(value, { zone: "utc" });
  return date.isValid && date.toISODate() === value;
}
