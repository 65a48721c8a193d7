// Bad input gets a clear answer and loses nothing: forged and malformed requests,
// odd and overlong text, and the database going away and coming back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../adapters/app.ts";
import { loadConfig } from "../bot/config.ts";
import { silentLogger } from "../bot/log.ts";
import { openStore, type Store } from "../prisma/store.ts";
import { postToSlackEndpoint, signedSlashCommand, signRequest } from "./fakes/slack-signing.ts";
import { postActivity, teamsMessage } from "./fakes/teams-activities.ts";
import { renderCard } from "./fakes/teams-card-check.ts";
import { cardOf, cardText, SLACK_SECRET, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

let base: TestStore;
let proxy: TcpProxy;
let store: Store;
let bot: TestBot;

beforeAll(async () => {
  // The bot reaches its database only through a proxy this file can cut.
  base = await openTestStore();
  proxy = await startTcpProxy(base.url);
  // through the proxy the embedded server looks like any PostgreSQL: keep its one-connection rule
  store = await openStore({ dataDir: "", databaseUrl: proxy.url, poolSize: base.kind === "embedded" ? 1 : 4 });
  bot = await startTestBot({ store });
});
afterAll(async () => {
  await bot?.stop();
  await store?.close();
  await proxy?.close();
  await base?.drop();
});

const userCount = () => store.prisma.user.count();

describe("health", () => {
  it("says the store works and which platforms are on", async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      store: { kind: "postgresql", ok: true },
      platforms: { teams: "local", slack: "on" },
    });
  });
});

describe("forged and malformed requests do nothing", () => {
  it("Slack: a wrong signature, a missing one and a 6-minute-old timestamp are refused with 401", async () => {
    const before = await userCount();
    const good = signedSlashCommand(SLACK_SECRET, { text: "kahvit", user_id: "U0FORGED" });
    const wrongSecret = signedSlashCommand("not-the-secret", { text: "kahvit", user_id: "U0FORGED" });
    const unsigned = { body: good.body, headers: { "content-type": good.headers["content-type"] ?? "" } };
    const old = signedSlashCommand(
      SLACK_SECRET,
      { text: "kahvit", user_id: "U0FORGED" },
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    const tampered = { ...good, body: good.body.replace("kahvit", "apua") };
    for (const request of [wrongSecret, unsigned, old, tampered]) {
      expect((await postToSlackEndpoint(bot.url, request)).status).toBe(401);
    }
    expect(await userCount()).toBe(before);
  });

  it("Slack: a signed but malformed body gets a 4xx, never a 5xx", async () => {
    for (const body of ["payload=%7Bnot-json", "", "a=1&b=2", "payload=%5B%5D"]) {
      const status = (await postToSlackEndpoint(bot.url, signRequest(SLACK_SECRET, body))).status;
      expect(status, body).toBeGreaterThanOrEqual(400);
      expect(status, body).toBeLessThan(500);
    }
  });

  it("Teams: malformed bodies get a 4xx, never a 5xx", async () => {
    for (const body of ["{not json", "[]", "{}", JSON.stringify({ type: "message", text: "kahvit" })]) {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
    }
  });

  it("Teams with an app id: a request without a Bot Framework token is refused with 401", async () => {
    const config = loadConfig({
      PORT: "0",
      MicrosoftAppId: "00000000-0000-0000-0000-00000000a4e0",
      MicrosoftAppPassword: "secret",
    });
    const secured = await startApp({ config, log: silentLogger, store: base });
    try {
      const before = await userCount();
      const activity = teamsMessage({ serviceUrl: bot.connector.url, text: "kahvit" });
      expect((await postActivity(`${secured.url}/api/messages`, activity)).status).toBe(401);
      expect((await postActivity(`${secured.url}/api/messages`, activity, { token: "abc.def.ghi" })).status).toBe(401);
      expect(await userCount()).toBe(before);
      expect(await (await fetch(`${secured.url}/healthz`)).json()).toMatchObject({
        platforms: { teams: "on", slack: "off" },
      });
    } finally {
      await secured.stop();
    }
  });
});

describe("double clicks and retries", () => {
  it("a brand-new user's first requests arriving together make one user and all get answered", async () => {
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => bot.slack.command("kahvit", { user: "U0TWINS" })),
    );
    for (const reply of replies) expect(slackText(reply)).toContain("Etäkahvit ja verkostojen tilaisuudet");
    expect(await store.prisma.user.count({ where: { platformUserId: "T0001:U0TWINS" } })).toBe(1);
  });
});

describe("odd and overlong text is answered safely", () => {
  it("Slack: mentions and markup typed by a user are echoed inert", async () => {
    const reply = await bot.slack.command("<!channel> *x* <@U123> & _y_", { user: "U0ODD" });
    const text = slackText(reply);
    expect(text).toContain("En tunnistanut komentoa");
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("Teams: markdown and links typed by a user are shown literally", async () => {
    const sent = await bot.teams.message("**x**[a](https://evil.example)");
    // rendered as a Teams client would, markdown included: the text shows as typed
    const element = renderCard(cardOf(sent));
    const shown = [...element.querySelectorAll(".ac-textBlock")].map((block) => block.textContent ?? "").join("\n");
    expect(shown).toContain("En tunnistanut komentoa ”**x**[a](https://evil.example)”");
    expect(element.querySelectorAll("a")).toHaveLength(0);
  });

  it("an overlong message gets a normal answer, the echo cut short", async () => {
    const long = `kahvi${"ä".repeat(10_000)}`;
    const slack = slackText(await bot.slack.command(long, { user: "U0LONG" }));
    expect(slack).toContain("En tunnistanut komentoa");
    expect(slack.length).toBeLessThan(2_000);
    const teams = cardText(cardOf(await bot.teams.message(`🙂 ${long}`)));
    expect(teams).toContain("En tunnistanut komentoa");
  });
});

describe("the database goes away and comes back", () => {
  it("users are told in their language, /healthz says 503, the process stays up and recovers", async () => {
    bot.fakeSlack.setUserLocale("U0OUTAGE", "sv-SE");
    // the user exists before the outage, so nothing about them depends on the store
    expect(slackText(await bot.slack.command("kahvit", { user: "U0OUTAGE" }))).toContain("Distanskaffen");
    proxy.cut();
    try {
      const slack = await bot.slack.command("kahvit", { user: "U0OUTAGE" });
      expect(slack.http.status).toBe(200);
      expect(slackText(slack)).toContain("Tjänsten är inte tillgänglig just nu");
      const teams = cardText(cardOf(await bot.teams.message("kahvit", { locale: "fi-FI" })));
      expect(teams).toContain("Palvelu ei ole juuri nyt käytettävissä");
      const health = await fetch(`${bot.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "unavailable", store: { ok: false } });
    } finally {
      proxy.restore();
    }
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(slackText(await bot.slack.command("kahvit", { user: "U0OUTAGE" }))).toContain("Distanskaffen");
  });
});
