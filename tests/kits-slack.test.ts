// Loanable kits end to end on SLACK, through the real /slack/events endpoint with signed
// requests and the fake Slack Web API: a coordinator makes a channel the coordinators'
// channel; a Swedish-speaking library worker books a kit from `/ake låna` in a modal
// (refused inputs come back beside their fields); the approval card is posted to the
// channel in the channel's language; a coordinator approves it there (the card changes
// for everyone, the requester is told in Swedish); a rejection needs a reason and edits
// the channel card; forged clicks change nothing; two coordinators deciding at once
// leave one decision; and the kit travels out, back and home from its Slack cards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCoordinators } from "../domain/store/users.ts";
import {
  blockActionsPayload,
  postToSlackEndpoint,
  type SlackTestRequest,
  signedSlashCommand,
  signRequest,
} from "./fakes/slack-signing.ts";
import { SLACK_SECRET, type SlackMessage, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { SLACK_COORDINATOR, SLACK_TEAM, signedViewSubmission, stateFor } from "./publishing-fixtures.ts";

interface SlackUser {
  id: string;
  name: string;
}

/** English-speaking: the coordinators' channel takes their language */
const CORA: SlackUser = { id: SLACK_COORDINATOR, name: "cora.koordinator" };
/** Finnish-speaking, the second coordinator */
const BERTIL: SlackUser = { id: "UCOORD0002", name: "bertil.koordinaattori" };
/** Swedish-speaking staff of Raseborg's library */
const SARA: SlackUser = { id: "USTAFF0001", name: "sara.raseborg" };
/** the coordinators' channel */
const COORD_CHANNEL = "C0AKECOORD";
/** the library's own channel, where Sara writes her commands */
const LIBRARY_CHANNEL = "C0RASEBORG";

let bot: TestBot;
let sequence = 0;

beforeAll(async () => {
  // Thursday 26 Nov 2026, 10:00 in Helsinki
  bot = await startTestBot({ now: "2026-11-26T10:00:00+02:00" });
  await ensureCoordinators(bot.store.prisma, [
    { platform: "slack", userId: `${SLACK_TEAM}:${CORA.id}` },
    { platform: "slack", userId: `${SLACK_TEAM}:${BERTIL.id}` },
  ]);
  bot.fakeSlack.setUserLocale(CORA.id, "en-US");
  bot.fakeSlack.setUserLocale(BERTIL.id, "fi-FI");
  bot.fakeSlack.setUserLocale(SARA.id, "sv-FI");
  // each user's first request names them (Slack's user_name becomes the display name)
  await slash("hjälp", SARA, LIBRARY_CHANNEL);
  await slash("help", CORA, COORD_CHANNEL);
  await slash("apua", BERTIL, COORD_CHANNEL);
  await bot.store.prisma.user.updateMany({
    where: { platformUserId: `${SLACK_TEAM}:${SARA.id}` },
    data: { libraryId: "raasepori" },
  });
});
afterAll(async () => {
  await bot?.stop();
});

// ---- Slack's side, as the client sends it -------------------------------------------

type Blocks = Array<Record<string, unknown>>;
interface SlackButton {
  action_id: string;
  value?: string;
  text: { text: string };
}
type View = Record<string, unknown> & { blocks: Blocks; private_metadata: string };
/** Where a button was clicked: an ephemeral reply, or a message posted in a channel. */
interface Where {
  channel: string;
  ephemeral: boolean;
  /** the clicked message's ts (a channel message) */
  ts?: string;
  blocks?: unknown;
}

const pollOptions = { timeout: 10_000, interval: 20 };

/** `/ake <text>` as `user` in `channel`: the reply, inline or through response_url. */
async function slash(text: string, user: SlackUser, channel: string): Promise<SlackMessage> {
  const id = `cmd-${++sequence}`;
  const request = signedSlashCommand(SLACK_SECRET, {
    text,
    team_id: SLACK_TEAM,
    user_id: user.id,
    user_name: user.name,
    channel_id: channel,
    channel_name: channel === COORD_CHANNEL ? "ake-koordinaattorit" : "raseborgs-bibliotek",
    response_url: bot.fakeSlack.responseUrl(id),
    trigger_id: `1000.${sequence}.cmd`,
  });
  const http = await postToSlackEndpoint(bot.url, request);
  expect(http.status).toBe(200);
  const inline = http.json as SlackMessage | undefined;
  if (inline?.blocks) return inline;
  return (await bot.fakeSlack.waitForPost((p) => p.id === id, 8_000)).body as unknown as SlackMessage;
}

function buttonsOf(blocks: unknown): SlackButton[] {
  return ((blocks ?? []) as Blocks).flatMap((b) => (b.type === "actions" ? (b.elements as SlackButton[]) : []));
}

/** The button of a message whose value is this action (as the client has it). */
function button(blocks: unknown, verb: string, args: Record<string, string> = {}): SlackButton {
  const all = buttonsOf(blocks);
  const found = all.find((b) => {
    if (!b.value) return false;
    const payload = JSON.parse(b.value) as { verb: string; args: Record<string, string> };
    return payload.verb === verb && Object.entries(args).every(([k, v]) => payload.args[k] === v);
  });
  if (!found) throw new Error(`no ${verb} button; the message has: ${all.map((b) => b.value).join(" | ")}`);
  return found;
}

function hasButton(blocks: unknown, verb: string): boolean {
  return buttonsOf(blocks).some((b) => b.value?.includes(`"verb":"${verb}"`));
}

/**
 * A block_actions payload as Slack sends it for a click on `clicked`: from an ephemeral
 * reply, or from a message in a channel (with that message's ts and blocks, as Slack
 * includes them). Signed now; `timestamp` re-signs the same body at another second.
 */
function signedClick(user: SlackUser, clicked: SlackButton, where: Where, responseId: string): SlackTestRequest {
  const payload = blockActionsPayload({
    value: clicked.value,
    actionId: clicked.action_id,
    userId: user.id,
    userName: user.name,
    teamId: SLACK_TEAM,
    channelId: where.channel,
    ephemeral: where.ephemeral,
    responseUrl: bot.fakeSlack.responseUrl(responseId),
  });
  const container = payload.container as Record<string, unknown>;
  if (where.ts) container.message_ts = where.ts;
  payload.trigger_id = `2000.${responseId}.trigger`;
  (payload.actions as Array<Record<string, unknown>>)[0] = {
    ...(payload.actions as Array<Record<string, unknown>>)[0],
    text: clicked.text,
  };
  if (!where.ephemeral && where.ts) {
    payload.message = { type: "message", user: "UAKEBOT01", bot_id: "BAKEBOT01", ts: where.ts, blocks: where.blocks };
  }
  return signRequest(SLACK_SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

/** The same body signed again at another second: what a repeated delivery looks like. */
function resigned(request: SlackTestRequest, secondsEarlier: number, headers: Record<string, string> = {}) {
  const timestamp = Number(request.headers["x-slack-request-timestamp"]) - secondsEarlier;
  return signRequest(SLACK_SECRET, request.body, { timestamp, headers });
}

type Answer = SlackMessage & { replace_original?: boolean; response_type?: string };

/** Posts a click and returns the n-th answer posted to its response_url. */
async function answerOf(request: SlackTestRequest, responseId: string, nth = 1): Promise<Answer> {
  const http = await postToSlackEndpoint(bot.url, request);
  expect(http.status).toBe(200);
  await expect
    .poll(() => bot.fakeSlack.responses.filter((p) => p.id === responseId).length, pollOptions)
    .toBeGreaterThanOrEqual(nth);
  const post = bot.fakeSlack.responses.filter((p) => p.id === responseId)[nth - 1];
  expect(post?.problems).toEqual([]);
  return post?.body as unknown as Answer;
}

async function click(user: SlackUser, clicked: SlackButton, where: Where): Promise<Answer> {
  const id = `click-${++sequence}`;
  return answerOf(signedClick(user, clicked, where, id), id);
}

/** A click whose answer is a modal: the view opened with this click's trigger id. */
async function clickForModal(user: SlackUser, clicked: SlackButton, where: Where): Promise<View> {
  const id = `modal-${++sequence}`;
  const http = await postToSlackEndpoint(bot.url, signedClick(user, clicked, where, id));
  expect(http.status).toBe(200);
  const trigger = `2000.${id}.trigger`;
  await expect
    .poll(() => bot.fakeSlack.callsTo("views.open").some((c) => c.args.trigger_id === trigger), pollOptions)
    .toBe(true);
  const call = bot.fakeSlack.callsTo("views.open").find((c) => c.args.trigger_id === trigger);
  expect(call?.response).toMatchObject({ ok: true });
  return call?.args.view as View;
}

async function submit(view: View, inputs: Record<string, string>, user: SlackUser, privateMetadata?: string) {
  const request = signedViewSubmission(SLACK_SECRET, {
    view,
    values: stateFor(view, inputs),
    userId: user.id,
    teamId: SLACK_TEAM,
    ...(privateMetadata ? { privateMetadata } : {}),
  });
  const http = await postToSlackEndpoint(bot.url, request);
  expect(http.status).toBe(200);
  return http.json as { response_action: string; errors?: Record<string, string> };
}

/** The ephemeral answers posted to `user` after the first `from` calls. */
function ephemerals(user: SlackUser, from: number) {
  return bot.fakeSlack
    .callsTo("chat.postEphemeral")
    .slice(from)
    .filter((c) => c.args.user === user.id);
}

async function nextEphemeral(user: SlackUser, from: number) {
  await expect.poll(() => ephemerals(user, from).length, pollOptions).toBeGreaterThan(0);
  const [call] = ephemerals(user, from);
  return { channel: call?.args.channel, text: JSON.stringify(call?.args.blocks) };
}

/** The booking flow a library worker goes through: `/ake låna`, "Boka", the modal. */
async function openBookingForm(item: string): Promise<View> {
  const list = await slash("låna", SARA, LIBRARY_CHANNEL);
  return clickForModal(SARA, button(list.blocks, "kits.bookForm", { i: item }), {
    channel: LIBRARY_CHANNEL,
    ephemeral: true,
  });
}

async function book(item: string, from: string, to: string) {
  const view = await openBookingForm(item);
  const before = bot.fakeSlack.callsTo("chat.postEphemeral").length;
  expect(await submit(view, { from, to }, SARA)).toEqual({ response_action: "clear" });
  const answer = await nextEphemeral(SARA, before);
  expect(answer.text).toContain("Begäran skickad");
  const booking = await bot.store.prisma.kitBooking.findFirstOrThrow({
    where: { itemId: item },
    orderBy: { createdAt: "desc" },
  });
  const approval = await bot.store.prisma.approval.findFirstOrThrow({ where: { subjectId: booking.id } });
  return { booking, approval };
}

/** Runs the outbox; returns the approval card posted to the coordinators' channel. */
async function postedCard(approvalId: string) {
  await bot.app.delivery.runOnce();
  const posts = bot.fakeSlack
    .callsTo("chat.postMessage")
    .filter((c) => c.args.channel === COORD_CHANNEL && JSON.stringify(c.args.blocks).includes(approvalId));
  expect(posts).toHaveLength(1);
  const [post] = posts;
  expect(post?.response).toMatchObject({ ok: true, channel: COORD_CHANNEL });
  const ts = String(post?.response.ts);
  return {
    ts,
    blocks: post?.args.blocks,
    where: { channel: COORD_CHANNEL, ephemeral: false, ts, blocks: post?.args.blocks },
  };
}

/** What the fake Slack shows in the channel now, at that message. */
function channelMessage(ts: string) {
  const message = bot.fakeSlack.message(COORD_CHANNEL, ts);
  if (!message) throw new Error(`no message ${ts} in ${COORD_CHANNEL}`);
  return { ...message, text: slackText({ blocks: message.blocks as Blocks }) };
}

/** Direct messages the bot posted to `user` (chat.postMessage to their user id) with `text`. */
function directMessages(user: SlackUser, text: string) {
  return bot.fakeSlack
    .callsTo("chat.postMessage")
    .filter((c) => c.args.channel === user.id && JSON.stringify(c.args.blocks).includes(text));
}

const decisions = (subjectId: string) =>
  bot.store.prisma.auditEntry.count({
    where: { subjectId, action: { in: ["approval.approved", "approval.rejected", "approval.changes_requested"] } },
  });

// ---- the tests -------------------------------------------------------------------------

describe("the coordinators' channel on Slack", () => {
  it("a staff member cannot make a channel the coordinators' channel", async () => {
    const reply = await slash("godkännanden kanal", SARA, LIBRARY_CHANNEL);
    expect(slackText(reply)).toContain("Bara AKE:s koordinatorer kan göra det.");
    expect(await bot.store.prisma.chatChannel.count({ where: { coordinators: true } })).toBe(0);
  });

  it("a Slack coordinator makes a Slack channel the coordinators' channel, in their language", async () => {
    const reply = await slash("hyväksynnät kanava", CORA, COORD_CHANNEL);
    expect(slackText(reply)).toContain("This channel now gets the approval cards of Slack, in English.");
    const channels = await bot.store.prisma.chatChannel.findMany({ where: { coordinators: true } });
    expect(channels.map((c) => [c.key, c.platform, c.language])).toEqual([
      [`slack:channel:${COORD_CHANNEL}`, "SLACK", "en"],
    ]);
  });
});

describe("a Swedish-speaking library worker books a kit in a Slack modal", () => {
  it("`/ake låna` answers in Swedish with a Boka button that opens the booking form as a modal", async () => {
    const list = await slash("låna", SARA, LIBRARY_CHANNEL);
    expect(slackText(list)).toContain("Utrustning att låna");
    expect(slackText(list)).toContain("Escape room-spel 1");
    expect(button(list.blocks, "kits.bookForm", { i: "pakopeli-1" }).text.text).toBe("Boka");

    const view = await openBookingForm("pakopeli-1");
    expect(view).toMatchObject({ type: "modal", title: { text: "Boka Escape room-spel 1" } });
    expect(view.submit).toMatchObject({ text: "Skicka begäran" });
    expect(JSON.parse(view.private_metadata)).toMatchObject({ a: { verb: "kits.request" }, c: LIBRARY_CHANNEL });
    const ids = view.blocks.map((b) => b.block_id).filter(Boolean);
    expect(ids).toEqual(["item", "library", "from", "to", "contact", "notes"]);
    // the kit, the user's library and name are filled in
    const initial = (id: string) => view.blocks.find((b) => b.block_id === id)?.element as Record<string, unknown>;
    expect(initial("item").initial_option).toMatchObject({ value: "pakopeli-1" });
    expect(initial("library").initial_option).toMatchObject({
      value: "raasepori",
      text: { text: "Raseborgs stadsbibliotek" },
    });
    expect(initial("contact").initial_value).toBe(SARA.name);
  });

  it("refused inputs come back beside their fields in Swedish, and nothing is stored", async () => {
    const view = await openBookingForm("pakopeli-1");
    const cases: [Record<string, string>, Record<string, unknown>][] = [
      [{ from: "2026-12-10", to: "2026-12-07" }, { to: expect.stringContaining("Den sista dagen är före den första") }],
      [
        { from: "2027-01-04", to: "2027-03-01" },
        { to: "Utrustningen lånas ut högst 42 dagar; det här är 57 dagar. Förkorta tiden." },
      ],
      [{ from: "2026-11-20", to: "2026-11-27" }, { from: expect.stringContaining("Dagen har redan varit") }],
      [{ from: "2026-12-14", to: "2026-12-18", contact: "" }, { contact: "Ange en kontaktperson." }],
    ];
    const ephemeralsBefore = bot.fakeSlack.callsTo("chat.postEphemeral").length;
    for (const [inputs, errors] of cases) {
      const answer = await submit(view, inputs, SARA);
      expect(answer, JSON.stringify(inputs)).toEqual({ response_action: "errors", errors });
    }
    expect(await bot.store.prisma.kitBooking.count()).toBe(0);
    expect(await bot.store.prisma.approval.count()).toBe(0);
    // the modal stays open for corrections: nothing was posted in the channel
    expect(bot.fakeSlack.callsTo("chat.postEphemeral").length).toBe(ephemeralsBefore);
  });

  it("a valid submission closes the modal, stores the booking with transit days and confirms in Swedish", async () => {
    const view = await openBookingForm("pakopeli-1");
    const before = bot.fakeSlack.callsTo("chat.postEphemeral").length;
    expect(await submit(view, { from: "2026-12-14", to: "2026-12-18", notes: "Sagovecka" }, SARA)).toEqual({
      response_action: "clear",
    });
    const answer = await nextEphemeral(SARA, before);
    expect(answer.channel).toBe(LIBRARY_CHANNEL);
    expect(answer.text).toContain("Begäran skickad: Escape room-spel 1 för Raseborgs stadsbibliotek");
    const [booking] = await bot.store.prisma.kitBooking.findMany({ where: { itemId: "pakopeli-1" } });
    expect(booking?.status).toBe("REQUESTED");
    expect(booking?.libraryId).toBe("raasepori");
    // two working days each way: sent Thu 10 Dec, back Tue 22 Dec
    expect(booking?.occupiedStart.toISOString().slice(0, 10)).toBe("2026-12-10");
    expect(booking?.occupiedEnd.toISOString().slice(0, 10)).toBe("2026-12-22");
    expect((await bot.store.prisma.approval.findFirstOrThrow()).status).toBe("PENDING");
  });
});

describe("approval in the Slack coordinators' channel", () => {
  let approvalId = "";
  let bookingId = "";
  let card = { ts: "", blocks: undefined as unknown, where: { channel: "", ephemeral: false } as Where };
  let approveClick: SlackTestRequest | undefined;
  const approveResponse = "approve-cora";

  it("the card is posted to the channel in the channel's language (English), and to nobody's DM", async () => {
    const approval = await bot.store.prisma.approval.findFirstOrThrow();
    approvalId = approval.id;
    bookingId = approval.subjectId;
    card = await postedCard(approvalId);
    const text = slackText({ blocks: card.blocks as Blocks });
    expect(text).toContain("Kit booking: Escape game 1 for");
    expect(text).toContain("Waiting for a coordinator's decision");
    expect(text).not.toContain("Bokning av utrustning");
    expect(button(card.blocks, "approvals.approve", { a: approvalId }).text.text).toBe("Approve");
    expect(button(card.blocks, "approvals.rejectForm", { a: approvalId }).text.text).toBe("Reject");
    // the channel covers Slack: no coordinator gets the card in a DM
    expect(
      bot.fakeSlack.callsTo("chat.postMessage").filter((c) => String(c.args.channel).startsWith("UCOORD")),
    ).toEqual([]);
  });

  it("a forged approve from a non-coordinator changes nothing, and the card stays as it was", async () => {
    const answer = await click(SARA, button(card.blocks, "approvals.approve"), card.where);
    expect(answer.replace_original).toBe(false);
    expect(answer.response_type).toBe("ephemeral");
    expect(slackText(answer)).toContain("Bara AKE:s koordinatorer kan göra det.");
    // a forged reject modal too
    const before = bot.fakeSlack.callsTo("chat.postEphemeral").length;
    const forged = JSON.stringify({ a: { verb: "approvals.reject", args: { a: approvalId } }, c: COORD_CHANNEL });
    const view = {
      blocks: [
        {
          type: "input",
          block_id: "reason",
          label: { type: "plain_text", text: "Reason" },
          element: { type: "plain_text_input", action_id: "reason", multiline: true },
        },
      ],
      callback_id: "ake.form",
      private_metadata: forged,
      title: { type: "plain_text", text: "Reject the request" },
    } as unknown as View;
    expect(await submit(view, { reason: "Jag bestämmer själv." }, SARA)).toEqual({ response_action: "clear" });
    expect((await nextEphemeral(SARA, before)).text).toContain("Bara AKE:s koordinatorer kan göra det.");

    const approval = await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: approvalId } });
    expect(approval.status).toBe("PENDING");
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe(
      "REQUESTED",
    );
    expect(await decisions(bookingId)).toBe(0);
    await bot.app.delivery.runOnce();
    expect(channelMessage(card.ts).edits).toBe(0);
  });

  it("Approve in the channel message replaces it for everyone and shows who approved", async () => {
    approveClick = signedClick(
      CORA,
      button(card.blocks, "approvals.approve", { a: approvalId }),
      card.where,
      approveResponse,
    );
    const answer = await answerOf(approveClick, approveResponse);
    expect(answer.replace_original).toBe(true);
    expect(answer.response_type).not.toBe("ephemeral");
    expect(slackText(answer)).toContain("Kit booking: Escape game 1 for");
    expect(slackText(answer)).toContain(`Approved by ${CORA.name}`);
    expect(hasButton(answer.blocks, "approvals.approve")).toBe(false);
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("APPROVED");
  });

  it("the requester is told in Swedish in a DM, and the channel card is edited in place too", async () => {
    await bot.app.delivery.runOnce();
    const [notice, ...more] = directMessages(SARA, "godkände din begäran");
    expect(more).toEqual([]);
    const text = JSON.stringify(notice?.args.blocks);
    expect(text).toContain(
      `${CORA.name} godkände din begäran: Bokning av utrustning: Escape room-spel 1 för Raseborgs stadsbibliotek`,
    );
    const message = channelMessage(card.ts);
    expect(message.edits).toBeGreaterThanOrEqual(1);
    expect(message.text).toContain(`Approved by ${CORA.name}`);
    expect(hasButton(message.blocks, "approvals.approve")).toBe(false);
  });

  it("a repeated click (and a Slack retry) of the same payload changes nothing and answers who decided", async () => {
    if (!approveClick) throw new Error("the approve click did not run");
    const auditBefore = await bot.store.prisma.auditEntry.count();
    const version = (await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).version;
    // a delivery Slack marks as a retry is acknowledged and dropped
    const retry = await postToSlackEndpoint(
      bot.url,
      resigned(approveClick, 2, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }),
    );
    expect(retry.status).toBe(200);
    // the same payload delivered again reaches the bot, which finds it decided
    const again = await answerOf(resigned(approveClick, 1), approveResponse, 2);
    expect(again.replace_original).toBe(false);
    expect(again.response_type).toBe("ephemeral");
    expect(slackText(again)).toContain("You already decided on this request");
    expect(slackText(again)).toContain("approved");
    const approval = await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: approvalId } });
    expect([approval.status, approval.version]).toEqual(["APPROVED", version]);
    expect(await bot.store.prisma.auditEntry.count()).toBe(auditBefore);
    expect(await decisions(bookingId)).toBe(1);
    // only one answer for the retry-marked delivery and the repeat: the repeat's
    expect(bot.fakeSlack.responses.filter((p) => p.id === approveResponse)).toHaveLength(2);
    await bot.app.delivery.runOnce();
    expect(directMessages(SARA, "godkände din begäran")).toHaveLength(1);
  });
});

describe("rejecting on Slack needs a reason", () => {
  let approvalId = "";
  let bookingId = "";
  let card = { ts: "", blocks: undefined as unknown, where: { channel: "", ephemeral: false } as Where };
  let view: View | undefined;

  it("Reject opens a modal; an empty reason comes back as a field error and nothing is decided", async () => {
    const { booking, approval } = await book("kamishibai", "2027-01-11", "2027-01-15");
    approvalId = approval.id;
    bookingId = booking.id;
    card = await postedCard(approvalId);
    view = await clickForModal(CORA, button(card.blocks, "approvals.rejectForm", { a: approvalId }), card.where);
    expect(view).toMatchObject({ type: "modal", title: { text: "Reject the request" } });
    expect(JSON.parse(view.private_metadata)).toEqual({
      a: { verb: "approvals.reject", args: { a: approvalId } },
      c: COORD_CHANNEL,
    });
    expect(await submit(view, { reason: "   " }, CORA)).toEqual({
      response_action: "errors",
      errors: { reason: "Write the reason for the rejection: the requester sees it." },
    });
    expect((await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe("PENDING");
    expect(await decisions(bookingId)).toBe(0);
  });

  it("with a reason the channel card is edited for everyone and the requester reads the reason", async () => {
    if (!view) throw new Error("no reject modal");
    const before = bot.fakeSlack.callsTo("chat.postEphemeral").length;
    const updatesBefore = bot.fakeSlack.callsTo("chat.update").length;
    expect(await submit(view, { reason: "The theatre is being repaired." }, CORA)).toEqual({
      response_action: "clear",
    });
    // the coordinator sees the decided card at once, in the channel
    const answer = await nextEphemeral(CORA, before);
    expect(answer.channel).toBe(COORD_CHANNEL);
    expect(answer.text).toContain(`Rejected by ${CORA.name}`);
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("REJECTED");

    await bot.app.delivery.runOnce();
    const updates = bot.fakeSlack
      .callsTo("chat.update")
      .slice(updatesBefore)
      .filter((c) => c.args.channel === COORD_CHANNEL && c.args.ts === card.ts);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const message = channelMessage(card.ts);
    expect(message.edits).toBeGreaterThanOrEqual(1);
    expect(message.text).toContain(`Rejected by ${CORA.name}`);
    expect(message.text).toContain("Reason: The theatre is being repaired.");
    expect(hasButton(message.blocks, "approvals.approve")).toBe(false);
    expect(hasButton(message.blocks, "approvals.rejectForm")).toBe(false);

    const [notice] = directMessages(SARA, "avslog din begäran");
    const text = JSON.stringify(notice?.args.blocks);
    expect(text).toContain(`${CORA.name} avslog din begäran: Bokning av utrustning: Kamishibai-teater med material`);
    expect(text).toContain("Orsak: The theatre is being repaired.");
  });
});

describe("two Slack coordinators approving at the same moment", () => {
  it("exactly one decision stands and the other coordinator is told who decided", async () => {
    const { booking, approval } = await book("trendikortit", "2027-02-01", "2027-02-05");
    const card = await postedCard(approval.id);
    const approve = button(card.blocks, "approvals.approve", { a: approval.id });
    const [cora, bertil] = await Promise.all([
      answerOf(signedClick(CORA, approve, card.where, "race-cora"), "race-cora"),
      answerOf(signedClick(BERTIL, approve, card.where, "race-bertil"), "race-bertil"),
    ]);

    const decided = await bot.store.prisma.approval.findUniqueOrThrow({
      where: { id: approval.id },
      include: { decidedBy: true },
    });
    expect(decided.status).toBe("APPROVED");
    expect(await decisions(booking.id)).toBe(1);
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "APPROVED",
    );
    const winner = decided.decidedBy?.platformUserId === `${SLACK_TEAM}:${CORA.id}` ? CORA : BERTIL;
    const [won, lost] = winner === CORA ? [cora, bertil] : [bertil, cora];
    expect(won.replace_original).toBe(true);
    expect(slackText(won)).toMatch(new RegExp(`(Approved by|Hyväksyjä) ${winner.name}`));
    expect(lost.replace_original).toBe(false);
    expect(lost.response_type).toBe("ephemeral");
    expect(slackText(lost)).toMatch(
      new RegExp(`${winner.name} (already decided on this request|ehti jo päättää tästä pyynnöstä)`),
    );

    await bot.app.delivery.runOnce();
    expect(directMessages(SARA, "godkände din begäran: Bokning av utrustning: Trendkort")).toHaveLength(1);
  });
});

describe("a decision by a coordinator who speaks another language than the channel", () => {
  it("keeps the channel's card in the channel's language for everyone", async () => {
    const { approval } = await book("yhteiskehittamisen-kortit", "2027-03-01", "2027-03-05");
    const card = await postedCard(approval.id);
    expect(slackText({ blocks: card.blocks as Blocks })).toContain("Kit booking: Co-development card decks");
    // Bertil's own language is Finnish, but the message he replaces is everyone's in an
    // English channel ("This channel now gets the approval cards of Slack, in English")
    const answer = await click(BERTIL, button(card.blocks, "approvals.approve", { a: approval.id }), card.where);
    expect(answer.replace_original).toBe(true);
    expect(slackText(answer)).toContain(`Approved by ${BERTIL.name}`);
    expect(slackText(answer)).toContain("Kit booking: Co-development card decks");
    expect(slackText(answer)).not.toContain("Hyväksyjä");
  });
});

describe("the kit's life on Slack: out to Raseborg, back to AKE", () => {
  let bookingId = "";

  it("AKE marks the approved kit sent out from `/ake var`", async () => {
    const booking = await bot.store.prisma.kitBooking.findFirstOrThrow({
      where: { itemId: "pakopeli-1", status: "APPROVED" },
    });
    bookingId = booking.id;
    // README: "`/ake missä` (`var`, `where`) — where every kit is now; AKE marks a kit sent
    // out and back home". The approved booking's card offers "Sent to <library>".
    const where = await slash("var", CORA, COORD_CHANNEL);
    const answer = await click(CORA, button(where.blocks, "kits.send", { b: bookingId }), {
      channel: COORD_CHANNEL,
      ephemeral: true,
    });
    expect(answer.replace_original).toBe(true);
    expect(slackText(answer)).toContain("Escape game 1");
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("SENT");
  });

  it("the library marks it received and sent back from its booking card (`/ake låna mina`)", async () => {
    const mine = await slash("låna mina", SARA, LIBRARY_CHANNEL);
    expect(slackText(mine)).toContain("Raseborgs stadsbibliotek: bokningar av utrustning");
    expect(slackText(mine)).toContain("på väg till biblioteket");
    const received = await click(SARA, button(mine.blocks, "kits.received", { b: bookingId }), {
      channel: LIBRARY_CHANNEL,
      ephemeral: true,
    });
    expect(received.replace_original).toBe(true);
    expect(slackText(received)).toContain(
      "Markerad som mottagen: Escape room-spel 1 finns på Raseborgs stadsbibliotek.",
    );
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("RECEIVED");

    // the replaced card now offers sending it back
    const back = button(received.blocks, "kits.sendOn", { b: bookingId });
    expect(back.text.text).toBe("Skickad tillbaka till AKE");
    const sent = await click(SARA, back, { channel: LIBRARY_CHANNEL, ephemeral: true });
    expect(sent.replace_original).toBe(true);
    expect(slackText(sent)).toContain("Markerad som skickad: Escape room-spel 1 är på väg till AKE (Borgå).");
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("RETURNED");
    // a second click on the same button changes nothing
    const twice = await click(SARA, back, { channel: LIBRARY_CHANNEL, ephemeral: true });
    expect(slackText(twice)).toContain("Redan antecknat");
    expect(await bot.store.prisma.auditEntry.count({ where: { subjectId: bookingId, action: "kit.received" } })).toBe(
      1,
    );
  });

  it("a coordinator marks it back at AKE from `/ake var`, which then shows it at AKE", async () => {
    const where = await slash("var", CORA, COORD_CHANNEL);
    expect(slackText(where)).toContain("Escape game 1: on its way back to AKE from");
    const back = button(where.blocks, "kits.back", { b: bookingId });
    expect(back.text.text).toBe("Back at AKE");
    const answer = await click(CORA, back, { channel: COORD_CHANNEL, ephemeral: true });
    expect(answer.replace_original).toBe(true);
    expect(slackText(answer)).toContain("Escape game 1 is back at AKE.");
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CLOSED");
    const after = await slash("var", CORA, COORD_CHANNEL);
    expect(slackText(after)).toContain("Escape game 1: at AKE");
    expect(slackText(after)).not.toContain("on its way back to AKE");
    // a library worker may not see where kits are
    expect(slackText(await slash("var", SARA, LIBRARY_CHANNEL))).toContain("Bara AKE:s koordinatorer");
  });
});
