// The shapes and checks shared by the CSV and ICS readers of a session import: the
// drafts they produce, the issues (row, column, what is wrong) and the skipped rows.
import { DateTime } from "luxon";
import type { SessionKind } from "../prisma/generated/enums.ts";
import { HELSINKI } from "./time.ts";

export const IMPORT_LIMITS = {
  /** largest file fetched or read */
  maxBytes: 1024 * 1024,
  maxRows: 2000,
  title: 200,
  description: 4000,
  place: 300,
  url: 2000,
  externalId: 200,
  /** a network day may span days; anything longer is a typo in a date */
  maxDays: 7,
} as const;

export type ImportFormat = "csv" | "ics";

export type IssueCode =
  | "unreadable"
  | "empty"
  | "too_many_rows"
  | "missing_column"
  | "unknown_column"
  | "required"
  | "bad_datetime"
  | "nonexistent_time"
  | "end_before_start"
  | "too_long_event"
  | "deadline_after_start"
  | "bad_kind"
  | "bad_language"
  | "bad_url"
  | "bad_number"
  | "bad_yes_no"
  | "bad_status"
  | "too_long"
  | "duplicate_id"
  | "network_required"
  | "unknown_network"
  | "bad_timezone";

/** Something that stops the import. `row` is null for the file as a whole. */
export interface ImportIssue {
  /** CSV: the spreadsheet row (the header is row 1); ICS: the n-th VEVENT */
  row: number | null;
  code: IssueCode;
  /** the column (CSV) or property (ICS) to fix */
  field?: string;
  /** what was found, shortened */
  value?: string;
  /** a limit or the row an earlier duplicate is on */
  limit?: number;
}

export type SkipReason = "all_day" | "recurring" | "recurrence_exception" | "past" | "cancelled_new" | "kept_cancelled";

/** A row that is fine but deliberately not imported. */
export interface SkippedRow {
  row: number;
  reason: SkipReason;
  /** the title, else the external id, to recognise the row by */
  label: string;
}

export interface SessionDraft {
  row: number;
  externalId: string;
  kind: SessionKind;
  /** CSV: the network as written (id or name), checked by the store; null for none */
  network: string | null;
  /** ICS: category words that may name a network; the first that does is used */
  networkHints: string[];
  titleFi: string;
  titleSv: string;
  titleEn: string;
  descriptionFi: string;
  descriptionSv: string;
  descriptionEn: string;
  tags: string[];
  languages: string[];
  startsAt: Date;
  endsAt: Date;
  joinUrl: string | null;
  place: string | null;
  capacity: number | null;
  registrationDeadline: Date | null;
  registrationRequired: boolean;
  cancelled: boolean;
}

export interface ParsedImport {
  format: ImportFormat;
  drafts: SessionDraft[];
  issues: ImportIssue[];
  skipped: SkippedRow[];
}

const KIND_WORDS: Record<SessionKind, readonly string[]> = {
  REMOTE_COFFEE: ["etäkahvit", "etäkahvi", "distanskaffe", "remote coffee"],
  NETWORK_COFFEE: ["verkostokahvit", "verkostokahvi", "nätverkskaffe", "network coffee"],
  TUTKITTUA: ["tutkittua"],
  BOOKMOBILE_QUARTER: ["kirjastoautovartti", "kirjastoautovartit", "bokbusskvart", "bookmobile quarter-hour"],
  NETWORK_DAY: ["verkostopäivä", "nätverksdag", "network day"],
  TRAINING: ["koulutus", "utbildning", "training"],
  CORE_GROUP_MEETING: ["ydinryhmä", "ydinryhmän kokous", "kärngruppsmöte", "kärngrupp", "core group meeting"],
};
const normalWord = (word: string) =>
  word
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
const KINDS = new Map<string, SessionKind>(
  (Object.entries(KIND_WORDS) as [SessionKind, readonly string[]][]).flatMap(([kind, words]) =>
    [kind, ...words].map((word) => [normalWord(word), kind] as const),
  ),
);

/** A kind by its code (TRAINING) or its name in Finnish, Swedish or English. */
export function parseKind(value: string): SessionKind | undefined {
  return KINDS.get(normalWord(value));
}

const LANGUAGE_WORDS: Record<string, string> = {
  fi: "fi",
  suomi: "fi",
  finska: "fi",
  finnish: "fi",
  sv: "sv",
  ruotsi: "sv",
  svenska: "sv",
  swedish: "sv",
  en: "en",
  englanti: "en",
  engelska: "en",
  english: "en",
};

export function languageCode(word: string): string | undefined {
  return LANGUAGE_WORDS[word.trim().toLowerCase()];
}

/**
 * A Helsinki wall-clock time as an instant; "gap" for a time the clocks skip (03:30 on the
 * last Sunday of March), which would otherwise silently become 04:30.
 */
export function wallClockInstant(
  parts: { year: number; month: number; day: number; hour: number; minute: number },
  zone: string = HELSINKI,
): Date | "invalid" | "gap" {
  const dt = DateTime.fromObject(parts, { zone });
  if (!dt.isValid) return "invalid";
  if (dt.hour !== parts.hour || dt.minute !== parts.minute || dt.day !== parts.day) return "gap";
  return dt.toJSDate();
}

/** Builds a ParsedImport: checks each finished draft, skips past ones and repeated ids. */
export class ImportCollector {
  readonly result: ParsedImport;
  private readonly seen = new Map<string, number>();
  constructor(
    format: ImportFormat,
    private readonly now: Date,
  ) {
    this.result = { format, drafts: [], issues: [], skipped: [] };
  }

  issue(issue: ImportIssue): void {
    this.result.issues.push(issue);
  }

  skip(row: number, reason: SkipReason, label: string): void {
    this.result.skipped.push({ row, reason, label });
  }

  /** A draft whose own fields parsed; the checks that span fields are made here. */
  add(draft: SessionDraft): void {
    const { row } = draft;
    const issues = this.result.issues;
    const before = issues.length;
    const first = this.seen.get(draft.externalId);
    if (first !== undefined) issues.push({ row, code: "duplicate_id", value: shown(draft.externalId), limit: first });
    else this.seen.set(draft.externalId, row);
    if (draft.endsAt <= draft.startsAt) issues.push({ row, code: "end_before_start", field: "end" });
    else if (draft.endsAt.getTime() - draft.startsAt.getTime() > IMPORT_LIMITS.maxDays * 86_400_000)
      issues.push({ row, code: "too_long_event", field: "end", limit: IMPORT_LIMITS.maxDays });
    if (draft.registrationDeadline && draft.registrationDeadline > draft.startsAt)
      issues.push({ row, code: "deadline_after_start", field: "registration_deadline" });
    if (draft.kind === "CORE_GROUP_MEETING" && draft.network === null && draft.networkHints.length === 0)
      issues.push({ row, code: "network_required", field: "network" });
    if (issues.length > before) return;
    // History is left alone: a session already over is not created or changed by a file.
    if (draft.endsAt <= this.now) this.skip(row, "past", draft.titleFi || draft.titleSv || draft.externalId);
    else this.result.drafts.push(draft);
  }
}

/** Shortened for messages: a row's value is echoed back, never a whole cell. */
export function shown(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
