// When to remind, as a pure function of the session's start and `now` (issue 6).
// Wall-clock rules ("the day before at 09:00") are applied on the Helsinki calendar,
// never by subtracting 24 h from an instant: across a daylight-saving change a day is
// 23 or 25 hours long, and 09:00 must stay 09:00 in Helsinki.
import type { DateTime } from "luxon";
import { helsinkiInstant, inHelsinki } from "./time.ts";

/** The reminder kinds a user can switch off one by one. */
export const REMINDER_KINDS = ["session", "coreGroup", "kit", "newSession", "digest"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The kinds timed against a session's start (the rest have their own planners). */
export const SESSION_REMINDER_KINDS = ["session", "coreGroup"] as const;
export type SessionReminderKind = (typeof SESSION_REMINDER_KINDS)[number];

/** The outbox kinds of the session reminders. */
export const REMINDER_NOTIFICATION: Record<SessionReminderKind, string> = {
  session: "reminders.session",
  coreGroup: "reminders.coreGroup",
};

/** Which reminder of a kind: stored in the outbox key, so each is planned once. */
export type ReminderSlot = "dayBefore" | "minutes15" | "weekBefore";

export interface PlannedReminder {
  slot: ReminderSlot;
  at: Date;
}

const MORNING = "09:00";

export function isReminderKind(value: string): value is ReminderKind {
  return (REMINDER_KINDS as readonly string[]).includes(value);
}

export function isSessionReminderKind(value: string): value is SessionReminderKind {
  return (SESSION_REMINDER_KINDS as readonly string[]).includes(value);
}

/**
 * When reminders go out; coordinators change it (`muistutukset ajat`). `morning` is the
 * wall-clock time of the day-before reminders and the Monday digest; the first core-group
 * reminder comes `coreGroupDaysBefore` days ahead, the second the day before.
 */
export interface ReminderTiming {
  morning: string;
  minutesBefore: number;
  coreGroupDaysBefore: number;
}

export const DEFAULT_TIMING: ReminderTiming = { morning: MORNING, minutesBefore: 15, coreGroupDaysBefore: 7 };

/** What coordinators may choose: mornings inside the daytime window, sensible spans. */
export const TIMING_LIMITS = {
  morning: { earliest: "08:00", latest: "17:45" },
  minutesBefore: { min: 5, max: 120 },
  coreGroupDaysBefore: { min: 2, max: 14 },
} as const;

/**
 * The instants to remind at for a session starting at `startsAt`, in time order,
 * leaving out those already past at `now` (planning late must not send stale ones).
 */
export function reminderInstants(
  kind: SessionReminderKind,
  startsAt: Date,
  now: Date,
  timing: ReminderTiming = DEFAULT_TIMING,
): PlannedReminder[] {
  const start = inHelsinki(startsAt);
  const planned: PlannedReminder[] =
    kind === "session"
      ? [
          { slot: "dayBefore", at: morningOnWeekday(start.minus({ days: 1 }), timing.morning) },
          { slot: "minutes15", at: new Date(startsAt.getTime() - timing.minutesBefore * 60_000) },
        ]
      : [
          {
            slot: "weekBefore",
            at: morningOnWeekday(start.minus({ days: timing.coreGroupDaysBefore }), timing.morning),
          },
          { slot: "dayBefore", at: morningOnWeekday(start.minus({ days: 1 }), timing.morning) },
        ];
  return planned
    .filter((reminder) => reminder.at > now && reminder.at < startsAt)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** `time` Helsinki on that calendar day, or on the Friday before when it is a Saturday or Sunday. */
function morningOnWeekday(day: DateTime, time: string): Date {
  // Luxon: 6 = Saturday, 7 = Sunday
  const shift = day.weekday === 6 ? 1 : day.weekday === 7 ? 2 : 0;
  const date = day.minus({ days: shift }).toISODate();
  if (!date) throw new RangeError("invalid reminder day");
  return helsinkiInstant(date, time);
}

/** What the send-time check looks at: the session as it is now, and the user's relation to it. */
export interface ReminderFacts {
  session: { startsAt: Date; cancelledAt: Date | null; kind: string } | null;
  registered: boolean;
  interested: boolean;
  coreMember: boolean;
  enabled: boolean;
  pausedUntil: Date | null;
}

/**
 * Why a planned reminder must not go out any more, or null when it still holds. Planning
 * happens up to eight days ahead; this is what makes later changes count.
 */
export function reminderSkipReason(
  kind: SessionReminderKind,
  plannedStartsAt: string,
  facts: ReminderFacts,
  now: Date,
  slot?: ReminderSlot,
): string | null {
  const { session } = facts;
  if (!session) return "session_gone";
  if (session.cancelledAt) return "session_cancelled";
  // a moved session has reminders of its own, planned under a key with the new start
  if (session.startsAt.getTime() !== new Date(plannedStartsAt).getTime()) return "session_moved";
  if (session.startsAt <= now) return "session_started";
  if (kind === "session" && !facts.registered && !facts.interested) return "not_attending";
  if (kind === "coreGroup" && (!facts.coreMember || session.kind !== "CORE_GROUP_MEETING")) return "not_core_member";
  if (!facts.enabled) return "switched_off";
  if (facts.pausedUntil && facts.pausedUntil > now) return "paused";
  if (slot && slot !== "minutes15") {
    // a morning reminder that comes late must not come at night, nor say "tomorrow" on the day
    if (daytimeFrom(now).getTime() !== now.getTime()) return "quiet_hours";
    const today = inHelsinki(now).toISODate() ?? "";
    const start = inHelsinki(session.startsAt);
    const lastDay = (slot === "weekBefore" ? start.minus({ days: 1 }) : start).toISODate() ?? "";
    if (today >= lastDay) return "stale";
  }
  return null;
}

/** Daytime on a working day: bot-initiated notices wait for it (08:00–18:00, Monday to Friday). */
const DAY_START = "08:00";
const DAY_END_HOUR = 18;

/** `now` when it is daytime on a weekday; else 08:00 on the next weekday. */
export function daytimeFrom(now: Date): Date {
  const local = inHelsinki(now);
  const weekday = local.weekday <= 5;
  if (weekday && local.hour >= 8 && local.hour < DAY_END_HOUR) return now;
  let day = local.hour < 8 && weekday ? local : local.plus({ days: 1 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const date = day.toISODate();
  if (!date) throw new RangeError("invalid day");
  return helsinkiInstant(date, DAY_START);
}

/** The next Monday morning (09:00 by default) in Helsinki at or after `now`, and its date: the weekly digest. */
export function nextMondayMorning(now: Date, morning: string = MORNING): { at: Date; date: string } {
  const local = inHelsinki(now);
  const daysAhead = (8 - local.weekday) % 7;
  let day = local.plus({ days: daysAhead });
  let at = helsinkiInstant(day.toISODate() ?? "", morning);
  if (at < now) {
    day = day.plus({ days: 7 });
    at = helsinkiInstant(day.toISODate() ?? "", morning);
  }
  return { at, date: day.toISODate() ?? "" };
}
