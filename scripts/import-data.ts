// npm run data:import -- <file.json> [--dry-run]
// Imports a catalogue file (docs/import-format.md) into the store named by DATABASE_URL, or
// into the embedded store under DATA_DIR (default ./data), and prints what changed.
// Exit codes: 0 imported (or dry run done), 1 the file is invalid, 2 usage or store failure.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  CatalogImportError,
  type CatalogIssue,
  CatalogSchema,
  catalogIssues,
  formatIssue,
  type ImportReport,
  importCatalog,
} from "../domain/store/catalog-import.ts";
import { openStore } from "../prisma/store.ts";

const USAGE = "usage: npm run data:import -- <file.json> [--dry-run]";

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
  if (name === undefined || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  // npm runs scripts in the package root; INIT_CWD is where the user typed the command.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), name);
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}`);
    return 1;
  }
  const checked = CatalogSchema.safeParse(input);
  if (!checked.success) {
    printIssues(name, catalogIssues(checked.error, input));
    return 1;
  }
  const store = await openStore({
    databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
    dataDir: process.env.DATA_DIR?.trim() || "./data",
  });
  try {
    const report = await importCatalog(store.prisma, checked.data, { dryRun: args.values["dry-run"] === true });
    console.log(formatReport(name, report));
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogImportError)) throw error;
    printIssues(name, error.issues);
    return 1;
  } finally {
    await store.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
}

function printIssues(file: string, issues: CatalogIssue[]): void {
  console.error(`${file} was not imported; nothing was written. Fix these and try again:`);
  for (const issue of issues) console.error(`  ${formatIssue(issue)}`);
}

function formatReport(file: string, report: ImportReport): string {
  if (report.keptOwnData) {
    return "Kept your own data: the database already holds a coordinator's catalogue, so the sample was not imported.";
  }
  const kind = report.sample
    ? "as sample data (marked sample; your own catalogue replaces it when you import one)"
    : "as your own catalogue (every sample row not in the file is deleted)";
  const lines = [
    report.dryRun
      ? `Dry run: nothing was written. Importing ${file} ${kind} would change:`
      : `Imported ${file} ${kind}:`,
    "",
  ];
  const table: string[][] = [["", "created", "updated", "unchanged", "deleted"]];
  for (const [entity, c] of Object.entries(report.counts)) {
    table.push([entity, String(c.created), String(c.updated), String(c.unchanged), String(c.deleted)]);
  }
  table.push(["sessions", "-", "-", "-", String(report.sessionsDeleted)]);
  if (report.kitsKept > 0) {
    lines.push(`${report.kitsKept} booked sample kit(s) kept as your own, retired, for their loan history.`, "");
  }
  const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of table) {
    const cells = row.map((cell, column) => {
      const width = widths[column] ?? 0;
      return column === 0 ? cell.padEnd(width) : cell.padStart(width);
    });
    lines.push(cells.join("  "));
  }
  return lines.join("\n");
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
