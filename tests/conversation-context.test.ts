// Where a request came from reaches the core: a personal chat, a channel or a group chat,
// keyed as proactive sends file the conversation. Real requests go in through the HTTP
// endpoints (Slack signed; Teams in local mode, and once with a Bot Framework token) to
// a core that records what it was asked.
import type { Activity } from "botbuilder";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MODAL_CALLBACK_ID } from "../adapters/slack/modal.ts";
import { referenceKey } from "../adapters/teams/proactive.ts";
import type { Conversation } from "../bot/requests.ts";
import { type FakeBotConnector, startFakeBotConnector } from "./fakes/bot-connector.ts";
import { SLACK_TEST_SECRET, SLACK_TEST_USER, type SlackHarness, startSlackHarness } from "./fakes/slack-harness.ts";
import {
  blockActionsPayload,
  postToSlackEndpoint,
  signedBlockActions,
  signedSlashCommand,
  signRequest,
} from "./fakes/slack-signing.ts";
import {
  type ConversationKind,
  postActivity,
  signBotFrameworkToken,
  TEST_BOT,
  TEST_USERS,
  type TeamsActivity,
  teamsActionExecute,
  teamsActionSubmit,
  teamsMessage,
} from "./fakes/teams-activities.ts";
import { type RecordingCore, recordingCore, startTeamsTestServer, type TeamsTestServer } from "./fakes/teams-server.ts";
import { signedViewSubmission } from "./publishing-fixtures.ts";

/** A submitted modal of ours, opened from `channel`, with no inputs. */
function formSubmission(channel: string) {
  const view = {
    blocks: [],
    callback_id: MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({ a: { verb: "test.submit", args: {} }, c: channel }),
    title: { type: "plain_text", text: "Lomake" },
  };
  return signedViewSubmission(SLACK_TEST_SECRET, { view, values: {}, userId: SLACK_TEST_USER, teamId: "T0001" });
}

describe("Teams", () => {
  let connector: FakeBotConnector;
  let core: RecordingCore;
  let local: TeamsTestServer;
  let secured: TeamsTestServer;

  beforeAll(async () => {
    connector = await startFakeBotConnector({ rateLimit: false });
    core = recordingCore();
    local = await startTeamsTestServer({ bot: core });
    secured = await startTeamsTestServer({
      bot: core,
      appId: TEST_BOT.appId,
      openIdMetadataUrl: connector.openIdMetadataUrl,
    });
  });
  afterEach(() => {
    core.messages.length = 0;
    core.actions.length = 0;
    connector.reset();
  });
  afterAll(async () => {
    await local.close();
    await secured.close();
    await connector.close();
  });

  const maija = TEST_USERS.maija;
  const expected: Record<ConversationKind, Conversation> = {
    personal: { kind: "personal", key: `teams:user:${maija.id}` },
    // the channel, not the thread the message is in ("…;messageid=…")
    channel: { kind: "channel", key: "teams:channel:19:ake-kanava@thread.tacv2" },
    groupChat: { kind: "group", key: "teams:chat:19:ake-ryhma@thread.v2" },
  };
  const kinds = Object.keys(expected) as ConversationKind[];

  it.each(kinds)("a message in a %s chat", async (conversation) => {
    const activity = teamsMessage({ serviceUrl: connector.url, text: "kahvit", user: maija, conversation });
    expect((await postActivity(local.url, activity)).status).toBe(200);
    expect(core.messages.map((m) => [m.text, m.conversation])).toEqual([["kahvit", expected[conversation]]]);
    // the key is the one the reference capture files the conversation under: a proactive
    // send to request.conversation.key finds the stored reference
    expect(referenceKey(activity as unknown as Partial<Activity>)).toBe(expected[conversation].key);
  });

  it.each(kinds)("an Action.Execute click in a %s chat", async (conversation) => {
    const data = { verb: "coffee.join", args: { id: "7" } };
    const click = teamsActionExecute({ serviceUrl: connector.url, data, conversation });
    expect((await postActivity(local.url, click)).status).toBe(200);
    expect(core.actions.map((a) => [a.action.verb, a.conversation])).toEqual([["coffee.join", expected[conversation]]]);
  });

  it("an Action.Submit click in a channel thread", async () => {
    const data = { verb: "coffee.join", args: {} };
    const click = teamsActionSubmit({ serviceUrl: connector.url, data, conversation: "channel" });
    expect((await postActivity(local.url, click)).status).toBe(200);
    expect(core.actions[0]?.conversation).toEqual(expected.channel);
  });

  it("a click through the authenticated endpoint, with a Bot Framework token", async () => {
    const click = teamsActionExecute({
      serviceUrl: connector.url,
      data: { verb: "coffee.join", args: {} },
      conversation: "groupChat",
    });
    const token = signBotFrameworkToken({ appId: TEST_BOT.appId, serviceUrl: connector.url, ...connector.signingKey });
    expect((await postActivity(secured.url, click, { token })).status).toBe(200);
    expect(core.actions[0]?.conversation).toEqual(expected.groupChat);
  });

  it("a conversation type Teams does not send (or none) leaves the conversation out", async () => {
    const activity: TeamsActivity = teamsMessage({ serviceUrl: connector.url, text: "kahvit" });
    const { conversationType: _type, ...conversation } = activity.conversation;
    await postActivity(local.url, { ...activity, conversation });
    expect(core.messages).toHaveLength(1);
    expect(core.messages[0]?.conversation).toBeUndefined();
  });
});

describe("Slack", () => {
  let h: SlackHarness;
  const user = `slack:user:T0001:${SLACK_TEST_USER}`;

  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterEach(() => {
    h.bot.messages.length = 0;
    h.bot.actions.length = 0;
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ["a public channel", "C2147483705", "ake", { kind: "channel", key: "slack:channel:C2147483705" }],
    ["a private channel", "G0PRIVATE1", "privategroup", { kind: "channel", key: "slack:channel:G0PRIVATE1" }],
    ["the DM with the app", "D0DIRECT01", "directmessage", { kind: "personal", key: user }],
    [
      "a group DM",
      "G0GROUPDM1",
      "mpdm-liisa.lukija--maija--sven-1",
      { kind: "group", key: "slack:channel:G0GROUPDM1" },
    ],
    [
      "a group DM with a C id",
      "C0GROUPDM2",
      "mpdm-liisa.lukija--maija-1",
      { kind: "group", key: "slack:channel:C0GROUPDM2" },
    ],
  ] as const)("a slash command in %s", async (_name, channel_id, channel_name, conversation) => {
    const command = signedSlashCommand(SLACK_TEST_SECRET, { text: "kahvit", channel_id, channel_name });
    expect((await postToSlackEndpoint(h.baseUrl, command)).status).toBe(200);
    expect(h.bot.messages.map((m) => [m.text, m.conversation])).toEqual([["kahvit", conversation]]);
  });

  const value = JSON.stringify({ verb: "meetups.page", args: { page: "2" } });

  it.each([
    ["a channel", "C2147483705", { kind: "channel", key: "slack:channel:C2147483705" }],
    ["the DM with the app", "D0DIRECT01", { kind: "personal", key: user }],
  ] as const)("a button click in %s", async (_name, channelId, conversation) => {
    const click = signedBlockActions(SLACK_TEST_SECRET, { value, channelId, responseUrl: h.slack.responseUrl("c") });
    expect((await postToSlackEndpoint(h.baseUrl, click)).status).toBe(200);
    await h.slack.waitForPost((p) => p.id === "c" && h.bot.actions.length > 0);
    expect(h.bot.actions.map((a) => a.conversation)).toEqual([conversation]);
  });

  it("a button click in a group DM (only its name tells it from a channel)", async () => {
    const payload = blockActionsPayload({ value, channelId: "G0GROUPDM1", responseUrl: h.slack.responseUrl("g") });
    payload.channel = { id: "G0GROUPDM1", name: "mpdm-liisa.lukija--maija-1" };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await postToSlackEndpoint(h.baseUrl, signRequest(SLACK_TEST_SECRET, body))).status).toBe(200);
    await h.slack.waitForPost((p) => p.id === "g");
    expect(h.bot.actions[0]?.conversation).toEqual({ kind: "group", key: "slack:channel:G0GROUPDM1" });
  });

  it("a click in a message without a channel (a modal's button) leaves the conversation out", async () => {
    const payload = blockActionsPayload({ value, responseUrl: h.slack.responseUrl("v") });
    delete payload.channel;
    payload.container = { type: "view", view_id: "V0FORM0001" };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await postToSlackEndpoint(h.baseUrl, signRequest(SLACK_TEST_SECRET, body))).status).toBe(200);
    await h.slack.waitForPost((p) => p.id === "v");
    expect(h.bot.actions).toHaveLength(1);
    expect(h.bot.actions[0]?.conversation).toBeUndefined();
  });

  it("a submitted form carries the channel it was opened from", async () => {
    expect((await postToSlackEndpoint(h.baseUrl, formSubmission("C0APPROVAL"))).status).toBe(200);
    expect(h.bot.actions.map((a) => [a.action.verb, a.conversation])).toEqual([
      ["test.submit", { kind: "channel", key: "slack:channel:C0APPROVAL" }],
    ]);
  });
});
