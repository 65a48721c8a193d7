// Registering in Teams: `evenemang` / `mina` as Adaptive Cards, Register and Cancel as
// Action.Execute invokes through /api/messages, the answer posted as a new message in
// the user's language. Real core and store (embedded, or PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TeamsUser } from "./fakes/teams-activities.ts";
import { cardOf, cardText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { cancelPayload, createSession, NOW, registerPayload } from "./registrations-fixtures.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: NOW });
});
afterAll(async () => {
  await bot?.stop();
});

const anna: TeamsUser = {
  id: "29:1anna-reg",
  name: "Anna Andersson",
  aadObjectId: "6a1f0c1e-0000-4000-8000-00000000a001",
};
const ville: TeamsUser = {
  id: "29:1ville-reg",
  name: "Ville Virtanen",
  aadObjectId: "6a1f0c1e-0000-4000-8000-00000000a002",
};

/** Clicks an Action.Execute button; returns the invoke's short notice and the new message's text. */
async function execute(payload: { verb: string; args: Record<string, string> }, user: TeamsUser, locale: string) {
  const before = bot.connector.activities.length;
  const invoke = await bot.teams.execute(payload, { user, locale });
  expect(invoke.status).toBe(200);
  const sent = bot.connector.activities.slice(before).find((a) => a.kind !== "update");
  return { notice: cardText(invoke.body), message: sent ? cardText(cardOf(sent)) : "" };
}

it("evenemang in Swedish: the card offers Anmäl mig, and after registering shows the registration", async () => {
  const day = await createSession(bot.store.prisma, { title: "Bokbussdag", networkId: "kirjastoautot", capacity: 2 });
  const list = cardText(cardOf(await bot.teams.message("evenemang kirjastoautot", { user: anna, locale: "sv-FI" })));
  expect(list).toContain("Bokbussdag (sv)");
  expect(list).toContain("tis 10.11 kl. 9.00–12.00");
  expect(list).toContain("2 av 2 platser lediga");
  expect(list).toContain('"title":"Anmäl mig"');
  expect(list).toContain('"verb":"registrations.register"');

  const { notice, message } = await execute(registerPayload(day.id), anna, "sv-FI");
  expect(notice).toContain("Du är anmäld till ”Bokbussdag (sv)” (tis 10.11 kl. 9.00–12.00).");
  expect(message).toContain("Du är anmäld till ”Bokbussdag (sv)”");
  expect(message).toContain('"title":"Avanmäl mig"');

  const again = cardText(cardOf(await bot.teams.message("evenemang kirjastoautot", { user: anna, locale: "sv-FI" })));
  expect(again).toContain("✅ Du är anmäld");
  expect(again).toContain("1 av 2 platser lediga");
  const mine = cardText(cardOf(await bot.teams.message("mina", { user: anna, locale: "sv-FI" })));
  expect(mine).toContain("Anmälningar och köplatser");
  expect(mine).toContain("Bokbussdag (sv)");
});

it("cancelling in Teams frees the seat for the next in line; the Finnish user is told in Finnish", async () => {
  const day = await createSession(bot.store.prisma, { title: "Pieni työpaja", kind: "TRAINING", capacity: 1 });
  await execute(registerPayload(day.id), anna, "sv-FI");
  const waiting = await execute(registerPayload(day.id), ville, "fi-FI");
  expect(waiting.notice).toContain("on täynnä: olet varasijalla numero 1.");
  const cancelled = await execute(cancelPayload(day.id), anna, "sv-FI");
  expect(cancelled.notice).toContain("Du har avanmält dig från ”Pieni työpaja (sv)”");
  const user = await bot.store.prisma.user.findUniqueOrThrow({
    where: { platform_platformUserId: { platform: "TEAMS", platformUserId: ville.id } },
  });
  expect(
    await bot.store.prisma.registration.findFirst({ where: { sessionId: day.id, userId: user.id } }),
  ).toMatchObject({ status: "REGISTERED" });
  expect(
    await bot.store.prisma.notification.count({ where: { userId: user.id, kind: "registrations.promoted" } }),
  ).toBe(1);
  const mine = cardText(cardOf(await bot.teams.message("omat", { user: ville, locale: "fi-FI" })));
  expect(mine).toContain("✅ Olet ilmoittautunut");
});

it("the networks card's Show sessions answers with that network's sessions as a new message", async () => {
  await createSession(bot.store.prisma, { title: "Vapaaehtoistyön päivä", networkId: "vapaaehtoiset" });
  const { message } = await execute({ verb: "registrations.list", args: { n: "vapaaehtoiset" } }, ville, "fi-FI");
  expect(message).toContain("Tilaisuudet: vapaaehtoiset");
  expect(message).toContain("Vapaaehtoistyön päivä");
});
