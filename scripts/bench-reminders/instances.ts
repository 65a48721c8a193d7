// Bot instances as child processes: `npm start`'s command (adapters/main.ts) with
// DATABASE_URL, PORT=0, Slack pointed at the fake and any OUTBOX_* setting in `env`,
// their JSON log read line by line.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import type { PassStats } from "../../bot/delivery/index.ts";
import { deferCleanup } from "../bench/cleanup.ts";
import { startCommand } from "../bench/startup.ts";

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

export interface InstanceOptions {
  repoRoot: string;
  name: string;
  env: Record<string, string>;
}

/** The dispatcher's pass figures, summed over an instance's logged passes. */
export type PassTotals = PassStats & { passes: number };

export interface Instance {
  name: string;
  pid: number;
  child: ChildProcess;
  ready: Promise<number>;
  totals: PassTotals;
  /** warn/error log messages by text, with counts */
  problems: Map<string, number>;
  stderrTail(): string;
  exited(): Promise<void>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export function startInstance(options: InstanceOptions): Instance {
  const args = startCommand(options.repoRoot);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|PUBLIC_URL|SLACK_|Microsoft|OUTBOX_|PORT$|DATA_DIR$|LOG_LEVEL$|COORDINATORS$)/.test(key))
      delete env[key];
  }
  const child = spawn(process.execPath, args, {
    cwd: options.repoRoot,
    env: { ...env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started = performance.now();
  const totals: PassTotals = {
    passes: 0,
    claimed: 0,
    sent: 0,
    retried: 0,
    deferred: 0,
    failed: 0,
    skipped: 0,
    lost: 0,
  };
  const problems = new Map<string, number>();
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4_000);
  });
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const msg = String(parsed.msg ?? "");
      if (msg.startsWith("AKE bot listening")) resolve(performance.now() - started);
      if (msg === "delivery pass") {
        totals.passes += 1;
        for (const key of ["claimed", "sent", "retried", "deferred", "failed", "skipped", "lost"] as const) {
          totals[key] += Number(parsed[key] ?? 0);
        }
      }
      if (Number(parsed.level ?? 0) >= 40) {
        const reason = parsed.reason ? ` (${String(parsed.reason)})` : "";
        const text = `${msg}${reason}`.slice(0, 160);
        problems.set(text, (problems.get(text) ?? 0) + 1);
      }
    });
    void exit.then(() => reject(new Error(`${options.name} exited before listening:\n${stderr.trim()}`)));
    setTimeout(
      () => reject(new Error(`${options.name} not listening within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    ).unref();
  });
  ready.catch(() => {}); // observed by the caller
  const alive = () => child.exitCode === null && child.signalCode === null;

  async function stop(): Promise<void> {
    if (!alive()) return;
    child.kill("SIGTERM");
    const cancel = new AbortController();
    const hung = await Promise.race([
      exit.then(() => false),
      sleep(STOP_TIMEOUT_MS, true, { signal: cancel.signal }).catch(() => false),
    ]).finally(() => cancel.abort());
    if (hung) {
      child.kill("SIGKILL");
      await exit;
    }
  }
  const cleanup = deferCleanup(stop);

  return {
    name: options.name,
    pid: child.pid ?? -1,
    child,
    ready,
    totals,
    problems,
    stderrTail: () => stderr,
    exited: () => exit,
    async kill9() {
      if (alive()) child.kill("SIGKILL");
      await exit;
    },
    stop: cleanup,
  };
}
