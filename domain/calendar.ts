// .ics files for sessions, made by ical-generator with a real VTIMEZONE for
// Europe/Helsinki, so that calendars show the Helsinki wall-clock time even across
// daylight-saving changes. UIDs are stable and SEQUENCE follows the session's
// sequence: a changed session updates the event in place instead of duplicating it.
import icalTimezones from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import type { Language } from "../bot/i18n/index.ts";
import { HELSINKI, inHelsinki } from "./time.ts";
import { addVisitEvent, type CalendarVisit } from "./visits-calendar.ts";

export interface CalendarSession {
  id: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  descriptionFi?: string;
  descriptionSv?: string;
  descriptionEn?: string;
  startsAt: Date;
  endsAt: Date;
  joinUrl: string | null;
  place?: string | null;
  sequence: number;
  cancelledAt: Date | null;
  updatedAt: Date;
  /** appended to the title, e.g. "(waitlist)" in a personal feed */
  note?: string | undefined;
}

export interface IcsOptions {
  /** the calendar's name shown by the client (X-WR-CALNAME) */
  name?: string;
  /** put before a cancelled session's title: not every client shows STATUS:CANCELLED */
  cancelledPrefix?: string;
  /** how often a subscribing client should refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL) */
  refreshSeconds?: number;
  /** agreed staff visits of the feed's owner, as all-day events */
  visits?: readonly CalendarVisit[];
}

/** Stable across edits and instances: the calendar's key for this event. */
export function eventUid(sessionId: string): string {
  return `session-${sessionId}@ake-bot.porvoo`;
}

function pick(session: CalendarSession, field: "title" | "description", language: Language): string {
  const key = `${field}${language === "fi" ? "Fi" : language === "sv" ? "Sv" : "En"}` as const;
  return session[key] ?? "";
}

export function sessionsToIcs(
  sessions: readonly CalendarSession[],
  language: Language,
  options: IcsOptions = {},
): string {
  const calendar = ical({
    name: options.name ?? "AKE",
    prodId: { company: "AKE Porvoo", product: "ake-bot", language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-level zone name: ical-generator would then write DTSTAMP in that zone
    // without a "Z", which RFC 5545 forbids. The events' TZID still gets its VTIMEZONE.
    timezone: { name: null, generator: icalTimezones.getVtimezoneComponent },
    ttl: options.refreshSeconds ?? null,
    x: [{ key: "X-WR-TIMEZONE", value: HELSINKI }],
  });
  for (const session of sessions) {
    const description = [pick(session, "description", language), session.joinUrl ?? ""].filter(Boolean).join("\n\n");
    const title = [pick(session, "title", language), session.note].filter(Boolean).join(" ");
    const cancelled = session.cancelledAt !== null;
    calendar.createEvent({
      id: eventUid(session.id),
      sequence: session.sequence,
      // Luxon DateTimes, not native Dates: ical-generator formats a native Date in
      // the process' own zone, which is wrong anywhere but Helsinki.
      start: inHelsinki(session.startsAt),
      end: inHelsinki(session.endsAt),
      timezone: HELSINKI,
      stamp: DateTime.fromJSDate(session.updatedAt, { zone: "utc" }),
      summary: cancelled && options.cancelledPrefix ? `${options.cancelledPrefix} ${title}` : title,
      description: description || null,
      location: session.joinUrl ?? session.place ?? null,
      url: session.joinUrl,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  for (const visit of options.visits ?? []) addVisitEvent(calendar, visit);
  return calendar.toString();
}
