// Editing a card in Teams: a click whose answer replaces the card for everyone
// (Action.Execute "replaceForAll": the message is updated at the connector, the clicker
// gets the card as the invoke answer) or only for the clicker ("replace"), and the
// Teams Messenger's update of a message it sent earlier, against the fake Bot Connector.

import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Activity } from "botbuilder";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createReferenceCapture, createTeamsSender } from "../adapters/teams/proactive.ts";
import { renderAdaptiveCard } from "../adapters/teams/render.ts";
import { RateLimiter } from "../bot/delivery/limiter.ts";
import type { Messenger, Recipient } from "../bot/delivery/types.ts";
import { silentLogger } from "../bot/log.ts";
import type { Reply } from "../bot/reply.ts";
import type { ActionOutcome } from "../bot/requests.ts";
import { findConversation } from "../domain/store/conversations.ts";
import { type FakeBotConnector, startFakeBotConnector } from "./fakes/bot-connector.ts";
import {
  postActivity,
  TEST_USERS,
  type TeamsActivity,
  teamsActionExecute,
  teamsActionSubmit,
  teamsMessage,
} from "./fakes/teams-activities.ts";
import { type RecordingCore, recordingCore, startTeamsTestServer, type TeamsTestServer } from "./fakes/teams-server.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

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
const CARD_TYPE = "application/vnd.microsoft.card.adaptive";

/** The Adaptive Card of an activity as the connector holds it. */
const cardIn = (activity: Record<string, unknown> | undefined) =>
  (activity?.attachments as { content: unknown }[] | undefined)?.[0]?.content;

describe("a click on a card in a channel", () => {
  let connector: FakeBotConnector;
  let core: RecordingCore;
  let bot: TeamsTestServer;
  let outcome: ActionOutcome = { mode: "replaceForAll", reply: decided };

  beforeAll(async () => {
    connector = await startFakeBotConnector({ rateLimit: false });
    core = recordingCore({ message: () => approval, action: () => outcome });
    bot = await startTeamsTestServer({ bot: core });
  });
  afterEach(() => {
    connector.reset();
    core.messages.length = 0;
    core.actions.length = 0;
    outcome = { mode: "replaceForAll", reply: decided };
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  /** The bot posts the approval card in the channel, as the coordinators see it; returns its id and thread. */
  async function postedCard(): Promise<{ id: string; conversationId: string }> {
    const message = teamsMessage({ serviceUrl: connector.url, text: "hyväksynnät", conversation: "channel" });
    expect((await postActivity(bot.url, message)).status).toBe(200);
    const sent = await connector.waitForActivity((a) => a.replyToId === message.id);
    expect(cardIn(connector.message(sent.conversationId, sent.id))).toEqual(renderAdaptiveCard(approval));
    return { id: sent.id, conversationId: message.conversation.id };
  }

  function click(card: { id: string; conversationId: string }, kind: "execute" | "submit" = "execute"): TeamsActivity {
    const options = {
      serviceUrl: connector.url,
      data: { verb: "approvals.approve", args: { id: "9" } },
      conversation: "channel" as const,
      conversationId: card.conversationId,
      replyToId: card.id,
      user: TEST_USERS.sven,
    };
    return kind === "execute" ? teamsActionExecute(options) : teamsActionSubmit(options);
  }

  it("Action.Execute 'replaceForAll': the message changes for everyone and the clicker gets the card", async () => {
    const card = await postedCard();
    const res = await postActivity(bot.url, click(card));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, type: CARD_TYPE, value: renderAdaptiveCard(decided) });
    const updates = connector.activities.filter((a) => a.kind === "update");
    expect(updates.map((u) => u.id)).toEqual([card.id]);
    // what everyone in the channel now sees
    expect(cardIn(connector.message(card.conversationId, card.id))).toEqual(renderAdaptiveCard(decided));
    expect(connector.activities.filter((a) => a.kind === "send" || a.kind === "reply")).toHaveLength(1);
  });

  it("Action.Execute 'replace': only the clicker's card changes; the message stays as it was", async () => {
    outcome = { mode: "replace", reply: decided };
    const card = await postedCard();
    const res = await postActivity(bot.url, click(card));
    expect(await res.json()).toEqual({ statusCode: 200, type: CARD_TYPE, value: renderAdaptiveCard(decided) });
    expect(connector.requests.filter((r) => r.method === "PUT")).toEqual([]);
    expect(cardIn(connector.message(card.conversationId, card.id))).toEqual(renderAdaptiveCard(approval));
  });

  it("Action.Execute 'replaceForAll' on a message that is gone still answers the clicker with the card", async () => {
    const card = await postedCard();
    const res = await postActivity(bot.url, click({ ...card, id: "1999999999999" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, type: CARD_TYPE, value: renderAdaptiveCard(decided) });
    expect(connector.requests.filter((r) => r.method === "PUT").map((r) => r.status)).toEqual([404]);
    expect(cardIn(connector.message(card.conversationId, card.id))).toEqual(renderAdaptiveCard(approval));
  });

  it("Action.Submit 'replaceForAll' (older clients) edits the message too", async () => {
    const card = await postedCard();
    expect((await postActivity(bot.url, click(card, "submit"))).status).toBe(200);
    await connector.waitForActivity((a) => a.kind === "update");
    expect(cardIn(connector.message(card.conversationId, card.id))).toEqual(renderAdaptiveCard(decided));
    expect(connector.activities.filter((a) => a.kind === "reply")).toHaveLength(1); // only the card itself
  });
});

describe("Teams Messenger: send gives a message reference, update edits that message", () => {
  let store: TestStore;
  let connector: FakeBotConnector;
  let messenger: Messenger;
  const maija: Recipient = { platform: "teams", platformUserId: TEST_USERS.maija.id };
  const channel: Recipient = { ...maija, conversationRefKey: "teams:channel:19:ake-kanava@thread.tacv2" };
  const personalChat = `a:1personal-${TEST_USERS.maija.id.slice(3)}`;

  beforeAll(async () => {
    store = await openTestStore();
    connector = await startFakeBotConnector({ rateLimit: false });
    const now = () => new Date();
    // the references of Maija's personal chat and of the channel, as a message there stores them
    const capture = createReferenceCapture({ prisma: store.prisma, log: silentLogger, now });
    for (const conversation of ["personal", "channel"] as const) {
      const activity = teamsMessage({ serviceUrl: connector.url, text: "apua", conversation });
      await capture.capture(activity as unknown as Partial<Activity>);
    }
    messenger = createTeamsSender({
      adapter: new TeamsAdapter({}),
      appId: "",
      prisma: store.prisma,
      limiter: new RateLimiter(),
      log: silentLogger,
      now,
    });
  });
  afterEach(() => connector.reset());
  afterAll(async () => {
    await connector?.close();
    await store?.drop();
  });

  it("updates a card it sent to a channel: everyone sees the decision", async () => {
    const sent = await messenger.send(channel, approval);
    expect(sent).toEqual({ ok: true, messageRef: { platform: "teams", activityId: expect.any(String) } });
    if (!sent.ok || sent.messageRef?.platform !== "teams") throw new Error("no message reference");
    const conversationId = "19:ake-kanava@thread.tacv2";
    expect(connector.activities[0]).toMatchObject({ kind: "send", conversationId, id: sent.messageRef.activityId });

    const updated = await messenger.update(channel, sent.messageRef, decided);
    expect(updated).toMatchObject({ ok: true });
    expect(cardIn(connector.message(conversationId, sent.messageRef.activityId))).toEqual(renderAdaptiveCard(decided));
    expect(connector.activities.map((a) => a.kind)).toEqual(["send", "update"]);
  });

  it("a message that is gone is a permanent failure; the chat is not blocked and later sends arrive", async () => {
    const result = await messenger.update(maija, { platform: "teams", activityId: "1000000000000" }, decided);
    expect(result).toEqual({ ok: false, retryable: false, reason: "message_gone" });
    expect((await findConversation(store.prisma, `teams:user:${TEST_USERS.maija.id}`))?.blocked).toBeUndefined();

    const next = await messenger.send(maija, approval);
    expect(next.ok).toBe(true);
    expect(connector.activities.map((a) => [a.kind, a.conversationId])).toEqual([["send", personalChat]]);
  });

  it("an update refused with 403 marks the chat blocked, as a send does", async () => {
    const sent = await messenger.send(maija, approval);
    if (!sent.ok || sent.messageRef?.platform !== "teams") throw new Error("no message reference");
    connector.block(personalChat);
    try {
      const result = await messenger.update(maija, sent.messageRef, decided);
      expect(result).toEqual({ ok: false, retryable: false, reason: "http_403:ConversationBlockedByUser" });
      const after = await messenger.send(maija, approval);
      expect(after).toEqual({ ok: false, retryable: false, reason: "blocked:http_403:ConversationBlockedByUser" });
    } finally {
      connector.unblock(personalChat);
    }
  });

  it("an update throttled with 429 is retryable after the connector's Retry-After", async () => {
    const sent = await messenger.send(channel, approval);
    if (!sent.ok || sent.messageRef?.platform !== "teams") throw new Error("no message reference");
    connector.failNext("PUT", 429, { error: { code: "Throttled" } }, { "retry-after": "3" });
    const result = await messenger.update(channel, sent.messageRef, decided);
    expect(result).toEqual({ ok: false, retryable: true, reason: "http_429", retryAfterMs: 3000 });
  });

  it("a Slack message reference is refused without asking Teams", async () => {
    const result = await messenger.update(maija, { platform: "slack", channel: "D1", ts: "1.2" }, decided);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(connector.requests).toEqual([]);
  });
});
