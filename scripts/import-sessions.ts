// npm run sessions:import -- <file.csv|file.ics|https://…> [--dry-run] [--lang fi|sv|en]
// Imports sessions (docs/session-import.md) into the store named by DATABASE_URL, or into
// the embedded store under DATA_DIR (default ./data), and prints the same report a
// coordinator gets in chat (in English unless --lang says otherwise).
// Exit codes: 0 imported (or dry run done), 1 the file is invalid or unreadable, 2 usage or store failure.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { fetchImportFile } from "../bot/features/calendar/fetch-file.ts";
import { importReportReply, replyAsText } from "../bot/features/calendar/import-report.ts";
import { isLanguage, type Language } from "../bot/i18n/index.ts";
import { decodeText, IMPORT_LIMITS, parseSessionFile, sniffFormat } from "../domain/session-import.ts";
import { importSessions } from "../domain/store/session-import.ts";
import { openStore } from "../prisma/store.ts";

const USAGE = "usage: npm run sessions:import -- <file.csv|file.ics|https://…> [--dry-run] [--lang fi|sv|en]";

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [name, ...extra] = args.positionals;
  const lang = args.values.lang ?? "en";
  if (name === undefined || extra.length > 0 || !isLanguage(lang)) {
    console.error(USAGE);
    return 2;
  }
  const file = await load(name);
  if (typeof file === "string") {
    console.error(`${name}: ${file}`);
    return 1;
  }
  const format = sniffFormat(file);
  if (format === null || format === "html") {
    console.error(`${name}: not a CSV or .ics file (name it .csv or .ics, or start the CSV with its header row)`);
    return 1;
  }
  const now = new Date();
  const parsed = parseSessionFile(file.text, format, now);
  if (parsed.issues.length > 0) {
    // No store needed to say what to fix in the file.
    const outcome = { ok: false as const, format, issues: parsed.issues };
    console.error(replyAsText(importReportReply(outcome, { language: lang as Language, file: file.name })));
    return 1;
  }
  const store = await openStore({
    databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
    dataDir: process.env.DATA_DIR?.trim() || "./data",
  });
  try {
    const dryRun = args.values["dry-run"] === true;
    const outcome = await importSessions(store.prisma, parsed, { dryRun, now, actorUserId: null, source: name });
    const text = replyAsText(importReportReply(outcome, { language: lang as Language, file: file.name }));
    if (outcome.ok) console.log(text);
    else console.error(text);
    return outcome.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** The file's text and what sniffing needs, or why it could not be read. */
async function load(name: string): Promise<{ name: string; contentType?: string; text: string } | string> {
  if (/^https?:\/\//i.test(name)) {
    const fetched = await fetchImportFile(name);
    if (!fetched.ok) return `could not fetch (${fetched.reason}${"status" in fetched ? ` ${fetched.status}` : ""})`;
    return { name: fetched.name, contentType: fetched.contentType, text: decodeText(fetched.bytes) };
  }
  // npm runs scripts in the package root; INIT_CWD is where the user typed the command.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), name);
  try {
    if ((await stat(file)).size > IMPORT_LIMITS.maxBytes) return "larger than 1 MB; split it into smaller files";
    return { name: path.basename(file), text: decodeText(await readFile(file)) };
  } catch (error) {
    return (error as Error).message;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
