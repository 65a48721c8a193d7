// A staff visit end to end through the HTTP endpoints, on the store the suite runs:
// coordinators list host libraries (Slack modal, Teams card), a visitor on Teams finds one
// and requests a visit (refused inputs come back as form errors, nothing stored), AKE
// approves on the shared approval card (a host contact's click is refused), the host
// contact on Slack accepts a day in Swedish, both get the plan and the checklist in their
// own language; another host outside Uusimaa proposes another day; after the visit the
// visitor reports the costs and a coordinator marks the reimbursement paid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visitCalendarFile } from "../bot/features/visits/calendar.ts";
import type { ActionPayload } from "../bot/reply.ts";
import { slackBlockProblems } from "./fakes/slack-limits.ts";
import { slackViewProblems } from "./fakes/slack-modal-limits.ts";
import { postToSlackEndpoint, signedBlockActions, signedSlashCommand } from "./fakes/slack-signing.ts";
import { postActivity, type TeamsUser, teamsMessage } from "./fakes/teams-activities.ts";
import { cardProblems } from "./fakes/teams-card-check.ts";
import { cardOf, cardText, SLACK_SECRET, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import {
  COORDINATOR,
  makeCoordinators,
  SLACK_COORDINATOR,
  signedViewSubmission,
  stateFor,
} from "./publishing-fixtures.ts";

const VISITOR: TeamsUser = {
  id: "29:1visitor-Porvoo",
  name: "Ville Vierailija",
  aadObjectId: "6a1f0c1e-0000-4000-8000-0000000v1s17",
};
const TURKU_CONTACT: TeamsUser = {
  id: "29:1host-Turku",
  name: "Tuula Turku",
  aadObjectId: "6a1f0c1e-0000-4000-8000-00000000t0c0",
};
const ESPOO_CONTACT = "UHOST0001";

let bot: TestBot;
beforeAll(async () => {
  // Thursday 26 Nov 2026, 10:00 in Helsinki
  bot = await startTestBot({ now: "2026-11-26T10:00:00+02:00" });
  await makeCoordinators(bot);
  bot.fakeSlack.setUserLocale(SLACK_COORDINATOR, "fi-FI");
  bot.fakeSlack.setUserLocale(ESPOO_CONTACT, "sv-FI");
  // everyone on Teams has written to the bot once, so it can reach them later
  await bot.teams.message("kirjasto porvoo", { user: VISITOR });
  await bot.teams.message("apua", { user: COORDINATOR });
  await bot.teams.message("kieli sv", { user: TURKU_CONTACT, locale: "sv-FI" });
  const hello = signedSlashCommand(SLACK_SECRET, {
    text: "apua",
    user_id: ESPOO_CONTACT,
    user_name: "Hanna Host",
    response_url: bot.fakeSlack.responseUrl("hello"),
  });
  expect((await postToSlackEndpoint(bot.url, hello)).status).toBe(200);
});
afterAll(async () => {
  await bot?.stop();
});

type Element = Record<string, unknown> & { type: string; id?: string };
type View = Record<string, unknown> & { blocks: Array<Record<string, unknown>>; private_metadata: string };

/** A Teams message with mention entities, as Teams sends "vierailu isäntä lisää @Tuula". */
async function teamsWithMention(text: string, user: TeamsUser, mentioned: TeamsUser) {
  const activity = teamsMessage({ serviceUrl: bot.connector.url, text, locale: "fi-FI", user });
  const tag = `<at>${mentioned.name}</at>`;
  activity.text = `${text} ${tag}`;
  (activity.entities as Array<Record<string, unknown>>).push({
    type: "mention",
    text: tag,
    mentioned: { id: mentioned.id, name: mentioned.name },
  });
  const response = await postActivity(`${bot.url}/api/messages`, activity);
  expect(response.status).toBeLessThan(300);
  return cardOf(
    await bot.connector.waitForActivity(
      (a) => a.replyToId === activity.id || a.activity.replyToId === activity.id,
      8_000,
    ),
  );
}

function submitOf(card: Record<string, unknown>): ActionPayload {
  const body = card.body as Element[];
  const set = body.filter((e) => e.type === "ActionSet").at(-1) as unknown as {
    actions: Array<{ data: ActionPayload }>;
  };
  const data = set.actions[0]?.data;
  if (!data) throw new Error("no submit in the card");
  return data;
}

/** Every button payload in a card or a Slack message, by verb. */
function buttons(container: unknown, verb: string): ActionPayload[] {
  const found: ActionPayload[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      const data = record.data as ActionPayload | undefined;
      if (data?.verb === verb) found.push({ verb: data.verb, args: data.args });
      if (typeof record.value === "string" && record.value.includes(`"${verb}"`)) {
        found.push(JSON.parse(record.value) as ActionPayload);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(container);
  return found;
}

async function execute(payload: ActionPayload, user: TeamsUser, inputs: Record<string, string> = {}, locale = "fi-FI") {
  const response = await bot.teams.execute({ ...payload, ...inputs } as ActionPayload, { user, locale });
  expect(response.status).toBe(200);
  return response.body as { value: Record<string, unknown> };
}

const norm = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
const visits = () => bot.store.prisma.visit.findMany({ orderBy: { createdAt: "asc" } });

/** Sends what is due and returns what each recipient got. */
async function deliver() {
  const teamsFrom = bot.connector.activities.length;
  const slackFrom = bot.fakeSlack.callsTo("chat.postMessage").length;
  await bot.app.delivery.runOnce();
  const teams = bot.connector.activities.slice(teamsFrom);
  const slack = bot.fakeSlack.callsTo("chat.postMessage").slice(slackFrom);
  return {
    teamsTo: (user: TeamsUser) =>
      teams.filter((a) => a.conversationId.includes(user.id.slice(3))).map((a) => a.activity),
    slackTo: (user: string) => slack.filter((c) => c.args.channel === user).map((c) => c.args),
  };
}

let espooHost = "";
let turkuHost = "";
let porvooHost = "";

describe("the host directory", () => {
  it("a coordinator adds a host from a Slack modal, naming the contact with a mention", async () => {
    const opened = bot.fakeSlack.callsTo("views.open").length;
    const request = signedSlashCommand(SLACK_SECRET, {
      text: `vierailu isäntä lisää <@${ESPOO_CONTACT}|Hanna Host>`,
      user_id: SLACK_COORDINATOR,
      response_url: bot.fakeSlack.responseUrl("host-add"),
    });
    expect((await postToSlackEndpoint(bot.url, request)).status).toBe(200);
    await expect.poll(() => bot.fakeSlack.callsTo("views.open").length).toBeGreaterThan(opened);
    const view = bot.fakeSlack.callsTo("views.open")[opened]?.args.view as View;
    expect(JSON.stringify(view)).toContain("Yhteyshenkilö: Hanna Host");
    expect(slackViewProblems(view)).toEqual([]);
    const inputs = {
      library: "espoo",
      languages: "BOTH",
      areas: "children,makerspace",
      notes: "Tervetuloa Sellon kirjastoon!",
    };
    // a library outside the list is refused in place
    const refused = await postToSlackEndpoint(
      bot.url,
      signedViewSubmission(SLACK_SECRET, {
        view,
        values: stateFor(view, { ...inputs, library: "other" }),
        userId: SLACK_COORDINATOR,
      }),
    );
    expect(refused.json).toMatchObject({
      response_action: "errors",
      errors: { name: "Pakollinen tieto.", municipality: "Pakollinen tieto." },
    });
    const http = await postToSlackEndpoint(
      bot.url,
      signedViewSubmission(SLACK_SECRET, { view, values: stateFor(view, inputs), userId: SLACK_COORDINATOR }),
    );
    expect(http.json).toEqual({ response_action: "clear" });
    const host = await bot.store.prisma.visitHost.findUniqueOrThrow({
      where: { libraryId: "espoo" },
      include: { contact: true },
    });
    expect(host).toMatchObject({
      languages: "BOTH",
      areas: ["children", "makerspace"],
      notes: "Tervetuloa Sellon kirjastoon!",
    });
    expect(host.contact?.platformUserId).toBe(`T0001:${ESPOO_CONTACT}`);
    espooHost = host.id;
  });

  it("a coordinator adds hosts from a Teams card: one outside Uusimaa, and the visitor's own library", async () => {
    const form = await teamsWithMention("vierailu isäntä lisää", COORDINATOR, TURKU_CONTACT);
    const saved = await execute(submitOf(form), COORDINATOR, {
      library: "other",
      name: "Turun kaupunginkirjasto",
      municipality: "Turku",
      languages: "FI",
      areas: "events",
      notes: "",
    });
    expect(cardText(saved.value)).toContain(
      "Tallennettu vastaanottavien kirjastojen listaan: Turun kaupunginkirjasto.",
    );
    const porvoo = await teamsWithMention("vierailu isäntä lisää", COORDINATOR, TURKU_CONTACT);
    await execute(submitOf(porvoo), COORDINATOR, { library: "porvoo", languages: "BOTH", areas: "seniors" });
    const hosts = await bot.store.prisma.visitHost.findMany();
    turkuHost = hosts.find((h) => h.name === "Turun kaupunginkirjasto")?.id ?? "";
    porvooHost = hosts.find((h) => h.libraryId === "porvoo")?.id ?? "";
    expect(turkuHost).not.toBe("");
    // without a mention: how to name the contact; a staff member: refused
    expect(cardText(cardOf(await bot.teams.message("vierailu isäntä lisää", { user: COORDINATOR })))).toContain(
      "Nimeä yhteyshenkilö mainitsemalla: vierailu isäntä lisää @Maija",
    );
    expect(cardText(cardOf(await bot.teams.message("vierailu isäntä lisää", { user: VISITOR })))).toContain(
      "Vain AKE:n koordinaattorit",
    );
  });

  it("lists hosts with filters: language practice, area, municipality", async () => {
    const directory = cardOf(await bot.teams.message("vierailu", { user: VISITOR }));
    expect(cardProblems(directory)).toEqual([]);
    const all = norm(cardText(directory));
    expect(all).toContain("Vierailijoita vastaanottavat kirjastot");
    expect(all).toContain("Espoon kaupunginkirjasto – Espoo");
    expect(all).toContain("Turun kaupunginkirjasto – Turku (Uudenmaan ulkopuolella)");
    expect(all).toContain("Kielet: suomi ja ruotsi");
    expect(all).toContain("Vierailija voi tutustua: Lapset ja nuoret, Paja (makerspace)");
    expect(all).toContain("Yhteyshenkilö: Hanna Host");
    const bilingual = cardText(cardOf(await bot.teams.message("vierailut kielikylpy", { user: VISITOR })));
    expect(bilingual).toContain("Espoon kaupunginkirjasto");
    expect(bilingual).toContain("Porvoon kaupunginkirjasto");
    expect(bilingual).not.toContain("Turun");
    const turku = cardText(cardOf(await bot.teams.message("vierailu turku", { user: VISITOR })));
    expect(turku).toContain("Turun kaupunginkirjasto");
    expect(turku).not.toContain("Espoon");
    expect(cardText(cardOf(await bot.teams.message("vierailu lapset", { user: VISITOR })))).not.toContain("Turun");
    expect(cardText(cardOf(await bot.teams.message("vierailu kuusamo", { user: VISITOR })))).toContain(
      "Hakuun sopivaa kirjastoa ei löytynyt",
    );
    // in Swedish on Slack, with the Swedish names
    const svList = await bot.slack.command("besök språkbad", { user: ESPOO_CONTACT });
    expect(slackBlockProblems(svList.blocks)).toEqual([]);
    const sv = slackText(svList);
    expect(sv).toContain("Bibliotek som tar emot besökande personal: finska och svenska");
    expect(sv).toContain("Esbo stadsbibliotek – Esbo");
  });

  it("the host's contact edits their entry; someone else cannot", async () => {
    const list = await bot.slack.command("besök esbo", { user: ESPOO_CONTACT });
    const [edit] = buttons(list.blocks, "visits.hostEdit");
    expect(edit?.args.h).toBe(espooHost);
    const forged = await execute({ verb: "visits.hostEdit", args: { h: espooHost } }, VISITOR);
    expect(cardText(forged.value)).toContain("Vain AKE:n koordinaattorit ja kirjaston yhteyshenkilö");
    const refusedSave = await execute({ verb: "visits.hostSave", args: { h: espooHost } }, VISITOR, {
      languages: "FI",
      notes: "hacked",
    });
    expect(cardText(refusedSave.value)).toContain("Vain AKE:n koordinaattorit ja kirjaston yhteyshenkilö");
    expect((await bot.store.prisma.visitHost.findUniqueOrThrow({ where: { id: espooHost } })).notes).not.toBe("hacked");

    // the contact's own Edit opens the prefilled modal; the library stays, the rest changes
    const opened = bot.fakeSlack.callsTo("views.open").length;
    const click = signedBlockActions(SLACK_SECRET, {
      value: JSON.stringify(edit),
      userId: ESPOO_CONTACT,
      responseUrl: bot.fakeSlack.responseUrl("edit-host"),
    });
    expect((await postToSlackEndpoint(bot.url, click)).status).toBe(200);
    await expect.poll(() => bot.fakeSlack.callsTo("views.open").length).toBe(opened + 1);
    const view = bot.fakeSlack.callsTo("views.open")[opened]?.args.view as View;
    expect(view).toMatchObject({ title: { text: "Redigera uppgifterna" } });
    expect(slackViewProblems(view)).toEqual([]);
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(["languages", "areas", "notes"]);
    const saved = await postToSlackEndpoint(
      bot.url,
      signedViewSubmission(SLACK_SECRET, {
        view,
        values: stateFor(view, { notes: "Välkommen till Sellobiblioteket!", areas: "children,makerspace,events" }),
        userId: ESPOO_CONTACT,
      }),
    );
    expect(saved.json).toEqual({ response_action: "clear" });
    expect(await bot.store.prisma.visitHost.findUniqueOrThrow({ where: { id: espooHost } })).toMatchObject({
      libraryId: "espoo",
      languages: "BOTH",
      areas: ["children", "makerspace", "events"],
      notes: "Välkommen till Sellobiblioteket!",
    });
  });

  it("help names the visits in the user's language, the coordinators' lines only to coordinators", async () => {
    const staff = cardText(cardOf(await bot.teams.message("apua", { user: VISITOR })));
    expect(staff).toContain("vierailu – vierailijoita vastaanottavat kirjastot; vierailu hae – hae vierailua");
    expect(staff).not.toContain("vierailu isäntä lisää");
    const coordinator = await bot.slack.command("hjälp", { user: SLACK_COORDINATOR });
    expect(slackText(coordinator)).toContain("vierailu isäntä lisää @yhteyshenkilö");
    // every block of the longest help stays within Slack's 3000 characters
    for (const block of coordinator.blocks) expect(JSON.stringify(block).length).toBeLessThan(3000);
  });
});

let firstVisit = "";
let firstApproval = "";

describe("a request, AKE's yes and the host's yes", () => {
  it("bad input comes back as form errors in the user's language; nothing is stored", async () => {
    const form = cardOf(await bot.teams.message("vierailu hae", { user: VISITOR }));
    expect(cardProblems(form)).toEqual([]);
    const hostChoices = (
      (form.body as Element[]).find((e) => e.id === "host") as unknown as { choices: { value: string }[] }
    ).choices;
    // the visitor's own library is not offered
    expect(hostChoices.map((c) => c.value).sort()).toEqual([espooHost, turkuHost].sort());
    const submit = submitOf(form);
    const answer = await execute(submit, VISITOR, {
      host: porvooHost,
      date1: "2026-11-20",
      date2: "2026-11-26",
      days: "1",
      focus: "children",
      travelMode: "public",
      travel: "-12",
      accommodation: "",
      languagePractice: "true",
    });
    expect(cardProblems(answer.value)).toEqual([]);
    const text = cardText(answer.value);
    expect(text).toContain("Tämä on oma kirjastosi: valitse toinen.");
    expect(text).toContain("Päivän on oltava tämän päivän jälkeen.");
    expect(text).toContain("Summa ei voi olla negatiivinen.");
    const forged = await execute(submit, VISITOR, {
      host: "11111111-2222-4333-8444-555555555555",
      date1: "2026-12-07",
    });
    expect(cardText(forged.value)).toContain("Tämä kirjasto ei ole vastaanottavien kirjastojen listalla.");
    expect(await bot.store.prisma.visit.count()).toBe(0);
    expect(await bot.store.prisma.approval.count({ where: { subjectType: "visit" } })).toBe(0);
  });

  it("over 2,000 € inside Uusimaa asks to confirm; confirmed, the request and its approval are stored together", async () => {
    const submit = submitOf(cardOf(await bot.teams.message("vierailu hae", { user: VISITOR })));
    const inputs = {
      host: espooHost,
      date1: "2026-12-07",
      date2: "2026-12-09",
      days: "2",
      focus: "children",
      languagePractice: "true",
      travelMode: "car",
      travel: "1500",
      accommodation: "600",
      message: "Haluan nähdä lasten palvelut.",
    };
    const asked = await execute(submit, VISITOR, inputs);
    expect(cardText(asked.value)).toContain("Yli 2000 € Uudellamaalla tehtävälle vierailulle");
    expect(JSON.stringify(asked.value)).toContain('"id":"confirmCosts"');
    expect(await bot.store.prisma.visit.count()).toBe(0);
    const sent = await execute(submit, VISITOR, { ...inputs, confirmCosts: "true" });
    expect(norm(cardText(sent.value))).toContain("Arvioitu korvaus: 2 100,00 €");
    // a double submit stores nothing more
    expect(cardText((await execute(submit, VISITOR, { ...inputs, confirmCosts: "true" })).value)).toContain(
      "Tämä hakemus on jo lähetetty.",
    );
    const [visit] = await visits();
    expect(visit).toMatchObject({
      status: "REQUESTED",
      dates: ["2026-12-07", "2026-12-09"],
      travelCents: 150000,
      costsConfirmed: true,
    });
    const approval = await bot.store.prisma.approval.findFirstOrThrow({
      where: { subjectType: "visit", subjectId: visit?.id },
    });
    expect(approval.status).toBe("PENDING");
    firstVisit = visit?.id ?? "";
    firstApproval = approval.id;
  });

  it("the coordinators get the shared approval card with the flag; a host contact's approve is refused", async () => {
    const sent = await deliver();
    const slackCard = sent
      .slackTo(SLACK_COORDINATOR)
      .map((m) => norm(JSON.stringify(m.blocks)))
      .join("\n");
    expect(slackCard).toContain("Vierailu: Ville Vierailija → Espoon kaupunginkirjasto");
    expect(slackCard).toContain("Kulut yli 2000 €, hakija vahvisti ne.");
    expect(buttons(sent.slackTo(SLACK_COORDINATOR), "approvals.approve")).toHaveLength(1);
    for (const message of sent.slackTo(SLACK_COORDINATOR)) expect(slackBlockProblems(message.blocks)).toEqual([]);
    expect(JSON.stringify(sent.teamsTo(COORDINATOR))).toContain("Vierailu: Ville Vierailija");

    const refused = await bot.slack.click(
      { verb: "approvals.approve", args: { a: firstApproval } },
      { user: ESPOO_CONTACT },
    );
    expect(slackText(refused)).toContain("Bara AKE:s koordinatorer");
    const byVisitor = await execute({ verb: "approvals.approve", args: { a: firstApproval } }, VISITOR);
    expect(cardText(byVisitor.value)).toContain("Vain AKE:n koordinaattorit");
    expect((await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: firstApproval } })).status).toBe(
      "PENDING",
    );
  });

  it("AKE approves; the host contact gets the card in Swedish; only the contact can answer it", async () => {
    const approved = await bot.slack.click(
      { verb: "approvals.approve", args: { a: firstApproval } },
      { user: SLACK_COORDINATOR },
    );
    expect(slackText(approved)).toContain("✅ Hyväksyjä");
    expect((await visits())[0]?.status).toBe("AWAITING_HOST");
    const sent = await deliver();
    const ask = sent.slackTo(ESPOO_CONTACT);
    for (const message of ask) expect(slackBlockProblems(message.blocks)).toEqual([]);
    expect(JSON.stringify(ask)).toContain(
      "AKE godkände ett besök i ert bibliotek: Ville Vierailija (Borgå stadsbibliotek)",
    );
    const accepts = buttons(ask, "visits.hostAccept");
    expect(accepts.map((b) => b.args.d)).toEqual(["2026-12-07", "2026-12-09"]);
    expect(JSON.stringify(sent.teamsTo(VISITOR))).toContain("hyväksyi");

    // a coordinator (or anyone else) pressing the host's button is not the host
    const byCoordinator = await bot.slack.click(accepts[1] as ActionPayload, { user: SLACK_COORDINATOR });
    expect(slackText(byCoordinator)).toContain("Vain vastaanottavan kirjaston yhteyshenkilö voi vastata tähän.");
    expect((await visits())[0]?.status).toBe("AWAITING_HOST");
  });

  it("the host accepts a day; visitor and host get the plan and their checklist in their own language", async () => {
    const accept = { verb: "visits.hostAccept", args: { v: firstVisit, d: "2026-12-09" } };
    const answer = await bot.slack.click(accept, { user: ESPOO_CONTACT });
    expect(norm(slackText(answer))).toContain(
      "Överenskommet: Ville Vierailija besöker er ons 9.12.2026 – tors 10.12.2026",
    );
    expect((await visits())[0]).toMatchObject({ status: "CONFIRMED", confirmedDate: "2026-12-09" });
    // the same click again changes nothing
    expect(slackText(await bot.slack.click(accept, { user: ESPOO_CONTACT }))).toContain("väntar inte längre på svar");

    const sent = await deliver();
    for (const activity of sent.teamsTo(VISITOR)) {
      const attachments = activity.attachments as Array<{ content: unknown }>;
      expect(cardProblems(attachments[0]?.content)).toEqual([]);
    }
    for (const message of sent.slackTo(ESPOO_CONTACT)) expect(slackBlockProblems(message.blocks)).toEqual([]);
    const visitorPlan = norm(JSON.stringify(sent.teamsTo(VISITOR)));
    expect(visitorPlan).toContain(
      "Vierailu sovittu: Ville Vierailija → Espoon kaupunginkirjasto, ke 9.12.2026 – to 10.12.2026",
    );
    expect(visitorPlan).toContain("Käytännön järjestelyt");
    expect(visitorPlan).toContain("Varaa matkat");
    expect(visitorPlan).toContain(`https://ake.example.test/calendar/visits/${firstVisit}.ics?lang=fi`);
    const hostPlan = JSON.stringify(sent.slackTo(ESPOO_CONTACT));
    expect(hostPlan).toContain("Praktiska arrangemang");
    expect(hostPlan).toContain("Utse den som tar emot besökaren");
    expect(hostPlan).toContain(`/calendar/visits/${firstVisit}.ics?lang=sv`);

    // through the bot's own HTTP server, as a calendar app fetches it
    const response = await fetch(`${bot.url}/calendar/visits/${firstVisit}.ics?lang=sv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const ics = await response.text();
    expect(await visitCalendarFile(bot.store.prisma, firstVisit, "sv")).toBe(ics);
    expect((await fetch(`${bot.url}/calendar/visits/nope.ics`)).status).toBe(404);
    expect(ics).toContain("DTSTART;VALUE=DATE:20261209");
    expect(ics).toContain("DTEND;VALUE=DATE:20261211");
    expect(ics).toContain("SUMMARY:Besök: Ville Vierailija hos Esbo stadsbibliotek");

    // and in both parties' personal calendar feeds (`kalenteri`), each in their language
    const feedOf = async (platformUserId: string, token: string) => {
      await bot.store.prisma.user.updateMany({ where: { platformUserId }, data: { calendarToken: token } });
      const feed = await fetch(`${bot.url}/calendar/feed/${token}.ics`);
      expect(feed.status).toBe(200);
      return (await feed.text()).replace(/\r\n /g, "");
    };
    const visitorFeed = await feedOf(VISITOR.id, "v".repeat(43));
    expect(visitorFeed).toContain(`UID:visit-${firstVisit}@ake-bot.porvoo`);
    expect(visitorFeed).toContain("DTSTART;VALUE=DATE:20261209");
    expect(visitorFeed).toContain("SUMMARY:Vierailu: Ville Vierailija");
    const hostFeed = await feedOf(`T0001:${ESPOO_CONTACT}`, "h".repeat(43));
    expect(hostFeed).toContain(`UID:visit-${firstVisit}@ake-bot.porvoo`);
    expect(hostFeed).toContain("SUMMARY:Besök: Ville Vierailija hos Esbo stadsbibliotek");
  });

  it("a host outside Uusimaa is flagged; its contact proposes another day, which the visitor accepts", async () => {
    const submit = submitOf(cardOf(await bot.teams.message("vierailu hae", { user: VISITOR })));
    await execute(submit, VISITOR, {
      host: turkuHost,
      date1: "2027-01-12",
      days: "1",
      focus: "events",
      travelMode: "public",
      travel: "80",
    });
    const visit = (await visits())[1];
    if (!visit) throw new Error("no second visit");
    const sent = await deliver();
    expect(JSON.stringify(sent.slackTo(SLACK_COORDINATOR))).toContain(
      "Vastaanottava kirjasto on Uudenmaan ulkopuolella (Turku)",
    );
    const approval = await bot.store.prisma.approval.findFirstOrThrow({ where: { subjectId: visit.id } });
    await execute({ verb: "approvals.approve", args: { a: approval.id } }, COORDINATOR);
    const ask = (await deliver()).teamsTo(TURKU_CONTACT);
    expect(JSON.stringify(ask)).toContain("AKE godkände ett besök");
    const [propose] = buttons(ask, "visits.proposeForm");
    const form = await execute(propose as ActionPayload, TURKU_CONTACT, {}, "sv-FI");
    const submitPropose = submitOf(form.value);
    const past = await execute(submitPropose, TURKU_CONTACT, { date: "2026-11-01" }, "sv-FI");
    expect(cardText(past.value)).toContain("Dagen måste vara efter i dag.");
    const proposed = await execute(
      submitPropose,
      TURKU_CONTACT,
      { date: "2027-01-19", note: "Tisdagar passar bäst." },
      "sv-FI",
    );
    expect(cardText(proposed.value)).toContain("Skickat: Ville Vierailija ombeds godkänna");
    const offer = (await deliver()).teamsTo(VISITOR);
    expect(JSON.stringify(offer)).toContain(
      "Turun kaupunginkirjasto ehdottaa vierailullesi päivää ti 19.1.2027. Tisdagar passar bäst.",
    );
    const [accept] = buttons(offer, "visits.acceptProposal");
    // only the visitor can accept it
    expect(cardText((await execute(accept as ActionPayload, TURKU_CONTACT, {}, "sv-FI")).value)).toContain(
      "Knappen gäller inte längre",
    );
    expect((await bot.store.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).status).toBe("HOST_PROPOSED");
    const agreed = await execute(accept as ActionPayload, VISITOR);
    expect(cardText(agreed.value)).toContain("Sovittu: vierailusi kohteeseen Turun kaupunginkirjasto, ti 19.1.2027.");
    expect(await bot.store.prisma.visit.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({
      status: "CONFIRMED",
      confirmedDate: "2027-01-19",
    });
  });
});

describe("after the visit", () => {
  it("the day after, the visitor reports the actual costs; a coordinator marks the reimbursement paid", async () => {
    // not before the visit is over
    expect(cardText((await execute({ verb: "visits.reportForm", args: { v: firstVisit } }, VISITOR)).value)).toContain(
      "Voit ilmoittaa kulut vierailua seuraavasta päivästä alkaen.",
    );
    // Fri 11 Dec 2026 09:00 Helsinki: the visit was on the 9th and 10th
    bot.clock.now = new Date("2026-12-11T09:00:00+02:00");
    const sent = await deliver();
    const notice = sent.teamsTo(VISITOR);
    expect(JSON.stringify(notice)).toContain("Miten vierailusi kohteessa Espoon kaupunginkirjasto meni?");
    const [open] = buttons(notice, "visits.reportForm");
    const form = await execute(open as ActionPayload, VISITOR);
    expect(cardProblems(form.value)).toEqual([]);
    const submit = submitOf(form.value);
    const refused = await execute(submit, VISITOR, { travel: "-1", accommodation: "580" });
    expect(cardText(refused.value)).toContain("Summa ei voi olla negatiivinen.");
    expect((await visits())[0]?.status).toBe("CONFIRMED");
    const done = await execute(submit, VISITOR, {
      travel: "1420,40",
      accommodation: "580",
      experience: "Espoon lastenosasto oli upea.",
      consent: "true",
    });
    expect(norm(cardText(done.value))).toContain("Kiitos! 2 000,40 € korvaus on nyt maksettavana.");
    expect((await visits())[0]).toMatchObject({
      status: "TO_BE_PAID",
      actualTravelCents: 142040,
      actualAccommodationCents: 58000,
      publishConsent: true,
    });

    const overviewCard = cardOf(await bot.teams.message("vierailu yhteenveto", { user: COORDINATOR }));
    expect(cardProblems(overviewCard)).toEqual([]);
    const overview = norm(cardText(overviewCard));
    expect(overview).toContain("Vierailut 2026");
    expect(overview).toContain("korvaus maksettavana 1");
    expect(overview).toContain(
      "Matkat: arvioitu 0,00 € · vahvistettu 1 420,40 € · maksettu 0,00 € · budjetti 9 000,00 €",
    );
    expect(overview).toContain("Espoon lastenosasto oli upea.");
    expect(cardText(cardOf(await bot.teams.message("vierailu yhteenveto", { user: VISITOR })))).toContain(
      "Vain AKE:n koordinaattorit",
    );
    const paid = await bot.slack.click({ verb: "visits.paid", args: { v: firstVisit } }, { user: SLACK_COORDINATOR });
    expect(norm(slackText(paid))).toContain(
      "Merkitty maksetuksi: Ville Vierailija → Espoon kaupunginkirjasto, 2 000,40 €.",
    );
    expect((await visits())[0]?.status).toBe("PAID");
    const csv = cardText(cardOf(await bot.teams.message("vierailu yhteenveto csv", { user: COORDINATOR })));
    expect(csv).toContain(`${firstVisit},PAID,Ville Vierailija,Espoon kaupunginkirjasto,Espoo,2026-12-09,2026-12-10,2`);
    const mine = cardText(cardOf(await bot.teams.message("vierailu omat", { user: VISITOR })));
    expect(mine).toContain("Vierailusi: Espoon kaupunginkirjasto");
    expect(mine).toContain("korvaus maksettu");
  });
});
