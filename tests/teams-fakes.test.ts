// The fake Bot Connector behaves like the real one where tests depend on it, and
// botbuilder's reaction to its throttling is what we document.
import { afterEach, describe, expect, it } from "vitest";
import { textReply } from "../bot/reply.ts";
import { type FakeBotConnector, startFakeBotConnector } from "./fakes/bot-connector.ts";
import { postActivity, teamsMessage } from "./fakes/teams-activities.ts";
import { recordingCore, startTeamsTestServer } from "./fakes/teams-server.ts";

let connector: FakeBotConnector | undefined;
afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

const post = (url: string, body: unknown = { type: "message", text: "x" }, method = "POST") =>
  fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const conversationUrl = (c: FakeBotConnector, id: string) =>
  `${c.url}v3/conversations/${encodeURIComponent(id)}/activities`;

describe("fake Bot Connector", () => {
  it("records sends, replies, updates and created conversations with ids", async () => {
    connector = await startFakeBotConnector();
    const id = "19:abc@thread.tacv2;messageid=17";
    const sent = (await (await post(conversationUrl(connector, id))).json()) as { id: string };
    const reply = await post(`${conversationUrl(connector, id)}/${sent.id}`);
    const update = await post(`${conversationUrl(connector, id)}/${sent.id}`, { type: "message" }, "PUT");
    const created = await post(`${connector.url}v3/conversations`, { members: [{ id: "29:1" }] });
    expect([reply.status, update.status, created.status]).toEqual([200, 200, 201]);
    expect(await update.json()).toEqual({ id: sent.id });
    expect(connector.activities.map((a) => [a.kind, a.conversationId])).toEqual([
      ["send", id],
      ["reply", id],
      ["update", id],
      ["createConversation", expect.stringMatching(/^a:/)],
    ]);
    expect(connector.activities[1]?.replyToId).toBe(sent.id);
  });

  it("throttles each conversation: 7 per window (Teams: per second), then 429 with Retry-After", async () => {
    // a long window so a slow machine cannot slip out of it between requests
    connector = await startFakeBotConnector({ rateLimit: { max: 7, windowMs: 10_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(conversationUrl(connector, "a:one"))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
    const throttled = await post(conversationUrl(connector, "a:one"));
    expect(throttled.headers.get("retry-after")).toBe("1");
    expect((await post(conversationUrl(connector, "a:other"))).status).toBe(200);
  });

  it("answers 403 for a blocked conversation, in both shapes Teams uses", async () => {
    connector = await startFakeBotConnector();
    connector.block("a:blocked");
    connector.block("a:removed", "writesBlocked");
    const blocked = await post(conversationUrl(connector, "a:blocked"));
    const removed = await post(conversationUrl(connector, "a:removed"));
    expect([blocked.status, removed.status]).toEqual([403, 403]);
    expect(await blocked.json()).toMatchObject({ error: { code: "ConversationBlockedByUser" } });
    expect(await removed.json()).toMatchObject({ error: { subCode: "MessageWritesBlocked" } });
    connector.unblock("a:blocked");
    expect((await post(conversationUrl(connector, "a:blocked"))).status).toBe(200);
  });

  it("waitForActivity resolves on a later match and rejects after its timeout", async () => {
    connector = await startFakeBotConnector();
    const waiting = connector.waitForActivity((a) => a.conversationId === "a:later", 2000);
    await post(conversationUrl(connector, "a:later"));
    expect((await waiting).conversationId).toBe("a:later");
    await expect(connector.waitForActivity(() => false, 50)).rejects.toThrow(/no matching activity/);
  });
});

describe("botbuilder against a throttling connector", () => {
  it("retries a 429 after Retry-After, so the reply still arrives", async () => {
    connector = await startFakeBotConnector({ rateLimit: { max: 1, windowMs: 1500 }, retryAfterSeconds: 1 });
    const bot = await startTeamsTestServer({ bot: recordingCore({ message: (r) => textReply(r.text) }) });
    try {
      const first = teamsMessage({ serviceUrl: connector.url, text: "yksi" });
      const second = teamsMessage({ serviceUrl: connector.url, text: "kaksi" });
      expect((await postActivity(bot.url, first)).status).toBe(200);
      expect((await postActivity(bot.url, second)).status).toBe(200);
      const sent = connector.activities.map((a) => a.activity.summary);
      expect(sent).toEqual(["yksi", "kaksi"]);
      expect(connector.requests.some((r) => r.status === 429)).toBe(true);
    } finally {
      await bot.close();
    }
  });
});
