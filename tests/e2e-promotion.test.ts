// The whole way of a waitlist promotion, across platforms: someone cancels in one
// chat app, the first in line is promoted, and the outbox delivers "a seat opened
// up" as a proactive message to them in the other app, in their own language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_USERS } from "./fakes/teams-activities.ts";
import { startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { cancelPayload, createSession, NOW, registerPayload } from "./registrations-fixtures.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: NOW });
});
afterAll(async () => {
  await bot?.stop();
});

describe("a freed seat reaches the first in line", () => {
  it("Slack cancels, the Swedish-speaking Teams user on the waitlist is told in Swedish", async () => {
    const session = await createSession(bot.store.prisma, { capacity: 1, title: "Verkostopäivä A" });
    await bot.slack.click(registerPayload(session.id), { user: "U0HOLDER" });
    const sven = TEST_USERS.sven;
    const waitlisted = await bot.teams.execute(registerPayload(session.id), { user: sven, locale: "sv-FI" });
    expect(JSON.stringify(waitlisted.body)).toMatch(/kö/);

    await bot.slack.click(cancelPayload(session.id), { user: "U0HOLDER" });
    const before = bot.connector.activities.length;
    const pass = await bot.app.delivery.runOnce();
    expect(pass).toMatchObject({ sent: 1 });
    const sent = bot.connector.activities.slice(before).find((a) => a.conversationId.includes(sven.id.slice(3)));
    expect(JSON.stringify(sent?.activity)).toContain(
      "En plats blev ledig: du är nu anmäld till ”Verkostopäivä A (sv)”",
    );
    // a second pass sends nothing again
    expect(await bot.app.delivery.runOnce()).toMatchObject({ sent: 0 });
  });

  it("Teams cancels, the English-speaking Slack user on the waitlist gets a DM in English", async () => {
    const session = await createSession(bot.store.prisma, { capacity: 1, title: "Verkostopäivä B" });
    const maija = TEST_USERS.maija;
    await bot.teams.execute(registerPayload(session.id), { user: maija });
    bot.fakeSlack.setUserLocale("U0WAITER", "en-US");
    await bot.slack.click(registerPayload(session.id), { user: "U0WAITER" });

    await bot.teams.execute(cancelPayload(session.id), { user: maija });
    await bot.app.delivery.runOnce();
    const dm = bot.fakeSlack.callsTo("chat.postMessage").find((call) => call.args.channel === "U0WAITER");
    expect(JSON.stringify(dm?.args)).toContain("A seat opened up: you are now registered for “Verkostopäivä B (en)”");
  });
});
