// `npm run playground`: the Microsoft 365 Agents Playground (a local Teams-like web
// client) against the running bot, offline: no browser is opened, no telemetry is sent.
// Start the bot first (`npm start`); PORT is the bot's port (default 3978).
//
// launchPlayground() is also what the tests use (tests/helpers/playground.ts): it starts
// the playground as a child process in its own process group and learns its port.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "@microsoft/m365agentsplayground";
/** How long the playground may take to print "Listening on N". */
const START_TIMEOUT_MS = 20_000;
/** Output kept for error messages. */
const TAIL_CHARS = 4_000;

export interface LaunchOptions {
  /** the bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  endpoint: string;
  /** 0: any free port; omitted: the playground's default (56150, or any if taken) */
  port?: number;
  /** the playground reads .m365agentsplayground.yml from here, if present */
  cwd?: string;
  /** its log (otherwise ./devTools/m365agentsplayground.log under cwd) */
  logFile: string;
  /** environment overrides on top of process.env (undefined removes a variable) */
  env?: Record<string, string | undefined>;
}

export interface LaunchedPlayground {
  port: number;
  /** where a browser opens it; the API answers on the same port */
  url: string;
  child: ChildProcess;
  /** the last output and log lines, for error messages */
  diagnostics(): string;
  /** SIGTERM to its process group, SIGKILL after a grace period; resolves when it is gone */
  stop(): Promise<void>;
}

/**
 * The package's own binary (its package.json "bin"), run with this Node: no shell,
 * no PATH lookup, and the same behaviour on every machine.
 */
export function playgroundCli(): string {
  const require = createRequire(import.meta.url);
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    throw new Error(`${PACKAGE} is not installed (it is a dev dependency): run npm install`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  const bin = manifest.bin.agentsplayground;
  if (!bin) throw new Error(`${PACKAGE} has no "agentsplayground" binary; was it replaced by another version?`);
  return path.join(path.dirname(manifestPath), bin);
}

export async function launchPlayground(options: LaunchOptions): Promise<LaunchedPlayground> {
  const args = [playgroundCli(), "-e", options.endpoint, "-c", "msteams", "--disable-telemetry"];
  if (options.port !== undefined) args.push("--port", String(options.port));
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const env: Record<string, string | undefined> = {
    ...process.env,
    // "none": serve the UI but do not open a browser
    TEAMSAPPTESTER_BROWSER: "none",
    APPLICATION_INSIGHTS_NO_STATSBEAT: "true",
    M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile,
    ...options.env,
  };
  // detached: its own process group, so stop() reaches anything it starts, and a
  // Ctrl-C in the terminal reaches it only through us (we stop it in order).
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-TAIL_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // If we die without stop() (a crashed test worker), take the playground with us.
  const killOnExit = () => signalGroup(child, "SIGKILL");
  process.once("exit", killOnExit);

  const diagnostics = () => {
    let log = "";
    try {
      log = readFileSync(options.logFile, "utf8").slice(-TAIL_CHARS);
    } catch {
      log = "(no log file)";
    }
    return `output:\n${output.trim() || "(none)"}\nlog (${options.logFile}):\n${log.trim()}`;
  };
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup(child, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    const port = await listeningPort(child, START_TIMEOUT_MS);
    return { port, url: `http://localhost:${port}`, child, diagnostics, stop };
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The Agents Playground did not start: ${reason}\n${diagnostics()}`);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group: it and its children
  } catch {
    // already gone
  }
}

/**
 * The playground prints "Listening on N" on stdout (when stdout is not a terminal, that
 * is the only line it prints there; the rest goes to its log file). N differs from the
 * port asked for when that one is taken.
 */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = /Listening on (\d+)/.exec(seen);
      if (match) finish(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(() => reject(new Error(`it exited (code ${code}, signal ${signal}) before listening`)));
    const onError = (error: Error) => finish(() => reject(error));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no "Listening on" line within ${timeoutMs / 1000} s`))),
      timeoutMs,
    );
    function finish(settle: () => void) {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      settle();
    }
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

/** GET /healthz of the bot; undefined when nothing answers. */
async function botHealth(botUrl: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(`${botUrl}/healthz`, { signal: AbortSignal.timeout(3_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

/** "on" when the bot checks Teams tokens (MicrosoftAppId set), "local" when it does not. */
function teamsPlatform(healthBody: string): string | undefined {
  try {
    return (JSON.parse(healthBody) as { platforms?: { teams?: string } }).platforms?.teams;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const botUrl = `http://127.0.0.1:${process.env.PORT || "3978"}`;
  const health = await botHealth(botUrl);
  if (!health) {
    console.error(`No bot answers ${botUrl}/healthz: start the bot first with npm start (in another terminal).`);
    return 1;
  }
  if (health.status !== 200) {
    console.error(`The bot at ${botUrl} is not healthy (/healthz answered ${health.status}): ${health.body}`);
    return 1;
  }
  if (teamsPlatform(health.body) === "on") {
    // The playground sends no token; a bot with MicrosoftAppId set rejects it.
    console.warn("Warning: the bot runs with MicrosoftAppId set and will refuse the playground's messages.");
  }
  const logFile = path.resolve(process.env.DATA_DIR || "data", "playground.log");
  const playground = await launchPlayground({ endpoint: `${botUrl}/api/messages`, logFile });
  console.log(`Agents Playground: open ${playground.url}  (its log: ${logFile}; Ctrl-C stops it)`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void playground.stop());
  }
  return new Promise((resolve) => {
    playground.child.once("exit", (code, signal) => resolve(signal ? 0 : (code ?? 0)));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
