// .ics files for sessions, made by ical-generator with a real VTIMEZONE for
// Europe/Helsinki, so that calendars show the Helsinki wall-clock time even across
// daylight-saving changes. UIDs are stable and SEQUENCE follows the session's
// sequence: a changed session updates the event in place instead of duplicating it.
import icalTimezones from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";
import type { Language } from "../bot/i18n/index.ts";
import { HELSINKI, inHelsinki } from "./time.ts";

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
}

/** Stable across edits and instances: the calendar's key for this event. */
export function eventUid(sessionId: string): string {
  return `session-${sessionId}@ake-bot.porvoo`;
}

function pick(session: CalendarSession, field: "title" | "description", language: Language): string {
  const key = `${field}${language === "fi" ? "Fi" : language === "sv" ? "Sv" : "En"}` as const;
  return session[key] ?? "";
}

export function sessionsToIcs(sessions: readonly CalendarSession[], language: Language, name = "AKE"): string {
  const calendar = ical({
    name,
    prodId: { company: "AKE Porvoo", product: "ake-bot", language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: HELSINKI, generator: icalTimezones.getVtimezoneComponent },
  });
  for (const session of sessions) {
    const description = [pick(session, "description", language), session.joinUrl ?? ""].filter(Boolean).join("\n\n");
    calendar.createEvent({
      id: eventUid(session.id),
      sequence: session.sequence,
      // Luxon DateTimes, not native Dates: ical-generator formats a native Date in
      // the process' own zone, which is wrong anywhere but Helsinki.
      start: inHelsinki(session.startsAt),
      end: inHelsinki(session.endsAt),
      timezone: HELSINKI,
      stamp: DateTime.fromJSDate(session.updatedAt, { zone: "utc" }),
      summary: pick(session, "title", language),
      description,
      location: session.joinUrl ?? session.place ?? null,
      url: session.joinUrl,
      status: session.cancelledAt ? "CANCELLED" : "CONFIRMED",
    } as Parameters<typeof calendar.createEvent>[0]);
  }
  return calendar.toString();
}
