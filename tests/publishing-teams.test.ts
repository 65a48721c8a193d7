// Coordinators publish from Teams, end to end through /api/messages: `julkaise` answers
// with the form in the card, Action.Execute with the inputs creates a series (its sessions
// materialised with the hosts in turn) or one session, a refused form comes back with its
// errors and stores nothing, and nobody else can publish, however the payload is made.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { cardProblems } from "./fakes/teams-card-check.ts";
import { cardOf, cardText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, STAFF, seriesInputs } from "./publishing-fixtures.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
  await makeCoordinators(bot);
});
afterAll(async () => {
  await bot?.stop();
});

type Element = Record<string, unknown> & { type: string; id?: string };

/** The form's submit payload in a card: what Action.Execute sends without the inputs. */
function submitOf(card: Record<string, unknown>): ActionPayload {
  const body = card.body as Element[];
  const set = body.filter((e) => e.type === "ActionSet").at(-1) as unknown as {
    actions: Array<{ data: ActionPayload }>;
  };
  const data = set.actions[0]?.data;
  if (!data) throw new Error("no submit in the card");
  return data;
}

/** Clicks the submit with these inputs, as Teams merges them into the data. */
async function submit(payload: ActionPayload, inputs: Record<string, string>, user = COORDINATOR, locale = "fi-FI") {
  const response = await bot.teams.execute({ ...payload, ...inputs } as ActionPayload, { user, locale });
  expect(response.status).toBe(200);
  return response.body as { statusCode: number; type: string; value: unknown };
}

async function openForm(user = COORDINATOR): Promise<Record<string, unknown>> {
  return cardOf(await bot.teams.message("julkaise", { user }));
}

describe("julkaise on Teams", () => {
  it("answers a coordinator with the form inline in the card", async () => {
    const card = await openForm();
    expect(cardProblems(card)).toEqual([]);
    const ids = (card.body as Element[]).filter((e) => e.type.startsWith("Input.")).map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(["titleFi", "titleSv", "date", "start", "end", "recurrence", "hosts"]));
    const hosts = (card.body as Element[]).find((e) => e.id === "hosts") as unknown as { choices: { value: string }[] };
    expect(hosts.choices.map((c) => c.value)).toEqual([
      "espoo",
      "helsinki",
      "hyvinkaa",
      "lohja",
      "nurmijarvi",
      "porvoo",
      "raasepori",
      "vantaa",
    ]);
    expect(submitOf(card)).toMatchObject({
      verb: "publishing.create",
      args: { n: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(cardText(card)).toContain("Julkaise tilaisuus");
  });

  it("creates a weekly series with its sessions, hosts in turn, 09:00 Helsinki time across the DST change", async () => {
    const payload = submitOf(await openForm());
    const answer = await submit(payload, seriesInputs());
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardProblems(answer.value)).toEqual([]);
    expect(cardText(answer.value)).toContain("Julkaistu: Kirjastoautovartti");
    const id = payload.args.n ?? "";
    const series = await bot.store.prisma.series.findUniqueOrThrow({ where: { id } });
    expect(series.hostRotation).toEqual(["porvoo", "espoo", "lohja"]);
    expect(series.rule).toMatchObject({ freq: "weekly", weekday: "WE", time: "09:00", durationMinutes: 15 });
    const sessions = await bot.store.prisma.session.findMany({ where: { seriesId: id }, orderBy: { startsAt: "asc" } });
    expect(sessions.length).toBeGreaterThanOrEqual(26);
    expect(sessions.slice(0, 4).map((s) => [s.occurrenceDate, s.hostLibraryId])).toEqual([
      ["2026-10-21", "porvoo"],
      ["2026-10-28", "espoo"],
      ["2026-11-04", "lohja"],
      ["2026-11-11", "porvoo"],
    ]);
    expect(sessions[0]?.startsAt.toISOString()).toBe("2026-10-21T06:00:00.000Z");
    expect(sessions[1]?.startsAt.toISOString()).toBe("2026-10-28T07:00:00.000Z");
    expect(sessions[0]).toMatchObject({ joinUrl: seriesInputs().joinUrl, networkId: "kirjastoautot", sequence: 0 });
    const audit = await bot.store.prisma.auditEntry.findMany({ where: { subjectId: id } });
    expect(audit.map((a) => a.action)).toEqual(["series.published"]);

    // the same form submitted again (a double click): nothing new
    const again = await submit(payload, seriesInputs());
    expect(cardText(again.value)).toContain("Tämä lomake on jo julkaistu");
    expect(await bot.store.prisma.session.count({ where: { seriesId: id } })).toBe(sessions.length);
  });

  it("creates one session with registration, seats and a deadline", async () => {
    const payload = submitOf(await openForm());
    const inputs = seriesInputs({
      kind: "TRAINING",
      network: "none",
      recurrence: "none",
      date: "2026-11-12",
      start: "13:00",
      end: "15:30",
      joinUrl: "",
      place: "Porvoon pääkirjasto",
      registration: "true",
      capacity: "20",
      deadline: "48",
      hosts: "porvoo",
    });
    await submit(payload, inputs);
    const session = await bot.store.prisma.session.findUniqueOrThrow({ where: { id: payload.args.n ?? "" } });
    expect(session).toMatchObject({
      seriesId: null,
      kind: "TRAINING",
      networkId: null,
      place: "Porvoon pääkirjasto",
      registrationRequired: true,
      capacity: 20,
      hostLibraryId: "porvoo",
    });
    expect(session.startsAt.toISOString()).toBe("2026-11-12T11:00:00.000Z");
    expect(session.registrationDeadline?.toISOString()).toBe("2026-11-10T11:00:00.000Z");
  });

  it("refuses invalid inputs with the errors beside the fields, and stores nothing", async () => {
    const payload = submitOf(await openForm());
    const before = await bot.store.prisma.session.count();
    const answer = await submit(
      payload,
      seriesInputs({ titleSv: "", end: "08:00", date: "2026-10-01", capacity: "0" }),
    );
    const card = answer.value as Record<string, unknown>;
    expect(cardProblems(card)).toEqual([]);
    const body = card.body as Element[];
    const below = (id: string) => body[body.findIndex((e) => e.id === id) + 1];
    expect(below("titleSv")).toMatchObject({ color: "Attention", text: "Pakollinen tieto." });
    expect(below("date")).toMatchObject({ color: "Attention", text: "Tämä ajankohta on jo mennyt." });
    expect(below("end")).toMatchObject({ color: "Attention" });
    expect(below("capacity")).toMatchObject({ color: "Attention", text: "Vähintään yksi paikka." });
    // what was typed stays, and the same submit (form id) comes back
    expect(body.find((e) => e.id === "titleFi")).toMatchObject({ value: "Kirjastoautovartti" });
    expect(submitOf(card)).toEqual(payload);
    expect(await bot.store.prisma.session.count()).toBe(before);
    expect(await bot.store.prisma.series.count({ where: { id: payload.args.n ?? "" } })).toBe(0);
  });

  it("answers a coordinator in Swedish when that is their language", async () => {
    const swede = { ...COORDINATOR, id: "29:1coordinator-sv", aadObjectId: "6a1f0c1e-0000-4000-8000-0000000005e0" };
    const { ensureCoordinators } = await import("../domain/store/users.ts");
    await ensureCoordinators(bot.store.prisma, [{ platform: "teams", userId: swede.id }]);
    const card = cardOf(await bot.teams.message("publicera", { user: swede, locale: "sv-FI" }));
    expect(cardText(card)).toContain("Publicera evenemang");
    const answer = await submit(submitOf(card), seriesInputs({ titleSv: "" }), swede, "sv-FI");
    expect(cardText(answer.value)).toContain("Obligatorisk uppgift.");
  });
});

describe("only coordinators publish", () => {
  it("refuses julkaise and julkaise lista to staff, in their language", async () => {
    expect(cardText(cardOf(await bot.teams.message("julkaise", { user: STAFF })))).toContain(
      "Vain AKE:n koordinaattorit voivat tehdä tämän.",
    );
    expect(cardText(cardOf(await bot.teams.message("publish list", { user: STAFF, locale: "en-US" })))).toContain(
      "Only AKE coordinators can do that.",
    );
  });

  it("refuses a forged create payload with valid inputs; nothing is stored", async () => {
    const n = "0b6f3a52-5f0e-4c0a-9d1e-3c1f2a4b5c6d";
    const before = await bot.store.prisma.session.count();
    const answer = await submit({ verb: "publishing.create", args: { n } }, seriesInputs(), STAFF);
    expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    expect(await bot.store.prisma.series.count({ where: { id: n } })).toBe(0);
    expect(await bot.store.prisma.session.count()).toBe(before);
    const sent = await bot.connector.waitForActivity((a) => JSON.stringify(a.activity).includes("koordinaattorit"));
    expect(sent).toBeDefined();
  });
});

describe("help", () => {
  it("apua names the publishing commands to coordinators, and only to them", async () => {
    const mine = cardText(cardOf(await bot.teams.message("apua", { user: COORDINATOR })));
    expect(mine).toContain("julkaise – julkaise tilaisuus tai toistuva sarja (koordinaattorit)");
    expect(mine).toContain("julkaise lista – tulevat tilaisuudet");
    const staff = cardText(cardOf(await bot.teams.message("apua", { user: STAFF })));
    expect(staff).not.toContain("julkaise");
  });
});

describe("julkaise lista", () => {
  it("lists the coming sessions with Edit and Cancel, a page at a time", async () => {
    const card = cardOf(await bot.teams.message("julkaise lista", { user: COORDINATOR }));
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain("Tulevat tilaisuudet – julkaisu");
    expect(text).toContain('"verb":"publishing.edit"');
    expect(text).toContain('"verb":"publishing.cancel"');
    expect(text).toMatch(/1–8 \/ \d+/);
    const more = await bot.teams.execute({ verb: "publishing.list", args: { o: "8" } }, { user: COORDINATOR });
    expect(cardText(more.body.value)).toMatch(/9–16 \/ \d+/);
  });
});
