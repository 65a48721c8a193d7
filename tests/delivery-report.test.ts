// Coordinators see what the bot sent on its own, in chat: by kind, by session, and the
// failures with their reason in words (issue 6 item 6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { planEverything } from "../domain/store/planning.ts";
import { cardOf, cardText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, STAFF } from "./publishing-fixtures.ts";

let bot: TestBot;
let sessionId = "";

beforeAll(async () => {
  bot = await startTestBot({ now: "2026-11-24T08:00:00+02:00" }); // Tuesday
  await makeCoordinators(bot);
  await bot.teams.message("apua", { user: STAFF });
  const session = await bot.store.prisma.session.create({
    data: {
      kind: "REMOTE_COFFEE",
      titleFi: "Toimituskahvit",
      titleSv: "Leveranskaffe",
      titleEn: "Delivery coffee",
      startsAt: new Date("2026-11-26T10:00:00+02:00"),
      endsAt: new Date("2026-11-26T10:30:00+02:00"),
      languages: ["fi"],
      tags: [],
    },
  });
  sessionId = session.id;
  const staff = await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId: STAFF.id } });
  // a Teams user the bot knows only from a mention: it has no chat with them
  const silent = await bot.store.prisma.user.create({
    data: { platform: "TEAMS", platformUserId: "29:1never-wrote", displayName: "Hiljainen Henkilö" },
  });
  await bot.store.prisma.sessionInterest.createMany({
    data: [
      { userId: staff.id, sessionId },
      { userId: silent.id, sessionId },
    ],
  });
  await planEverything(bot.store.prisma, bot.clock.now);
  bot.clock.now = new Date("2026-11-25T09:00:00+02:00");
  await bot.app.delivery.runOnce();
});
afterAll(async () => {
  await bot?.stop();
});

describe("muistutukset toimitus", () => {
  it("shows planned, sent and failed by kind and by session, and why a delivery failed", async () => {
    const text = cardText(cardOf(await bot.teams.message("muistutukset toimitus", { user: COORDINATOR })));
    expect(text).toContain("Toimitus: 7 päivää taakse ja eteen");
    expect(text).toContain("tilaisuusmuistutus");
    expect(text).toContain("2 suunniteltu · 1 lähetetty · 1 epäonnistui · 0 ei tarpeen");
    expect(text).toContain("Toimituskahvit");
    expect(text).toContain("Hiljainen Henkilö · ei ole koskaan avannut bottia Teamsissa");
  });

  it("a session's Details lists every delivery with its recipient and outcome, in Swedish for a Swedish coordinator", async () => {
    const response = await bot.teams.execute({ verb: "reminders.delivery", args: { s: sessionId } } as ActionPayload, {
      user: COORDINATOR,
      locale: "sv-FI",
    });
    expect(response.status).toBe(200);
    const sent = await bot.connector.waitForActivity((a) => cardText(a.activity).includes("Leverans: "));
    const text = cardText(sent.activity);
    expect(text).toContain("evenemangspåminnelse · Hiljainen Henkilö · misslyckades");
    expect(text).toMatch(/misslyckades: har aldrig öppnat botten i Teams/);
    expect(text).toContain("Leena Lohja");
  });

  it("is for coordinators only, whatever the payload", async () => {
    const text = cardText((await bot.teams.message("muistutukset toimitus", { user: STAFF })).activity);
    expect(text).not.toContain("Toimitus:");
    const forged = await bot.teams.execute({ verb: "reminders.delivery", args: { s: sessionId } } as ActionPayload, {
      user: STAFF,
    });
    expect(JSON.stringify(forged.body)).toMatch(/koordinaattori/i);
  });
});
