// The Slack endpoint through real HTTP: a tiny server routes POST /slack/events to
// requestListener (as the real server does), the core is an in-memory recorder, and
// Slack's Web API and response_url are a local fake.

import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { FALLBACK_TEXT, splitMentions } from "../adapters/slack/handlers.ts";
import { FAKE_BOT_TOKEN } from "./fakes/slack-api.ts";
import type { RecordingBotCoreOptions } from "./fakes/slack-bot-core.ts";
import {
  SLACK_TEST_SECRET as SECRET,
  type SlackHarness,
  startSlackHarness,
  SLACK_TEST_USER as USER,
} from "./fakes/slack-harness.ts";
import { slackBlockProblems } from "./fakes/slack-limits.ts";
import { postToSlackEndpoint, signedBlockActions, signedSlashCommand } from "./fakes/slack-signing.ts";

let harness: SlackHarness | undefined;

async function start(bot: RecordingBotCoreOptions = {}): Promise<SlackHarness> {
  harness = await startSlackHarness({ bot });
  return harness;
}

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("slash command", () => {
  it("answers within 3 s with an ephemeral Block Kit reply in the HTTP response", async () => {
    const h = await start();
    const request = signedSlashCommand(SECRET, { text: "kahvit huomenna", response_url: h.slack.responseUrl("c1") });
    const response = await postToSlackEndpoint(h.baseUrl, request);
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(3000);
    const body = response.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toBe("You said: kahvit huomenna");
    expect(body.blocks.length).toBeGreaterThan(0);
    expect(slackBlockProblems(body.blocks)).toEqual([]);
    expect(h.bot.messages).toHaveLength(1);
    expect(h.bot.messages[0]?.text).toBe("kahvit huomenna");
    expect(h.bot.messages[0]?.requester).toMatchObject({
      platform: "slack",
      userId: `T0001:${USER}`,
      displayName: "liisa.lukija",
    });
    expect(h.slack.responses).toEqual([]);
  });

  it("looks the locale up with users.info (bot token, include_locale) and never calls auth.test", async () => {
    const h = await start();
    await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SECRET, { text: "apua" }));
    expect(h.bot.locales).toEqual(["fi-FI"]);
    const [call] = h.slack.callsTo("users.info");
    expect(call?.authorization).toBe(`Bearer ${FAKE_BOT_TOKEN}`);
    expect(call?.args).toMatchObject({ user: USER, include_locale: "true" });
    expect(h.slack.callsTo("auth.test")).toEqual([]);
  });

  it("falls back to an undefined locale for an unknown user", async () => {
    const h = await start();
    await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SECRET, { user_id: "UNOBODY" }));
    expect(h.bot.locales).toEqual([undefined]);
  });

  it("gives up on a slow users.info after 1.5 s and still answers inline", async () => {
    const h = await start();
    h.slack.setDelay("users.info", 4000);
    const response = await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SECRET, { text: "x" }));
    expect(h.bot.locales).toEqual([undefined]);
    expect(response.elapsedMs).toBeGreaterThan(1400);
    expect(response.elapsedMs).toBeLessThan(2000);
    expect((response.json as { text: string }).text).toBe("You said: x");
  });

  it("acks empty within 3 s when the core is slow, then posts the reply to response_url", async () => {
    const h = await start({ delayMs: 2500 });
    const request = signedSlashCommand(SECRET, { text: "hidas", response_url: h.slack.responseUrl("slow") });
    const response = await postToSlackEndpoint(h.baseUrl, request);
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    expect(response.elapsedMs).toBeLessThan(3000);
    const post = await h.slack.waitForPost((p) => p.id === "slow", 3000);
    expect(post.body).toMatchObject({ response_type: "ephemeral", text: "You said: hidas" });
    expect(post.problems).toEqual([]);
  });

  it("a throwing core still gets the user a trilingual one-liner", async () => {
    const h = await start({ fail: true });
    const response = await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SECRET));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_type: "ephemeral", text: FALLBACK_TEXT.failure });
  });

  it("a core that throws after the ack budget: the one-liner goes to response_url, the bug to the log", async () => {
    const lines: string[] = [];
    const log = pino({ level: "error" }, { write: (line: string) => void lines.push(line) });
    harness = await startSlackHarness({ bot: { delayMs: 300, fail: true }, endpoint: { ackBudgetMs: 100, log } });
    const request = signedSlashCommand(SECRET, { response_url: harness.slack.responseUrl("late-fail") });
    expect((await postToSlackEndpoint(harness.baseUrl, request)).body).toBe("");
    const post = await harness.slack.waitForPost((p) => p.id === "late-fail");
    expect(post.body).toMatchObject({ response_type: "ephemeral", text: FALLBACK_TEXT.failure });
    expect(lines.join("")).toContain("failing as configured");
  });

  it("a core whose reply breaks Slack's limits is reported like a throw", async () => {
    const dividers = Array.from({ length: 51 }, () => ({ type: "divider" }) as const);
    const h = await start({ reply: () => ({ summary: "too long", blocks: dividers }) });
    const response = await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SECRET));
    expect(response.json).toMatchObject({ text: FALLBACK_TEXT.failure });
  });
});

describe("button clicks", () => {
  const value = JSON.stringify({ verb: "meetups.page", args: { page: "2" } });

  it("acks, then replaces the original message through response_url", async () => {
    const h = await start();
    const click = signedBlockActions(SECRET, { value, responseUrl: h.slack.responseUrl("b1") });
    const response = await postToSlackEndpoint(h.baseUrl, click);
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    const post = await h.slack.waitForPost((p) => p.id === "b1");
    expect(post.body).toMatchObject({ replace_original: true, text: "Did meetups.page" });
    expect(post.problems).toEqual([]);
    expect(h.bot.actions).toEqual([
      {
        requester: expect.objectContaining({ userId: `T0001:${USER}` }),
        conversation: { kind: "channel", key: "slack:channel:C2147483705" },
        action: JSON.parse(value),
      },
    ]);
  });

  it("mode 'new' posts a new ephemeral message instead", async () => {
    const h = await start({ actionMode: "new" });
    await postToSlackEndpoint(h.baseUrl, signedBlockActions(SECRET, { value, responseUrl: h.slack.responseUrl("b2") }));
    const post = await h.slack.waitForPost((p) => p.id === "b2");
    expect(post.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
  });

  it.each([
    ["not JSON", "{oops"],
    ["no verb", JSON.stringify({ args: {} })],
    ["a long verb", JSON.stringify({ verb: "v".repeat(101), args: {} })],
    ["non-string args", JSON.stringify({ verb: "a.b", args: { n: 1 } })],
    ["a __proto__ key", '{"verb":"a.b","args":{"__proto__":"x"}}'],
    ["extra keys", JSON.stringify({ verb: "a.b", args: {}, admin: "true" })],
    ["no value at all", undefined],
  ])("a forged value (%s) never reaches the core; the user is told", async (_name, forged) => {
    const h = await start();
    const click = signedBlockActions(SECRET, { value: forged, actionId: "x:0", responseUrl: h.slack.responseUrl("f") });
    expect((await postToSlackEndpoint(h.baseUrl, click)).status).toBe(200);
    const post = await h.slack.waitForPost((p) => p.id === "f");
    expect(post.body).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: FALLBACK_TEXT.invalidButton,
    });
    expect(h.bot.actions).toEqual([]);
  });

  it("a link button click is acked and ignored", async () => {
    const h = await start();
    const click = signedBlockActions(SECRET, {
      actionId: "link:3",
      url: "https://kirjasto.fi",
      responseUrl: h.slack.responseUrl("l"),
    });
    expect((await postToSlackEndpoint(h.baseUrl, click)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.slack.responses).toEqual([]);
    expect(h.bot.actions).toEqual([]);
  });
});

describe("the proactive client", () => {
  it("posts with the bot token to the configured API URL", async () => {
    const h = await start();
    const result = await h.endpoint.client.chat.postMessage({ channel: "C1", text: "Muistutus" });
    expect(result.ok).toBe(true);
    expect(h.slack.callsTo("chat.postMessage")[0]?.authorization).toBe(`Bearer ${FAKE_BOT_TOKEN}`);
  });
});

describe("mentions in a slash command", () => {
  it("become Mentions with TEAM:USER ids and leave the text", () => {
    expect(splitMentions("ydinryhmä severi lisää <@U012AB3CD|maija> <@W0XYZ>", "T0001")).toEqual({
      text: "ydinryhmä severi lisää",
      mentions: [
        { userId: "T0001:U012AB3CD", name: "maija" },
        { userId: "T0001:W0XYZ", name: undefined },
      ],
    });
    expect(splitMentions("kahvit", "T0001")).toEqual({ text: "kahvit", mentions: [] });
  });
});
