// The .ics reader of a session import (an Outlook or training-calendar export): one
// session per VEVENT, keyed by its UID. Times honour their TZID: an IANA zone through
// Luxon, an Outlook zone name ("FLE Standard Time") through the file's own VTIMEZONE;
// times without a zone are Helsinki time. All-day and recurring events are skipped
// with a reason rather than guessed at. "Row" here is the n-th event of the file.
import ICAL from "ical.js";
import { IANAZone } from "luxon";
import {
  IMPORT_LIMITS,
  ImportCollector,
  type ImportIssue,
  languageCode,
  type ParsedImport,
  parseKind,
  shown,
  wallClockInstant,
} from "./session-import-rows.ts";

/** Outlook's zone names, for files that use one without including its VTIMEZONE. */
const WINDOWS_ZONES: Record<string, string> = {
  "FLE Standard Time": "Europe/Helsinki",
  "E. Europe Standard Time": "Europe/Helsinki",
  "W. Europe Standard Time": "Europe/Berlin",
  "Central Europe Standard Time": "Europe/Budapest",
  "Romance Standard Time": "Europe/Paris",
  "GMT Standard Time": "Europe/London",
  UTC: "UTC",
};
/** Meeting links in an invitation's text, when the event has no URL of its own. */
const MEETING_LINK =
  /https:\/\/(?:teams\.microsoft\.com\/l\/meetup-join|[\w-]+\.zoom\.us\/j|meet\.google\.com)\/[^\s<>"]+/;

export function parseSessionIcs(text: string, now: Date): ParsedImport {
  const collector = new ImportCollector("ics", now);
  let events: ICAL.Component[];
  try {
    const parsed = ICAL.parse(text);
    const calendars = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
    events = calendars.flatMap((jcal) => new ICAL.Component(jcal as never).getAllSubcomponents("vevent"));
  } catch {
    collector.issue({ row: null, code: "unreadable" });
    return collector.result;
  }
  if (events.length === 0) collector.issue({ row: null, code: "empty" });
  if (events.length > IMPORT_LIMITS.maxRows)
    collector.issue({ row: null, code: "too_many_rows", limit: IMPORT_LIMITS.maxRows });
  if (collector.result.issues.length > 0) return collector.result;
  events.forEach((event, index) => {
    readEvent(index + 1, event, collector);
  });
  return collector.result;
}

function readEvent(row: number, event: ICAL.Component, collector: ImportCollector): void {
  const issues: ImportIssue[] = [];
  const string = (name: string) => {
    const value = event.getFirstPropertyValue(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const uid = string("uid");
  const summary = string("summary");
  const label = summary || uid;
  if (uid === "") issues.push({ row, code: "required", field: "UID" });
  if (uid.length > IMPORT_LIMITS.externalId) issues.push({ row, code: "too_long", field: "UID", limit: 200 });
  if (summary === "") issues.push({ row, code: "required", field: "SUMMARY" });
  if (event.hasProperty("recurrence-id")) {
    collector.skip(row, "recurrence_exception", label);
    return;
  }
  if (event.hasProperty("rrule") || event.hasProperty("rdate")) {
    collector.skip(row, "recurring", label);
    return;
  }
  const startProp = event.getFirstProperty("dtstart");
  const start = startProp ? instantOf(startProp, row, "DTSTART", issues) : undefined;
  if (!startProp) issues.push({ row, code: "required", field: "DTSTART" });
  if (start === "date") {
    collector.skip(row, "all_day", label);
    return;
  }
  let end: Date | "date" | undefined;
  const endProp = event.getFirstProperty("dtend");
  const duration = event.getFirstPropertyValue("duration");
  if (endProp) end = instantOf(endProp, row, "DTEND", issues);
  else if (duration instanceof ICAL.Duration && start instanceof Date)
    end = new Date(start.getTime() + duration.toSeconds() * 1000);
  else if (start instanceof Date) issues.push({ row, code: "required", field: "DTEND" });
  if (issues.length > 0 || !(start instanceof Date) || !(end instanceof Date)) {
    for (const issue of issues) collector.issue(issue);
    return;
  }
  const description = clip(string("description"), IMPORT_LIMITS.description);
  const location = string("location");
  const locationIsLink = /^https?:\/\/\S+$/i.test(location);
  const joinUrl = string("url") || (locationIsLink ? location : "") || MEETING_LINK.exec(description)?.[0] || "";
  const categories = event
    .getAllProperties("categories")
    .flatMap((property) => property.getValues())
    .filter((value): value is string => typeof value === "string")
    .map((value) => value.trim())
    .filter(Boolean);
  const kinds = categories.map(parseKind).filter((kind) => kind !== undefined);
  const languages = [...new Set(categories.map(languageCode).filter((code) => code !== undefined))];
  const title = clip(summary, IMPORT_LIMITS.title);
  collector.add({
    row,
    externalId: uid,
    // A training calendar's export is what this is mostly for; a category may say otherwise.
    kind: kinds[0] ?? "TRAINING",
    network: null,
    networkHints: categories.filter((word) => !parseKind(word) && !languageCode(word)),
    titleFi: title,
    titleSv: title,
    titleEn: title,
    descriptionFi: description,
    descriptionSv: description,
    descriptionEn: description,
    tags: [],
    languages: languages.length > 0 ? languages : ["fi"],
    startsAt: start,
    endsAt: end,
    joinUrl: joinUrl.length <= IMPORT_LIMITS.url ? joinUrl || null : null,
    place: locationIsLink || location === "" ? null : clip(location, IMPORT_LIMITS.place),
    capacity: null,
    registrationDeadline: null,
    registrationRequired: false,
    cancelled: string("status").toUpperCase() === "CANCELLED",
  });
}

/** The instant of DTSTART/DTEND, "date" for an all-day value, undefined after an issue. */
function instantOf(property: ICAL.Property, row: number, field: string, issues: ImportIssue[]) {
  const value = property.getFirstValue();
  if (!(value instanceof ICAL.Time)) {
    issues.push({ row, code: "bad_datetime", field });
    return undefined;
  }
  if (value.isDate) return "date" as const;
  if (value.zone?.tzid === "UTC") return value.toJSDate();
  const parts = { year: value.year, month: value.month, day: value.day, hour: value.hour, minute: value.minute };
  const tzid = String(property.getParameter("tzid") ?? "").replace(/^\/|^"|"$/g, "");
  let instant: Date | "invalid" | "gap" | undefined;
  if (tzid === "") instant = wallClockInstant(parts);
  else if (IANAZone.isValidZone(tzid)) instant = wallClockInstant(parts, tzid);
  // The file's own VTIMEZONE, which ical.js has attached to the value.
  else if (value.zone && value.zone.tzid === tzid) instant = value.toJSDate();
  else if (WINDOWS_ZONES[tzid]) instant = wallClockInstant(parts, WINDOWS_ZONES[tzid]);
  if (instant === undefined) {
    issues.push({ row, code: "bad_timezone", field, value: shown(tzid) });
    return undefined;
  }
  if (instant instanceof Date) return instant;
  const written = `${value.toString().replace("T", " ")} ${tzid}`.trim();
  issues.push({ row, code: instant === "gap" ? "nonexistent_time" : "bad_datetime", field, value: shown(written) });
  return undefined;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
