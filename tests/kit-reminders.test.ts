// Kit reminders (issues 4 and 6): the library holding a kit is told on the working day
// it should send it on, at 09:00 Helsinki, and a day later that the return is overdue;
// neither comes once the kit has left, nor when it stays for the library's next booking,
// nor to someone who switched kit reminders off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { transitWindow } from "../domain/kits/working-days.ts";
import { toDbDate } from "../domain/store/kits.ts";
import { planEverything } from "../domain/store/planning.ts";
import { cardText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { makeCoordinators, STAFF } from "./publishing-fixtures.ts";

let bot: TestBot;
let staffId = "";

async function booking(item: string, start: string, end: string, status: "RECEIVED" | "APPROVED", libraryId = "lohja") {
  const occupied = transitWindow(start, end, 2);
  return bot.store.prisma.kitBooking.create({
    data: {
      itemId: item,
      libraryId,
      requesterId: staffId,
      contactName: "Leena",
      useStart: toDbDate(start),
      useEnd: toDbDate(end),
      occupiedStart: toDbDate(occupied.start),
      occupiedEnd: toDbDate(occupied.end),
      status,
    },
  });
}

beforeAll(async () => {
  bot = await startTestBot({ now: "2026-12-01T12:00:00+02:00" }); // Tuesday
  await makeCoordinators(bot);
  await bot.teams.message("apua", { user: STAFF });
  staffId = (await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId: STAFF.id } })).id;
});
afterAll(async () => {
  await bot?.stop();
});

describe("send it on, and the overdue return", () => {
  it("are planned for 09:00 on the first working day after use, and the next one", async () => {
    // use ends Friday 4 Dec; Monday 7th is the send-on day; Tuesday 8th it is overdue
    await booking("pakopeli-1", "2026-11-30", "2026-12-04", "RECEIVED");
    await planEverything(bot.store.prisma, bot.clock.now);
    const rows = await bot.store.prisma.notification.findMany({
      where: { kind: { startsWith: "kits." } },
      orderBy: { notBefore: "asc" },
    });
    expect(rows.map((r) => [r.kind, r.notBefore.toISOString()])).toEqual([
      ["kits.sendToday", "2026-12-07T07:00:00.000Z"],
      // Independence Day (Sunday 6th) does not move it; Tuesday is the next working day
      ["kits.returnOverdue", "2026-12-08T07:00:00.000Z"],
    ]);
    expect(await planEverything(bot.store.prisma, bot.clock.now)).toMatchObject({ kits: 0 });
  });

  it("the send-on day tells the library where to send it, with the button", async () => {
    bot.clock.now = new Date("2026-12-07T09:00:00+02:00");
    await bot.app.delivery.runOnce();
    const sent = await bot.connector.waitForActivity((a) => cardText(a.activity).includes("Tänään lähetetään"));
    expect(cardText(sent.activity)).toContain("Tänään lähetetään Pakopeli 1 eteenpäin: AKE (Porvoo)");
    expect(cardText(sent.activity)).toContain('"verb":"kits.sendOn"');
  });

  it("once the kit has left, the overdue reminder is not sent", async () => {
    const held = await bot.store.prisma.kitBooking.findFirstOrThrow({ where: { itemId: "pakopeli-1" } });
    await bot.teams.execute({ verb: "kits.sendOn", args: { b: held.id } } as ActionPayload, { user: STAFF });
    bot.clock.now = new Date("2026-12-08T09:00:00+02:00");
    await bot.app.delivery.runOnce();
    const overdue = await bot.store.prisma.notification.findFirstOrThrow({ where: { kind: "kits.returnOverdue" } });
    expect(overdue.status).toBe("SKIPPED");
  });

  it("a kit that stays for the library's next booking has nothing overdue", async () => {
    bot.clock.now = new Date("2026-12-08T12:00:00+02:00");
    await booking("kamishibai", "2026-12-07", "2026-12-09", "RECEIVED");
    await booking("kamishibai", "2026-12-16", "2026-12-18", "APPROVED");
    await planEverything(bot.store.prisma, bot.clock.now);
    bot.clock.now = new Date("2026-12-11T09:00:00+02:00");
    await bot.app.delivery.runOnce();
    const rows = await bot.store.prisma.notification.findMany({
      where: { kind: { startsWith: "kits." }, payload: { path: ["dueBy"], equals: "2026-12-10" } },
    });
    expect(rows.map((r) => [r.kind, r.status])).toEqual(
      expect.arrayContaining([
        ["kits.sendToday", "SKIPPED"],
        ["kits.returnOverdue", "SKIPPED"],
      ]),
    );
  });

  it("nothing for someone who switched kit reminders off", async () => {
    await bot.teams.execute({ verb: "reminders.set", args: { k: "kit", on: "0" } } as ActionPayload, { user: STAFF });
    bot.clock.now = new Date("2026-12-14T12:00:00+02:00");
    await booking("trendikortit", "2026-12-14", "2026-12-15", "RECEIVED", "espoo");
    await planEverything(bot.store.prisma, bot.clock.now);
    bot.clock.now = new Date("2026-12-16T09:00:00+02:00");
    await bot.app.delivery.runOnce();
    const row = await bot.store.prisma.notification.findFirstOrThrow({
      where: { kind: "kits.sendToday", payload: { path: ["dueBy"], equals: "2026-12-16" } },
    });
    expect(row.status).toBe("SKIPPED");
  });
});
