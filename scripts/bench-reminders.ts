// `npm run bench:reminders`: the outbox under load on two bot instances sharing one
// PostgreSQL, one of them killed (kill -9) halfway, against local fakes of the Bot
// Connector and of Slack that enforce the platforms' rate limits and answer 429.
// Progress goes to stderr, the Markdown table to stdout.
//
//   npm run bench:reminders                                  # 10,000 deliveries, 500 sessions, 1,000 users
//   npm run bench:reminders -- --deliveries 1000 --sessions 50 --users 100
//   npm run bench:reminders -- --lease-ms 20000              # the instances' OUTBOX_LEASE_MS
//
// Everything runs on 127.0.0.1: the fakes in this process, the bot instances as child
// processes (`npm start`'s command), a throw-away database bench_<random> on the server.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_OUTBOX_LEASE_MS } from "../bot/config.ts";
import { materializeAhead } from "../bot/schedule.ts";
import { seedSampleDataIfEmpty } from "../domain/store/catalog-import.ts";
import { teamsUserKey } from "../domain/store/conversations.ts";
import { planNotifications } from "../domain/store/outbox.ts";
import { openStore, type Store } from "../prisma/store.ts";
import { FAKE_BOT_TOKEN } from "../tests/fakes/slack-api.ts";
import { deferCleanup, runAllCleanups } from "./bench/cleanup.ts";
import { checkLoopback, createDatabase, serverAnswers } from "./bench/postgres.ts";
import { duration, percentile, progress } from "./bench/stats.ts";
import { type Analysis, analyse, type CrashWindow, type FinalRow, type PlannedRow } from "./bench-reminders/analyse.ts";
import { type Fake, startFakeSlack, startFakeTeams } from "./bench-reminders/fakes.ts";
import { type Instance, startInstance } from "./bench-reminders/instances.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = `usage: npm run bench:reminders -- [--deliveries N] [--sessions S] [--users U] [--spread-s 40]
                        [--time-limit-s 600] [--lease-ms MS] [--database-url postgresql://…@127.0.0.1/…]`;
const TENANT = "bench-tenant";
const SLACK_TEAM = "TBENCH";
/** planned times start this long after planning, so both instances are up by then */
const START_OFFSET_MS = 30_000;

interface Options {
  deliveries: number;
  sessions: number;
  users: number;
  spreadMs: number;
  timeLimitMs: number;
  leaseMs: number | undefined;
  databaseUrl: string;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(value: unknown, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function parseOptions(): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        deliveries: { type: "string", default: "10000" },
        sessions: { type: "string", default: "500" },
        users: { type: "string", default: "1000" },
        "spread-s": { type: "string", default: "40" },
        "time-limit-s": { type: "string", default: "600" },
        "lease-ms": { type: "string" },
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
  const databaseUrl = String(values["database-url"]);
  try {
    checkLoopback(databaseUrl);
  } catch (error) {
    fail((error as Error).message);
  }
  const options: Options = {
    deliveries: integer(values.deliveries, "deliveries", 10, 100_000),
    sessions: integer(values.sessions, "sessions", 1, 10_000),
    users: integer(values.users, "users", 2, 20_000),
    spreadMs: integer(values["spread-s"], "spread-s", 1, 600) * 1000,
    timeLimitMs: integer(values["time-limit-s"], "time-limit-s", 30, 1_800) * 1000,
    leaseMs: values["lease-ms"] === undefined ? undefined : integer(values["lease-ms"], "lease-ms", 10_000, 3_600_000),
    databaseUrl,
  };
  if (options.sessions > options.deliveries) fail("--sessions must not exceed --deliveries");
  return options;
}

const benchId = (i: number) => `bench-${String(i).padStart(6, "0")}`;

interface Plan {
  rows: PlannedRow[];
  perSession: number;
}

/**
 * Users: even indexes Teams (a personal chat with the fake connector), odd ones Slack DMs.
 * Sessions: planned one after another over the spread; session s reminds `perSession`
 * attendees, users 2s … 2s+perSession-1 (mod users), so each user has reminders of
 * several neighbouring sessions due within a second or two, and the per-conversation
 * limits matter.
 */
async function prepare(store: Store, options: Options, teamsUrl: string, plannedFrom: number): Promise<Plan> {
  const { prisma } = store;
  const platformOf = (u: number) => (u % 2 === 0 ? "teams" : "slack");
  const platformUserId = (u: number) => (platformOf(u) === "teams" ? `29:bench-${u}` : `${SLACK_TEAM}:UB${u}`);
  await prisma.user.createMany({
    data: Array.from({ length: options.users }, (_, u) => ({
      platform: platformOf(u) === "teams" ? ("TEAMS" as const) : ("SLACK" as const),
      platformUserId: platformUserId(u),
      displayName: `Bench ${u}`,
      language: "fi",
    })),
  });
  const users = await prisma.user.findMany({ select: { id: true, platformUserId: true } });
  const idOf = new Map(users.map((u) => [u.platformUserId, u.id]));
  const teamsUsers = Array.from({ length: options.users }, (_, u) => u).filter((u) => platformOf(u) === "teams");
  await prisma.conversationRef.createMany({
    data: teamsUsers.map((u) => ({
      key: teamsUserKey(platformUserId(u)),
      userId: idOf.get(platformUserId(u)) ?? null,
      reference: {
        channelId: "msteams",
        serviceUrl: teamsUrl,
        locale: "fi-FI",
        user: { id: platformUserId(u), name: `Bench ${u}` },
        bot: { id: "28:ake-bench-bot", name: "AKE" },
        conversation: { id: `a:bench-conv-${u}`, conversationType: "personal", tenantId: TENANT },
      },
    })),
  });

  const perSession = Math.ceil(options.deliveries / options.sessions);
  const rows: PlannedRow[] = [];
  const notifications: Parameters<typeof planNotifications>[1][number][] = [];
  for (let i = 0; i < options.deliveries; i++) {
    const session = Math.floor(i / perSession);
    const attendee = i % perSession;
    const u = (session * 2 + attendee) % options.users;
    const plannedAt = plannedFrom + Math.floor((session / options.sessions) * options.spreadMs);
    const id = benchId(i);
    const key = `bench:${id}`;
    const startsAt = new Date(plannedAt + 15 * 60_000);
    rows.push({ id, key, platform: platformOf(u), plannedAt });
    notifications.push({
      key,
      userId: idOf.get(platformUserId(u)) as string,
      kind: "registrations.promoted",
      payload: {
        sessionId: `bench-session-${session}`,
        titleFi: id,
        titleSv: id,
        titleEn: id,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        joinUrl: null,
        place: null,
      },
      notBefore: new Date(plannedAt),
    });
  }
  for (let i = 0; i < notifications.length; i += 1_000) {
    await planNotifications(prisma, notifications.slice(i, i + 1_000));
  }
  return { rows, perSession };
}

async function statusCounts(store: Store): Promise<Record<string, number>> {
  // only the benchmark's rows: the instances may plan reminders of the sample data too
  const groups = await store.prisma.notification.groupBy({
    by: ["status"],
    where: { key: { startsWith: "bench:" } },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const secs = (msValue: number) => (Number.isFinite(msValue) ? `${(msValue / 1000).toFixed(1)} s` : "–");
const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)} %` : "–");

function late(samples: number[]): string {
  return `${secs(percentile(samples, 0.5))} / ${secs(percentile(samples, 0.99))} / ${secs(percentile(samples, 1))}`;
}

interface RunFacts {
  options: Options;
  perSession: number;
  readyMs: number[];
  killedAtMs: number | undefined;
  killedDeliveredBefore: number;
  doneMs: number;
  finished: boolean;
  totalMs: number;
  instances: Instance[];
  loadStart: number;
  loadEnd: number;
}

function render(a: Analysis, f: RunFacts): string {
  const { options } = f;
  const lease = options.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS;
  const out: string[] = [];
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  out.push(
    `Measured with \`npm run bench:reminders\` on ${new Date().toISOString().slice(0, 10)}: ` +
      `${os.availableParallelism()} cores (${cpu}), Node ${process.version}; ` +
      `${options.deliveries.toLocaleString("en")} deliveries of ${options.sessions} sessions ` +
      `(${f.perSession} attendees each) to ${options.users} users (half Teams, half Slack), planned over ` +
      `${options.spreadMs / 1000} s; two instances (\`adapters/main.ts\`, ` +
      `outbox lease ${lease / 1000} s${options.leaseMs === undefined ? ", the default" : " (OUTBOX_LEASE_MS)"}) on one PostgreSQL; ` +
      `instance B killed with SIGKILL ${f.killedAtMs === undefined ? "(not killed)" : `${secs(f.killedAtMs)} after the first planned time, with ${f.killedDeliveredBefore.toLocaleString("en")} delivered`}. ` +
      `Whole run ${duration(f.totalMs)}; load average ${f.loadStart.toFixed(1)} at the start, ${f.loadEnd.toFixed(1)} at the end.`,
    "",
    "| measure | result |",
    "|---|--:|",
    `| planned | ${a.planned.toLocaleString("en")} |`,
    `| delivered (unique messages the fakes accepted) | ${a.delivered.toLocaleString("en")} (Teams ${a.deliveredByPlatform.teams.toLocaleString("en")}, Slack ${a.deliveredByPlatform.slack.toLocaleString("en")}) |`,
    `| duplicates: messages accepted more than once | ${a.duplicates} (${a.duplicateMessages} extra messages) |`,
    `| … of them in the crash window (rows the killed instance held SENDING) | ${a.duplicatesInWindow} |`,
    `| … outside the crash window | **${a.duplicatesOutside.length}** |`,
    `| rows the killed instance held at the kill / of them already accepted by a platform | ${a.held} / ${a.heldAccepted} |`,
    `| lost (never accepted by a platform) | **${a.lost.length}** |`,
    `| outbox at the end | ${Object.entries(a.statusCounts)
      .map(([s, n]) => `${s} ${n.toLocaleString("en")}`)
      .join(", ")} |`,
    `| 429s received (Teams / Slack) | ${a.received429.teams.toLocaleString("en")} / ${a.received429.slack.toLocaleString("en")} |`,
    `| rows that needed more than one attempt | ${a.attemptsOver1.toLocaleString("en")} |`,
    `| Teams, tenant: sustained (first 95 %) / busiest second vs limit 50/s | ${fmt(a.rates.teamsSustained)}/s (${pct(a.rates.teamsSustained, 50)}) / ${a.rates.teamsPeak1s} |`,
    `| Teams, per conversation: busiest 1 s / 2 s / 30 s vs 7 / 8 / 60 | ${a.rates.teamsConvPeak1s} / ${a.rates.teamsConvPeak2s} / ${a.rates.teamsConvPeak30s} |`,
    `| Slack, per channel: busiest 1 s (burst 3) / median steady rate vs 1/s | ${a.rates.slackChannelPeak1s} / ${fmt(a.rates.slackChannelMedianRate, 2)}/s (${pct(a.rates.slackChannelMedianRate, 1)}) |`,
    `| all: 95 % delivered within (from the first planned time) / rate | ${secs(a.rates.overallSpanMs)} / ${fmt(a.rates.overall)}/s |`,
    `| lateness vs planned time, p50 / p99 / max: all | ${late(a.lateness.all)} |`,
    `| … Teams | ${late(a.lateness.teams)} |`,
    `| … Slack | ${late(a.lateness.slack)} |`,
    `| … rows the killed instance held (recovered after the lease) | ${late(a.lateness.held)} |`,
    `| all rows SENT/FAILED/SKIPPED | ${f.finished ? `yes, ${secs(f.doneMs)} after the first planned time` : `**no**: ${a.stuck} rows PENDING/SENDING at the time limit (${options.timeLimitMs / 1000} s)`} |`,
  );
  out.push("");
  out.push(
    `- Instances ready ${f.readyMs.map((v) => secs(v)).join(" and ")} after spawn (planned times began ${START_OFFSET_MS / 1000} s after planning).`,
  );
  for (const i of f.instances) {
    const t = i.totals;
    out.push(
      `- Instance ${i.name} (pid ${i.pid}) logged ${t.passes} passes: claimed ${t.claimed}, sent ${t.sent}, ` +
        `retried ${t.retried}, deferred by its limiter ${t.deferred}, failed ${t.failed}, outcome not recorded ${t.lost}` +
        (i.name === "B" ? " (until the kill)." : "."),
    );
    const problems = [...i.problems.entries()].sort((x, y) => y[1] - x[1]).slice(0, 5);
    if (problems.length > 0) {
      out.push(`  - its warnings/errors: ${problems.map(([m, n]) => `${n}× \`${m}\``).join("; ")}`);
    }
  }
  if (a.failedReasons.size > 0) {
    out.push(
      `- FAILED rows by reason: ${[...a.failedReasons].map(([reason, n]) => `${n}× \`${reason}\``).join(", ")}.`,
    );
  }
  if (a.sentButNotReceived > 0) out.push(`- **${a.sentButNotReceived} rows are SENT but no fake accepted them.**`);
  if (a.duplicatesOutside.length > 0) {
    out.push(`- Duplicates outside the crash window: ${a.duplicatesOutside.slice(0, 10).join(", ")}.`);
  }
  if (a.lost.length > 0) out.push(`- Lost (first 10): ${a.lost.slice(0, 10).join(", ")}.`);
  out.push(
    "- *delivered/duplicates/lost* count the bench identifier (the session title) in what the fakes answered 200; " +
      "*crash window*: rows the killed instance had claimed (SENDING) at the kill, read from the database right after it; " +
      "*lateness*: first acceptance minus the planned notBefore.",
    "- The fakes run in the benchmark's process and count a 429 for every refused request; Teams windows are per " +
      "conversation (7/1 s, 8/2 s, 60/30 s) and per tenant (50/1 s, all users are in one tenant), Slack is a token bucket " +
      "per channel (burst 3, then 1/s).",
  );
  return out.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      progress(`${signal}: cleaning up`);
      void runAllCleanups().finally(() => process.exit(130));
    });
  }
  if (!(await serverAnswers(options.databaseUrl))) fail(`no PostgreSQL server answers at ${options.databaseUrl}`);
  const loadStart = os.loadavg()[0] ?? 0;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "ake-bench-reminders-"));
  deferCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const db = await createDatabase(options.databaseUrl);
  deferCleanup(() => db.drop());
  progress(`database ${db.name}: migrating, seeding`);
  const store = await openStore({ databaseUrl: db.url, dataDir, poolSize: 4 });
  deferCleanup(() => store.close());
  // seeded here once, so that two instances starting together do not both seed
  await seedSampleDataIfEmpty(store.prisma);
  await materializeAhead(store.prisma, new Date());

  const teams: Fake = await startFakeTeams();
  const slack: Fake = await startFakeSlack(FAKE_BOT_TOKEN);
  deferCleanup(() => Promise.all([teams.close(), slack.close()]));

  const plannedFrom = Date.now() + START_OFFSET_MS;
  progress(`planning ${options.deliveries} notifications for ${options.users} users, ${options.sessions} sessions`);
  const plan = await prepare(store, options, teams.url, plannedFrom);
  progress(`planned; first due in ${Math.round((plannedFrom - Date.now()) / 1000)} s; starting two instances`);

  const env = {
    DATABASE_URL: db.url,
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    PUBLIC_URL: "https://ake.example.test",
    SLACK_SIGNING_SECRET: "bench-signing-secret-0123456789abcdef",
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_API_URL: slack.url,
    ...(options.leaseMs === undefined ? {} : { OUTBOX_LEASE_MS: String(options.leaseMs) }),
  };
  const a = startInstance({ repoRoot: REPO_ROOT, name: "A", env });
  const b = startInstance({ repoRoot: REPO_ROOT, name: "B", env });
  const readyMs = await Promise.all([a.ready, b.ready]);
  progress(`instances ready after ${readyMs.map((v) => `${(v / 1000).toFixed(1)} s`).join(", ")}`);
  if (Date.now() > plannedFrom) progress("warning: the instances came up after the first planned time");

  const received = () => [...teams.received, ...slack.received];
  const uniqueDelivered = new Set<string>();
  let scanned = { teams: 0, slack: 0 };
  const countDelivered = () => {
    for (const [fake, name] of [
      [teams, "teams"],
      [slack, "slack"],
    ] as const) {
      for (let i = scanned[name]; i < fake.received.length; i++) {
        const r = fake.received[i];
        if (r && r.status === 200) uniqueDelivered.add(r.id);
      }
      scanned = { ...scanned, [name]: fake.received.length };
    }
    return uniqueDelivered.size;
  };

  const deadline = plannedFrom + options.timeLimitMs;
  let crash: CrashWindow | undefined;
  let killedDeliveredBefore = 0;
  let lastReport = 0;
  let finished = false;
  let doneAt = Number.NaN;
  while (Date.now() < deadline) {
    await sleep(200);
    const delivered = countDelivered();
    if (!crash && delivered >= options.deliveries / 2) {
      killedDeliveredBefore = delivered;
      await b.kill9();
      const at = Date.now();
      const heldRows = await store.prisma.notification.findMany({
        where: { status: "SENDING", claimedBy: { contains: `:${b.pid}:` } },
        select: { key: true },
      });
      crash = { at, held: new Set(heldRows.map((r) => r.key)) };
      progress(`kill -9 instance B (pid ${b.pid}) at ${delivered} delivered; it held ${heldRows.length} rows SENDING`);
    }
    if (Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      const counts = await statusCounts(store);
      const r429 = received().filter((r) => r.status === 429).length;
      progress(
        `t=${Math.round((Date.now() - plannedFrom) / 1000)} s delivered ${delivered}, 429s ${r429}, outbox ${JSON.stringify(counts)}`,
      );
      if (crash && (counts.PENDING ?? 0) + (counts.SENDING ?? 0) === 0) {
        finished = true;
        doneAt = Date.now();
        break;
      }
    }
    if (a.child.exitCode !== null || a.child.signalCode !== null) {
      progress(`instance A exited unexpectedly:\n${a.stderrTail()}`);
      break;
    }
  }
  // a last look, so the figures are of the final state
  const counts = await statusCounts(store);
  if (!finished && crash && (counts.PENDING ?? 0) + (counts.SENDING ?? 0) === 0) {
    finished = true;
    doneAt = Date.now();
  }
  await a.stop();
  await b.stop();
  const finals: FinalRow[] = await store.prisma.notification.findMany({
    where: { key: { startsWith: "bench:" } },
    select: { key: true, status: true, attempts: true, lastError: true },
  });
  const analysis = analyse(plan.rows, received(), finals, crash);
  const facts: RunFacts = {
    options,
    perSession: plan.perSession,
    readyMs,
    killedAtMs: crash ? crash.at - plannedFrom : undefined,
    killedDeliveredBefore,
    doneMs: doneAt - plannedFrom,
    finished,
    totalMs: performance.now(),
    instances: [a, b],
    loadStart,
    loadEnd: os.loadavg()[0] ?? 0,
  };
  await runAllCleanups();
  process.stdout.write(`${render(analysis, facts)}\n`);
}

try {
  await main();
} finally {
  await runAllCleanups();
}
process.stdout.write("", () => process.exit(0));
