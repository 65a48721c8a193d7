// An agreed staff visit as an .ics file: an all-day event over the visit's days, so a
// calendar shows it on the right dates whatever the reader's time zone. The UID is
// stable and SEQUENCE follows the visit's, so a changed visit updates the event in place.
import ical, { type ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import { addCalendarDays, HELSINKI } from "./time.ts";

export interface CalendarVisit {
  id: string;
  /** the agreed first day, YYYY-MM-DD */
  firstDay: string;
  days: number;
  sequence: number;
  updatedAt: Date;
  cancelled: boolean;
  summary: string;
  description: string;
  location: string;
}

export function visitUid(visitId: string): string {
  return `visit-${visitId}@ake-bot.porvoo`;
}

export function visitToIcs(visit: CalendarVisit, language: string): string {
  const calendar = ical({
    name: "AKE",
    prodId: { company: "AKE Porvoo", product: "ake-bot", language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  addVisitEvent(calendar, visit);
  return calendar.toString();
}

/** The visit as an all-day event of `calendar` (its own file, or the personal feed). */
export function addVisitEvent(calendar: ICalCalendar, visit: CalendarVisit): void {
  // all-day dates as floating dates: ical-generator writes VALUE=DATE from the DateTime's own fields
  const day = (date: string) => DateTime.fromISO(date, { zone: HELSINKI });
  calendar.createEvent({
    id: visitUid(visit.id),
    sequence: visit.sequence,
    allDay: true,
    start: day(visit.firstDay),
    // the end of an all-day event is exclusive: the day after the last day
    end: day(addCalendarDays(visit.firstDay, Math.max(1, visit.days))),
    stamp: DateTime.fromJSDate(visit.updatedAt, { zone: "utc" }),
    summary: visit.summary,
    description: visit.description,
    location: visit.location,
    status: visit.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}
