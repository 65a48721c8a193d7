// The fake Slack API behaves like Slack where our code depends on it: auth errors,
// users.info locales, rate limits with Retry-After, response_url limits. Driven with
// the real WebClient (as the adapter uses it) and with plain fetch.
import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_BOT_TOKEN, type FakeSlack, startFakeSlack } from "./fakes/slack-api.ts";

let slack: FakeSlack | undefined;

afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

async function fake(options: Parameters<typeof startFakeSlack>[0] = {}): Promise<FakeSlack> {
  slack = await startFakeSlack(options);
  return slack;
}

const client = (s: FakeSlack, token = FAKE_BOT_TOKEN) =>
  new webApi.WebClient(token, { slackApiUrl: s.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

async function call(s: FakeSlack, method: string, args: Record<string, string>, token = FAKE_BOT_TOKEN) {
  const response = await fetch(`${s.apiUrl}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(args),
  });
  const body = (await response.json()) as { ok: boolean; error?: string };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body };
}

describe("fake Slack Web API", () => {
  it("auth.test answers and records the call with its auth header", async () => {
    const s = await fake();
    const result = await client(s).auth.test();
    expect(result).toMatchObject({ ok: true, team_id: "T0FAKE", user_id: "UBOT" });
    expect(s.calls[0]).toMatchObject({ method: "auth.test", authorization: `Bearer ${FAKE_BOT_TOKEN}`, status: 200 });
  });

  it("an invalid token → invalid_auth, none → not_authed", async () => {
    const s = await fake();
    await expect(client(s, "xoxb-wrong").auth.test()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
    const response = await fetch(`${s.apiUrl}auth.test`, { method: "POST" });
    expect(await response.json()).toEqual({ ok: false, error: "not_authed" });
  });

  it("users.info gives the locale only with include_locale, and user_not_found for strangers", async () => {
    const s = await fake();
    s.setUserLocale("UFI", "fi-FI");
    s.setUserLocale("USV", "sv-SE");
    expect((await client(s).users.info({ user: "USV", include_locale: true })).user?.locale).toBe("sv-SE");
    expect((await client(s).users.info({ user: "UFI" })).user?.locale).toBeUndefined();
    await expect(client(s).users.info({ user: "UNKNOWN" })).rejects.toMatchObject({
      data: { error: "user_not_found" },
    });
    s.setUserLocale("UFI", undefined);
    await expect(client(s).users.info({ user: "UFI" })).rejects.toMatchObject({ data: { error: "user_not_found" } });
  });

  it("chat methods check their arguments and decode JSON-valued form fields", async () => {
    const s = await fake();
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "hei" } }];
    const posted = await client(s).chat.postMessage({ channel: "C1", text: "hei", blocks });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    expect(s.callsTo("chat.postMessage")[0]?.args.blocks).toEqual(blocks);
    await client(s).chat.update({ channel: "C1", ts: posted.ts ?? "", text: "moi" });
    await client(s).chat.postEphemeral({ channel: "C1", user: "U1", text: "vain sinulle" });
    await client(s).views.open({
      trigger_id: "t",
      view: { type: "modal", title: { type: "plain_text", text: "x" }, blocks: [] },
    });
    expect(s.calls.map((c) => c.response.ok)).toEqual([true, true, true, true]);
    expect((await call(s, "chat.postMessage", { text: "x" })).body.error).toBe("channel_not_found");
    expect((await call(s, "chat.postMessage", { channel: "C1" })).body.error).toBe("no_text");
    expect((await call(s, "nonsense.method", {})).body.error).toBe("unknown_method");
  });

  it("rejects blocks over Block Kit limits with invalid_blocks", async () => {
    const s = await fake();
    const blocks = JSON.stringify(Array.from({ length: 51 }, () => ({ type: "divider" })));
    expect((await call(s, "chat.postMessage", { channel: "C1", blocks })).body.error).toBe("invalid_blocks");
  });

  it("rate-limits chat.postMessage per channel: a burst, then 429 with Retry-After", async () => {
    let now = 1_700_000_000_000;
    const s = await fake({ now: () => now, rateLimit: { perSecond: 1, burst: 2 } });
    const post = (channel: string) => call(s, "chat.postMessage", { channel, text: "x" });
    expect((await post("C1")).status).toBe(200);
    expect((await post("C1")).status).toBe(200);
    const limited = await post("C1");
    expect(limited).toMatchObject({ status: 429, retryAfter: "1", body: { ok: false, error: "ratelimited" } });
    expect((await post("C2")).status).toBe(200); // another channel has its own budget
    now += 1000;
    expect((await post("C1")).status).toBe(200);
  });

  it("a WebClient that queues on 429 waits for Retry-After and succeeds", async () => {
    const s = await fake({ rateLimit: { perSecond: 4, burst: 1 } });
    const queueing = new webApi.WebClient(FAKE_BOT_TOKEN, { slackApiUrl: s.apiUrl, logLevel: webApi.LogLevel.ERROR });
    await queueing.chat.postMessage({ channel: "C1", text: "1" });
    const started = Date.now();
    await queueing.chat.postMessage({ channel: "C1", text: "2" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // Retry-After is whole seconds
    expect(s.callsTo("chat.postMessage").map((c) => c.status)).toEqual([200, 429, 200]);
  });
});

describe("fake response_url", () => {
  it("records posts, waits for a matching one and reports Block Kit problems", async () => {
    const s = await fake();
    const waiting = s.waitForPost((p) => p.id === "r1" && p.body.text === "two", 2000);
    await fetch(s.responseUrl("r1"), { method: "POST", body: JSON.stringify({ text: "one" }) });
    await fetch(s.responseUrl("r1"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "two", blocks: [{ type: "header", text: { type: "plain_text", text: "" } }] }),
    });
    const post = await waiting;
    expect(post.problems).toEqual(["blocks[0].text: empty text"]);
    expect(s.responses).toHaveLength(2);
  });

  it("waitForPost times out with what it did get", async () => {
    const s = await fake();
    await expect(s.waitForPost(() => false, 50)).rejects.toThrow(/no matching response_url post within 50 ms/);
  });

  it("takes at most 5 posts per URL, as Slack", async () => {
    const s = await fake();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await fetch(s.responseUrl("r"), { method: "POST", body: "{}" })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
  });
});
