// A visit requested from Slack (a modal, in Swedish): refused inputs come back as
// response_action "errors" beside the modal's own fields, cents typed with a comma; a
// coordinator asks for a change, the requester changes the request from the notice and
// it waits for a decision again; a rejection ends it, with the reason, and the host is
// never asked. The approval code is the shared one (approvals.* verbs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { findOrCreateUser } from "../domain/store/users.ts";
import { createHost } from "../domain/store/visit-hosts.ts";
import { slackViewProblems } from "./fakes/slack-modal-limits.ts";
import { postToSlackEndpoint, signedBlockActions, signedSlashCommand } from "./fakes/slack-signing.ts";
import { cardText, SLACK_SECRET, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, signedViewSubmission, stateFor } from "./publishing-fixtures.ts";

const VISITOR = "USVEN0001";
const HOST_CONTACT = "UHOST0002";
let bot: TestBot;
let hostId = "";

beforeAll(async () => {
  bot = await startTestBot({ now: "2026-11-26T10:00:00+02:00" });
  await makeCoordinators(bot);
  bot.fakeSlack.setUserLocale(VISITOR, "sv-FI");
  await bot.slack.command("bibliotek raseborg", { user: VISITOR });
  await bot.teams.message("apua", { user: COORDINATOR });
  const contact = await findOrCreateUser(bot.store.prisma, { platform: "slack", userId: `T0001:${HOST_CONTACT}` });
  const coordinator = await bot.store.prisma.user.findFirstOrThrow({ where: { role: "COORDINATOR" } });
  const created = await createHost(bot.store.prisma, {
    id: "0b0e5c1a-0000-4000-8000-00000000e5b0",
    fields: { libraryId: "lohja", name: "", municipality: "", languages: "FI", areas: ["seniors"], notes: "" },
    contactId: contact.id,
    actorId: coordinator.id,
  });
  if (!created.ok) throw new Error("no host");
  hostId = created.host.id;
});
afterAll(async () => {
  await bot?.stop();
});

type View = Record<string, unknown> & { blocks: Array<Record<string, unknown>>; private_metadata: string };

async function openModal(text: string, user: string): Promise<View> {
  const opened = bot.fakeSlack.callsTo("views.open").length;
  const request = signedSlashCommand(SLACK_SECRET, {
    text,
    user_id: user,
    response_url: bot.fakeSlack.responseUrl(`m-${opened}`),
  });
  expect((await postToSlackEndpoint(bot.url, request)).status).toBe(200);
  await expect.poll(() => bot.fakeSlack.callsTo("views.open").length).toBeGreaterThan(opened);
  return bot.fakeSlack.callsTo("views.open")[opened]?.args.view as View;
}

const submit = (view: View, inputs: Record<string, string>, user = VISITOR) =>
  postToSlackEndpoint(
    bot.url,
    signedViewSubmission(SLACK_SECRET, { view, values: stateFor(view, inputs), userId: user }),
  );

const visit = () => bot.store.prisma.visit.findFirstOrThrow();
const approval = () => bot.store.prisma.approval.findFirstOrThrow({ where: { subjectType: "visit" } });

async function deliver() {
  const from = bot.fakeSlack.callsTo("chat.postMessage").length;
  await bot.app.delivery.runOnce();
  return bot.fakeSlack.callsTo("chat.postMessage").slice(from);
}

function buttonsIn(messages: Array<{ args: Record<string, unknown> }>, verb: string): ActionPayload[] {
  return [...JSON.stringify(messages.map((m) => m.args.blocks)).matchAll(/"value":"((?:[^"\\]|\\.)*)"/g)]
    .map((m) => JSON.parse(JSON.parse(`"${m[1]}"`)) as ActionPayload)
    .filter((p) => p.verb === verb);
}

const INPUTS = {
  host: "",
  date1: "2026-12-15",
  days: "1",
  focus: "seniors",
  travelMode: "public",
  travel: "1800,50",
  accommodation: "250",
  message: "Jag vill se seniortjänsterna.",
};

describe("a request from a Slack modal", () => {
  it("errors in Swedish beside the modal's own fields; the confirmation is one of them", async () => {
    const view = await openModal("besök ansök", VISITOR);
    expect(view).toMatchObject({ title: { text: "Ansök om besök" }, submit: { text: "Skicka ansökan" } });
    expect(slackViewProblems(view)).toEqual([]);
    const ids = view.blocks.map((b) => b.block_id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(["host", "date1", "travel", "confirmCosts"]));
    const bad = await submit(view, {
      ...INPUTS,
      host: hostId,
      date1: "2026-11-25",
      travel: "12,345",
      accommodation: "-3",
    });
    expect(bad.json).toEqual({
      response_action: "errors",
      errors: {
        date1: "Dagen måste vara efter i dag.",
        travel: "Ange ett belopp i euro, t.ex. 45,50.",
        accommodation: "Ett belopp kan inte vara negativt.",
      },
    });
    const high = await submit(view, { ...INPUTS, host: hostId });
    expect(high.json).toEqual({
      response_action: "errors",
      errors: { confirmCosts: "Över 2000 € för ett besök i Nyland: kontrollera beloppen och bekräfta dem med bocken." },
    });
    expect(await bot.store.prisma.visit.count()).toBe(0);
    const ok = await submit(view, { ...INPUTS, host: hostId, confirmCosts: "true" });
    expect(ok.json).toEqual({ response_action: "clear" });
    expect(await visit()).toMatchObject({ travelCents: 180050, accommodationCents: 25000, costsConfirmed: true });
  });

  it("a coordinator asks for a change; the requester changes it from the notice; it waits again", async () => {
    const card = await bot.teams.execute(
      { verb: "approvals.changeForm", args: { a: (await approval()).id } },
      { user: COORDINATOR },
    );
    const payload = JSON.stringify(card.body);
    expect(payload).toContain("approvals.change");
    const asked = await bot.teams.execute(
      {
        verb: "approvals.change",
        args: { a: (await approval()).id },
        reason: "Kan du komma en annan vecka?",
      } as ActionPayload,
      { user: COORDINATOR },
    );
    expect(asked.status).toBe(200);
    expect((await approval()).status).toBe("CHANGES_REQUESTED");
    expect((await visit()).status).toBe("REQUESTED");

    const notice = (await deliver()).filter((m) => m.args.channel === VISITOR);
    expect(slackText({ blocks: notice.flatMap((m) => m.args.blocks as Array<Record<string, unknown>>) })).toContain(
      "Kan du komma en annan vecka?",
    );
    const [change] = buttonsIn(notice, "visits.changeForm");
    expect(change?.args.v).toBe((await visit()).id);
    // someone else's click on it is not valid
    expect(slackText(await bot.slack.click(change as ActionPayload, { user: "UOTHER0001" }))).toContain(
      "Painike ei ole enää voimassa",
    );

    const opened = bot.fakeSlack.callsTo("views.open").length;
    // a button that opens a form: Slack gets the modal (views.open), nothing on response_url
    const click = signedBlockActions(SLACK_SECRET, {
      value: JSON.stringify(change),
      userId: VISITOR,
      responseUrl: bot.fakeSlack.responseUrl("change-click"),
    });
    expect((await postToSlackEndpoint(bot.url, click)).status).toBe(200);
    await expect.poll(() => bot.fakeSlack.callsTo("views.open").length).toBe(opened + 1);
    const view = bot.fakeSlack.callsTo("views.open")[opened]?.args.view as View;
    expect(view).toMatchObject({ title: { text: "Ändra ansökan" } });
    expect(slackViewProblems(view)).toEqual([]);
    const travel = view.blocks.find((b) => b.block_id === "travel")?.element as { initial_value: string };
    expect(travel.initial_value).toBe("1800,50");
    const changed = await submit(view, {
      ...INPUTS,
      host: hostId,
      date1: "2026-12-22",
      travel: "90",
      accommodation: "",
    });
    expect(changed.json).toEqual({ response_action: "clear" });
    expect(await visit()).toMatchObject({
      dates: ["2026-12-22"],
      travelCents: 9000,
      costsConfirmed: false,
      status: "REQUESTED",
    });
    expect((await approval()).status).toBe("PENDING");
    // the change form of an approval that waits again is not changeable any more
    expect(slackText(await bot.slack.click(change as ActionPayload, { user: VISITOR }))).toContain(
      "Den här ansökan kan inte längre ändras",
    );
  });

  it("a rejection ends the request with its reason; the host is never asked", async () => {
    const id = (await approval()).id;
    const rejected = await bot.teams.execute(
      { verb: "approvals.reject", args: { a: id }, reason: "Budjetti on käytetty." } as ActionPayload,
      { user: COORDINATOR },
    );
    expect(cardText(rejected.body)).toContain("Budjetti on käytetty.");
    expect((await visit()).status).toBe("REJECTED");
    const sent = await deliver();
    expect(sent.filter((m) => m.args.channel === HOST_CONTACT)).toEqual([]);
    expect(JSON.stringify(sent.filter((m) => m.args.channel === VISITOR))).toContain("Budjetti on käytetty.");
    const mine = slackText(await bot.slack.command("besök mina", { user: VISITOR }));
    expect(mine).toContain("Ditt besök hos Lojo stadsbibliotek");
    expect(mine).toContain("avslaget");
  });

  it("the visitor cancels: a pending approval is withdrawn; a host already asked is told", async () => {
    const view = await openModal("besök ansök", VISITOR);
    await submit(view, { ...INPUTS, host: hostId, travel: "40", accommodation: "", date1: "2027-02-02" });
    const view2 = await openModal("besök ansök", VISITOR);
    await submit(view2, { ...INPUTS, host: hostId, travel: "40", accommodation: "", date1: "2027-03-02" });
    const [pending, approved] = await bot.store.prisma.visit.findMany({
      where: { status: "REQUESTED" },
      orderBy: { createdAt: "asc" },
    });
    if (!pending || !approved) throw new Error("two requests expected");
    const toApprove = await bot.store.prisma.approval.findFirstOrThrow({ where: { subjectId: approved.id } });
    await bot.teams.execute({ verb: "approvals.approve", args: { a: toApprove.id } }, { user: COORDINATOR });
    expect((await deliver()).filter((m) => m.args.channel === HOST_CONTACT)).toHaveLength(1);

    const mine = await bot.slack.command("besök mina", { user: VISITOR });
    const cancels = buttonsIn([{ args: { blocks: mine.blocks } }], "visits.cancel").map((b) => b.args.v);
    expect(cancels.sort()).toEqual([pending.id, approved.id].sort());
    // nobody else cancels it
    expect(
      slackText(await bot.slack.click({ verb: "visits.cancel", args: { v: pending.id } }, { user: "UOTHER0001" })),
    ).toContain("Painike ei ole enää voimassa");
    for (const id of [pending.id, approved.id]) {
      const answer = await bot.slack.click({ verb: "visits.cancel", args: { v: id } }, { user: VISITOR });
      expect(slackText(answer)).toContain("Ditt besök hos Lojo stadsbibliotek är inställt.");
    }
    expect(
      slackText(await bot.slack.click({ verb: "visits.cancel", args: { v: pending.id } }, { user: VISITOR })),
    ).toContain("Det här besöket kan inte längre ställas in: inställt.");
    const approvals = await bot.store.prisma.approval.findMany({
      where: { subjectId: { in: [pending.id, approved.id] } },
    });
    expect(approvals.map((a) => [a.subjectId, a.status]).sort()).toEqual(
      [
        [pending.id, "WITHDRAWN"],
        [approved.id, "APPROVED"],
      ].sort(),
    );
    const told = (await deliver()).filter((m) => m.args.channel === HOST_CONTACT);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]?.args)).toContain("perui vierailun kohteeseen Lohjan kaupunginkirjasto");
  });
});
