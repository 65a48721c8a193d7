// The Teams endpoint through real HTTP: restify + bodyParser -> handle -> teams-ai ->
// a recording core, with replies going to the fake Bot Connector. Local mode (no app id).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { APOLOGY_TEXT, INVALID_ACTION_TEXT } from "../adapters/teams/inbound.ts";
import { renderAdaptiveCard } from "../adapters/teams/render.ts";
import { type Reply, textReply } from "../bot/reply.ts";
import type { ActionOutcome } from "../bot/requests.ts";
import { type FakeBotConnector, startFakeBotConnector } from "./fakes/bot-connector.ts";
import {
  postActivity,
  TEST_USERS,
  teamsActionExecute,
  teamsActionSubmit,
  teamsMessage,
} from "./fakes/teams-activities.ts";
import { type RecordingCore, recordingCore, startTeamsTestServer, type TeamsTestServer } from "./fakes/teams-server.ts";

const coffee: Reply = {
  summary: "Kirjastokahvit",
  blocks: [
    { type: "header", text: "Kirjastokahvit" },
    {
      type: "actions",
      actions: [{ type: "button", label: "Ilmoittaudu", action: { verb: "coffee.join", args: { id: "7" } } }],
    },
  ],
};

let connector: FakeBotConnector;
let core: RecordingCore;
let bot: TeamsTestServer;
let nextOutcome: ActionOutcome | Error = { mode: "replace", reply: coffee };
let nextMessage: Reply | Error = coffee;
const installs: string[] = [];
function orThrow<T>(value: T | Error): T {
  if (value instanceof Error) throw value;
  return value;
}

beforeAll(async () => {
  connector = await startFakeBotConnector();
  core = recordingCore({ message: () => orThrow(nextMessage), action: () => orThrow(nextOutcome) });
  bot = await startTeamsTestServer({
    bot: core,
    onInstalled: async (ctx) => {
      installs.push(ctx.activity.conversation.id);
    },
  });
});
afterEach(() => {
  connector.reset();
  core.messages.length = 0;
  core.actions.length = 0;
  nextOutcome = { mode: "replace", reply: coffee };
  nextMessage = coffee;
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

const cardOf = (activity: Record<string, unknown>) =>
  (activity.attachments as { content: { body: { text?: string }[] } }[])[0]?.content;
const serviceUrl = () => connector.url;

describe("messages", () => {
  it("a personal-chat message reaches the core and the reply card reaches the connector", async () => {
    const activity = teamsMessage({ serviceUrl: serviceUrl(), text: "kahvit" });
    const res = await postActivity(bot.url, activity);
    expect(res.status).toBe(200);
    expect(core.messages).toEqual([
      {
        text: "kahvit",
        mentions: [],
        conversation: { kind: "personal", key: `teams:user:${TEST_USERS.maija.id}` },
        requester: {
          platform: "teams",
          userId: TEST_USERS.maija.id,
          displayName: TEST_USERS.maija.name,
          platformLocale: "fi-FI",
        },
      },
    ]);
    const sent = await connector.waitForActivity((a) => a.conversationId === activity.conversation.id);
    expect(sent).toMatchObject({ kind: "reply", replyToId: activity.id });
    expect(sent.activity).toMatchObject({ type: "message", summary: "Kirjastokahvit" });
    expect(cardOf(sent.activity)).toEqual(renderAdaptiveCard(coffee));
  });

  it("passes the Teams locale and falls back to from.id without an AAD object id", async () => {
    const user = { ...TEST_USERS.sven, aadObjectId: undefined as unknown as string };
    await postActivity(bot.url, teamsMessage({ serviceUrl: serviceUrl(), text: "hjälp", locale: "sv-FI", user }));
    expect(core.messages[0]?.requester).toMatchObject({ userId: TEST_USERS.sven.id, platformLocale: "sv-FI" });
  });

  it.each([
    ["a channel @mention", { text: "ake kahvit" }],
    ["&nbsp; after the mention", { rawText: "<at>AKE</at>&nbsp;ake kahvit&nbsp;" }],
    ["Teams' HTML around the text", { rawText: "<p><at>AKE</at> ake&nbsp;<span>kahvit</span></p>\n" }],
    ["a second mention of the bot", { rawText: "<at>AKE</at> <at>AKE</at> ake kahvit" }],
  ])("strips %s", async (_name, text) => {
    const activity = teamsMessage({ serviceUrl: serviceUrl(), conversation: "channel", text: "", ...text });
    expect(activity.text).toContain("<at>AKE</at>");
    await postActivity(bot.url, activity);
    expect(core.messages.map((m) => m.text)).toEqual(["ake kahvit"]);
    const sent = await connector.waitForActivity(() => true);
    expect(sent.conversationId).toBe(activity.conversation.id);
  });

  it("answers a group chat in the group chat", async () => {
    const activity = teamsMessage({ serviceUrl: serviceUrl(), conversation: "groupChat", text: "kahvit" });
    await postActivity(bot.url, activity);
    expect(core.messages[0]?.text).toBe("kahvit");
    await connector.waitForActivity((a) => a.conversationId === "19:ake-ryhma@thread.v2");
  });

  it("installs call the onInstalled hook and nothing else", async () => {
    const base = teamsMessage({ serviceUrl: serviceUrl(), text: "" });
    const update = { ...base, type: "conversationUpdate", text: undefined, membersAdded: [base.recipient] };
    const install = { ...base, type: "installationUpdate", text: undefined, action: "add" };
    expect((await postActivity(bot.url, update)).status).toBe(200);
    expect((await postActivity(bot.url, install)).status).toBe(200);
    expect(installs).toEqual([base.conversation.id, base.conversation.id]);
    expect(core.messages).toHaveLength(0);
  });
});

describe("Action.Execute", () => {
  const data = { verb: "coffee.join", args: { id: "7" } };

  it("'replace' answers the invoke with the new card and sends nothing else", async () => {
    const res = await postActivity(bot.url, teamsActionExecute({ serviceUrl: serviceUrl(), data }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      statusCode: 200,
      type: "application/vnd.microsoft.card.adaptive",
      value: renderAdaptiveCard(coffee),
    });
    expect(core.actions).toEqual([
      {
        action: data,
        requester: expect.objectContaining({ userId: TEST_USERS.maija.id }),
        conversation: { kind: "personal", key: `teams:user:${TEST_USERS.maija.id}` },
      },
    ]);
    expect(connector.activities).toHaveLength(0);
  });

  it("'new' posts the reply as a message and answers the invoke with its summary", async () => {
    nextOutcome = { mode: "new", reply: textReply("Ilmoittautuminen vastaanotettu") };
    const res = await postActivity(bot.url, teamsActionExecute({ serviceUrl: serviceUrl(), data }));
    expect(await res.json()).toEqual({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: "Ilmoittautuminen vastaanotettu",
    });
    const sent = await connector.waitForActivity(() => true);
    expect(cardOf(sent.activity)?.body[0]?.text).toBe("Ilmoittautuminen vastaanotettu");
  });

  it.each([
    ["a missing verb", { args: {} }],
    ["a verb too long", { verb: "x".repeat(101), args: {} }],
    ["a verb with odd characters", { verb: "coffee join; drop", args: {} }],
    ["non-string args", { verb: "coffee.join", args: { id: 7 } }],
    ["args over 2000 characters", { verb: "coffee.join", args: { id: "x".repeat(2000) } }],
    ["no data at all", undefined],
  ])("forged data (%s) never reaches the core", async (_name, forged) => {
    const res = await postActivity(
      bot.url,
      teamsActionExecute({ serviceUrl: serviceUrl(), data: forged, verb: "coffee.join" }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      type: "application/vnd.microsoft.activity.message",
      value: INVALID_ACTION_TEXT,
    });
    expect(core.actions).toHaveLength(0);
  });

  it("a core failure answers the invoke with the apology, not HTTP 500", async () => {
    nextOutcome = new Error("database is down at /srv/secret/path");
    const res = await postActivity(bot.url, teamsActionExecute({ serviceUrl: serviceUrl(), data }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: APOLOGY_TEXT });
  });
});

describe("Action.Submit (fallback for older clients)", () => {
  const data = { verb: "coffee.join", args: { id: "7" } };

  it("'replace' edits the message holding the card", async () => {
    const click = teamsActionSubmit({ serviceUrl: serviceUrl(), data, replyToId: "1700000000001" });
    connector.addMessage(click.conversation.id, "1700000000001"); // the card message the bot sent earlier
    const res = await postActivity(bot.url, click);
    expect(res.status).toBe(200);
    expect(core.actions[0]?.action).toEqual(data);
    const update = await connector.waitForActivity(() => true);
    expect(update).toMatchObject({ kind: "update", id: "1700000000001" });
    expect(cardOf(update.activity)).toEqual(renderAdaptiveCard(coffee));
  });

  it("'replace' falls back to a new message when the card message cannot be edited", async () => {
    connector.failNext("PUT", 404);
    await postActivity(bot.url, teamsActionSubmit({ serviceUrl: serviceUrl(), data, replyToId: "1700000000002" }));
    const sent = await connector.waitForActivity(() => true);
    expect(sent.kind).toBe("reply");
    expect(cardOf(sent.activity)).toEqual(renderAdaptiveCard(coffee));
    expect(connector.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 404", "POST 200"]);
  });

  it("'new' posts a new message", async () => {
    nextOutcome = { mode: "new", reply: coffee };
    await postActivity(bot.url, teamsActionSubmit({ serviceUrl: serviceUrl(), data }));
    expect((await connector.waitForActivity(() => true)).kind).toBe("reply");
  });

  it("forged data gets the 'no longer valid' card and the core is not called", async () => {
    await postActivity(bot.url, teamsActionSubmit({ serviceUrl: serviceUrl(), data: { verb: 12, args: "x" } }));
    const sent = await connector.waitForActivity(() => true);
    expect(
      cardOf(sent.activity)
        ?.body.map((b) => b.text)
        .join("\n"),
    ).toBe(INVALID_ACTION_TEXT);
    expect(core.actions).toHaveLength(0);
  });
});

describe("failures", () => {
  it("a core that throws gets the user the apology and the connector no 500", async () => {
    nextMessage = new Error("boom");
    const res = await postActivity(bot.url, teamsMessage({ serviceUrl: serviceUrl(), text: "kahvit" }));
    expect(res.status).toBe(200);
    const sent = await connector.waitForActivity(() => true);
    expect(sent.activity.summary).toBe(APOLOGY_TEXT);
    expect(JSON.stringify(sent.activity)).not.toContain("boom");
  });

  it("a user who blocked the bot: the send fails with 403, the request still ends 200", async () => {
    const activity = teamsMessage({ serviceUrl: serviceUrl(), text: "kahvit" });
    connector.block(activity.conversation.id);
    try {
      const res = await postActivity(bot.url, activity);
      expect(res.status).toBe(200);
      expect(connector.requests.filter((r) => r.status === 403).length).toBeGreaterThanOrEqual(1);
    } finally {
      connector.unblock(activity.conversation.id);
    }
  });
});
