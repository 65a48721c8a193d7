// Proactive Slack delivery end to end: a notification planned in the outbox goes out as
// chat.postMessage to the user's id (the app's DM) through the fake Slack Web API, in the
// user's language; Slack's 429 and its "user gone" errors are handled by the dispatcher.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../adapters/app.ts";
import { loadConfig } from "../bot/config.ts";
import { FEATURES } from "../bot/features/index.ts";
import type { Feature } from "../bot/features/types.ts";
import { silentLogger } from "../bot/log.ts";
import { planNotifications } from "../domain/store/outbox.ts";
import { FAKE_BOT_TOKEN, type FakeSlack, startFakeSlack } from "./fakes/slack-api.ts";
import { postToSlackEndpoint, signedSlashCommand } from "./fakes/slack-signing.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

const T0 = new Date("2026-11-02T09:00:00+02:00");
const SECRET = "delivery-signing-secret-0123456789";
const TEAM = "T0001";
const CHANGED = { fi: "Tilaisuus muuttui", sv: "Evenemanget ändrades", en: "The session changed" } as const;
const testFeature: Feature = {
  name: "delivery-test",
  notifications: {
    "test.changed": ({ language, t }) => ({
      summary: CHANGED[language],
      blocks: [{ type: "text", text: `${CHANGED[language]} – ${t("meetups.join")}` }],
    }),
  },
};

let store: TestStore;
let slack: FakeSlack;
let app: RunningApp;
const clock = { now: T0 };
let serial = 0;

/** A Slack user the bot knows; Slack knows them too unless `known` is false. */
async function slackUser(user: string, locale: string | null, known = true): Promise<string> {
  if (known) slack.setUserLocale(user, locale ?? "en-US");
  const row = await store.prisma.user.upsert({
    where: { platform_platformUserId: { platform: "SLACK", platformUserId: `${TEAM}:${user}` } },
    create: { platform: "SLACK", platformUserId: `${TEAM}:${user}`, platformLocale: locale },
    update: {},
  });
  return row.id;
}

async function notify(userId: string): Promise<string> {
  const key = `test.changed:${userId}:${++serial}`;
  await planNotifications(store.prisma, [{ key, userId, kind: "test.changed", payload: {}, notBefore: clock.now }]);
  return key;
}

const row = (key: string) => store.prisma.notification.findUniqueOrThrow({ where: { key } });
const postsTo = (channel: string) => slack.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);

beforeAll(async () => {
  store = await openTestStore();
  slack = await startFakeSlack({ rateLimit: { perSecond: 1, burst: 1 }, strictDirectMessages: true });
  const config = loadConfig({
    PORT: "0",
    PUBLIC_URL: "https://ake.example.test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
  });
  const delivery = { backoff: { baseMs: 5000, maxMs: 3_600_000, random: () => 0.5 } };
  const features = [...FEATURES, testFeature];
  app = await startApp({ config, log: silentLogger, store, now: () => clock.now, features, delivery });
});

afterAll(async () => {
  await app?.stop();
  await slack?.close();
  await store?.drop();
});

beforeEach(() => {
  clock.now = T0;
});

describe("Slack proactive delivery", () => {
  it("posts to each user's DM in their language (a user of /ake in sv, one in fi)", async () => {
    slack.setUserLocale("U0SV", "sv-SE");
    const command = signedSlashCommand(SECRET, { text: "hjälp", team_id: TEAM, user_id: "U0SV" });
    expect((await postToSlackEndpoint(app.url, command)).status).toBe(200);
    const sv = await store.prisma.user.findUniqueOrThrow({
      where: { platform_platformUserId: { platform: "SLACK", platformUserId: `${TEAM}:U0SV` } },
    });
    const keys = [await notify(sv.id), await notify(await slackUser("U0FI", "fi-FI"))];
    expect(await app.delivery.runOnce()).toMatchObject({ sent: 2 });
    const [toSv] = postsTo("U0SV");
    const [toFi] = postsTo("U0FI");
    expect(toSv?.args.text).toBe("Evenemanget ändrades");
    expect(JSON.stringify(toSv?.args.blocks)).toContain("Evenemanget ändrades – Delta");
    expect(toFi?.args.text).toBe("Tilaisuus muuttui");
    expect(toFi?.authorization).toBe(`Bearer ${FAKE_BOT_TOKEN}`);
    for (const key of keys) expect(await row(key)).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("retries a 429 after Slack's Retry-After and then posts; the client itself never retries", async () => {
    const userId = await slackUser("U0BUSY", "fi-FI");
    // someone else just posted there: the fake's bucket for the channel is empty
    const body = new URLSearchParams({ channel: "U0BUSY", text: "x" });
    await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${FAKE_BOT_TOKEN}` },
    });
    const key = await notify(userId);
    expect(await app.delivery.runOnce()).toMatchObject({ retried: 1 });
    const retry = await row(key);
    expect(retry).toMatchObject({ status: "PENDING", attempts: 1, lastError: "ratelimited" });
    expect(retry.notBefore.getTime() - T0.getTime()).toBe(3500); // Retry-After 1 s + 0.5 × 5 s
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the fake's bucket refills in real time
    clock.now = retry.notBefore;
    expect(await app.delivery.runOnce()).toMatchObject({ sent: 1 });
    expect(postsTo("U0BUSY").map((c) => c.status)).toEqual([200, 429, 200]);
  });

  it("fails on user_not_found, and later rows to that user are not attempted", async () => {
    const userId = await slackUser("U0GONE", "fi-FI");
    slack.setPostError("U0GONE", "user_not_found");
    const first = await notify(userId);
    expect(await app.delivery.runOnce()).toMatchObject({ failed: 1 });
    expect(await row(first)).toMatchObject({ status: "FAILED", attempts: 1, lastError: "user_not_found" });
    const second = await notify(userId);
    await app.delivery.runOnce();
    expect(await row(second)).toMatchObject({ status: "FAILED", lastError: "blocked:user_not_found" });
    expect(postsTo("U0GONE")).toHaveLength(1);
  });

  it("fails with channel_not_found for a DM to a user Slack does not know", async () => {
    const key = await notify(await slackUser("U0NOBODY", null, false));
    await app.delivery.runOnce();
    expect(await row(key)).toMatchObject({ status: "FAILED", lastError: "channel_not_found" });
  });
});
