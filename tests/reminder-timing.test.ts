// Coordinators set when reminders go out (`muistutukset ajat`): refused values come back
// beside their fields, a saved timing moves what is already planned (no reminder twice),
// and the texts say the new span.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { planEverything } from "../domain/store/planning.ts";
import { cardOf, cardText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, STAFF } from "./publishing-fixtures.ts";

let bot: TestBot;
let coffeeId = "";

beforeAll(async () => {
  bot = await startTestBot({ now: "2026-11-23T10:00:00+02:00" }); // Monday
  await makeCoordinators(bot);
  await bot.teams.message("apua", { user: STAFF });
  const staff = await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId: STAFF.id } });
  const coffee = await bot.store.prisma.session.create({
    data: {
      kind: "REMOTE_COFFEE",
      titleFi: "Ajastuskahvit",
      titleSv: "Tidskaffe",
      titleEn: "Timing coffee",
      startsAt: new Date("2026-11-26T13:00:00+02:00"),
      endsAt: new Date("2026-11-26T13:30:00+02:00"),
      languages: ["fi"],
      tags: [],
    },
  });
  coffeeId = coffee.id;
  const meeting = await bot.store.prisma.session.create({
    data: {
      kind: "CORE_GROUP_MEETING",
      networkId: "severi",
      titleFi: "SEVERIn ydinryhmä",
      titleSv: "SEVERIs kärngrupp",
      titleEn: "SEVERI core group",
      startsAt: new Date("2026-12-02T13:00:00+02:00"),
      endsAt: new Date("2026-12-02T14:00:00+02:00"),
      languages: ["fi"],
      tags: [],
    },
  });
  await bot.store.prisma.sessionInterest.create({ data: { userId: staff.id, sessionId: coffee.id } });
  await bot.store.prisma.coreGroupMember.create({ data: { networkId: "severi", userId: staff.id } });
  expect(meeting.id).toBeTruthy();
  await planEverything(bot.store.prisma, bot.clock.now);
});
afterAll(async () => {
  await bot?.stop();
});

async function submit(inputs: Record<string, string>, user = COORDINATOR) {
  const response = await bot.teams.execute(
    { verb: "reminders.timing", args: {}, ...inputs } as unknown as ActionPayload,
    { user },
  );
  expect(response.status).toBe(200);
  return cardText(response.body);
}

async function plannedTimes() {
  const rows = await bot.store.prisma.notification.findMany({
    where: { kind: { in: ["reminders.session", "reminders.coreGroup"] } },
    orderBy: { notBefore: "asc" },
  });
  return rows.map((r) => [r.kind, (r.payload as { slot: string }).slot, r.notBefore.toISOString()]);
}

describe("muistutukset ajat", () => {
  it("shows the current timing in a form, to coordinators only", async () => {
    const form = cardText(cardOf(await bot.teams.message("muistutukset ajat", { user: COORDINATOR })));
    expect(form).toContain("Milloin muistutukset lähtevät");
    expect(form).toContain('"value":"09:00"');
    const staff = cardText((await bot.teams.message("muistutukset ajat", { user: STAFF })).activity);
    expect(staff).not.toContain("Milloin muistutukset lähtevät");
    expect(await submit({ morning: "10:00", minutesBefore: "30", coreGroupDaysBefore: "3" }, STAFF)).toMatch(
      /koordinaattori/i,
    );
  });

  it("refuses a night-time hour and out-of-range spans beside their fields, and saves nothing", async () => {
    const before = await plannedTimes();
    const answer = await submit({ morning: "07:00", minutesBefore: "500", coreGroupDaysBefore: "x" });
    expect(answer).toContain("Anna kellonaika väliltä 08:00–17:45");
    expect(answer).toContain("Anna kokonaisluku väliltä 5–120");
    expect(answer).toContain("Anna kokonaisluku väliltä 2–14");
    expect(await bot.store.prisma.botSetting.count()).toBe(0);
    expect(await plannedTimes()).toEqual(before);
  });

  it("a saved timing moves the planned reminders, once each, on the Helsinki clock", async () => {
    const before = await plannedTimes();
    expect(before).toEqual([
      ["reminders.session", "dayBefore", "2026-11-25T07:00:00.000Z"],
      ["reminders.coreGroup", "weekBefore", "2026-11-25T07:00:00.000Z"],
      ["reminders.session", "minutes15", "2026-11-26T10:45:00.000Z"],
      ["reminders.coreGroup", "dayBefore", "2026-12-01T07:00:00.000Z"],
    ]);
    const answer = await submit({ morning: "10:30", minutesBefore: "30", coreGroupDaysBefore: "3" });
    expect(answer).toContain("Tallennettu: edellisen päivän muistutukset klo 10:30, viimeinen 30 minuuttia ennen");
    expect(await plannedTimes()).toEqual([
      ["reminders.session", "dayBefore", "2026-11-25T08:30:00.000Z"],
      ["reminders.session", "minutes15", "2026-11-26T10:30:00.000Z"],
      // three days before Wednesday 2 Dec is a Sunday: the Friday before
      ["reminders.coreGroup", "weekBefore", "2026-11-27T08:30:00.000Z"],
      ["reminders.coreGroup", "dayBefore", "2026-12-01T08:30:00.000Z"],
    ]);
    // a planner tick after the change adds nothing
    expect(await planEverything(bot.store.prisma, bot.clock.now)).toMatchObject({ sessions: 0 });
  });

  it("the last reminder says the new span", async () => {
    bot.clock.now = new Date("2026-11-26T12:30:00+02:00");
    await bot.app.delivery.runOnce();
    const sent = await bot.connector.waitForActivity((a) => cardText(a.activity).includes("Ajastuskahvit"));
    expect(cardText(sent.activity)).toContain("alkaa 30 minuutin päästä");
    expect(coffeeId).toBeTruthy();
  });
});
