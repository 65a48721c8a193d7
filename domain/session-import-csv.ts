// The CSV reader of a session import: one session a row, columns by name in any order,
// comma, semicolon (Finnish Excel) or tab separated. Row numbers are the spreadsheet's:
// the header is row 1, so "row 7" is what the coordinator sees in Excel.
import { parse } from "csv-parse/sync";
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

export const CSV_COLUMNS = [
  "external_id",
  "title_fi",
  "title_sv",
  "title_en",
  "kind",
  "network",
  "start",
  "end",
  "languages",
  "join_url",
  "place",
  "capacity",
  "registration_deadline",
  "registration",
  "description_fi",
  "description_sv",
  "description_en",
  "tags",
  "status",
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["external_id", "kind", "start", "end"];
const YES = new Set(["yes", "y", "kyllä", "k", "ja", "j", "true", "1", "x"]);
const NO = new Set(["no", "n", "ei", "e", "nej", "false", "0"]);
const CANCELLED = new Set(["cancelled", "canceled", "peruttu", "peruutettu", "inställd", "inställt"]);
const CONFIRMED = new Set(["", "ok", "confirmed", "vahvistettu", "bekräftad", "scheduled"]);

export function parseSessionCsv(text: string, now: Date): ParsedImport {
  const collector = new ImportCollector("csv", now);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    });
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    collector.issue({ row: typeof lines === "number" ? lines : null, code: "unreadable" });
    return collector.result;
  }
  const [header = [], ...rows] = records;
  const columns = header.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  for (const name of columns) {
    if (name !== "" && !(CSV_COLUMNS as readonly string[]).includes(name))
      collector.issue({ row: 1, code: "unknown_column", value: shown(name) });
  }
  for (const name of REQUIRED)
    if (!columns.includes(name)) collector.issue({ row: 1, code: "missing_column", field: name });
  if (!columns.includes("title_fi") && !columns.includes("title_sv"))
    collector.issue({ row: 1, code: "missing_column", field: "title_fi" });
  if (collector.result.issues.length > 0) return collector.result;
  const filled = rows.filter((cells) => cells.some((cell) => cell !== ""));
  if (filled.length === 0) collector.issue({ row: null, code: "empty" });
  if (filled.length > IMPORT_LIMITS.maxRows)
    collector.issue({ row: null, code: "too_many_rows", limit: IMPORT_LIMITS.maxRows });
  if (collector.result.issues.length > 0) return collector.result;
  rows.forEach((cells, index) => {
    if (!cells.some((cell) => cell !== "")) return;
    const cell = (name: Column) => cells[columns.indexOf(name)]?.trim() ?? "";
    readRow(index + 2, cell, collector);
  });
  return collector.result;
}

function readRow(row: number, cell: (name: Column) => string, collector: ImportCollector): void {
  const issues: ImportIssue[] = [];
  const text = (name: Column, max: number, required = false) => {
    const value = cell(name);
    if (required && value === "") issues.push({ row, code: "required", field: name });
    if (value.length > max) issues.push({ row, code: "too_long", field: name, limit: max });
    return value;
  };
  const externalId = text("external_id", IMPORT_LIMITS.externalId, true);
  const titleFi = text("title_fi", IMPORT_LIMITS.title);
  const titleSv = text("title_sv", IMPORT_LIMITS.title);
  const titleEn = text("title_en", IMPORT_LIMITS.title);
  if (titleFi === "" && titleSv === "") issues.push({ row, code: "required", field: "title_fi" });
  const kindText = text("kind", 100, true);
  const kind = parseKind(kindText);
  if (kindText !== "" && !kind) issues.push({ row, code: "bad_kind", field: "kind", value: shown(kindText) });
  const start = when(row, "start", cell("start"), issues, true);
  const end = when(row, "end", cell("end"), issues, true, cell("start"));
  const deadline =
    cell("registration_deadline") === ""
      ? null
      : when(row, "registration_deadline", cell("registration_deadline"), issues, false);
  const languages = [...new Set(words(cell("languages")).map((word) => languageCode(word) ?? `?${word}`))];
  for (const bad of languages.filter((code) => code.startsWith("?")))
    issues.push({ row, code: "bad_language", field: "languages", value: shown(bad.slice(1)) });
  const joinUrl = text("join_url", IMPORT_LIMITS.url);
  if (joinUrl !== "" && !/^https?:\/\/\S+$/i.test(joinUrl))
    issues.push({ row, code: "bad_url", field: "join_url", value: shown(joinUrl) });
  const capacityText = cell("capacity");
  const capacity = capacityText === "" ? null : Number(capacityText);
  if (capacity !== null && !(Number.isInteger(capacity) && capacity > 0 && capacity <= 100_000))
    issues.push({ row, code: "bad_number", field: "capacity", value: shown(capacityText) });
  const registration = yesNo(row, "registration", cell("registration"), issues);
  const status = cell("status").toLowerCase();
  if (!CANCELLED.has(status) && !CONFIRMED.has(status))
    issues.push({ row, code: "bad_status", field: "status", value: shown(status) });
  const place = text("place", IMPORT_LIMITS.place);
  const descriptions = (["description_fi", "description_sv", "description_en"] as const).map((name) =>
    text(name, IMPORT_LIMITS.description),
  );
  if (issues.length > 0 || !kind || !(start instanceof Date) || !(end instanceof Date)) {
    for (const issue of issues) collector.issue(issue);
    return;
  }
  const [descriptionFi = "", descriptionSv = "", descriptionEn = ""] = descriptions;
  collector.add({
    row,
    externalId,
    kind,
    network: cell("network") || null,
    networkHints: [],
    // Both official languages are wanted; a sheet with one of them still imports, and
    // English falls back to the Finnish title (documented in docs/session-import.md).
    titleFi: titleFi || titleSv,
    titleSv: titleSv || titleFi,
    titleEn: titleEn || titleFi || titleSv,
    descriptionFi: descriptionFi || descriptionSv,
    descriptionSv: descriptionSv || descriptionFi,
    descriptionEn: descriptionEn || descriptionFi || descriptionSv,
    tags: words(cell("tags")).map((word) => word.toLowerCase()),
    languages: languages.length > 0 ? languages : ["fi"],
    startsAt: start,
    endsAt: end,
    joinUrl: joinUrl || null,
    place: place || null,
    capacity,
    registrationDeadline: deadline instanceof Date ? deadline : null,
    registrationRequired: registration ?? (capacity !== null || deadline !== null),
    cancelled: CANCELLED.has(status),
  });
}

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2})[:.](\d{2})(?::\d{2})?)?$/;
const FINNISH = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+|kl\.?\s+)?(\d{1,2})[:.](\d{2}))?$/i;
const TIME_ONLY = /^(\d{1,2})[:.](\d{2})$/;

/**
 * "2026-10-28 09:00" or "28.10.2026 9.00", Helsinki time. `end` may be a time only (the
 * start's day); a deadline may be a date only (until 23:59 that day).
 */
function when(
  row: number,
  field: Column,
  value: string,
  issues: ImportIssue[],
  needsTime: boolean,
  startValue?: string,
): Date | undefined {
  if (value === "") {
    issues.push({ row, code: "required", field });
    return undefined;
  }
  const dayOf = (text: string) => {
    const iso = DATE_TIME.exec(text);
    if (iso) return { year: iso[1], month: iso[2], day: iso[3], hour: iso[4], minute: iso[5] };
    const fi = FINNISH.exec(text);
    return fi ? { year: fi[3], month: fi[2], day: fi[1], hour: fi[4], minute: fi[5] } : undefined;
  };
  let parts = dayOf(value);
  const timeOnly = TIME_ONLY.exec(value);
  if (!parts && timeOnly && startValue !== undefined) {
    const day = dayOf(startValue);
    if (day) parts = { ...day, hour: timeOnly[1], minute: timeOnly[2] };
  }
  if (!parts || (needsTime && parts.hour === undefined)) {
    issues.push({ row, code: "bad_datetime", field, value: shown(value) });
    return undefined;
  }
  const hasTime = parts.hour !== undefined;
  const instant = wallClockInstant({
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: hasTime ? Number(parts.hour) : 23,
    minute: hasTime ? Number(parts.minute) : 59,
  });
  if (instant instanceof Date) return instant;
  issues.push({ row, code: instant === "gap" ? "nonexistent_time" : "bad_datetime", field, value: shown(value) });
  return undefined;
}

function yesNo(row: number, field: Column, value: string, issues: ImportIssue[]): boolean | undefined {
  const word = value.toLowerCase();
  if (word === "") return undefined;
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  issues.push({ row, code: "bad_yes_no", field, value: shown(value) });
  return undefined;
}

function words(value: string): string[] {
  return value.split(/[\s,;/+]+/).filter(Boolean);
}

/** The separator the header line uses most: Finnish Excel writes ";", others ",". */
function guessDelimiter(text: string): string {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const counts = [";", ",", "\t"].map((sep) => [sep, header.split(sep).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ",";
}
