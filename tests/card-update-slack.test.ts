// Editing a message in Slack: a button click whose answer replaces the message for
// everyone (block_actions "replaceForAll" → response_url with replace_original), and the
// Slack Messenger's chat.update of a message it posted earlier, against the fake Web API.
import { webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MODAL_CALLBACK_ID } from "../adapters/slack/modal.ts";
import { createSlackSender } from "../adapters/slack/proactive.ts";
import { renderMessage } from "../adapters/slack/render.ts";
import { RateLimiter } from "../bot/delivery/limiter.ts";
import type { Messenger, Recipient } from "../bot/delivery/types.ts";
import { silentLogger } from "../bot/log.ts";
import type { Reply } from "../bot/reply.ts";
import { findConversation } from "../domain/store/conversations.ts";
import { FAKE_BOT_TOKEN, type FakeSlack, startFakeSlack } from "./fakes/slack-api.ts";
import { SLACK_TEST_SECRET, SLACK_TEST_USER, startSlackHarness } from "./fakes/slack-harness.ts";
import { postToSlackEndpoint, signedBlockActions } from "./fakes/slack-signing.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";
import { signedViewSubmission } from "./publishing-fixtures.ts";

const approval: Reply = {
  summary: "Hyväksyttävänä: Kirjastoautovartti",
  blocks: [
    { type: "header", text: "Hyväksyttävänä: Kirjastoautovartti" },
    {
      type: "actions",
      actions: [{ type: "button", label: "Hyväksy", action: { verb: "approvals.approve", args: { id: "9" } } }],
    },
  ],
};
const decided: Reply = {
  summary: "Hyväksytty",
  blocks: [{ type: "text", text: "Maija hyväksyi: Kirjastoautovartti" }],
};

describe("a button click answered with 'replaceForAll'", () => {
  const value = JSON.stringify({ verb: "approvals.approve", args: { id: "9" } });

  it("replaces the clicked message itself (in a channel: for everyone), not with an ephemeral", async () => {
    const h = await startSlackHarness({ bot: { actionMode: "replaceForAll" } });
    try {
      const click = signedBlockActions(SLACK_TEST_SECRET, {
        value,
        ephemeral: false,
        responseUrl: h.slack.responseUrl("approve"),
      });
      expect((await postToSlackEndpoint(h.baseUrl, click)).status).toBe(200);
      const post = await h.slack.waitForPost((p) => p.id === "approve");
      expect(post.body).toMatchObject({ replace_original: true, text: "Did approvals.approve" });
      expect(post.body).not.toHaveProperty("response_type");
      expect(post.problems).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it("a submitted form answered with 'replaceForAll' closes the modal and tells the user in the channel", async () => {
    const h = await startSlackHarness({ bot: { actionMode: "replaceForAll" } });
    try {
      const view = {
        blocks: [],
        callback_id: MODAL_CALLBACK_ID,
        private_metadata: JSON.stringify({ a: { verb: "approvals.reject", args: { id: "9" } }, c: "C0APPROVAL" }),
        title: { type: "plain_text", text: "Hylkää" },
      };
      const submission = signedViewSubmission(SLACK_TEST_SECRET, { view, values: {}, userId: SLACK_TEST_USER });
      const response = await postToSlackEndpoint(h.baseUrl, submission);
      expect(response.json).toEqual({ response_action: "clear" });
      // posted after the modal was closed
      await vi.waitFor(() => expect(h.slack.callsTo("chat.postEphemeral")).toHaveLength(1));
      const [ephemeral] = h.slack.callsTo("chat.postEphemeral");
      expect(ephemeral?.args).toMatchObject({ channel: "C0APPROVAL", user: SLACK_TEST_USER });
      expect(ephemeral?.args.text).toContain("Did approvals.reject");
    } finally {
      await h.close();
    }
  });
});

describe("Slack Messenger: send gives a message reference, update edits that message", () => {
  let store: TestStore;
  let slack: FakeSlack;
  let messenger: Messenger;
  /** the limiter's clock: sleeping moves it, so no test waits in real time */
  const clock = { ms: 1_700_000_000_000 };
  const maija: Recipient = { platform: "slack", platformUserId: "T0001:U0MAIJA" };
  const channel: Recipient = { ...maija, conversationRefKey: "slack:channel:C0APPROVAL" };
  const text = (message: { text: unknown } | undefined) => message?.text;

  beforeAll(async () => {
    store = await openTestStore();
    slack = await startFakeSlack({ rateLimit: false, strictDirectMessages: true });
    slack.setUserLocale("U0MAIJA", "fi-FI");
    const limiter = new RateLimiter({
      now: () => clock.ms,
      sleep: async (ms) => {
        clock.ms += ms;
      },
    });
    messenger = createSlackSender({
      botToken: FAKE_BOT_TOKEN,
      apiUrl: slack.apiUrl,
      prisma: store.prisma,
      limiter,
      log: silentLogger,
      now: () => new Date(clock.ms),
    });
  });
  afterEach(() => {
    clock.ms += 60_000;
  });
  afterAll(async () => {
    await slack?.close();
    await store?.drop();
  });

  it("a DM: the reference is the DM's own channel (D…), and the update changes the message there", async () => {
    const sent = await messenger.send(maija, approval);
    expect(sent).toEqual({
      ok: true,
      messageRef: { platform: "slack", channel: expect.stringMatching(/^D/), ts: expect.any(String) },
    });
    if (!sent.ok || sent.messageRef?.platform !== "slack") throw new Error("no message reference");
    const { channel: dm, ts } = sent.messageRef;
    expect(dm).toBe(slack.dmChannel("U0MAIJA"));
    expect(text(slack.message(dm, ts))).toBe(renderMessage(approval).text);

    const before = clock.ms;
    expect(await messenger.update(maija, sent.messageRef, decided)).toMatchObject({ ok: true });
    const now = slack.message(dm, ts);
    expect(now).toMatchObject({ text: renderMessage(decided).text, blocks: renderMessage(decided).blocks, edits: 1 });
    // the edit waited for the DM's one-a-second budget the send had just used
    expect(clock.ms - before).toBe(1000);
  });

  it("a channel: the card posted there is updated for everyone", async () => {
    const sent = await messenger.send(channel, approval);
    if (!sent.ok || sent.messageRef?.platform !== "slack") throw new Error("no message reference");
    expect(sent.messageRef.channel).toBe("C0APPROVAL");
    expect(await messenger.update(channel, sent.messageRef, decided)).toMatchObject({ ok: true });
    expect(text(slack.message("C0APPROVAL", sent.messageRef.ts))).toBe(renderMessage(decided).text);
    expect(slack.callsTo("chat.update").at(-1)?.args).toMatchObject({ channel: "C0APPROVAL", ts: sent.messageRef.ts });
  });

  it("a message that is gone is a permanent failure; the target is not blocked and later sends arrive", async () => {
    const result = await messenger.update(maija, { platform: "slack", channel: "D0NOPE", ts: "1.000001" }, decided);
    expect(result).toEqual({ ok: false, retryable: false, reason: "message_not_found" });
    expect((await findConversation(store.prisma, "slack:user:T0001:U0MAIJA"))?.blocked).toBeUndefined();
    clock.ms += 60_000;
    const next = await messenger.send(maija, approval);
    expect(next.ok).toBe(true);
  });

  it("an update Slack refuses because the channel is gone blocks the channel, as a send would", async () => {
    const target: Recipient = { ...maija, conversationRefKey: "slack:channel:C0ARCHIVED" };
    const sent = await messenger.send(target, approval);
    if (!sent.ok || sent.messageRef?.platform !== "slack") throw new Error("no message reference");
    slack.setUpdateError("C0ARCHIVED", "is_archived");
    clock.ms += 60_000;
    expect(await messenger.update(target, sent.messageRef, decided)).toEqual({
      ok: false,
      retryable: false,
      reason: "is_archived",
    });
    expect((await findConversation(store.prisma, "slack:channel:C0ARCHIVED"))?.blocked?.reason).toBe("is_archived");
  });

  it("a Teams message reference is refused without asking Slack", async () => {
    const calls = slack.calls.length;
    const result = await messenger.update(maija, { platform: "teams", activityId: "1" }, decided);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(slack.calls.length).toBe(calls);
  });
});

describe("the fake Slack's chat.update", () => {
  let slack: FakeSlack;
  let now = 1_700_000_000_000;
  const client = () =>
    new webApi.WebClient(FAKE_BOT_TOKEN, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: webApi.LogLevel.ERROR,
    });

  beforeAll(async () => {
    slack = await startFakeSlack({ now: () => now, rateLimit: { perSecond: 1, burst: 1 } });
  });
  afterAll(async () => {
    await slack.close();
  });

  it("posts to a user land in a DM channel of their own; updates need that channel and the ts", async () => {
    const posted = await client().chat.postMessage({ channel: "U0LIISA", text: "yksi" });
    expect(posted.channel).toMatch(/^D/);
    now += 1000;
    await expect(
      client().chat.update({ channel: "U0LIISA", ts: posted.ts ?? "", text: "kaksi" }),
    ).rejects.toMatchObject({ data: { error: "message_not_found" } });
    const updated = await client().chat.update({ channel: posted.channel ?? "", ts: posted.ts ?? "", text: "kaksi" });
    expect(updated).toMatchObject({ ok: true, channel: posted.channel, ts: posted.ts, text: "kaksi" });
    expect(slack.message(posted.channel ?? "", posted.ts ?? "")).toMatchObject({ text: "kaksi", edits: 1 });
  });

  it("rate-limits updates per channel like posts", async () => {
    now += 10_000;
    const posted = await client().chat.postMessage({ channel: "C0BUSY", text: "yksi" });
    await expect(client().chat.update({ channel: "C0BUSY", ts: posted.ts ?? "", text: "kaksi" })).rejects.toMatchObject(
      { code: webApi.ErrorCode.RateLimitedError, retryAfter: 1 },
    );
    now += 1000;
    await client().chat.update({ channel: "C0BUSY", ts: posted.ts ?? "", text: "kaksi" });
    expect(slack.message("C0BUSY", posted.ts ?? "")?.text).toBe("kaksi");
  });
});
