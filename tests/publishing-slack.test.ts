// Coordinators publish from Slack, end to end through /slack/events: `/ake julkaise` opens
// a modal (views.open on the fake Web API), a signed view_submission creates the rows and
// the answer arrives ephemeral in the channel; refused inputs come back as
// response_action "errors"; forged modals and other users change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackViewProblems } from "./fakes/slack-modal-limits.ts";
import { postToSlackEndpoint, signedBlockActions, signedSlashCommand } from "./fakes/slack-signing.ts";
import { SLACK_SECRET, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import {
  makeCoordinators,
  SLACK_COORDINATOR,
  seriesInputs,
  signedViewSubmission,
  stateFor,
} from "./publishing-fixtures.ts";

const STAFF = "USTAFF0001";
const CHANNEL = "C2147483705";
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
  await makeCoordinators(bot);
  bot.fakeSlack.setUserLocale(SLACK_COORDINATOR, "fi-FI");
  bot.fakeSlack.setUserLocale(STAFF, "sv-FI");
});
afterAll(async () => {
  await bot?.stop();
});

type View = Record<string, unknown> & { blocks: Array<Record<string, unknown>>; private_metadata: string };
let responses = 0;

/**
 * `/ake <text>` as `user`; returns the HTTP answer and the view it opened, if any. The
 * command is acked first and the modal opened right after, so the call is waited for.
 */
async function command(text: string, user = SLACK_COORDINATOR, expectModal = true) {
  const opened = bot.fakeSlack.callsTo("views.open").length;
  const request = signedSlashCommand(SLACK_SECRET, {
    text,
    user_id: user,
    response_url: bot.fakeSlack.responseUrl(`pub-${++responses}`),
  });
  const http = await postToSlackEndpoint(bot.url, request);
  if (expectModal) await expect.poll(() => bot.fakeSlack.callsTo("views.open").length).toBeGreaterThan(opened);
  const call = bot.fakeSlack.callsTo("views.open")[opened];
  return { http, call, view: call?.args.view as View | undefined };
}

async function submitView(
  view: View,
  inputs: Record<string, string>,
  user = SLACK_COORDINATOR,
  privateMetadata?: string,
) {
  const request = signedViewSubmission(SLACK_SECRET, {
    view,
    values: stateFor(view, inputs),
    userId: user,
    ...(privateMetadata ? { privateMetadata } : {}),
  });
  return postToSlackEndpoint(bot.url, request);
}

/** The ephemeral answers posted to `user` since `from`. */
const ephemerals = (user: string, from = 0) =>
  bot.fakeSlack
    .callsTo("chat.postEphemeral")
    .slice(from)
    .filter((c) => c.args.user === user);

describe("/ake julkaise on Slack", () => {
  it("opens the form as a modal within 3 s, acking the command empty", async () => {
    const { http, call, view } = await command("julkaise");
    expect(http.status).toBe(200);
    expect(http.body).toBe("");
    expect(http.elapsedMs).toBeLessThan(3000);
    expect(call?.response).toMatchObject({ ok: true });
    expect(call?.args.trigger_id).toBe("13345224609.738474920.8088930838d88f008e0");
    expect(slackViewProblems(view)).toEqual([]);
    expect(view).toMatchObject({ type: "modal", title: { text: "Julkaise tilaisuus" }, submit: { text: "Julkaise" } });
    expect(JSON.parse(view?.private_metadata ?? "")).toMatchObject({ a: { verb: "publishing.create" }, c: CHANNEL });
  });

  it("a submitted modal creates a monthly series and answers ephemeral in the channel", async () => {
    const { view } = await command("julkaise");
    if (!view) throw new Error("no modal");
    const from = bot.fakeSlack.callsTo("chat.postEphemeral").length;
    // the last Wednesday of the month, hosts in turn
    const inputs = seriesInputs({ recurrence: "monthlyLast", date: "2026-10-28", hosts: "vantaa,porvoo" });
    const http = await submitView(view, inputs);
    expect(http.status).toBe(200);
    expect(http.json).toEqual({ response_action: "clear" });
    const id = JSON.parse(view.private_metadata).a.args.n as string;
    const sessions = await bot.store.prisma.session.findMany({ where: { seriesId: id }, orderBy: { startsAt: "asc" } });
    expect(sessions.slice(0, 3).map((s) => [s.occurrenceDate, s.hostLibraryId])).toEqual([
      ["2026-10-28", "vantaa"],
      ["2026-11-25", "porvoo"],
      ["2026-12-30", "vantaa"],
    ]);
    const [answer] = ephemerals(SLACK_COORDINATOR, from);
    expect(answer?.args.channel).toBe(CHANNEL);
    expect(JSON.stringify(answer?.args.blocks)).toContain("Julkaistu: Kirjastoautovartti");
  });

  it("refused inputs answer with response_action errors on the fields' blocks; nothing stored", async () => {
    const { view } = await command("julkaise");
    if (!view) throw new Error("no modal");
    const before = await bot.store.prisma.session.count();
    const http = await submitView(view, seriesInputs({ titleSv: "", end: "08:00", joinUrl: "www.example" }));
    expect(http.json).toEqual({
      response_action: "errors",
      errors: {
        titleSv: "Pakollinen tieto.",
        end: "Päättymisen on oltava vähintään 5 minuuttia alkamisen jälkeen.",
        joinUrl: "Anna koko linkki, joka alkaa https://.",
      },
    });
    expect(await bot.store.prisma.session.count()).toBe(before);
  });

  it("a forged or broken private_metadata does nothing", async () => {
    const { view } = await command("julkaise");
    if (!view) throw new Error("no modal");
    const before = await bot.store.prisma.session.count();
    const posts = bot.fakeSlack.callsTo("chat.postEphemeral").length;
    for (const forged of ["{not json", JSON.stringify({ a: { verb: "publishing.create", args: { n: 1 } } })]) {
      const http = await submitView(view, seriesInputs(), SLACK_COORDINATOR, forged);
      expect(http.status).toBe(200);
      expect(http.body).toBe("");
    }
    expect(await bot.store.prisma.session.count()).toBe(before);
    expect(bot.fakeSlack.callsTo("chat.postEphemeral")).toHaveLength(posts);
  });

  it("without a channel to answer in (or when ephemeral is refused) the answer goes to the user's DM", async () => {
    const { view } = await command("julkaise");
    if (!view) throw new Error("no modal");
    const { a } = JSON.parse(view.private_metadata);
    const posts = bot.fakeSlack.callsTo("chat.postMessage").length;
    const http = await submitView(view, seriesInputs({ recurrence: "none" }), SLACK_COORDINATOR, JSON.stringify({ a }));
    expect(http.json).toEqual({ response_action: "clear" });
    await expect.poll(() => bot.fakeSlack.callsTo("chat.postMessage").length).toBe(posts + 1);
    const dm = bot.fakeSlack.callsTo("chat.postMessage")[posts];
    expect(dm?.args.channel).toBe(SLACK_COORDINATOR);
    expect(JSON.stringify(dm?.args.blocks)).toContain("Julkaistu: Kirjastoautovartti");
  });

  it("Edit in the coordinator list opens the prefilled form with 'this one / all coming'", async () => {
    const list = await bot.slack.command("julkaise lista", { user: SLACK_COORDINATOR });
    const edit = list.blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements as Array<Record<string, unknown>>) : []))
      .find((e) => String(e.value ?? "").includes("publishing.edit"));
    expect(edit).toBeDefined();
    const opened = bot.fakeSlack.callsTo("views.open").length;
    const click = signedBlockActions(SLACK_SECRET, {
      value: String(edit?.value),
      userId: SLACK_COORDINATOR,
      responseUrl: bot.fakeSlack.responseUrl("edit-click"),
    });
    expect((await postToSlackEndpoint(bot.url, click)).status).toBe(200);
    await expect.poll(() => bot.fakeSlack.callsTo("views.open").length).toBe(opened + 1);
    const view = bot.fakeSlack.callsTo("views.open")[opened]?.args.view as View;
    expect(slackViewProblems(view)).toEqual([]);
    expect(view).toMatchObject({ title: { text: "Muokkaa tilaisuutta" }, submit: { text: "Tallenna" } });
    const ids = view.blocks.map((b) => b.block_id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(["scope", "titleFi", "host", "hosts", "recurrence"]));
    const title = view.blocks.find((b) => b.block_id === "titleFi")?.element as { initial_value: string };
    expect(title.initial_value).toBeTruthy();
  });
});

describe("only coordinators, on Slack too", () => {
  it("a staff member's /ake publicera gets the refusal in Swedish, and no modal", async () => {
    const { http, call } = await command("publicera", STAFF, false);
    expect(call).toBeUndefined();
    expect(JSON.stringify(http.json)).toContain("Bara AKE:s koordinatorer kan göra det.");
  });

  it("a staff member submitting a coordinator's modal is refused; nothing stored", async () => {
    const { view } = await command("julkaise");
    if (!view) throw new Error("no modal");
    const before = await bot.store.prisma.session.count();
    const from = bot.fakeSlack.callsTo("chat.postEphemeral").length;
    const http = await submitView(view, seriesInputs(), STAFF);
    expect(http.json).toEqual({ response_action: "clear" });
    expect(await bot.store.prisma.session.count()).toBe(before);
    await expect.poll(() => ephemerals(STAFF, from).length).toBe(1);
    expect(JSON.stringify(ephemerals(STAFF, from)[0]?.args.blocks)).toContain("Bara AKE:s koordinatorer");
  });
});
