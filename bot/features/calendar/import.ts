// "/ake tuo <address> [kokeile]": a coordinator imports sessions from a CSV or .ics file
// on the web. A dry run ("kokeile", "prova", "dry-run" — any of them in any language)
// reports what would change and offers a button that runs the same import for real.
import { decodeText, parseSessionFile, sniffFormat } from "../../../domain/session-import.ts";
import { importSessions } from "../../../domain/store/session-import.ts";
import { commandWord } from "../../commands.ts";
import { featureTranslator, type Language } from "../../i18n/index.ts";
import type { ActionPayload, Reply } from "../../reply.ts";
import { textReply } from "../../reply.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { CommandContext } from "../types.ts";
import { FETCH_TIMEOUT_MS, type FetchedFile, fetchImportFile } from "./fetch-file.ts";
import { importReportReply } from "./import-report.ts";

export const DRY_RUN_WORD: Record<Language, string> = { fi: "kokeile", sv: "prova", en: "dry-run" };
const DRY_RUN_WORDS = new Set([
  "kokeile",
  "kokeilu",
  "koe",
  "prova",
  "provkör",
  "testa",
  "dry-run",
  "dryrun",
  "--dry-run",
]);
/** A button's payload must stay well inside Slack's 2000 characters. */
const MAX_BUTTON_URL = 1500;

export async function importCommand(turn: Turn, command: CommandContext): Promise<Reply> {
  requireCoordinator(turn);
  const words = caseKeptArgs(command);
  const dryRun = words.some((word) => DRY_RUN_WORDS.has(word.toLowerCase()));
  const addresses = words.filter((word) => !DRY_RUN_WORDS.has(word.toLowerCase()));
  const [address] = addresses;
  if (address === undefined || addresses.length > 1) return usage(turn);
  return runImport(turn, address, dryRun);
}

/** The "Import now" button of a dry run's report: the same address, for real. */
export async function importAction(turn: Turn, address: string): Promise<Reply> {
  requireCoordinator(turn);
  return runImport(turn, address, false);
}

/** The words as typed: addresses are case-sensitive (a SharePoint or Google Sheets link). */
function caseKeptArgs(command: CommandContext): string[] {
  return command.rawArgs;
}

async function runImport(turn: Turn, address: string, dryRun: boolean): Promise<Reply> {
  const { language, deps } = turn;
  const t = featureTranslator(language, "calendar");
  const fetched = await fetchImportFile(address);
  if (!fetched.ok) return textReply(fetchFailure(turn, fetched, address));
  const text = decodeText(fetched.bytes);
  const format = sniffFormat({ name: fetched.name, contentType: fetched.contentType, text });
  if (format === "html") return textReply(t("import.webPage"));
  if (format === null) return textReply(t("import.unknownFormat"));
  const now = deps.now();
  const parsed = parseSessionFile(text, format, now);
  const outcome = await importSessions(deps.prisma, parsed, {
    dryRun,
    now,
    actorUserId: turn.user.id,
    source: fetched.url.href,
  });
  const changes = outcome.ok ? outcome.report.created.length + outcome.report.updated.length : 0;
  const action: ActionPayload | undefined =
    address.length <= MAX_BUTTON_URL ? { verb: "calendar.import", args: { u: address } } : undefined;
  const command = `${commandWord("import", language)} ${address}`;
  return importReportReply(outcome, {
    language,
    file: fetched.name,
    runForReal: dryRun && changes > 0 ? { action, command } : undefined,
  });
}

function fetchFailure(turn: Turn, failure: Exclude<FetchedFile, { ok: true }>, address: string): string {
  const t = featureTranslator(turn.language, "calendar");
  switch (failure.reason) {
    case "bad_url":
      return t("import.badUrl", { url: address.length > 80 ? `${address.slice(0, 79)}…` : address });
    case "timeout":
      return t("import.timeout", { host: failure.host, seconds: FETCH_TIMEOUT_MS / 1000 });
    case "too_large":
      return t("import.tooLarge", { host: failure.host, limit: 1 });
    case "unreachable":
      return t("import.unreachable", { host: failure.host });
    case "http_status":
      return failure.status === 404
        ? t("import.notFound")
        : t("import.httpError", { host: failure.host, status: failure.status });
  }
}

function usage(turn: Turn): Reply {
  const t = featureTranslator(turn.language, "calendar");
  const example = `${commandWord("import", turn.language)} https://…/sessions.csv`;
  return textReply(t("import.usage", { example, dryRun: DRY_RUN_WORD[turn.language] }));
}
