// Subscriptions end to end: a Slack channel subscribes with `/ake tilaa`, a Teams user
// follows a network; a coordinator publishes a session of that network and both get the
// notice (in daytime, in their language); on Monday 09:00 the weekly digest of remote
// coffees reaches followers and subscribed channels, and nobody who switched it off.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { planEverything } from "../domain/store/planning.ts";
import { postToSlackEndpoint, signedSlashCommand } from "./fakes/slack-signing.ts";
import { cardText, SLACK_SECRET, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, STAFF, seriesInputs } from "./publishing-fixtures.ts";

const CHANNEL = "C0SEVERI01";
const SWEDISH = { id: "29:1sven-Sub", name: "Sven Prenumerant", aadObjectId: "6a1f0c1e-0000-4000-8000-0000000005b5" };
let bot: TestBot;
let responses = 0;

beforeAll(async () => {
  // Wednesday 18 Nov 2026, 10:00 in Helsinki
  bot = await startTestBot({ now: "2026-11-18T10:00:00+02:00" });
  await makeCoordinators(bot);
});
afterAll(async () => {
  await bot?.stop();
});

/** `/ake <text>` written in a channel (or, with a D… id, in the app's DM). */
async function slackCommand(text: string, channel = CHANNEL, user = "USUB0001") {
  const id = `sub-${++responses}`;
  const request = signedSlashCommand(SLACK_SECRET, {
    text,
    user_id: user,
    channel_id: channel,
    channel_name: channel.startsWith("D") ? "directmessage" : "severi-uutiset",
    response_url: bot.fakeSlack.responseUrl(id),
  });
  const http = await postToSlackEndpoint(bot.url, request);
  const inline = http.json as { blocks?: Array<Record<string, unknown>> } | undefined;
  if (inline?.blocks) return inline as { blocks: Array<Record<string, unknown>> };
  return (await bot.fakeSlack.waitForPost((p) => p.id === id, 8_000)).body as {
    blocks: Array<Record<string, unknown>>;
  };
}

function postsTo(channel: string, text: string) {
  return bot.fakeSlack
    .callsTo("chat.postMessage")
    .filter((c) => c.args.channel === channel && JSON.stringify(c.args).includes(text));
}

async function publish(inputs: Record<string, string>) {
  const payload = { verb: "publishing.create", args: { n: randomUUID() }, ...inputs } as unknown as ActionPayload;
  const response = await bot.teams.execute(payload, { user: COORDINATOR });
  expect(cardText(response.body)).toContain("Julkaistu");
}

describe("a channel subscribes", () => {
  it("in a personal chat the answer explains following instead", async () => {
    const reply = await slackCommand("tilaa", "D0PERSONAL");
    expect(slackText(reply)).toContain("Kirjoita tilaa kanavassa");
  });

  it("`tilaa` shows what the channel gets; `tilaa severi` and `tilaa kooste` subscribe, twice changes nothing", async () => {
    const card = slackText(await slackCommand("tilaa"));
    expect(card).toContain("Mitä tämä kanava saa");
    expect(card).toContain("Tulevan viikon etäkahvit maanantaisin");
    expect(slackText(await slackCommand("tilaa severi"))).toContain("Tilattu: Verkoston SEVERI");
    expect(slackText(await slackCommand("tilaa severi"))).toContain("Jo valmiiksi näin");
    expect(slackText(await slackCommand("tilaa kooste"))).toContain("Tilattu: Tulevan viikon etäkahvit");
    expect(slackText(await slackCommand("tilaa jotain outoa"))).toContain("En tunne verkostoa");
    const rows = await bot.store.prisma.channelSubscription.findMany({ orderBy: { topic: "asc" } });
    expect(rows.map((r) => [r.channelKey, r.topic])).toEqual([
      [`slack:channel:${CHANNEL}`, "digest"],
      [`slack:channel:${CHANNEL}`, "network:severi"],
    ]);
  });
});

describe("a new session of a followed network", () => {
  it("reaches the follower on Teams and the subscribed Slack channel, not the coordinator who published it", async () => {
    await bot.teams.message("seuraa severi", { user: STAFF });
    await bot.teams.message("följ severi", { user: SWEDISH, locale: "sv-FI" });
    await bot.teams.message("kieli sv", { user: SWEDISH, locale: "sv-FI" });
    await bot.teams.message("seuraa severi", { user: COORDINATOR });
    await publish(
      seriesInputs({
        network: "severi",
        kind: "NETWORK_COFFEE",
        titleFi: "SEVERI-kahvit",
        titleSv: "SEVERI-kaffe",
        titleEn: "SEVERI coffee",
        recurrence: "none",
        date: "2026-12-02",
        start: "13:00",
        end: "13:45",
        hosts: "",
      }),
    );
    await bot.app.delivery.runOnce();
    const fi = await bot.connector.waitForActivity((a) => cardText(a.activity).includes("Uutta verkostossa SEVERI"));
    expect(cardText(fi.activity)).toContain("”SEVERI-kahvit”, ke 2.12. klo 13.00–13.45");
    const sv = await bot.connector.waitForActivity((a) => cardText(a.activity).includes("Nytt i SEVERI"));
    expect(cardText(sv.activity)).toContain("”SEVERI-kaffe”");
    expect(postsTo(CHANNEL, "Uutta verkostossa SEVERI")).toHaveLength(1);
    const coordinator = await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId: COORDINATOR.id } });
    expect(
      await bot.store.prisma.notification.count({
        where: { userId: coordinator.id, kind: "subscriptions.newSession" },
      }),
    ).toBe(0);
  });

  it("published in the evening, it waits for 08:00 the next weekday", async () => {
    bot.clock.now = new Date("2026-11-20T19:30:00+02:00"); // a Friday evening
    await publish(
      seriesInputs({
        network: "severi",
        kind: "NETWORK_COFFEE",
        titleFi: "Iltajulkaisu",
        recurrence: "none",
        date: "2026-12-09",
        hosts: "",
      }),
    );
    const rows = await bot.store.prisma.notification.findMany({
      where: { kind: "subscriptions.newSession", status: "PENDING" },
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.notBefore.toISOString()).toBe("2026-11-23T06:00:00.000Z"); // Mon 08:00 Helsinki
  });
});

describe("the weekly digest", () => {
  it("is planned for Monday 09:00 Helsinki and goes to followers and the channel, but not to one who switched it off", async () => {
    bot.clock.now = new Date("2026-11-22T12:00:00+02:00"); // Sunday
    await bot.teams.execute(
      { verb: "reminders.set", args: { k: "digest", on: "0" } },
      { user: SWEDISH, locale: "sv-FI" },
    );
    await planEverything(bot.store.prisma, bot.clock.now);
    const planned = await bot.store.prisma.notification.findMany({ where: { kind: "subscriptions.digest" } });
    expect(planned.length).toBe(4); // three followers and the channel
    for (const row of planned) expect(row.notBefore.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(await planEverything(bot.store.prisma, bot.clock.now)).toMatchObject({ digest: 0 });

    bot.clock.now = new Date("2026-11-23T09:00:00+02:00");
    await bot.app.delivery.runOnce();
    // Friday evening's notice is due too: the channel gets one message a second at most,
    // so the second waits its turn. (On PostgreSQL the turn is kept in the shared RateSlot
    // table on the real clock, so a real second passes as well as the bot's clock.)
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    bot.clock.now = new Date("2026-11-23T09:00:05+02:00");
    await bot.app.delivery.runOnce();
    const digest = await bot.connector.waitForActivity((a) =>
      cardText(a.activity).includes("Tämän viikon etäkahvit (vk 48)"),
    );
    expect(cardText(digest.activity)).toContain('"verb":"reminders.set"');
    expect(postsTo(CHANNEL, "Tämän viikon etäkahvit")).toHaveLength(1);
    const swedish = await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId: SWEDISH.id } });
    const skipped = await bot.store.prisma.notification.findFirstOrThrow({
      where: { kind: "subscriptions.digest", userId: swedish.id },
    });
    expect(skipped.status).toBe("SKIPPED");
  });

  it("a channel that unsubscribed gets nothing more", async () => {
    expect(slackText(await slackCommand("tilaa pois kooste"))).toContain("Tilaus lopetettu");
    bot.clock.now = new Date("2026-11-29T12:00:00+02:00");
    await planEverything(bot.store.prisma, bot.clock.now);
    const rows = await bot.store.prisma.notification.findMany({
      where: { kind: "subscriptions.digest", channelKey: { not: null } },
    });
    expect(rows).toHaveLength(1); // only last week's
  });
});
