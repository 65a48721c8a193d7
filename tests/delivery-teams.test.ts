// Proactive Teams delivery end to end: users write to the bot through /api/messages (the
// reference is captured), a notification is planned in the outbox, a dispatcher pass
// sends it through the fake Bot Connector, in each user's language.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../adapters/app.ts";
import { loadConfig } from "../bot/config.ts";
import { FEATURES } from "../bot/features/index.ts";
import type { Feature } from "../bot/features/types.ts";
import { silentLogger } from "../bot/log.ts";
import { findConversation } from "../domain/store/conversations.ts";
import { planNotifications } from "../domain/store/outbox.ts";
import { type FakeBotConnector, startFakeBotConnector } from "./fakes/bot-connector.ts";
import { postActivity, TEST_USERS, type TeamsUser, teamsMessage } from "./fakes/teams-activities.ts";
import { cardText } from "./helpers/bot-harness.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

const T0 = new Date("2026-11-02T09:00:00+02:00");
const PROMOTED = { fi: "Pääsit mukaan", sv: "Du fick en plats", en: "You got a seat" } as const;
/** A test-only feature: its renderer uses the recipient's language and the core's translator. */
const testFeature: Feature = {
  name: "delivery-test",
  notifications: {
    "test.promoted": ({ language, t }, payload) => ({
      summary: `${PROMOTED[language]}: ${String((payload as { title: string }).title)}`,
      blocks: [{ type: "text", text: `${PROMOTED[language]} – ${t("meetups.join")}` }],
    }),
  },
};
const LISA: TeamsUser = { id: "29:1lisa-Ab12", name: "Lisa", aadObjectId: "6a1f0c1e-0000-4000-8000-00000000c0c3" };

let store: TestStore;
let connector: FakeBotConnector;
let app: RunningApp;
const clock = { now: T0 };
let serial = 0;

function config() {
  return loadConfig({ PORT: "0", PUBLIC_URL: "https://ake.example.test" });
}

async function say(user: TeamsUser, text: string, locale: string, conversation: "personal" | "channel" = "personal") {
  const activity = teamsMessage({ serviceUrl: connector.url, text, locale, user, conversation });
  const response = await postActivity(`${app.url}/api/messages`, activity);
  expect(response.status).toBe(200);
  return activity;
}

async function userId(user: TeamsUser): Promise<string> {
  const row = await store.prisma.user.upsert({
    where: { platform_platformUserId: { platform: "TEAMS", platformUserId: user.id } },
    create: { platform: "TEAMS", platformUserId: user.id },
    update: {},
  });
  return row.id;
}

async function notify(user: TeamsUser, title = "Tutkittua", notBefore = clock.now): Promise<string> {
  const key = `test.promoted:${user.id}:${++serial}`;
  const payload = { title };
  await planNotifications(store.prisma, [
    { key, userId: await userId(user), kind: "test.promoted", payload, notBefore },
  ]);
  return key;
}

const row = (key: string) => store.prisma.notification.findUniqueOrThrow({ where: { key } });
const personal = (user: TeamsUser) => `a:1personal-${user.id.slice(3)}`;
/** Proactive messages the test feature sent to a user's personal chat (new messages, not replies). */
const sentTo = (user: TeamsUser) =>
  connector.activities.filter(
    (a) => a.conversationId === personal(user) && /^Pääsit|^Du fick/.test(String(a.activity.summary)),
  );

beforeAll(async () => {
  store = await openTestStore();
  connector = await startFakeBotConnector({ rateLimit: false });
  const delivery = { backoff: { baseMs: 5000, maxMs: 3_600_000, random: () => 0.5 } };
  app = await startApp({
    config: config(),
    log: silentLogger,
    store,
    now: () => clock.now,
    features: [...FEATURES, testFeature],
    delivery,
  });
  await say(TEST_USERS.maija, "apua", "fi-FI");
  await say(TEST_USERS.sven, "hjälp", "sv-FI");
});

afterAll(async () => {
  await app?.stop();
  await connector?.close();
  await store?.drop();
});

beforeEach(() => {
  clock.now = T0;
});

describe("Teams proactive delivery", () => {
  it("captures the personal chat's reference, linked to the user, without the activity id", async () => {
    const stored = await findConversation(store.prisma, `teams:user:${TEST_USERS.maija.id}`);
    expect(stored?.userId).toBe(await userId(TEST_USERS.maija));
    expect(stored?.reference).toMatchObject({
      serviceUrl: connector.url,
      conversation: { id: personal(TEST_USERS.maija) },
    });
    expect(stored?.reference).not.toHaveProperty("activityId");
  });

  it("sends a planned notification to each user in their language (fi, sv)", async () => {
    const [fi, sv] = [await notify(TEST_USERS.maija, "Severi"), await notify(TEST_USERS.sven, "SVEA")];
    expect(await app.delivery.runOnce()).toMatchObject({ sent: 2, failed: 0 });
    const [toMaija] = sentTo(TEST_USERS.maija);
    const [toSven] = sentTo(TEST_USERS.sven);
    expect(toMaija).toMatchObject({ kind: "send", activity: { summary: "Pääsit mukaan: Severi" } });
    expect(cardText(toMaija?.activity.attachments)).toContain("Pääsit mukaan – Liity");
    expect(toSven?.activity.summary).toBe("Du fick en plats: SVEA");
    expect(cardText(toSven?.activity.attachments)).toContain("Du fick en plats – Delta");
    expect(await row(fi)).toMatchObject({ status: "SENT", attempts: 1 });
    expect(await row(sv)).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("retries a 429 after its Retry-After, then sends; a 502 after a backoff", async () => {
    const key = await notify(TEST_USERS.maija, "Throttled");
    connector.failNext("POST", 429, { error: { code: "Throttled" } }, { "retry-after": "7" });
    expect(await app.delivery.runOnce()).toMatchObject({ retried: 1 });
    const retry = await row(key);
    expect(retry).toMatchObject({ status: "PENDING", attempts: 1, lastError: "http_429" });
    expect(retry.notBefore.getTime() - T0.getTime()).toBe(9500); // 7 s + jitter (0.5 × 5 s)
    clock.now = retry.notBefore;
    connector.failNext("POST", 502);
    expect(await app.delivery.runOnce()).toMatchObject({ retried: 1 });
    const second = await row(key);
    expect(second).toMatchObject({ attempts: 2, lastError: "http_502" });
    expect(second.notBefore.getTime() - clock.now.getTime()).toBe(5000); // 0.5 × 5 s × 2
    clock.now = second.notBefore;
    expect(await app.delivery.runOnce()).toMatchObject({ sent: 1 });
    // one request per attempt: botbuilder's own retries are off for proactive sends
    const posts = connector.requests.filter((r) => r.path.includes(encodeURIComponent(personal(TEST_USERS.maija))));
    expect(posts.slice(-3).map((r) => r.status)).toEqual([429, 502, 200]);
  });

  it("fails on 403 MessageWritesBlocked, stops sending there, resumes when the user writes again", async () => {
    const conversation = personal(TEST_USERS.sven);
    connector.block(conversation, "writesBlocked");
    const first = await notify(TEST_USERS.sven, "Blocked");
    await app.delivery.runOnce();
    expect(await row(first)).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: "http_403:MessageWritesBlocked",
    });
    const requests = connector.requests.length;
    const second = await notify(TEST_USERS.sven, "Still blocked");
    await app.delivery.runOnce();
    expect(await row(second)).toMatchObject({ status: "FAILED", lastError: "blocked:http_403:MessageWritesBlocked" });
    expect(connector.requests.length).toBe(requests); // not attempted at all
    connector.unblock(conversation);
    await say(TEST_USERS.sven, "kaffe", "sv-FI");
    const third = await notify(TEST_USERS.sven, "Back");
    await app.delivery.runOnce();
    expect(await row(third)).toMatchObject({ status: "SENT" });
  });

  it("fails with no_conversation for a user who never wrote to the bot", async () => {
    const key = await notify(LISA);
    await app.delivery.runOnce();
    expect(await row(key)).toMatchObject({ status: "FAILED", lastError: "no_conversation" });
  });

  it("does not send before notBefore", async () => {
    const key = await notify(TEST_USERS.maija, "Tomorrow", new Date(T0.getTime() + 86_400_000));
    expect(await app.delivery.runOnce()).toMatchObject({ claimed: 0 });
    expect(await row(key)).toMatchObject({ status: "PENDING", attempts: 0 });
    clock.now = new Date(T0.getTime() + 86_400_000);
    expect(await app.delivery.runOnce()).toMatchObject({ sent: 1 });
  });

  it("captures channels (the channel, not the thread) and installs", async () => {
    await say(TEST_USERS.maija, "kahvit", "fi-FI", "channel");
    const channel = await findConversation(store.prisma, "teams:channel:19:ake-kanava@thread.tacv2");
    expect(channel?.reference).toMatchObject({ conversation: { id: "19:ake-kanava@thread.tacv2" } });
    const install = {
      ...teamsMessage({ serviceUrl: connector.url, text: "", user: LISA }),
      type: "installationUpdate",
      action: "add",
    };
    expect((await postActivity(`${app.url}/api/messages`, install)).status).toBeLessThan(300);
    expect((await findConversation(store.prisma, `teams:user:${LISA.id}`))?.reference).toMatchObject({
      conversation: { id: personal(LISA) },
    });
  });

  it("started, it delivers what a feature plans within moments, without a pass being asked for", async () => {
    const other = await startApp({
      config: config(),
      log: silentLogger,
      store,
      now: () => clock.now,
      features: [...FEATURES, testFeature],
      delivery: { start: true },
    });
    try {
      const before = sentTo(TEST_USERS.maija).length;
      const started = Date.now();
      await notify(TEST_USERS.maija, "Kicked");
      await connector.waitForActivity((a) => a.activity.summary === "Pääsit mukaan: Kicked", 3000);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(sentTo(TEST_USERS.maija)).toHaveLength(before + 1);
    } finally {
      await other.stop();
    }
  });
});
