// Editing and cancelling published sessions, end to end on both platforms: "this one"
// (Slack modal) detaches one occurrence, "all coming" (Teams card) moves the rest of the
// series keeping Helsinki wall-clock time, a cancellation tells every registrant in their
// language; each change raises the sequence. Forged payloads of staff change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishingFeature } from "../bot/features/publishing/index.ts";
import { type Language, translator } from "../bot/i18n/index.ts";
import type { ActionPayload } from "../bot/reply.ts";
import { postToSlackEndpoint, signedBlockActions } from "./fakes/slack-signing.ts";
import { cardProblems } from "./fakes/teams-card-check.ts";
import { cardOf, cardText, PUBLIC_URL, SLACK_SECRET, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import {
  COORDINATOR,
  makeCoordinators,
  SLACK_COORDINATOR,
  STAFF,
  seriesInputs,
  signedViewSubmission,
  stateFor,
} from "./publishing-fixtures.ts";

let bot: TestBot;
let seriesId = "";
const users: Record<Language, string> = { fi: "", sv: "", en: "" };
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
  await makeCoordinators(bot);
  bot.fakeSlack.setUserLocale(SLACK_COORDINATOR, "fi-FI");
  const form = cardOf(await bot.teams.message("julkaise", { user: COORDINATOR }));
  const submit = submitOf(form);
  seriesId = submit.args.n ?? "";
  await execute(submit, seriesInputs({ registration: "true", capacity: "1" }));
  for (const language of ["fi", "sv", "en"] as const) {
    const user = await bot.store.prisma.user.create({
      data: { platform: "TEAMS", platformUserId: `29:registrant-${language}`, language },
    });
    users[language] = user.id;
  }
});
afterAll(async () => {
  await bot?.stop();
});

type Element = Record<string, unknown> & { type: string; id?: string };
const prisma = () => bot.store.prisma;

function submitOf(card: Record<string, unknown>): ActionPayload {
  const set = (card.body as Element[]).filter((e) => e.type === "ActionSet").at(-1) as unknown as {
    actions: Array<{ data: ActionPayload }>;
  };
  return set.actions[0]?.data ?? { verb: "", args: {} };
}

/** Every input's current value, as Teams sends them with the submit. */
function valuesOf(card: Record<string, unknown>): Record<string, string> {
  const inputs = (card.body as Element[]).filter((e) => e.type.startsWith("Input.") && e.value !== undefined);
  return Object.fromEntries(inputs.map((e) => [String(e.id), String(e.value)]));
}

async function execute(payload: ActionPayload, inputs: Record<string, string> = {}, user = COORDINATOR) {
  const response = await bot.teams.execute({ ...payload, ...inputs } as ActionPayload, { user });
  expect(response.status).toBe(200);
  return response.body as { type: string; value: Record<string, unknown> | string };
}

const occurrence = (date: string) =>
  prisma().session.findUniqueOrThrow({ where: { seriesId_occurrenceDate: { seriesId, occurrenceDate: date } } });

async function register(sessionId: string, entries: [Language, "REGISTERED" | "WAITLISTED" | "CANCELLED"][]) {
  for (const [language, status] of entries) {
    await prisma().registration.create({ data: { sessionId, userId: users[language], status } });
  }
}

const notificationsOf = (sessionId: string, kind: string) =>
  prisma()
    .notification.findMany({ where: { kind } })
    .then((rows) => rows.filter((row) => (row.payload as { sessionId?: string }).sessionId === sessionId));

describe("editing a series occurrence", () => {
  it("'this one' (Slack modal) changes that session only, detaches it, and tells its registrants", async () => {
    const session = await occurrence("2026-11-04");
    await register(session.id, [
      ["fi", "REGISTERED"],
      ["sv", "WAITLISTED"],
      ["en", "CANCELLED"],
    ]);
    const opened = bot.fakeSlack.callsTo("views.open").length;
    const click = signedBlockActions(SLACK_SECRET, {
      value: JSON.stringify({ verb: "publishing.edit", args: { s: session.id } }),
      userId: SLACK_COORDINATOR,
      responseUrl: bot.fakeSlack.responseUrl("edit-one"),
    });
    await postToSlackEndpoint(bot.url, click);
    await expect.poll(() => bot.fakeSlack.callsTo("views.open").length).toBe(opened + 1);
    const view = bot.fakeSlack.callsTo("views.open")[opened]?.args.view as Record<string, unknown>;
    const values = stateFor(view, { scope: "one", start: "10:00", end: "10:30", capacity: "2" });
    const http = await postToSlackEndpoint(
      bot.url,
      signedViewSubmission(SLACK_SECRET, { view, values, userId: SLACK_COORDINATOR }),
    );
    expect(http.json).toEqual({ response_action: "clear" });

    const after = await occurrence("2026-11-04");
    expect(after.startsAt.toISOString()).toBe("2026-11-04T08:00:00.000Z");
    expect(after).toMatchObject({ detached: true, sequence: 1, capacity: 2, hostLibraryId: "lohja" });
    expect((await occurrence("2026-11-11")).sequence).toBe(0);
    const changed = await notificationsOf(session.id, "publishing.sessionChanged");
    expect(changed.map((n) => n.userId).sort()).toEqual([users.fi, users.sv].sort());
    expect(changed[0]?.key).toMatch(/^publishing\.sessionChanged:[0-9a-f-]+:1$/);
    // the larger capacity gave the waitlisted Swede the seat
    const promoted = await prisma().registration.findFirstOrThrow({
      where: { sessionId: session.id, userId: users.sv },
    });
    expect(promoted.status).toBe("REGISTERED");
  });

  it("'all coming' (Teams card) moves every coming, not detached, occurrence to 13:00 Helsinki time", async () => {
    const target = await occurrence("2026-11-11");
    await register(target.id, [["en", "REGISTERED"]]);
    const answer = await execute({ verb: "publishing.edit", args: { s: target.id } });
    const form = answer.value as Record<string, unknown>;
    expect(cardProblems(form)).toEqual([]);
    expect(cardText(form)).toContain("Sarjan kaikkia tulevia tilaisuuksia");
    const inputs = {
      ...valuesOf(form),
      scope: "all",
      start: "13:00",
      end: "13:30",
      titleFi: "Kirjastoautovartti klo 13",
    };
    const saved = await execute(submitOf(form), inputs);
    expect(cardText(saved.value)).toContain("Tallennettu: Kirjastoautovartti klo 13");

    const series = await prisma().series.findUniqueOrThrow({ where: { id: seriesId } });
    expect(series.rule).toMatchObject({ time: "13:00", durationMinutes: 30, startDate: "2026-10-21" });
    const first = await occurrence("2026-10-21");
    const afterDst = await occurrence("2026-10-28");
    expect(first.startsAt.toISOString()).toBe("2026-10-21T10:00:00.000Z");
    expect(afterDst.startsAt.toISOString()).toBe("2026-10-28T11:00:00.000Z");
    expect(afterDst).toMatchObject({ sequence: 1, titleFi: "Kirjastoautovartti klo 13", hostLibraryId: "espoo" });
    // the occurrence edited on its own keeps its own time
    expect((await occurrence("2026-11-04")).startsAt.toISOString()).toBe("2026-11-04T08:00:00.000Z");
    expect(await occurrence("2026-11-11")).toMatchObject({ sequence: 1, hostLibraryId: "porvoo" });
    const changed = await notificationsOf(target.id, "publishing.sessionChanged");
    expect(changed.map((n) => n.userId)).toEqual([users.en]);
    expect(changed[0]?.payload).toMatchObject({
      oldStartsAt: "2026-11-11T07:00:00.000Z",
      startsAt: "2026-11-11T11:00:00.000Z",
      titleEn: "Bookmobile quarter-hour",
    });
  });

  it("a form opened before someone else's save is refused as stale; nothing changes", async () => {
    const session = await occurrence("2026-11-18");
    const stale = { verb: "publishing.save", args: { s: session.id, q: String(session.sequence - 1) } };
    const answer = await execute(stale, seriesInputs({ scope: "one", start: "11:00", end: "11:15" }));
    expect(JSON.stringify(answer)).toContain("Joku muutti tilaisuutta sillä välin");
    expect((await occurrence("2026-11-18")).sequence).toBe(session.sequence);
  });
});

describe("cancelling", () => {
  it("asks for a reason, cancels, raises the sequence and tells each registrant in their language", async () => {
    const session = await occurrence("2026-11-25");
    await register(session.id, [
      ["fi", "REGISTERED"],
      ["sv", "REGISTERED"],
      ["en", "WAITLISTED"],
    ]);
    const form = (await execute({ verb: "publishing.cancel", args: { s: session.id } })).value as Record<
      string,
      unknown
    >;
    expect(cardProblems(form)).toEqual([]);
    expect(cardText(form)).toContain("3 ilmoittautunutta tai jonottajaa saa tiedon perumisesta");
    const done = await execute(submitOf(form), { reason: "Vetäjä sairastui." });
    expect(cardText(done.value)).toContain("Peruttu: Kirjastoautovartti klo 13");

    const after = await occurrence("2026-11-25");
    expect(after.cancelledAt).not.toBeNull();
    expect(after).toMatchObject({ cancelReason: "Vetäjä sairastui.", sequence: session.sequence + 1 });
    const ics = await (await fetch(`${bot.url}/calendar/sessions/${session.id}.ics`)).text();
    expect(ics).toContain(`SEQUENCE:${session.sequence + 1}`);

    const rows = await notificationsOf(session.id, "publishing.sessionCancelled");
    expect(rows).toHaveLength(3);
    const render = publishingFeature.notifications?.["publishing.sessionCancelled"];
    const expected = {
      fi: ["Peruttu: Kirjastoautovartti klo 13", "Syy: Vetäjä sairastui."],
      sv: ["Inställt: Bokbusskvarten", "ons 25.11 kl. 13.00–13.30"],
      en: ["Cancelled: Bookmobile quarter-hour", "Wed 25 Nov, 13:00–13:30"],
    };
    for (const language of ["fi", "sv", "en"] as const) {
      const row = rows.find((r) => r.userId === users[language]);
      const reply = render?.({ language, t: translator(language), publicUrl: PUBLIC_URL }, row?.payload);
      for (const text of expected[language]) expect(JSON.stringify(reply)).toContain(text);
      expect(JSON.stringify(reply)).toContain(`${PUBLIC_URL}/calendar/sessions/${session.id}.ics?lang=${language}`);
    }
    // cancelled sessions leave the coordinator list
    const list = cardText(cardOf(await bot.teams.message("julkaise lista", { user: COORDINATOR })));
    expect(list).not.toContain(`"s":"${session.id}"`);
  });
});

describe("staff cannot edit or cancel, whatever they send", () => {
  it("forged edit, save and cancel payloads are refused; nothing changes", async () => {
    const session = await occurrence("2026-12-02");
    const q = String(session.sequence);
    const attempts: [ActionPayload, Record<string, string>][] = [
      [{ verb: "publishing.edit", args: { s: session.id } }, {}],
      [{ verb: "publishing.save", args: { s: session.id, q } }, seriesInputs({ scope: "all", start: "07:00" })],
      [{ verb: "publishing.cancel", args: { s: session.id } }, {}],
      [{ verb: "publishing.cancelConfirm", args: { s: session.id, q } }, { reason: "hack" }],
      [{ verb: "publishing.list", args: { o: "0" } }, {}],
    ];
    for (const [payload, inputs] of attempts) {
      const answer = await execute(payload, inputs, STAFF);
      expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    }
    const slackForged = signedViewSubmission(SLACK_SECRET, {
      view: { blocks: [], callback_id: "ake.form", title: { type: "plain_text", text: "x" } },
      values: { reason: { reason: { type: "plain_text_input", value: "hack" } } },
      userId: "USTAFF0002",
      privateMetadata: JSON.stringify({ a: { verb: "publishing.cancelConfirm", args: { s: session.id, q } } }),
    });
    expect((await postToSlackEndpoint(bot.url, slackForged)).json).toEqual({ response_action: "clear" });
    const after = await occurrence("2026-12-02");
    expect(after).toMatchObject({ sequence: session.sequence, cancelledAt: null, startsAt: session.startsAt });
    expect((await prisma().series.findUniqueOrThrow({ where: { id: seriesId } })).rule).toMatchObject({
      time: "13:00",
    });
  });
});
