// A session import's outcome as a neutral reply, in the reader's language: the counts,
// what is new, what changed (by column), what was skipped and why, or — when nothing
// was written — every row to fix. The chat command and the CLI (in English) share it.
import type { ImportFormat, ImportIssue } from "../../../domain/session-import.ts";
import type { ImportedSession, SessionImportOutcome } from "../../../domain/store/session-import.ts";
import { formatSessionTime, localized } from "../../format.ts";
import { type FeatureTranslate, featureTranslator, type Language } from "../../i18n/index.ts";
import type { ActionPayload, Block, Reply } from "../../reply.ts";

/** Per list; a long import still fits a chat message, and the counts tell the rest. */
const MAX_LINES = 15;
const MAX_ISSUES = 25;

export interface ReportContext {
  language: Language;
  /** the file's name or address, as the user gave it */
  file: string;
  /** after a dry run: what runs it for real (a button) and the command to type */
  runForReal?: { action?: ActionPayload | undefined; command: string } | undefined;
}

export function importReportReply(outcome: SessionImportOutcome, context: ReportContext): Reply {
  const { language } = context;
  const t = featureTranslator(language, "calendar");
  const source = t("import.source", {
    file: context.file,
    format: (outcome.ok ? outcome.report.format : outcome.format) === "csv" ? "CSV" : "iCalendar",
  });
  if (!outcome.ok) {
    const title = t("import.titleRefused");
    const lines = outcome.issues.slice(0, MAX_ISSUES).map((issue) => issueLine(t, outcome.format, issue));
    if (outcome.issues.length > MAX_ISSUES) lines.push(t("import.more", { count: outcome.issues.length - MAX_ISSUES }));
    return {
      summary: `${title}: ${source}`,
      blocks: [
        { type: "header", text: title },
        { type: "context", text: source },
        { type: "text", text: t("import.fixIntro") },
        { type: "text", text: bullets(lines) },
      ],
    };
  }
  const { report } = outcome;
  const title = t(report.dryRun ? "import.titleDryRun" : "import.titleDone");
  const counts = t("import.counts", {
    created: report.created.length,
    updated: report.updated.length,
    unchanged: report.unchanged.length,
    skipped: report.skipped.length,
  });
  const blocks: Block[] = [
    { type: "header", text: title },
    { type: "context", text: source },
    { type: "text", text: counts },
  ];
  const session = (entry: ImportedSession) => ({
    title: localized(entry, "title", language),
    when: formatSessionTime(entry.startsAt, entry.endsAt, language),
  });
  const section = (heading: string, lines: string[]) => {
    if (lines.length === 0) return;
    const shownLines = lines.slice(0, MAX_LINES);
    if (lines.length > MAX_LINES) shownLines.push(t("import.more", { count: lines.length - MAX_LINES }));
    blocks.push({ type: "text", text: `${heading}\n${bullets(shownLines)}` });
  };
  section(
    t("import.created"),
    report.created.map((entry) => t("import.createdLine", session(entry))),
  );
  section(
    t("import.updated"),
    report.updated.map((entry) => t("import.updatedLine", { ...session(entry), fields: entry.changes.join(", ") })),
  );
  section(
    t("import.skipped"),
    report.skipped.map((skip) =>
      t("import.skippedLine", {
        row: rowLabel(t, report.format, skip.row),
        label: skip.label,
        reason: t(`import.reasons.${skip.reason}`),
      }),
    ),
  );
  if (report.dryRun && context.runForReal) {
    blocks.push({ type: "context", text: t("import.dryRunNext", { command: context.runForReal.command }) });
    const { action } = context.runForReal;
    if (action)
      blocks.push({
        type: "actions",
        actions: [{ type: "button", label: t("import.runNow"), action, style: "primary" }],
      });
  }
  return { summary: `${title}: ${counts}`, blocks };
}

function issueLine(t: FeatureTranslate<"calendar">, format: ImportFormat, issue: ImportIssue): string {
  const params = {
    field: issue.field ?? "",
    value: issue.value ?? "",
    // a duplicate names the row of the first use, in the same words as every row
    limit:
      issue.code === "duplicate_id" && issue.limit !== undefined
        ? rowLabel(t, format, issue.limit)
        : (issue.limit ?? ""),
  };
  return t("import.issueLine", {
    row: rowLabel(t, format, issue.row),
    problem: t(`import.issues.${issue.code}`, params),
  });
}

function rowLabel(t: FeatureTranslate<"calendar">, format: ImportFormat, row: number | null): string {
  if (row === null) return t("import.row.file");
  return t(format === "csv" ? "import.row.csv" : "import.row.ics", { row });
}

function bullets(lines: string[]): string {
  return lines.map((line) => `• ${line}`).join("\n");
}

/** The reply as plain text, for the command line. */
export function replyAsText(reply: Reply): string {
  return reply.blocks
    .map((block) => ("text" in block && typeof block.text === "string" ? block.text : ""))
    .filter(Boolean)
    .join("\n\n");
}
