// `npm run sessions:import -- <file> [--dry-run]` as a coordinator runs it: a real child
// process on a fresh store (an embedded one under DATA_DIR, or a new PostgreSQL database
// with TEST_DATABASE_URL), then the rows checked in that store.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importedSessionId } from "../domain/session-import.ts";
import { openStore } from "../prisma/store.ts";

const run = promisify(execFile);
let dir: string;
let env: Record<string, string>;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ake-cli-"));
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    env = { DATA_DIR: path.join(dir, "data") };
    return;
  }
  const name = `ake_test_${randomBytes(6).toString("hex")}`; // [a-z0-9_] only: safe in SQL
  await admin(server, `CREATE DATABASE ${name}`);
  dropDatabase = () => admin(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  env = { DATABASE_URL: url.toString() };
});
afterAll(async () => {
  await dropDatabase?.();
  await rm(dir, { recursive: true, force: true });
});

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs the script as npm would; returns the exit code and both outputs. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--disable-warning=DEP0111", "--import", "tsx", "scripts/import-sessions.ts", ...args],
      { env: { ...process.env, DATABASE_URL: "", ...env, INIT_CWD: dir }, timeout: 60_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

// Far enough ahead that "already over" never applies, whenever the suite runs.
const YEAR = new Date().getFullYear() + 2;
const CSV = [
  "external_id,title_fi,title_sv,kind,start,end,languages",
  `cli-1,Kirjastoautovartti,Bokbusskvart,kirjastoautovartti,${YEAR}-11-03 09:00,${YEAR}-11-03 09:15,"fi,sv"`,
  `cli-2,Tutkittua,Tutkittua,tutkittua,${YEAR}-06-10 13:00,14:00,fi`,
].join("\n");

describe("the sessions:import command", () => {
  it("a dry run writes nothing; the real run writes what the dry run said; again changes nothing", async () => {
    await writeFile(path.join(dir, "sessions.csv"), CSV);
    const dry = await cli("sessions.csv", "--dry-run");
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Dry run: nothing was saved");
    expect(dry.stdout).toContain("New 2 · changed 0 · unchanged 0 · skipped 0");
    const real = await cli("sessions.csv");
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("Sessions imported");
    // the same lines as the dry run, apart from the title
    expect(real.stdout.split("\n").slice(1)).toEqual(dry.stdout.split("\n").slice(1));
    const again = await cli("sessions.csv");
    expect(again.stdout).toContain("New 0 · changed 0 · unchanged 2 · skipped 0");

    const store = await openStore({ dataDir: env.DATA_DIR ?? "", databaseUrl: env.DATABASE_URL });
    try {
      const rows = await store.prisma.session.findMany({
        where: { id: { in: [importedSessionId("cli-1"), importedSessionId("cli-2")] } },
        orderBy: { startsAt: "asc" },
      });
      expect(rows.map((row) => [row.titleSv, row.startsAt.toISOString(), row.sequence])).toEqual([
        // June is summer time (UTC+3); November is after the October change (UTC+2)
        ["Tutkittua", `${YEAR}-06-10T10:00:00.000Z`, 0],
        ["Bokbusskvart", `${YEAR}-11-03T07:00:00.000Z`, 0],
      ]);
      expect(await store.prisma.auditEntry.count({ where: { action: "sessions.imported" } })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it("an invalid file names its rows, in the language asked for, and exits 1", async () => {
    await writeFile(
      path.join(dir, "broken.csv"),
      `external_id;title_fi;kind;start;end\nx;Hyvä;koulutus;${YEAR}-11-03 09:00;10:00\ny;;koulutus;${YEAR}-11-31 09:00;10:00\n`,
    );
    const result = await cli("broken.csv", "--lang", "fi");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Mitään ei tuotu");
    expect(result.stderr).toContain("Rivi 3: title_fi puuttuu");
    expect(result.stderr).toContain(`Rivi 3: start: ”${YEAR}-11-31 09:00” ei ole aika`);
  });

  it("usage mistakes exit 2; a missing file exits 1", async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli("a.csv", "--lang", "de")).code).toBe(2);
    const missing = await cli("nowhere.csv");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nowhere.csv");
  });
});
