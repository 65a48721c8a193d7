// Clicks that arrive together, through the HTTP endpoints: a double click, a Slack retry
// and a second device make one registration; 50 people clicking Register at once for the
// last 5 seats get exactly 5 seats and 45 places in line, each told the position that
// matches the stored arrival order. The bot gets a pool of
// 16 connections, so on PostgreSQL the clicks really race for the session's row lock.
import { afterAll, beforeAll, expect, it } from "vitest";
import { register } from "../domain/store/registrations.ts";
import { postToSlackEndpoint, signedBlockActions } from "./fakes/slack-signing.ts";
import { TEST_USERS } from "./fakes/teams-activities.ts";
import { cardText, SLACK_SECRET, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";
import { createSession, createUser, NOW, registerPayload } from "./registrations-fixtures.ts";

let store: TestStore;
let bot: TestBot;

beforeAll(async () => {
  store = await openTestStore({ poolSize: 16 });
  bot = await startTestBot({ now: NOW, store });
});
afterAll(async () => {
  await bot?.stop();
  await store?.drop();
});

let clicks = 0;
/** A signed click; waits longer than the harness does, since 50 arrive together on 2 shared cores. */
async function click(slackUser: string, sessionId: string): Promise<string> {
  const id = `rush-${++clicks}`;
  const value = JSON.stringify(registerPayload(sessionId));
  const request = signedBlockActions(SLACK_SECRET, {
    value,
    userId: slackUser,
    responseUrl: bot.fakeSlack.responseUrl(id),
  });
  const http = await postToSlackEndpoint(bot.url, request);
  expect(http.status).toBe(200);
  const post = await bot.fakeSlack.waitForPost((p) => p.id === id, 60_000);
  return slackText(post.body as { blocks: Array<Record<string, unknown>> });
}

it("a double click, a Slack retry and a redelivery make one registration; Teams is another user", async () => {
  const day = await createSession(bot.store.prisma, { title: "Tuplaklikki" });
  const count = () => bot.store.prisma.registration.count({ where: { sessionId: day.id } });
  const answers = await Promise.all([click("U0DBL", day.id), click("U0DBL", day.id)]);
  expect(answers.filter((a) => a.includes("Olet ilmoittautunut tilaisuuteen"))).toHaveLength(1);
  expect(answers.filter((a) => a.includes("Olet jo ilmoittautunut tilaisuuteen"))).toHaveLength(1);
  const value = JSON.stringify(registerPayload(day.id));
  const retry = signedBlockActions(
    SLACK_SECRET,
    { value, userId: "U0DBL", responseUrl: bot.fakeSlack.responseUrl("retry") },
    { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } },
  );
  expect((await postToSlackEndpoint(bot.url, retry)).status).toBe(200);
  expect(await click("U0DBL", day.id)).toContain("Olet jo ilmoittautunut");
  expect(await count()).toBe(1);
  // the same person in Teams is another user of the bot: a registration of their own, in Swedish
  const teams = await bot.teams.execute(registerPayload(day.id), { locale: "sv-FI", user: TEST_USERS.sven });
  expect(teams.status).toBe(200);
  expect(cardText(teams.body)).toContain("Du är anmäld till ”Tuplaklikki (sv)”");
  expect(await count()).toBe(2);
});

it("50 simultaneous Slack clicks for the last 5 seats: 5 seats, 45 in line in arrival order", async () => {
  const { prisma } = bot.store;
  const session = await createSession(prisma, { title: "Suosittu koulutus", kind: "TRAINING", capacity: 20 });
  for (let i = 0; i < 15; i++) {
    const early = await createUser(prisma, `early${i}`);
    await register(prisma, { sessionId: session.id, userId: early.id, now: new Date(NOW), isCoordinator: false });
  }
  const slackIds = Array.from({ length: 50 }, (_, i) => `U0RUSH${i}`);
  for (const id of slackIds) bot.fakeSlack.setUserLocale(id, "fi-FI");

  const started = performance.now();
  const replies = await Promise.all(slackIds.map(async (id) => ({ id, text: await click(id, session.id) })));
  const elapsed = performance.now() - started;

  const told = new Map<string, number | "seat">();
  for (const { id, text } of replies) {
    if (text.includes("Olet ilmoittautunut tilaisuuteen ”Suosittu koulutus”")) told.set(id, "seat");
    const position = /olet varasijalla numero (\d+)\./.exec(text)?.[1];
    if (position) told.set(id, Number(position));
  }
  expect(told.size).toBe(50);
  expect([...told.values()].filter((v) => v === "seat")).toHaveLength(5);
  expect([...told.values()].filter((v) => v !== "seat").sort((a, b) => Number(a) - Number(b))).toEqual(
    Array.from({ length: 45 }, (_, i) => i + 1),
  );

  // the stored arrival order (seq, taken under the session's row lock) against what each was told
  const rows = await prisma.registration.findMany({
    where: { sessionId: session.id, user: { platformUserId: { in: slackIds.map((id) => `T0001:${id}`) } } },
    orderBy: { seq: "asc" },
    select: { status: true, user: { select: { platformUserId: true } } },
  });
  expect(rows).toHaveLength(50);
  rows.forEach((row, index) => {
    const id = row.user.platformUserId.replace("T0001:", "");
    expect({ id, status: row.status, told: told.get(id) }).toEqual({
      id,
      status: index < 5 ? "REGISTERED" : "WAITLISTED",
      told: index < 5 ? "seat" : index - 4,
    });
  });
  expect(await prisma.registration.count({ where: { sessionId: session.id, status: "REGISTERED" } })).toBe(20);
  console.info(`[registrations] ${store.kind}: 50 concurrent Slack clicks answered in ${Math.round(elapsed)} ms`);
});
