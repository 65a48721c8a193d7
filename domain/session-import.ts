// Sessions from a coordinator's file (a CSV sheet or an .ics export of a training
// calendar), parsed into drafts without touching the store: what is wrong is collected
// as issues naming the row and the column, so the coordinator can fix the whole file
// in one go. The readers are session-import-csv.ts and session-import-ics.ts, their
// shared shapes session-import-rows.ts; writing is domain/store/session-import.ts.
// The format is documented in docs/session-import.md.
import { createHash } from "node:crypto";
import { parseSessionCsv } from "./session-import-csv.ts";
import { parseSessionIcs } from "./session-import-ics.ts";
import type { ImportFormat, ParsedImport } from "./session-import-rows.ts";

export * from "./session-import-rows.ts";

/**
 * The session id of an imported row: derived from the external id, so importing the same
 * file again finds and updates the same row instead of adding a copy. UUID-shaped, like
 * the ids of sessions made in chat.
 */
export function importedSessionId(externalId: string): string {
  const hex = createHash("sha256").update(`import:${externalId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** UTF-8; a file that is not (a Windows Excel "CSV") is read as Windows-1252 so that ä and ö survive. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** "html" when a sharing page came back instead of the file: the most common wrong link. */
export function sniffFormat(hints: {
  name?: string;
  contentType?: string;
  text: string;
}): ImportFormat | "html" | null {
  const head = hints.text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (head.startsWith("begin:vcalendar")) return "ics";
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "html";
  const name = (hints.name ?? "").toLowerCase();
  const type = (hints.contentType ?? "").toLowerCase();
  if (name.endsWith(".ics") || type.startsWith("text/calendar")) return "ics";
  if (name.endsWith(".csv") || type.startsWith("text/csv")) return "csv";
  const firstLine = head.split(/\r?\n/)[0] ?? "";
  return /[,;\t]/.test(firstLine) ? "csv" : null;
}

export function parseSessionFile(text: string, format: ImportFormat, now: Date): ParsedImport {
  return format === "csv" ? parseSessionCsv(text, now) : parseSessionIcs(text, now);
}
