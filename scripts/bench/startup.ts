// Start-up of the real `npm start` path (package.json's "start", e.g. `node --import tsx
// adapters/main.ts`) as a child process, timed from spawn until GET /healthz answers 200.
// PORT=0 lets the bot pick a free port; main.ts logs it (pino JSON on stdout) once it
// listens, so /healthz is polled from then.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { deferCleanup } from "./cleanup.ts";

/** Generous: a fresh embedded store takes ~15 s on 2 cores; anything near this is broken. */
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

export interface StartupSample {
  /** spawn → first 200 from GET /healthz */
  readyMs: number;
  /** main.ts's own `startupMs`: after its imports were loaded, until listening */
  startAppMs: number;
  /** VmRSS of the child right after /healthz answered */
  rssKb: number | undefined;
  /** SIGTERM → exit (closes the server and the store) */
  stopMs: number;
  /** from the "store ready" log line, to confirm what kind of start it was */
  seeded: boolean | undefined;
  migrationsApplied: number | undefined;
}

export interface StartupOptions {
  repoRoot: string;
  dataDir: string;
  databaseUrl?: string | undefined;
}

interface LogLine {
  msg?: string;
  url?: string;
  startupMs?: number;
  seeded?: boolean;
  migrations?: string[];
}

/**
 * package.json's "start" as node arguments, so the bench times exactly what `npm start`
 * runs (without npm itself, whose own start-up is not the bot's, and so that the pid whose
 * memory is read is the bot's).
 */
export function startCommand(repoRoot: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const words = (pkg.scripts?.start ?? "").trim().split(/\s+/);
  if (words[0] !== "node" || words.some((word) => /["'$&|;<>`]/.test(word))) {
    throw new Error(`expected package.json's "start" to be a plain \`node …\` command, not: ${pkg.scripts?.start}`);
  }
  return words.slice(1);
}

/** The child's environment: this one's, minus anything that would change what starts. */
function childEnv(options: StartupOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|PUBLIC_URL|SLACK_|Microsoft|PORT$|DATA_DIR$)/.test(key)) delete env[key];
  }
  return {
    ...env,
    PORT: "0",
    DATA_DIR: options.dataDir,
    LOG_LEVEL: "info",
    // Slack on, as in a real deployment; its API URL is a closed loopback port, and
    // nothing calls it during start-up anyway
    SLACK_SIGNING_SECRET: "bench-signing-secret",
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_API_URL: "http://127.0.0.1:9/api/",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
}

/** One GET without keep-alive, so the child can close its server promptly on SIGTERM. */
function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/healthz", agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

function readRssKb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined; // not Linux
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM (main.ts stops gracefully), SIGKILL only if it hangs; resolves with the time taken. */
async function stopChild(child: ChildProcess): Promise<number> {
  const started = performance.now();
  if (child.exitCode !== null || child.signalCode !== null) return 0;
  child.kill("SIGTERM");
  // the timer is cancelled once the child exits: a pending one would keep the bench alive
  const cancel = new AbortController();
  const hung = await Promise.race([
    exited(child).then(() => false),
    sleep(STOP_TIMEOUT_MS, true, { signal: cancel.signal }).catch(() => false),
  ]).finally(() => cancel.abort());
  if (hung) {
    child.kill("SIGKILL");
    await exited(child);
    throw new Error(`the bot did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
  }
  return performance.now() - started;
}

export async function measureStartup(options: StartupOptions): Promise<StartupSample> {
  const started = performance.now();
  const child = spawn(process.execPath, startCommand(options.repoRoot), {
    cwd: options.repoRoot,
    env: childEnv(options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stopOnExit = deferCleanup(() => stopChild(child).catch(() => 0));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4_000);
  });

  let storeReady: LogLine | undefined;
  const listening = new Promise<LogLine>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        return; // not a log line
      }
      if (parsed.msg === "store ready") storeReady = parsed;
      if (parsed.msg?.startsWith("AKE bot listening")) resolve(parsed);
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`the bot exited (${signal ?? code}) before listening:\n${stderr.trim()}`)),
    );
    child.once("error", reject);
  });

  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not listening within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    const line = await Promise.race([listening, timeout]).finally(() => clearTimeout(timer));
    const port = Number(new URL(line.url ?? "").port);
    // listening comes just before the store is surely reachable; poll briefly for the 200
    let readyMs = Number.NaN;
    for (let attempt = 0; attempt < 500; attempt++) {
      if ((await healthStatus(port)) === 200) {
        readyMs = performance.now() - started;
        break;
      }
      await sleep(20);
    }
    if (Number.isNaN(readyMs)) throw new Error(`GET /healthz on port ${port} never answered 200`);
    const rssKb = readRssKb(child.pid);
    const stopMs = await stopChild(child);
    return {
      readyMs,
      startAppMs: line.startupMs ?? Number.NaN,
      rssKb,
      stopMs,
      seeded: storeReady?.seeded,
      migrationsApplied: storeReady?.migrations?.length,
    };
  } finally {
    await stopOnExit();
  }
}
