// Coordinators' side of kits on Teams, through /api/messages: the pending list oldest
// first, asking for a change (the requester changes the dates and the request waits
// again), handing a request to another coordinator, the audit log, and the kit tools:
// transit days and loan limit, maintenance blocks, retiring, moving and cancelling a
// booking with the library told in its own language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { ensureCoordinators } from "../domain/store/users.ts";
import { cardOf, cardText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, STAFF } from "./publishing-fixtures.ts";

const BACKUP = {
  id: "29:1backup-Porvoo",
  name: "Bertta Varahenkilö",
  aadObjectId: "6a1f0c1e-0000-4000-8000-0000000bac00",
};
const SWEDISH_STAFF = {
  id: "29:1staff-Raseborg",
  name: "Sara Raseborg",
  aadObjectId: "6a1f0c1e-0000-4000-8000-0000000ea5e0",
};

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-11-26T10:00:00+02:00" });
  await makeCoordinators(bot);
  await bot.teams.message("apua", { user: BACKUP });
  await ensureCoordinators(bot.store.prisma, [{ platform: "teams", userId: BACKUP.id }]);
  await bot.teams.message("apua", { user: STAFF });
  await bot.teams.message("språk svenska", { user: SWEDISH_STAFF, locale: "sv-FI" });
  await bot.store.prisma.user.updateMany({ where: { platformUserId: STAFF.id }, data: { libraryId: "lohja" } });
  await bot.store.prisma.user.updateMany({
    where: { platformUserId: SWEDISH_STAFF.id },
    data: { libraryId: "raasepori" },
  });
});
afterAll(async () => {
  await bot?.stop();
});

type Invoke = { statusCode: number; type: string; value: unknown };
type User = typeof STAFF;

async function execute(
  verb: string,
  args: Record<string, string>,
  user: User,
  inputs: Record<string, string> = {},
  locale = "fi-FI",
) {
  const response = await bot.teams.execute({ verb, args, ...inputs } as unknown as ActionPayload, { user, locale });
  expect(response.status).toBe(200);
  return response.body as Invoke;
}

async function book(user: User, item: string, from: string, to: string, library: string, locale = "fi-FI") {
  const inputs = { item, library, from, to, contact: user.name, notes: "" };
  const answer = await execute("kits.request", {}, user, inputs, locale);
  expect(answer.type, JSON.stringify(answer)).toBe("application/vnd.microsoft.activity.message");
  const booking = await bot.store.prisma.kitBooking.findFirstOrThrow({
    where: { itemId: item },
    orderBy: { createdAt: "desc" },
  });
  const approval = await bot.store.prisma.approval.findFirstOrThrow({ where: { subjectId: booking.id } });
  return { booking, approval };
}

async function notices(text: string) {
  await bot.app.delivery.runOnce();
  return bot.connector.activities.filter((a) => cardText(a.activity).includes(text));
}

describe("the pending list and a change request", () => {
  let first = { booking: { id: "" }, approval: { id: "" } };

  it("lists what waits, oldest first, for coordinators only", async () => {
    first = await book(STAFF, "kamishibai", "2027-01-11", "2027-01-15", "lohja");
    bot.clock.now = new Date(bot.clock.now.getTime() + 60_000);
    await book(SWEDISH_STAFF, "trendikortit", "2027-01-11", "2027-01-15", "raasepori", "sv-FI");
    const list = cardText(cardOf(await bot.teams.message("hyväksynnät", { user: COORDINATOR })));
    expect(list).toContain("Odottaa päätöstä (2)");
    expect(list.indexOf("Kamishibai")).toBeLessThan(list.indexOf("trendikortit"));
    expect(list).toContain("Alustalla Teams ei ole koordinaattorien kanavaa");
    const staff = cardText((await bot.teams.message("hyväksynnät", { user: STAFF })).activity);
    expect(staff).not.toContain("Odottaa päätöstä");
  });

  it("asking for a change needs a comment, tells the requester, and their new dates make it pending again", async () => {
    const empty = await execute("approvals.change", { a: first.approval.id }, COORDINATOR, { reason: "" });
    expect(cardText(empty.value)).toContain("Kirjoita, mitä pyytäjän pitää muuttaa");
    const asked = await execute("approvals.change", { a: first.approval.id }, COORDINATOR, {
      reason: "Viikkoa myöhemmin?",
    });
    expect(cardText(asked.value)).toContain("Kaisa Koordinaattori pyysi muutosta");
    const [notice] = await notices("pyytää muuttamaan pyyntöäsi");
    expect(cardText(notice?.activity)).toContain("Viikkoa myöhemmin?");
    expect(cardText(notice?.activity)).toContain('"verb":"kits.editForm"');

    const form = await execute("kits.editForm", { b: first.booking.id }, STAFF);
    expect(cardText(form.value)).toContain("2027-01-11");
    const changed = await execute("kits.edit", { b: first.booking.id }, STAFF, {
      item: "kamishibai",
      library: "lohja",
      from: "2027-01-18",
      to: "2027-01-22",
      contact: "Leena Lohja",
      notes: "",
    });
    expect(JSON.stringify(changed)).toContain("Muutettu pyyntösi lähetettiin");
    const approval = await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: first.approval.id } });
    expect(approval.status).toBe("PENDING");
    const booking = await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: first.booking.id } });
    expect(booking.useStart.toISOString().slice(0, 10)).toBe("2027-01-18");
    // a second resubmit of the same change does nothing more
    const twice = await execute("kits.edit", { b: first.booking.id }, STAFF, {
      item: "kamishibai",
      library: "lohja",
      from: "2027-01-25",
      to: "2027-01-29",
      contact: "Leena",
      notes: "",
    });
    expect(JSON.stringify(twice)).toContain("Jo merkitty");
  });

  it("a request handed to a backup coordinator reaches their chat and names them on the card", async () => {
    const form = await execute("approvals.handOverForm", { a: first.approval.id }, COORDINATOR);
    expect(cardText(form.value)).toContain("Bertta Varahenkilö (Teams)");
    const backup = await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId: BACKUP.id } });
    const forged = await execute("approvals.handOver", { a: first.approval.id }, COORDINATOR, {
      to: "not-a-coordinator",
    });
    expect(cardText(forged.value)).toContain("Valitse koordinaattori");
    const handed = await execute("approvals.handOver", { a: first.approval.id }, COORDINATOR, { to: backup.id });
    expect(cardText(handed.value)).toContain("Käsittelijä");
    expect(cardText(handed.value)).toContain("Bertta Varahenkilö");
    await bot.app.delivery.runOnce();
    // the backup had the card in their chat since the request (no Teams channel is set):
    // it was edited there to name them
    const cards = await bot.store.prisma.notification.findMany({
      where: { userId: backup.id, kind: "approvals.card", status: "SENT" },
    });
    expect(cards.length).toBeGreaterThanOrEqual(2);
    const edited = bot.connector.activities.filter(
      (a) =>
        a.kind === "update" &&
        cardText(a.activity).includes("Käsittelijä") &&
        cardText(a.activity).includes("Bertta Varahenkilö"),
    );
    expect(edited.length).toBeGreaterThan(0);
    const log = cardText(cardOf(await bot.teams.message("hyväksynnät loki", { user: BACKUP })));
    expect(log).toContain("Kaisa Koordinaattori · siirsi: Bertta Varahenkilö");
    expect(log).toContain("Leena Lohja · muutti pyyntöä");
    expect(log).toContain("pyysi muutosta: Viikkoa myöhemmin?");
  });

  it("a rejection frees the days and the requester reads the reason in Swedish", async () => {
    const second = await bot.store.prisma.approval.findFirstOrThrow({
      where: { status: "PENDING", subjectId: { not: first.booking.id } },
    });
    const rejected = await execute("approvals.reject", { a: second.id }, BACKUP, {
      reason: "Korttipakka on korjattavana.",
    });
    expect(cardText(rejected.value)).toContain("Hylkääjä Bertta Varahenkilö");
    const [notice] = await notices("avslog din begäran");
    expect(cardText(notice?.activity)).toContain("Orsak: Korttipakka on korjattavana.");
    await book(STAFF, "trendikortit", "2027-01-11", "2027-01-15", "lohja");
  });
});

describe("kit tools", () => {
  it("changes the transit days and the loan limit, and refuses nonsense", async () => {
    const bad = await execute("kits.editItemForm", { i: "pakopeli-2" }, COORDINATOR, {
      transitDays: "-1",
      maxLoanDays: "365",
    });
    expect(cardText(bad.value)).toContain("Anna kokonaisluku väliltä 0–10");
    expect(cardText(bad.value)).toContain("Anna kokonaisluku väliltä 1–90");
    const ok = await execute("kits.editItemForm", { i: "pakopeli-2" }, COORDINATOR, {
      transitDays: "3",
      maxLoanDays: "14",
    });
    expect(JSON.stringify(ok)).toContain("kuljetus 3 arkipäivää, laina enintään 14 päivää");
    const tooLong = await execute("kits.request", {}, STAFF, {
      item: "pakopeli-2",
      library: "lohja",
      from: "2027-02-01",
      to: "2027-02-19",
      contact: "L",
      notes: "",
    });
    expect(cardText(tooLong.value)).toContain("enintään 14 päivää; tämä on 19 päivää");
    const staff = await execute("kits.editItemForm", { i: "pakopeli-2" }, STAFF, {
      transitDays: "0",
      maxLoanDays: "90",
    });
    expect(JSON.stringify(staff)).toMatch(/koordinaattori/i);
    expect((await bot.store.prisma.loanItem.findUniqueOrThrow({ where: { id: "pakopeli-2" } })).maxLoanDays).toBe(14);
  });

  it("blocks dates for maintenance, which requests then cannot take", async () => {
    const impossible = await execute("kits.blockForm", { i: "etalahetysvalineet" }, COORDINATOR, {
      from: "2027-02-30",
      to: "2027-03-12",
      reason: "Huolto",
    });
    expect(cardText(impossible.value)).toContain("Anna päivämäärä muodossa VVVV-KK-PP");
    const blocked = await execute("kits.blockForm", { i: "etalahetysvalineet" }, COORDINATOR, {
      from: "2027-03-01",
      to: "2027-03-12",
      reason: "Huolto",
    });
    expect(JSON.stringify(blocked)).toContain("on estetty ma 1.3.2027 – pe 12.3.2027");
    const clash = await execute("kits.request", {}, STAFF, {
      item: "etalahetysvalineet",
      library: "lohja",
      from: "2027-03-10",
      to: "2027-03-11",
      contact: "L",
      notes: "",
    });
    expect(cardText(clash.value)).toContain("Väline on silloin varattu");
  });

  it("a retired kit leaves the staff's catalogue and cannot be requested; it can be lent again", async () => {
    await execute("kits.retire", { i: "pakopeli-2", on: "1" }, COORDINATOR);
    expect(cardText(cardOf(await bot.teams.message("lainaa", { user: STAFF })))).not.toContain("Pakopeli 2");
    expect(cardText(cardOf(await bot.teams.message("lainaa", { user: COORDINATOR })))).toContain(
      "Pakopeli 2 (poistettu käytöstä)",
    );
    const refused = await execute("kits.request", {}, STAFF, {
      item: "pakopeli-2",
      library: "lohja",
      from: "2027-02-01",
      to: "2027-02-05",
      contact: "L",
      notes: "",
    });
    expect(cardText(refused.value)).toContain("Tätä välinettä ei enää lainata");
    await execute("kits.retire", { i: "pakopeli-2", on: "0" }, COORDINATOR);
    expect(cardText(cardOf(await bot.teams.message("lainaa", { user: STAFF })))).toContain("Pakopeli 2");
  });

  it("adds a kit from a form", async () => {
    const missing = await execute("kits.addForm", {}, COORDINATOR, { id: "Bad Id!" });
    expect(cardText(missing.value)).toContain("Käytä 2–40 pientä kirjainta");
    const inputs = {
      id: "vr-lasit",
      nameFi: "VR-lasit",
      nameSv: "VR-glasögon",
      nameEn: "VR headsets",
      descriptionFi: "Kaksi VR-lasia.",
      descriptionSv: "Två VR-glasögon.",
      descriptionEn: "Two VR headsets.",
      contents: "Lasit\nLaturi",
    };
    const added = await execute("kits.addForm", {}, COORDINATOR, inputs);
    expect(JSON.stringify(added)).toContain("Lisätty: VR-lasit");
    const sv = cardText(cardOf(await bot.teams.message("låna", { user: SWEDISH_STAFF, locale: "sv-FI" })));
    expect(sv).toContain("VR-glasögon");
  });

  it("moves and cancels a booking, and the library is told in its own language", async () => {
    const { booking } = await book(SWEDISH_STAFF, "pakopeli-1", "2027-04-12", "2027-04-16", "raasepori", "sv-FI");
    const moved = await execute("kits.moveForm", { b: booking.id }, COORDINATOR, {
      from: "2027-04-19",
      to: "2027-04-23",
    });
    expect(JSON.stringify(moved)).toContain("Siirretty: Pakopeli 1");
    const [movedNotice] = await notices("En koordinator flyttade din bokning");
    expect(cardText(movedNotice?.activity)).toContain("mån 19.4.2027 – fre 23.4.2027");

    const form = await execute("kits.cancel", { b: booking.id }, COORDINATOR);
    expect(cardText(form.value)).toContain("Peru varaus: Pakopeli 1");
    await execute("kits.cancel", { b: booking.id }, COORDINATOR, { reason: "Kuljetus ei onnistu." });
    const [cancelled] = await notices("En koordinator avbokade din bokning");
    expect(cardText(cancelled?.activity)).toContain("Kuljetus ei onnistu.");
    expect((await bot.store.prisma.kitBooking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CANCELLED",
    );
    // the pending approval went with it: its card says so, and nobody can approve it any more
    const approval = await bot.store.prisma.approval.findFirstOrThrow({ where: { subjectId: booking.id } });
    expect(approval.status).toBe("WITHDRAWN");
    const late = await execute("approvals.approve", { a: approval.id }, COORDINATOR);
    expect(JSON.stringify(late)).toContain("Tämä pyyntö ei enää odota päätöstä: peruttu");
  });
});
