// `kahvit` end to end through the real HTTP endpoints of an in-process bot (startApp,
// fixed clock, like tests/helpers/bot-harness.ts), with the local fakes of the Slack Web
// API / response_url and of the Bot Framework Connector. Everything listens on 127.0.0.1.
import { randomUUID } from "node:crypto";
import { destination, pino } from "pino";
import { type RunningApp, startApp } from "../../adapters/app.ts";
import { loadConfig } from "../../bot/config.ts";
import type { Store } from "../../prisma/store.ts";
import { type FakeBotConnector, startFakeBotConnector } from "../../tests/fakes/bot-connector.ts";
import { FAKE_BOT_TOKEN, type FakeSlack, startFakeSlack } from "../../tests/fakes/slack-api.ts";
import { signedSlashCommand } from "../../tests/fakes/slack-signing.ts";
import { type TeamsUser, teamsMessage } from "../../tests/fakes/teams-activities.ts";
import { percentile, progress, runPool, withTimeout } from "./stats.ts";

/** The harness's clock: Monday 19 Oct 2026 10:00 in Helsinki, sample sessions ahead. */
const NOW = new Date("2026-10-19T10:00:00+03:00");
const SECRET = "bench-signing-secret-0123456789abcdef";
/** A reply must show sessions: the Finnish "Join" button proves the list was not empty. */
const EXPECTED_TEXT = "Liity";
/** No reply within this is "the bot stopped answering", not a slow sample. */
export const REPLY_TIMEOUT_MS = 10_000;
const WARM_UP_REQUESTS = 20;

export type PlatformName = "slack" | "teams";
export type UserMode = "returning" | "first contact";

export interface LatencyRow {
  platform: PlatformName;
  user: UserMode;
  /** requests answered with something other than the list (left out of the figures) */
  errors: number;
  firstError?: string | undefined;
  sequential: { p50: number; p95: number; p99: number; max: number };
  concurrent: { throughput: number; p50: number; p99: number; max: number };
  /** Slack replies that missed the 2 s inline budget and came through response_url */
  late: number;
}

export interface LatencyResult {
  rows: LatencyRow[];
  /** set when a request got no answer at all: the rest of this store was skipped */
  stalled?: { platform: PlatformName; user: UserMode; phase: string } | undefined;
}

export interface LatencyOptions {
  store: Store;
  requests: number;
  concurrency: number;
}

/** The bot gave no answer in time; measuring on would only collect timeouts. */
class NoAnswer extends Error {
  override name = "NoAnswer";
  constructor() {
    super(`no answer within ${REPLY_TIMEOUT_MS} ms`);
  }
}
const noAnswer = (): never => {
  throw new NoAnswer();
};

/** One `kahvit` from one user; resolves with the latency in ms, rejects on a wrong or missing reply. */
type Ask = (user: number) => Promise<{ ms: number; late: boolean }>;
type Outcome = { ms: number; late: boolean } | { error: string; stalled: boolean };

/** A failed request is counted, not fatal: one error should not throw away a whole run. */
const settle = (ask: Ask, user: number): Promise<Outcome> =>
  ask(user).catch((error: unknown) => ({
    error: error instanceof Error ? error.message : String(error),
    stalled: error instanceof NoAnswer,
  }));

// The bot's own errors (not its info logs) go to stderr, so a failing request can be explained.
const botLog = pino({ level: "error", base: { app: "ake-bot" } }, destination(2));

let sequence = 0;

function slackAsker(app: RunningApp, fakeSlack: FakeSlack, run: string): Ask {
  return async (user) => {
    const userId = `UB${run}${user}`;
    // users.info knows everyone, as real Slack does: a new user costs one locale lookup
    fakeSlack.setUserLocale(userId, "fi-FI");
    const id = `bench-${++sequence}`;
    const request = signedSlashCommand(SECRET, {
      text: "kahvit",
      user_id: userId,
      response_url: fakeSlack.responseUrl(id),
    });
    const started = performance.now();
    // not postToSlackEndpoint: that one has no timeout, and a wedged bot must not hang the bench
    const response = await fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(REPLY_TIMEOUT_MS),
    }).catch(noAnswer);
    let body = await response.text().catch(noAnswer);
    if (response.status !== 200) throw new Error(`Slack endpoint answered ${response.status}: ${body.slice(0, 200)}`);
    let late = false;
    if (!body.includes('"blocks"')) {
      // over the 2 s ack budget: acked empty, the reply follows through response_url
      const post = await fakeSlack.waitForPost((p) => p.id === id, REPLY_TIMEOUT_MS).catch(noAnswer);
      body = JSON.stringify(post.body);
      late = true;
    }
    const elapsed = performance.now() - started;
    if (!body.includes(EXPECTED_TEXT)) throw new Error(`Slack reply without sessions: ${body.slice(0, 300)}`);
    return { ms: elapsed, late };
  };
}

function teamsAsker(app: RunningApp, connector: FakeBotConnector, run: string): Ask {
  const users = new Map<number, TeamsUser>();
  return async (user) => {
    let from = users.get(user);
    if (!from) {
      from = { id: `29:1bench-${run}-${user}`, name: `Bench ${user}`, aadObjectId: randomUUID() };
      users.set(user, from);
    }
    const activity = teamsMessage({ serviceUrl: connector.url, text: "kahvit", locale: "fi-FI", user: from });
    const started = performance.now();
    // the reply reaches the connector while the POST is still open: time the reply itself
    const replied = connector
      .waitForActivity((a) => a.replyToId === activity.id || a.activity.replyToId === activity.id, REPLY_TIMEOUT_MS)
      .then((sent) => ({ sent, at: performance.now() }), noAnswer);
    const post = fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(REPLY_TIMEOUT_MS),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      }, noAnswer)
      .then((status) => {
        if (status >= 300) throw new Error(`Teams endpoint answered ${status}`);
      });
    const [{ sent, at }] = await Promise.all([replied, post]);
    const text = JSON.stringify(sent.activity.attachments ?? []);
    if (!text.includes(EXPECTED_TEXT)) throw new Error(`Teams reply without sessions: ${text.slice(0, 300)}`);
    return { ms: at - started, late: false };
  };
}

/** The user for request `index` of a phase: always user 0, or one never seen before. */
const userFor = (mode: UserMode, phase: number, index: number) =>
  mode === "returning" ? 0 : phase * 1_000_000 + index + 1;

type Success = { ms: number; late: boolean };
const successes = (outcomes: Outcome[]) => outcomes.filter((o): o is Success => !("error" in o));
const failures = (outcomes: Outcome[]) => outcomes.filter((o): o is Exclude<Outcome, Success> => "error" in o);

export async function measureLatency(options: LatencyOptions): Promise<LatencyResult> {
  const { requests, concurrency } = options;
  const fakeSlack = await startFakeSlack({ rateLimit: false });
  const connector = await startFakeBotConnector({ rateLimit: false });
  const config = loadConfig({
    PORT: "0",
    PUBLIC_URL: "https://ake.example.test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_API_URL: fakeSlack.apiUrl,
  });
  const app = await startApp({ config, log: botLog, store: options.store, now: () => NOW });
  const result: LatencyResult = { rows: [] };
  // once one request got no answer, the store is wedged: stop sending
  let stalled = false;
  const track = async (ask: Ask, user: number) => {
    const outcome = await settle(ask, user);
    if ("stalled" in outcome && outcome.stalled) stalled = true;
    return outcome;
  };
  try {
    measuring: for (const platform of ["slack", "teams"] as const) {
      // a run id keeps users apart between stores and platforms
      const run = randomUUID().slice(0, 8);
      const ask = platform === "slack" ? slackAsker(app, fakeSlack, run) : teamsAsker(app, connector, run);
      progress(`${options.store.kind} / ${platform}: warm-up (${WARM_UP_REQUESTS})`);
      // half the warm-up is the returning user (created here), half new users
      for (let i = 0; i < WARM_UP_REQUESTS && !stalled; i++) {
        await track(ask, i % 2 === 0 ? 0 : userFor("first contact", 0, i));
      }
      if (stalled) {
        result.stalled = { platform, user: "returning", phase: "warm-up" };
        break;
      }
      let phase = 0;
      for (const user of ["returning", "first contact"] as const) {
        progress(
          `${options.store.kind} / ${platform} / ${user}: ${requests} sequential, ${requests} at ${concurrency}`,
        );
        connector.reset(); // keeps waitForActivity's scans short
        const seqPhase = ++phase;
        const sequential: Outcome[] = [];
        for (let i = 0; i < requests && !stalled; i++) sequential.push(await track(ask, userFor(user, seqPhase, i)));
        if (stalled) {
          result.stalled = { platform, user, phase: "sequential" };
          break measuring;
        }
        connector.reset();
        const concPhase = ++phase;
        const wallStarted = performance.now();
        const concurrent = await runPool(
          requests,
          concurrency,
          (i) => track(ask, userFor(user, concPhase, i)),
          () => stalled,
        );
        const wallMs = performance.now() - wallStarted;
        if (stalled) {
          result.stalled = { platform, user, phase: `at concurrency ${concurrency}` };
          break measuring;
        }
        const seqMs = successes(sequential).map((s) => s.ms);
        const concMs = successes(concurrent).map((s) => s.ms);
        const failed = failures([...sequential, ...concurrent]);
        result.rows.push({
          platform,
          user,
          errors: failed.length,
          firstError: failed[0]?.error,
          sequential: {
            p50: percentile(seqMs, 0.5),
            p95: percentile(seqMs, 0.95),
            p99: percentile(seqMs, 0.99),
            max: percentile(seqMs, 1),
          },
          concurrent: {
            // only proper replies count: a quick error message is not throughput
            throughput: (concMs.length / wallMs) * 1000,
            p50: percentile(concMs, 0.5),
            p99: percentile(concMs, 0.99),
            max: percentile(concMs, 1),
          },
          late: successes([...sequential, ...concurrent]).filter((s) => s.late).length,
        });
      }
    }
  } finally {
    // a wedged store can keep requests (and so the server) open: do not wait forever
    await withTimeout(app.stop(), REPLY_TIMEOUT_MS).catch((error: unknown) => progress(`app.stop: ${String(error)}`));
    await Promise.all([fakeSlack.close(), connector.close()]);
  }
  return result;
}
