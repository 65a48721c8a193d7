// Reading session files without a store: CSV columns, Finnish and ISO times on the
// Helsinki clock (the suite runs in Pacific/Chatham), row numbers as a spreadsheet shows
// them, and .ics time zones, all-day and recurring events. Also the address parsing of `tuo`.
import { describe, expect, it } from "vitest";
import { parseImportUrl } from "../bot/features/calendar/fetch-file.ts";
import {
  decodeText,
  importedSessionId,
  type ParsedImport,
  parseSessionFile,
  sniffFormat,
} from "../domain/session-import.ts";

const NOW = new Date("2026-10-19T07:00:00Z");
const csv = (text: string) => parseSessionFile(text, "csv", NOW);
const ics = (events: string, extra = "") =>
  parseSessionFile(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${extra}${events}END:VCALENDAR\r\n`, "ics", NOW);
const issues = (parsed: ParsedImport) => parsed.issues.map((i) => `${i.row}:${i.code}:${i.field ?? ""}`);

describe("CSV", () => {
  const header = "external_id;title_fi;title_sv;kind;network;start;end;languages;capacity;registration_deadline";

  it("reads semicolon-separated Finnish Excel, with Finnish dates and an end given as a time", () => {
    const parsed = csv(
      `\uFEFF${header}\r\nk1;Koulutus;Utbildning;koulutus;severi;28.10.2026 9.00;10.30;fi, sv;20;26.10.2026\r\n`,
    );
    expect(parsed.issues).toEqual([]);
    const [draft] = parsed.drafts;
    // the week after the clocks went back: 09:00 Helsinki is 07:00 UTC (UTC+2)
    expect(draft?.startsAt.toISOString()).toBe("2026-10-28T07:00:00.000Z");
    expect(draft?.endsAt.toISOString()).toBe("2026-10-28T08:30:00.000Z");
    expect(draft?.registrationDeadline?.toISOString()).toBe("2026-10-26T21:59:00.000Z");
    expect(draft).toMatchObject({
      kind: "TRAINING",
      network: "severi",
      languages: ["fi", "sv"],
      capacity: 20,
      registrationRequired: true,
      titleEn: "Koulutus",
    });
  });

  it("reads comma-separated ISO times; a time before the October change is UTC+3", () => {
    const parsed = csv(
      'external_id,title_fi,kind,start,end,tags\nk2,"Kahvit, syksy",REMOTE_COFFEE,2026-10-21 09:00,2026-10-21 09:30,"celia, tutkittua"\n',
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.drafts[0]).toMatchObject({
      titleFi: "Kahvit, syksy",
      titleSv: "Kahvit, syksy",
      languages: ["fi"],
      tags: ["celia", "tutkittua"],
      registrationRequired: false,
      startsAt: new Date("2026-10-21T06:00:00.000Z"),
    });
  });

  it("names every problem by spreadsheet row and column, and skips past sessions", () => {
    const parsed = csv(
      [
        header,
        "ok;A;A;training;;2026-11-02 09:00;2026-11-02 10:00;;;",
        "old;B;B;training;;2026-10-01 09:00;2026-10-01 10:00;;;",
        "",
        "bad;C;C;kahvi;;2026-13-40 09:00;10:00;de;-3;",
        "gap;D;D;training;;2027-03-28 03:30;2027-03-28 05:00;;;",
        "ok;E;E;training;;2026-11-03 10:00;2026-11-03 09:00;;;2026-11-04",
        ";;;training;;2026-11-03 10:00;2026-11-03 11:00;;;",
      ].join("\n"),
    );
    expect(issues(parsed)).toEqual([
      "5:bad_kind:kind",
      "5:bad_datetime:start",
      "5:bad_datetime:end",
      "5:bad_language:languages",
      "5:bad_number:capacity",
      "6:nonexistent_time:start",
      "7:duplicate_id:",
      "7:end_before_start:end",
      "7:deadline_after_start:registration_deadline",
      "8:required:external_id",
      "8:required:title_fi",
    ]);
    expect(parsed.issues.find((i) => i.code === "duplicate_id")?.limit).toBe(2);
    expect(parsed.skipped).toEqual([{ row: 3, reason: "past", label: "B" }]);
  });

  it("refuses a header with unknown or missing columns before reading rows", () => {
    const parsed = csv("external_id;titel_fi;kind;start\nk;x;training;2026-11-02 09:00\n");
    expect(issues(parsed)).toEqual(["1:unknown_column:", "1:missing_column:end", "1:missing_column:title_fi"]);
    expect(parsed.drafts).toEqual([]);
  });

  it("a core-group meeting needs its network; 'peruttu' marks a cancellation", () => {
    const parsed = csv(
      "external_id,title_fi,kind,network,start,end,status\n" +
        "y1,Ydin,ydinryhmä,,2026-11-02 09:00,2026-11-02 10:00,\n" +
        "y2,Ydin,core group meeting,svea,2026-11-02 09:00,2026-11-02 10:00,peruttu\n",
    );
    expect(issues(parsed)).toEqual(["2:network_required:network"]);
    expect(parsed.drafts[0]).toMatchObject({ kind: "CORE_GROUP_MEETING", network: "svea", cancelled: true });
  });

  it("a Windows-1252 export keeps its ä and ö", () => {
    expect(decodeText(new Uint8Array([0x50, 0xe4, 0xe4, 0x20, 0xf6]))).toBe("Pää ö");
    expect(decodeText(new TextEncoder().encode("Pää ö"))).toBe("Pää ö");
  });
});

describe(".ics", () => {
  const FLE = [
    "BEGIN:VTIMEZONE",
    "TZID:FLE Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T040000",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "",
  ].join("\r\n");
  const event = (lines: string[]) => `BEGIN:VEVENT\r\n${lines.join("\r\n")}\r\nEND:VEVENT\r\n`;

  it.each([
    ["an IANA TZID", "DTSTART;TZID=Europe/Helsinki:20261028T090000", "", "2026-10-28T07:00:00.000Z"],
    [
      "Outlook's zone name with its VTIMEZONE",
      "DTSTART;TZID=FLE Standard Time:20261028T090000",
      FLE,
      "2026-10-28T07:00:00.000Z",
    ],
    [
      "Outlook's zone name without VTIMEZONE",
      "DTSTART;TZID=FLE Standard Time:20261021T090000",
      "",
      "2026-10-21T06:00:00.000Z",
    ],
    ["UTC", "DTSTART:20261028T070000Z", "", "2026-10-28T07:00:00.000Z"],
    ["a floating time (read as Helsinki)", "DTSTART:20261028T090000", "", "2026-10-28T07:00:00.000Z"],
    ["another zone", "DTSTART;TZID=Europe/Berlin:20261028T080000", "", "2026-10-28T07:00:00.000Z"],
  ])("honours %s", (_name, dtstart, extra, expected) => {
    const parsed = ics(event(["UID:u1", "SUMMARY:Koulutus", dtstart, "DURATION:PT1H"]), extra);
    expect(parsed.issues).toEqual([]);
    expect(parsed.drafts[0]?.startsAt.toISOString()).toBe(expected);
    expect(parsed.drafts[0]?.endsAt.getTime()).toBe(new Date(expected).getTime() + 3_600_000);
  });

  it("skips all-day and recurring events with a reason, and reports an unknown zone", () => {
    const parsed = ics(
      event(["UID:a", "SUMMARY:Koko päivä", "DTSTART;VALUE=DATE:20261028"]) +
        event([
          "UID:b",
          "SUMMARY:Joka viikko",
          "DTSTART:20261028T090000",
          "DTEND:20261028T100000",
          "RRULE:FREQ=WEEKLY",
        ]) +
        event([
          "UID:b",
          "SUMMARY:Siirretty",
          "RECURRENCE-ID:20261104T090000",
          "DTSTART:20261105T090000",
          "DURATION:PT1H",
        ]) +
        event(["UID:c", "SUMMARY:Marsissa", "DTSTART;TZID=Mars/Olympus:20261028T090000", "DURATION:PT1H"]) +
        event(["SUMMARY:Ilman tunnistetta", "DTSTART:20261028T090000", "DURATION:PT1H"]),
    );
    expect(parsed.skipped.map((s) => `${s.row}:${s.reason}:${s.label}`)).toEqual([
      "1:all_day:Koko päivä",
      "2:recurring:Joka viikko",
      "3:recurrence_exception:Siirretty",
    ]);
    expect(issues(parsed)).toEqual(["4:bad_timezone:DTSTART", "5:required:UID"]);
  });

  it("takes the meeting link from the invitation text, categories as kind, language and network", () => {
    const parsed = ics(
      event([
        "UID:teams-1",
        "SUMMARY:Nätverksdag",
        "DTSTART;TZID=Europe/Helsinki:20261105T090000",
        "DTEND;TZID=Europe/Helsinki:20261105T150000",
        "CATEGORIES:Verkostopäivä,SVEA,svenska",
        "LOCATION:Borgå stadsbibliotek",
        "STATUS:CANCELLED",
        "DESCRIPTION:Delta: https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0?context=1 Välkommen!",
      ]),
    );
    expect(parsed.drafts[0]).toMatchObject({
      kind: "NETWORK_DAY",
      languages: ["sv"],
      networkHints: ["SVEA"],
      place: "Borgå stadsbibliotek",
      joinUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0?context=1",
      cancelled: true,
    });
  });

  it("an unreadable file is one issue for the whole file", () => {
    expect(issues(parseSessionFile("BEGIN:VCALENDAR\r\nnot ical at all", "ics", NOW))).toEqual(["null:unreadable:"]);
  });
});

describe("sniffing, ids and addresses", () => {
  it.each([
    [{ text: "BEGIN:VCALENDAR\r\n" }, "ics"],
    [{ name: "x.txt", text: "external_id;title_fi" }, "csv"],
    [{ contentType: "text/calendar", text: "" }, "ics"],
    [{ contentType: "text/csv; charset=utf-8", text: "" }, "csv"],
    [{ name: "export", text: "<!DOCTYPE html><html>" }, "html"],
    [{ name: "notes", text: "hello" }, null],
  ])("%j is %s", (hints, expected) => {
    expect(sniffFormat(hints)).toBe(expected);
  });

  it("the session id of an external id is stable and UUID-shaped", () => {
    expect(importedSessionId("k1")).toBe(importedSessionId("k1"));
    expect(importedSessionId("k1")).not.toBe(importedSessionId("k2"));
    expect(importedSessionId("k1")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ["<https://example.org/a.csv>", "https://example.org/a.csv"],
    ["<https://example.org/a.csv|a.csv>", "https://example.org/a.csv"],
    ["http://127.0.0.1:8080/x.ics", "http://127.0.0.1:8080/x.ics"],
    ["ftp://example.org/a.csv", undefined],
    ["tiedosto.csv", undefined],
  ])("the address %s", (typed, expected) => {
    expect(parseImportUrl(typed)?.href).toBe(expected);
  });
});
