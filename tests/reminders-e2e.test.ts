// Reminders end to end, on a real store (embedded, or PostgreSQL with TEST_DATABASE_URL):
// a click in Slack, the planner, the app clock moved to the planned instant, a delivery
// pass, and what reaches the fake Slack API. The harness clock starts on Monday 19 Oct
// 2026 10:00 Helsinki, before the clocks go back on Sunday 25 Oct.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planReminders } from "../domain/store/reminders.ts";
import { helsinkiInstant } from "../domain/time.ts";
import { TEST_USERS, type TeamsUser } from "./fakes/teams-activities.ts";
import { startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { createSession, NOW, registerPayload, slackButtons, slackUser } from "./registrations-fixtures.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: NOW });
});
afterAll(async () => {
  await bot?.stop();
});
beforeEach(() => {
  bot.clock.now = new Date(NOW);
});

const remindPayload = (s: string) => ({ verb: "meetups.remind", args: { s } });
const dmsTo = (user: string) => bot.fakeSlack.callsTo("chat.postMessage").filter((call) => call.args.channel === user);
async function rowsOf(slackId: string) {
  const user = await slackUser(bot.store.prisma, slackId);
  return bot.store.prisma.notification.findMany({ where: { userId: user.id }, orderBy: { notBefore: "asc" } });
}

describe("planning", () => {
  it("is idempotent, and a moved session gets rows of its own", async () => {
    const day = await createSession(bot.store.prisma, { title: "Idempotentti", at: ["2026-10-22", "13:00"] });
    await bot.slack.click(registerPayload(day.id), { user: "U0PLAN1" });
    await planReminders(bot.store.prisma, bot.clock.now);
    const first = await rowsOf("U0PLAN1");
    expect(first.map((r) => r.kind)).toEqual(["reminders.session", "reminders.session"]);
    expect(await planReminders(bot.store.prisma, bot.clock.now)).toBe(0);
    expect((await rowsOf("U0PLAN1")).map((r) => r.key)).toEqual(first.map((r) => r.key));

    await bot.store.prisma.session.update({
      where: { id: day.id },
      data: { startsAt: helsinkiInstant("2026-10-23", "13:00"), endsAt: helsinkiInstant("2026-10-23", "16:00") },
    });
    expect(await planReminders(bot.store.prisma, bot.clock.now)).toBe(2);
  });

  it("plans a core-group meeting for every member of that network's core group", async () => {
    // early enough that the week-before reminder (Monday 19 Oct 09:00) is still ahead
    bot.clock.now = helsinkiInstant("2026-10-19", "08:00");
    const members = await Promise.all(
      ["U0CORE1", "U0CORE2"].map(async (id) => {
        await bot.slack.command("apua", { user: id });
        return slackUser(bot.store.prisma, id);
      }),
    );
    await bot.store.prisma.coreGroupMember.createMany({
      data: members.map((m) => ({ networkId: "severi", userId: m.id })),
    });
    await createSession(bot.store.prisma, {
      title: "Ydinryhmä",
      kind: "CORE_GROUP_MEETING",
      at: ["2026-10-26", "13:00"],
      registrationRequired: false,
    });
    await planReminders(bot.store.prisma, bot.clock.now);
    for (const id of ["U0CORE1", "U0CORE2"]) {
      const rows = await rowsOf(id);
      expect(rows.map((r) => [r.kind, r.notBefore.toISOString()])).toEqual([
        ["reminders.coreGroup", "2026-10-19T06:00:00.000Z"],
        // the day before is a Sunday: Friday 23 Oct 09:00
        ["reminders.coreGroup", "2026-10-23T06:00:00.000Z"],
      ]);
    }
  });

  it("a Sunday meeting's week-before reminder, moved to the Friday nine days before, is planned in time", async () => {
    bot.clock.now = helsinkiInstant("2026-10-23", "08:00");
    await bot.slack.command("apua", { user: "U0CORE3" });
    const member = await slackUser(bot.store.prisma, "U0CORE3");
    await bot.store.prisma.coreGroupMember.create({ data: { networkId: "severi", userId: member.id } });
    const sunday = await createSession(bot.store.prisma, {
      title: "Sunnuntairyhmä",
      kind: "CORE_GROUP_MEETING",
      at: ["2026-11-01", "13:00"],
      registrationRequired: false,
    });
    await planReminders(bot.store.prisma, bot.clock.now);
    const rows = (await rowsOf("U0CORE3")).filter((r) => r.key.includes(sunday.id));
    expect(rows.map((r) => r.notBefore.toISOString())).toEqual([
      "2026-10-23T06:00:00.000Z",
      "2026-10-30T07:00:00.000Z",
    ]);
  });
});

describe("delivery", () => {
  it("Remind me on a coffee: at 09:00 Helsinki on the Monday after the change, a DM in Swedish", async () => {
    // Tuesday 20 Oct, before the change: the coffee a week later is within the planning horizon
    bot.clock.now = helsinkiInstant("2026-10-20", "10:00");
    const coffee = await createSession(bot.store.prisma, {
      title: "Etäkahvit",
      kind: "REMOTE_COFFEE",
      at: ["2026-10-27", "13:00"],
      minutes: 30,
      registrationRequired: false,
      capacity: null,
      joinUrl: "https://meet.example.test/kahvit",
    });
    bot.fakeSlack.setUserLocale("U0SVREM", "sv-FI");
    await bot.slack.click(remindPayload(coffee.id), { user: "U0SVREM" });
    await planReminders(bot.store.prisma, bot.clock.now);

    // one minute early (08:59 EET): nothing yet
    bot.clock.now = new Date("2026-10-26T06:59:00.000Z");
    await bot.app.delivery.runOnce();
    expect(dmsTo("U0SVREM")).toHaveLength(0);

    bot.clock.now = new Date("2026-10-26T07:00:00.000Z");
    await bot.app.delivery.runOnce();
    const [dm] = dmsTo("U0SVREM");
    const text = JSON.stringify(dm?.args);
    expect(text).toContain("Påminnelse: ”Etäkahvit (sv)” är i morgon, tis 27.10 kl. 13.00–13.30.");
    expect(text).toContain("https://meet.example.test/kahvit");
    expect(text).toContain("Stoppa de här påminnelserna");
    expect(text).not.toContain("registrations.cancel");
    const rows = await rowsOf("U0SVREM");
    expect(rows.map((r) => r.status)).toEqual(["SENT", "PENDING"]);

    // a second pass sends nothing again
    await bot.app.delivery.runOnce();
    expect(dmsTo("U0SVREM")).toHaveLength(1);

    // "Stop these reminders" in the DM switches the kind off: the 15-minute one is skipped
    const stop = slackButtons(dm?.args as { blocks: Array<Record<string, unknown>> }).find(
      (b) => b.verb === "reminders.set",
    );
    const answer = await bot.slack.click(stop?.value ?? "", { user: "U0SVREM" });
    expect(JSON.stringify(answer.blocks)).toContain("Påminnelser avstängda");
    bot.clock.now = helsinkiInstant("2026-10-27", "12:45");
    await bot.app.delivery.runOnce();
    expect(dmsTo("U0SVREM")).toHaveLength(1);
    expect((await rowsOf("U0SVREM")).map((r) => r.status)).toEqual(["SENT", "SKIPPED"]);
  });

  it("on Teams, in English: a proactive message 15 minutes before, at night too", async () => {
    const late = await createSession(bot.store.prisma, {
      title: "Yökahvit",
      kind: "REMOTE_COFFEE",
      at: ["2026-10-24", "00:10"],
      registrationRequired: false,
      capacity: null,
    });
    const user: TeamsUser = {
      ...TEST_USERS.maija,
      id: "29:1night-Owl01",
      aadObjectId: "6a1f0c1e-0000-4000-8000-00000000c0c3",
    };
    // asked for on Friday at 10:00: the day-before reminder (Friday 09:00) is past, not planned
    bot.clock.now = helsinkiInstant("2026-10-23", "10:00");
    await bot.teams.execute(remindPayload(late.id), { user, locale: "en-GB" });
    await planReminders(bot.store.prisma, bot.clock.now);
    const before = bot.connector.activities.length;
    bot.clock.now = helsinkiInstant("2026-10-23", "23:55");
    await bot.app.delivery.runOnce();
    const sent = bot.connector.activities.slice(before).map((a) => JSON.stringify(a.activity));
    expect(sent.filter((a) => a.includes("Reminder: “Yökahvit (en)” starts in 15 minutes"))).toHaveLength(1);
  });

  it("a session cancelled after planning sends nothing: the row is SKIPPED", async () => {
    const day = await createSession(bot.store.prisma, { title: "Peruttava", at: ["2026-10-21", "13:00"] });
    await bot.slack.click(registerPayload(day.id), { user: "U0CANC" });
    await planReminders(bot.store.prisma, bot.clock.now);
    await bot.store.prisma.session.update({ where: { id: day.id }, data: { cancelledAt: bot.clock.now } });

    bot.clock.now = helsinkiInstant("2026-10-20", "09:00");
    await bot.app.delivery.runOnce();
    expect(dmsTo("U0CANC")).toHaveLength(0);
    expect((await rowsOf("U0CANC")).map((r) => [r.status, r.lastError])).toEqual([
      ["SKIPPED", "nothing_to_send"],
      ["PENDING", null],
    ]);
  });

  it("a registered user gets Cancel my registration; one who switched the kind off in `muistutukset` gets nothing", async () => {
    const day = await createSession(bot.store.prisma, { title: "Koulutus", at: ["2026-10-21", "13:00"] });
    for (const user of ["U0KEEP", "U0OFF"]) await bot.slack.click(registerPayload(day.id), { user });

    const settings = await bot.slack.command("muistutukset", { user: "U0OFF" });
    const off = slackButtons(settings).find((b) => b.verb === "reminders.set" && b.args?.k === "session");
    expect(off).toMatchObject({ label: "Poista käytöstä", args: { on: "0" } });
    const after = await bot.slack.click(off?.value ?? "", { user: "U0OFF" });
    expect(JSON.stringify(after.blocks)).toContain("Muistutukset poistettu käytöstä");
    expect(slackButtons(after).find((b) => b.args?.k === "session")?.label).toBe("Ota käyttöön");

    await planReminders(bot.store.prisma, bot.clock.now);
    bot.clock.now = helsinkiInstant("2026-10-20", "09:00");
    await bot.app.delivery.runOnce();
    expect(dmsTo("U0OFF")).toHaveLength(0);
    expect((await rowsOf("U0OFF"))[0]?.status).toBe("SKIPPED");
    const kept = JSON.stringify(dmsTo("U0KEEP")[0]?.args);
    expect(kept).toContain("Muistutus: ”Koulutus” on huomenna");
    expect(kept).toContain("Peru ilmoittautumiseni");
    expect(kept).toContain("registrations.cancel");
  });

  it("snooze: `muistutukset tauko 2vk` holds every reminder back, `jatka` lets the next ones through", async () => {
    const day = await createSession(bot.store.prisma, { title: "Tauko", at: ["2026-10-21", "13:00"] });
    await bot.slack.click(registerPayload(day.id), { user: "U0NAP" });
    expect(slackText(await bot.slack.command("muistutukset tauko 2vk", { user: "U0NAP" }))).toContain(
      "Selvä, ei muistutuksia 2.11.2026",
    );
    expect(slackText(await bot.slack.command("muistutukset tauko 9vk", { user: "U0NAP" }))).toContain(
      "1 päivästä 8 viikkoon",
    );
    await planReminders(bot.store.prisma, bot.clock.now);

    bot.clock.now = helsinkiInstant("2026-10-20", "09:00");
    await bot.app.delivery.runOnce();
    expect(dmsTo("U0NAP")).toHaveLength(0);

    expect(slackText(await bot.slack.command("muistutukset jatka", { user: "U0NAP" }))).toContain(
      "Muistutukset ovat taas päällä.",
    );
    bot.clock.now = helsinkiInstant("2026-10-21", "12:45");
    await bot.app.delivery.runOnce();
    expect(JSON.stringify(dmsTo("U0NAP")[0]?.args)).toContain("alkaa 15 minuutin päästä");
  });
});

function slackText(message: { blocks: Array<Record<string, unknown>> }): string {
  return JSON.stringify(message.blocks);
}
