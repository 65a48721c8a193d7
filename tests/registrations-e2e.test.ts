// Registering as a user would notice it: signed Slack requests and Bot Framework
// activities through the HTTP endpoints, the real core and store (embedded, or
// PostgreSQL with TEST_DATABASE_URL). Clock: Monday 19 Oct 2026 10:00 Helsinki.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registrationsFeature } from "../bot/features/registrations/index.ts";
import { translator } from "../bot/i18n/index.ts";
import { helsinkiInstant } from "../domain/time.ts";
import { PUBLIC_URL, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import {
  cancelPayload,
  createSession,
  HOUR,
  NOW,
  registerPayload,
  slackButtons,
  slackUser,
} from "./registrations-fixtures.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: NOW });
  for (const [id, locale] of [
    ["U0SV1", "sv-SE"],
    ["U0EN1", "en-US"],
    ["U0EN2", "en-US"],
  ])
    bot.fakeSlack.setUserLocale(id as string, locale as string);
});
afterAll(async () => {
  await bot?.stop();
});

const count = (sessionId: string) => bot.store.prisma.registration.count({ where: { sessionId } });
const say = async (text: string, user: string) => slackText(await bot.slack.command(text, { user }));
const click = async (payload: { verb: string; args: Record<string, string> }, user: string) =>
  slackText(await bot.slack.click(payload, { user }));

describe("tilaisuudet", () => {
  it("lists sessions with seats, deadline and place, at 9.00 Helsinki time after the October change", async () => {
    const day = await createSession(bot.store.prisma, {
      title: "SVEA:n syyspäivä",
      networkId: "svea",
      at: ["2026-11-03", "09:00"],
      registrationDeadline: helsinkiInstant("2026-10-30", "16:00"),
    });
    const fi = await say("tilaisuudet svea", "U0LIST");
    expect(fi).toContain("Tilaisuudet: svea");
    expect(fi).toContain("ti 3.11. klo 9.00–12.00");
    expect(fi).toContain("Verkostopäivä · SVEA");
    expect(fi).toContain("Vapaita paikkoja 20/20");
    expect(fi).toContain("Ilmoittaudu viimeistään pe 30.10. klo 16.00");
    expect(fi).toContain("Paikka: Porvoon pääkirjasto");
    expect(fi).toContain(`${PUBLIC_URL}/calendar/sessions/${day.id}.ics?lang=fi`);
    expect(fi).not.toContain("kaffe"); // SVEA's remote coffees need no registration: not listed here
    const en = await say("events svea", "U0EN1");
    expect(en).toContain("Tue 3 Nov, 09:00–12:00");
    expect(en).toContain("Register by Fri 30 Oct, 16:00");
  });

  it("pages eight at a time; More replaces the list with the rest", async () => {
    for (let day = 10; day < 19; day++) {
      await createSession(bot.store.prisma, { networkId: "vapaaehtoiset", at: [`2026-12-${day}`, "13:00"] });
    }
    const first = await bot.slack.command("tilaisuudet vapaaehtoiset", { user: "U0PAGE" });
    expect(slackText(first)).toContain("1–8 / 9");
    const more = slackButtons(first).find((b) => b.label === "Lisää");
    const next = await bot.slack.click(String(more?.value), { user: "U0PAGE" });
    expect(next.replace_original).toBe(true);
    expect(slackText(next)).toContain("9–9 / 9");
  });

  it("the networks card's Show sessions lists that network's sessions only", async () => {
    const day = await createSession(bot.store.prisma, { title: "Esihenkilöpäivä", networkId: "esihenkilot" });
    const text = await click({ verb: "registrations.list", args: { n: "esihenkilot" } }, "U0LIST");
    expect(text).toContain("Esihenkilöpäivä");
    expect(text).toContain("1–1 / 1");
    expect(text).toContain(day.id);
  });
});

describe("registering", () => {
  it("registers from the list, says so in Finnish, and every list then shows it", async () => {
    const day = await createSession(bot.store.prisma, { title: "Lanu-päivä", networkId: "lanu", capacity: 10 });
    const list = await bot.slack.command("tilaisuudet lanu", { user: "U0REG" });
    const button = slackButtons(list).find((b) => b.verb === "registrations.register" && b.args?.s === day.id);
    expect(button?.label).toBe("Ilmoittaudu");
    expect(await click(registerPayload(day.id), "U0REG")).toContain(
      "Olet ilmoittautunut tilaisuuteen ”Lanu-päivä” (ti 10.11. klo 9.00–12.00).",
    );
    const again = await bot.slack.command("tilaisuudet lanu", { user: "U0REG" });
    expect(slackText(again)).toContain("✅ Olet ilmoittautunut");
    expect(slackText(again)).toContain("Vapaita paikkoja 9/10");
    expect(slackButtons(again).find((b) => b.args?.s === day.id && b.verb === "registrations.cancel")?.label).toBe(
      "Peru ilmoittautuminen",
    );
    expect(await say("omat", "U0REG")).toContain("Lanu-päivä");
  });

  it("a full session puts the user on the waitlist with their number, in their language", async () => {
    const day = await createSession(bot.store.prisma, { title: "Pieni koulutus", kind: "TRAINING", capacity: 1 });
    await click(registerPayload(day.id), "U0FULL1");
    expect(await click(registerPayload(day.id), "U0FULL2")).toContain(
      "”Pieni koulutus” (ti 10.11. klo 9.00–12.00) on täynnä: olet varasijalla numero 1.",
    );
    expect(await click(registerPayload(day.id), "U0EN2")).toContain("you are number 2 on the waitlist");
    const list = await say("events", "U0EN2");
    expect(list).toContain("⏳ You are number 2 on the waitlist");
    expect(list).toContain("Leave the waitlist");
  });

  it("a cancellation promotes the first in line, who is told in Swedish; cancelling twice changes nothing", async () => {
    const day = await createSession(bot.store.prisma, { title: "Syysseminaari", capacity: 1 });
    await click(registerPayload(day.id), "U0CAN1");
    await click(registerPayload(day.id), "U0SV1");
    expect(await click(cancelPayload(day.id), "U0CAN1")).toContain(
      "Ilmoittautumisesi tilaisuuteen ”Syysseminaari” (ti 10.11. klo 9.00–12.00) on peruttu.",
    );
    expect(await click(cancelPayload(day.id), "U0CAN1")).toContain("Et ole ilmoittautunut tilaisuuteen");
    const swede = await slackUser(bot.store.prisma, "U0SV1");
    const notifications = await bot.store.prisma.notification.findMany({
      where: { kind: "registrations.promoted", userId: swede.id },
    });
    expect(notifications).toHaveLength(1);
    const render = registrationsFeature.notifications?.["registrations.promoted"];
    const reply = render?.({ language: "sv", t: translator("sv"), publicUrl: PUBLIC_URL }, notifications[0]?.payload);
    expect(reply?.summary).toBe(
      "En plats blev ledig: du är nu anmäld till ”Syysseminaari (sv)” (tis 10.11 kl. 9.00–12.00).",
    );
    expect(await say("mina", "U0SV1")).toContain("✅ Du är anmäld");
  });
});

describe("refusals, in the user's language, storing nothing", () => {
  it("a session that has started", async () => {
    const day = await createSession(bot.store.prisma, { title: "Aamupäivä", at: ["2026-10-19", "09:00"] });
    expect(await click(registerPayload(day.id), "U0NO1")).toContain(
      "”Aamupäivä” on jo alkanut, joten ilmoittautuminen on päättynyt.",
    );
    expect(await count(day.id)).toBe(0);
  });

  it("after the deadline", async () => {
    const deadline = new Date(new Date(NOW).getTime() - 2 * HOUR);
    const day = await createSession(bot.store.prisma, { title: "Myöhäinen", registrationDeadline: deadline });
    expect(await click(registerPayload(day.id), "U0SV1")).toContain(
      "Anmälan till ”Myöhäinen (sv)” stängdes mån 19.10 kl. 8.00.",
    );
    expect(await count(day.id)).toBe(0);
  });

  it("a core-group meeting, for someone outside the core group; its members see and register", async () => {
    const meeting = await createSession(bot.store.prisma, {
      title: "SEVERIn ydinryhmä",
      kind: "CORE_GROUP_MEETING",
      capacity: null,
    });
    expect(await click(registerPayload(meeting.id), "U0EN1")).toContain(
      "That meeting is only for the network's core group, so you can't register for it.",
    );
    expect(await count(meeting.id)).toBe(0);
    expect(await say("events severi", "U0EN1")).not.toContain("SEVERIn ydinryhmä");
    await say("omat", "U0CORE");
    const member = await slackUser(bot.store.prisma, "U0CORE");
    await bot.store.prisma.coreGroupMember.create({ data: { networkId: "severi", userId: member.id } });
    expect(await say("tilaisuudet severi", "U0CORE")).toContain("SEVERIn ydinryhmä");
    expect(await click(registerPayload(meeting.id), "U0CORE")).toContain("Olet ilmoittautunut");
  });

  it("coffees need no registration: the user is pointed to Remind me", async () => {
    const coffee = await bot.store.prisma.session.findFirstOrThrow({
      where: { seriesId: "etakahvit", startsAt: { gt: new Date(NOW) } },
      orderBy: { startsAt: "asc" },
    });
    const reply = await bot.slack.click(registerPayload(coffee.id), { user: "U0NO1" });
    expect(slackText(reply)).toContain("”AKE:n etäkahvit” ei vaadi ilmoittautumista");
    expect(slackButtons(reply).map((b) => b.verb)).toContain("meetups.remind");
    expect(await count(coffee.id)).toBe(0);
  });
});

describe("omat", () => {
  it("lists registrations, waitlist places and reminders, each with a button that takes it back", async () => {
    expect(await say("omat", "U0MINE")).toContain("Sinulla ei ole tulevia ilmoittautumisia eikä muistutuksia");
    const open = await createSession(bot.store.prisma, { title: "Oma päivä", at: ["2026-11-20", "09:00"] });
    const full = await createSession(bot.store.prisma, { title: "Täysi päivä", capacity: 0 });
    const coffee = await bot.store.prisma.session.findFirstOrThrow({
      where: { seriesId: "tutkittua", startsAt: { gt: new Date(NOW) } },
    });
    await click(registerPayload(open.id), "U0MINE");
    await click(registerPayload(full.id), "U0MINE");
    await click({ verb: "meetups.remind", args: { s: coffee.id } }, "U0MINE");
    const mine = await bot.slack.command("omat", { user: "U0MINE" });
    const text = slackText(mine);
    expect(text).toContain("Ilmoittautumiset ja varasijat");
    expect(text.indexOf("Täysi päivä")).toBeLessThan(text.indexOf("Oma päivä"));
    expect(text).toContain("⏳ Olet varasijalla numero 1");
    expect(text).toContain("Muistutukset");
    const verbs = slackButtons(mine).map((b) => `${b.verb}:${b.args?.s}`);
    expect(verbs).toEqual(
      expect.arrayContaining([
        `registrations.cancel:${open.id}`,
        `registrations.cancel:${full.id}`,
        `registrations.unremind:${coffee.id}`,
      ]),
    );
    expect(await click({ verb: "registrations.unremind", args: { s: coffee.id } }, "U0MINE")).toContain(
      "Selvä, en muistuta tilaisuudesta",
    );
    expect(await say("omat", "U0MINE")).not.toContain("Muistutukset");
  });

  it("apua names both commands", async () => {
    const help = await say("apua", "U0HELP");
    expect(help).toContain("tilaisuudet – verkostopäivät, koulutukset");
    expect(help).toContain("omat – omat ilmoittautumisesi");
  });
});
