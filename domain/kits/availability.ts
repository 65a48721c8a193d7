// When a kit is free. A booking occupies the kit for its use period plus the courier's
// transit at both ends (see transitWindow), so "free" always means free including transit.

import { addCalendarDays } from "../time.ts";
import { addWorkingDays, isoWeekOf, isWorkingDay, type LocalDate, transitWindow } from "./working-days.ts";

/** Days the kit is away, both ends included. */
export interface Occupied {
  start: LocalDate;
  end: LocalDate;
}

export interface WeekAvailability {
  /** The Monday of the ISO week. */
  weekStart: LocalDate;
  isoWeek: number;
  /** taken: every working day of the week is occupied; free: none is. */
  state: "free" | "partly" | "taken";
  takenDays: number;
  /** Monday to Friday less holidays, so "3 of 4 days taken" can be shown in a holiday week. */
  workingDays: number;
}

/** How far nextFreeWindow looks before giving up: bookings are made months, not years, ahead. */
const SEARCH_HORIZON_DAYS = 2 * 366;

export function overlaps(a: Occupied, b: Occupied): boolean {
  return a.start <= b.end && b.start <= a.end; // ISO dates compare in calendar order
}

/**
 * Ranges in order of start. The scans below only move forward: a range that ends before
 * the day (or window) being looked at can never matter to a later one.
 */
function byStart(occupied: readonly Occupied[]): Occupied[] {
  for (const range of occupied) {
    if (range.end < range.start) {
      throw new RangeError(`occupied range ends before it starts: ${range.start}–${range.end}`);
    }
  }
  return [...occupied].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * The earliest use period of `useDays` calendar days starting on a working day (the
 * courier delivers only then) on or after `from` whose transit window is clear of
 * every occupied range.
 */
export function nextFreeWindow({
  useDays,
  transitDays,
  occupied,
  from,
}: {
  useDays: number;
  transitDays: number;
  occupied: readonly Occupied[];
  from: LocalDate;
}): { useStart: LocalDate; useEnd: LocalDate } {
  if (!Number.isInteger(useDays) || useDays < 1) throw new RangeError(`use days must be 1 or more: ${useDays}`);
  if (!Number.isInteger(transitDays) || transitDays < 0) {
    throw new RangeError(`transit days must be 0 or more: ${transitDays}`);
  }
  const blocks = byStart(occupied);
  const horizon = addCalendarDays(from, SEARCH_HORIZON_DAYS);
  let useStart = isWorkingDay(from) ? from : addWorkingDays(from, 1);
  let next = 0; // blocks before this one end before any later candidate's window starts
  while (useStart <= horizon) {
    const useEnd = addCalendarDays(useStart, useDays - 1);
    const away = transitWindow(useStart, useEnd, transitDays);
    while ((blocks[next]?.end ?? away.start) < away.start) next++;
    const block = blocks[next];
    if (block === undefined || block.start > away.end) return { useStart, useEnd };
    // Any later start whose pickup is still on or before block.end overlaps it as well,
    // so jump to the first start whose pickup day is the first working day after it.
    useStart = addWorkingDays(block.end, transitDays + 1);
  }
  throw new Error(`no free period of ${useDays} days within two years of ${from}`);
}

/**
 * Week by week from the ISO week containing `from`: how many of the week's working days
 * the kit is occupied. Weekends and holidays do not count, because nobody can collect it then.
 */
export function weeklyAvailability({
  from,
  weeks,
  occupied,
}: {
  from: LocalDate;
  weeks: number;
  occupied: readonly Occupied[];
}): WeekAvailability[] {
  if (!Number.isInteger(weeks) || weeks < 0) throw new RangeError(`weeks must be 0 or more: ${weeks}`);
  const blocks = byStart(occupied);
  let next = 0;
  let { weekStart } = isoWeekOf(from);
  const result: WeekAvailability[] = [];
  for (let week = 0; week < weeks; week++) {
    let workingDays = 0;
    let takenDays = 0;
    for (let offset = 0; offset < 5; offset++) {
      const date = addCalendarDays(weekStart, offset);
      if (!isWorkingDay(date)) continue;
      workingDays++;
      while ((blocks[next]?.end ?? date) < date) next++;
      const block = blocks[next];
      if (block !== undefined && block.start <= date) takenDays++;
    }
    const state = takenDays === 0 ? "free" : takenDays === workingDays ? "taken" : "partly";
    result.push({ weekStart, isoWeek: isoWeekOf(weekStart).isoWeek, state, takenDays, workingDays });
    weekStart = addCalendarDays(weekStart, 7);
  }
  return result;
}
