// `npm run bench`: start-up time and `kahvit` reply latency, printed as Markdown to paste
// into the README's Performance section. Progress goes to stderr, the table to stdout.
//
//   npm run bench                                   # both stores, 300 requests, concurrency 8
//   npm run bench -- --store embedded --requests 100 --concurrency 4
//   npm run bench -- --database-url postgresql://postgres@127.0.0.1:5432/postgres
//
// Everything runs on this machine: the bot, the fakes of Slack and the Bot Connector, and
// the PostgreSQL server must be on 127.0.0.1 (its databases are created and dropped here).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openStore } from "../prisma/store.ts";
import { deferCleanup, runAllCleanups } from "./bench/cleanup.ts";
import { type LatencyResult, measureLatency, REPLY_TIMEOUT_MS } from "./bench/latency.ts";
import { checkLoopback, createDatabase, serverAnswers } from "./bench/postgres.ts";
import { measureStartup, type StartupSample, startCommand } from "./bench/startup.ts";
import { duration, median, megabytes, ms, progress, seconds, withTimeout } from "./bench/stats.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STARTS_PER_KIND = 3;
const USAGE = `usage: npm run bench -- [--store embedded|postgresql|both] [--requests N] [--concurrency C]
                        [--database-url postgresql://…@127.0.0.1/…]`;

type StoreChoice = "embedded" | "postgresql";

interface Options {
  stores: StoreChoice[];
  requests: number;
  concurrency: number;
  databaseUrl: string;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) fail(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

function parseOptions(): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        store: { type: "string", default: "both" },
        requests: { type: "string", default: "300" },
        concurrency: { type: "string", default: "8" },
        "database-url": {
          type: "string",
          default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
        },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const store = String(values.store);
  if (store !== "embedded" && store !== "postgresql" && store !== "both") fail(`unknown --store ${store}`);
  const databaseUrl = String(values["database-url"]);
  try {
    checkLoopback(databaseUrl);
  } catch (error) {
    fail((error as Error).message);
  }
  return {
    stores: store === "both" ? ["embedded", "postgresql"] : [store],
    // bounded, so that a typo cannot start an hour-long run
    requests: integer(String(values.requests), "requests", 100_000),
    concurrency: integer(String(values.concurrency), "concurrency", 256),
    databaseUrl,
  };
}

async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ake-bench-"));
  return { dir, remove: deferCleanup(() => rm(dir, { recursive: true, force: true })) };
}

interface StartupRow {
  label: string;
  samples: StartupSample[];
}

async function startupRows(options: Options): Promise<StartupRow[]> {
  const rows: StartupRow[] = [];
  if (options.stores.includes("embedded")) {
    const fresh: StartupSample[] = [];
    const warm: StartupSample[] = [];
    for (let i = 1; i <= STARTS_PER_KIND; i++) {
      const { dir, remove } = await tempDir();
      try {
        progress(`start-up ${i}/${STARTS_PER_KIND}: embedded, fresh DATA_DIR`);
        fresh.push(expectStart(await measureStartup({ repoRoot: REPO_ROOT, dataDir: dir }), true));
        progress(`start-up ${i}/${STARTS_PER_KIND}: embedded, warm (same DATA_DIR)`);
        warm.push(expectStart(await measureStartup({ repoRoot: REPO_ROOT, dataDir: dir }), false));
      } finally {
        await remove();
      }
    }
    rows.push({
      label: "embedded, fresh `DATA_DIR` (create the database, migrate, seed, materialise)",
      samples: fresh,
    });
    rows.push({ label: "embedded, warm (second start on the same `DATA_DIR`)", samples: warm });
  }
  if (options.stores.includes("postgresql")) {
    const samples: StartupSample[] = [];
    for (let i = 1; i <= STARTS_PER_KIND; i++) {
      const { dir, remove } = await tempDir(); // unused with DATABASE_URL, but never ./data
      const db = await createDatabase(options.databaseUrl);
      const drop = deferCleanup(() => db.drop());
      try {
        progress(`start-up ${i}/${STARTS_PER_KIND}: PostgreSQL, fresh database ${db.name}`);
        samples.push(
          expectStart(await measureStartup({ repoRoot: REPO_ROOT, dataDir: dir, databaseUrl: db.url }), true),
        );
      } finally {
        await drop();
        await remove();
      }
    }
    rows.push({ label: "PostgreSQL, fresh database (migrate, seed, materialise)", samples });
  }
  return rows;
}

/** A "fresh" start that did not seed, or a "warm" one that did, would measure the wrong thing. */
function expectStart(sample: StartupSample, fresh: boolean): StartupSample {
  const wasFresh = sample.seeded === true && (sample.migrationsApplied ?? 0) > 0;
  const wasWarm = sample.seeded === false && sample.migrationsApplied === 0;
  if (fresh ? !wasFresh : !wasWarm) {
    throw new Error(`expected a ${fresh ? "fresh" : "warm"} start, the bot logged ${JSON.stringify(sample)}`);
  }
  return sample;
}

interface StoreLatency extends LatencyResult {
  store: StoreChoice;
  /** in-process set-up before the first request, for "where the time goes" */
  openStoreMs: number;
}

async function latencyResults(options: Options): Promise<StoreLatency[]> {
  const results: StoreLatency[] = [];
  for (const kind of options.stores) {
    const { dir, remove } = await tempDir();
    const db = kind === "postgresql" ? await createDatabase(options.databaseUrl) : undefined;
    const drop = db ? deferCleanup(() => db.drop()) : undefined;
    try {
      progress(`latency: opening a fresh ${kind} store in-process`);
      const opening = performance.now();
      const store = await openStore({ dataDir: dir, databaseUrl: db?.url });
      const openStoreMs = performance.now() - opening;
      try {
        const measured = await measureLatency({ store, requests: options.requests, concurrency: options.concurrency });
        results.push({ store: kind, openStoreMs, ...measured });
      } finally {
        // a wedged embedded store may never close; the process exits at the end anyway
        await withTimeout(store.close(), REPLY_TIMEOUT_MS).catch((e: unknown) => progress(`store.close: ${String(e)}`));
      }
    } finally {
      await drop?.();
      await remove();
    }
  }
  return results;
}

/** "4.0–6.4 s" */
function range(values: number[]): string {
  return `${(Math.min(...values) / 1000).toFixed(1)}–${seconds(Math.max(...values))}`;
}

const STORE_NAME: Record<StoreChoice, string> = { embedded: "embedded", postgresql: "PostgreSQL" };
const PLATFORM_NAME = { slack: "Slack", teams: "Teams" } as const;

/** The 1-minute load average: other work on the machine skews every figure here. */
const load = () => os.loadavg()[0] ?? 0;

function render(
  options: Options,
  loadAtStart: number,
  startups: StartupRow[],
  latencies: StoreLatency[],
  notes: string[],
  totalMs: number,
): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const out: string[] = [];
  out.push(
    `Measured with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.availableParallelism()} cores ` +
      `(${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.arch()}; ` +
      `${options.requests} requests per row, concurrency ${options.concurrency}. Whole run: ${duration(totalMs)}; ` +
      `load average ${loadAtStart.toFixed(1)} at the start, ${load().toFixed(1)} at the end.`,
  );
  if (startups.length > 0) {
    out.push(
      "",
      `**Start-up** of \`npm start\` as a child process, from spawn until \`GET /healthz\` answers 200 ` +
        `(median of ${STARTS_PER_KIND}, range in brackets):`,
      "",
      "| store | ready | of which `startApp` | RSS after start | stop (SIGTERM) |",
      "|---|--:|--:|--:|--:|",
    );
    for (const { label, samples } of startups) {
      const ready = samples.map((s) => s.readyMs);
      const rss = samples.map((s) => s.rssKb).filter((kb): kb is number => kb !== undefined);
      out.push(
        `| ${label} | ${seconds(median(ready))} (${range(ready)}) ` +
          `| ${seconds(median(samples.map((s) => s.startAppMs)))} ` +
          `| ${megabytes(rss.length > 0 ? median(rss) : undefined)} ` +
          `| ${seconds(median(samples.map((s) => s.stopMs)))} |`,
      );
    }
  }
  if (latencies.length > 0) {
    const late = latencies.flatMap((r) => r.rows).reduce((sum, row) => sum + row.late, 0);
    out.push(
      "",
      "**`kahvit` reply latency** end to end through the platform's HTTP endpoint, in ms " +
        "(in-process bot on a fixed clock, fakes of the Slack API and the Bot Connector on 127.0.0.1):",
      "",
      "| store | platform | user | sequential p50 / p95 / p99 / max " +
        `| concurrency ${options.concurrency}: req/s | p50 / p99 / max | failed |`,
      "|---|---|---|--:|--:|--:|--:|",
    );
    for (const { store, rows } of latencies) {
      for (const row of rows) {
        const s = row.sequential;
        const c = row.concurrent;
        out.push(
          `| ${STORE_NAME[store]} | ${PLATFORM_NAME[row.platform]} | ${row.user} ` +
            `| ${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)} ` +
            `| ${Math.round(c.throughput)} | ${ms(c.p50)} / ${ms(c.p99)} / ${ms(c.max)} ` +
            `| ${row.errors} of ${2 * options.requests} |`,
        );
      }
    }
    out.push(
      "",
      `- *ready*: spawn of \`${["node", ...startCommand(REPO_ROOT)].join(" ")}\` (\`npm start\` without npm) ` +
        "to the first 200 from `/healthz`; " +
        "*of which `startApp`*: the `startupMs` main.ts logs (configuration, store, seed, materialise, listen); " +
        "the rest is Node, tsx and loading the modules.",
      "- Slack: from POSTing the signed `/ake kahvit` to the HTTP response carrying the blocks " +
        (late === 0
          ? "(every reply came inline, within the 2 s ack budget)."
          : `(${late} replies missed the 2 s ack budget and are timed until they reached response_url).`) +
        " Teams: from POSTing the activity to the fake Bot Connector receiving the reply card.",
      "- *returning*: the same user on every request (created during the 20-request warm-up). " +
        "*first contact*: a new user on every request, so every request also creates the user row " +
        "and, on Slack, asks the fake `users.info` for the locale (one loopback round trip).",
      `- The load generator and the fakes share the bot's process and its ${os.availableParallelism()} cores; ` +
        "the embedded store (PGlite) runs in that process too, as with `npm start`. " +
        "Real platforms add their own network time.",
    );
    for (const { store, rows } of latencies) {
      for (const row of rows.filter((r) => r.errors > 0)) {
        out.push(
          `- **${row.errors} of ${2 * options.requests} requests failed** (${STORE_NAME[store]}, ` +
            `${PLATFORM_NAME[row.platform]}, ${row.user}) and are left out of that row's figures; the first: ` +
            `\`${(row.firstError ?? "").replace(/\s+/g, " ").slice(0, 200)}\``,
        );
      }
    }
    for (const { store, stalled } of latencies) {
      if (!stalled) continue;
      out.push(
        `- **The bot stopped answering on the ${STORE_NAME[store]} store** (${PLATFORM_NAME[stalled.platform]}, ` +
          `${stalled.user}, ${stalled.phase}: no reply within ${REPLY_TIMEOUT_MS / 1000} s); ` +
          "the rest of that store was skipped.",
      );
    }
    for (const { store, openStoreMs } of latencies) {
      out.push(
        `- In-process, opening a fresh ${STORE_NAME[store]} store (create, migrate) took ${seconds(openStoreMs)}.`,
      );
    }
  }
  for (const note of notes) out.push(`- ${note}`);
  return out.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions();
  // Ctrl-C: stop children, remove temporary directories and databases before leaving
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      progress(`${signal}: cleaning up`);
      void runAllCleanups().finally(() => process.exit(130));
    });
  }
  const notes: string[] = [];
  const loadAtStart = load();
  if (loadAtStart > os.availableParallelism() / 2) {
    progress(
      `the machine is busy (load average ${loadAtStart.toFixed(1)}): the figures will be slower than they should`,
    );
  }
  if (options.stores.includes("postgresql") && !(await serverAnswers(options.databaseUrl))) {
    if (options.stores.length === 1) fail(`no PostgreSQL server answers at ${options.databaseUrl}`);
    options.stores = options.stores.filter((store) => store !== "postgresql");
    notes.push(`PostgreSQL skipped: no server answered at ${options.databaseUrl}.`);
    progress(notes[0] as string);
  }
  try {
    const startups = await startupRows(options);
    const latencies = await latencyResults(options);
    // performance.now() counts from process start, so loading the bot's modules is included
    process.stdout.write(`${render(options, loadAtStart, startups, latencies, notes, performance.now())}\n`);
  } finally {
    await runAllCleanups();
  }
}

await main();
// A store wedged by a failed run can leave sockets and timers behind; the figures are out.
process.stdout.write("", () => process.exit(0));
