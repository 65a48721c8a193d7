// Bot Framework authentication and malformed requests. With an app id every request
// needs a channel token signed by a Bot Framework key; the fake connector serves the
// OpenID metadata and keys, so a correctly signed token is accepted offline too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotConnector, startFakeBotConnector } from "./fakes/bot-connector.ts";
import {
  postActivity,
  randomPrivateKeyPem,
  signBotFrameworkToken,
  TEST_BOT,
  teamsActionExecute,
  teamsMessage,
} from "./fakes/teams-activities.ts";
import { type RecordingCore, recordingCore, startTeamsTestServer, type TeamsTestServer } from "./fakes/teams-server.ts";

let connector: FakeBotConnector;
let core: RecordingCore;
let secured: TeamsTestServer;
let local: TeamsTestServer;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  core = recordingCore();
  secured = await startTeamsTestServer({
    bot: core,
    appId: TEST_BOT.appId,
    openIdMetadataUrl: connector.openIdMetadataUrl,
  });
  local = await startTeamsTestServer({ bot: core });
});
afterEach(() => {
  core.messages.length = 0;
  core.actions.length = 0;
  connector.reset();
});
afterAll(async () => {
  await secured.close();
  await local.close();
  await connector.close();
});

const click = () => teamsActionExecute({ serviceUrl: connector.url, data: { verb: "coffee.join", args: {} } });
const goodToken = (overrides: Partial<Parameters<typeof signBotFrameworkToken>[0]> = {}) =>
  signBotFrameworkToken({ appId: TEST_BOT.appId, serviceUrl: connector.url, ...connector.signingKey, ...overrides });

describe("with an app id", () => {
  it("accepts a correctly signed token (so the refusals below are about the token)", async () => {
    const res = await postActivity(secured.url, click(), { token: goodToken() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: "application/vnd.microsoft.card.adaptive" });
    expect(core.actions).toHaveLength(1);
  });

  it.each([
    ["no Authorization header", undefined],
    [
      "a token signed with a random key",
      () => signBotFrameworkToken({ appId: TEST_BOT.appId, serviceUrl: connector.url }),
    ],
    // botbuilder alone answers this one with 500 (jsonwebtoken's error is not an AuthenticationError)
    ["a random key claiming the real key id", () => goodToken({ privateKeyPem: randomPrivateKeyPem() })],
    ["another bot's audience", () => goodToken({ appId: "11111111-2222-3333-4444-555555555555" })],
    ["an expired token", () => goodToken({ expiresInSeconds: -3600 })],
    ["a foreign issuer", () => goodToken({ issuer: "https://evil.example/" })],
    ["another serviceUrl claim", () => goodToken({ serviceUrl: "https://smba.trafficmanager.net/evil/" })],
    ["not a JWT", () => "not-a-token"],
  ])("refuses %s with 401 before the core", async (_name, token) => {
    const message = teamsMessage({ serviceUrl: connector.url, text: "kahvit" });
    for (const activity of [message, click()]) {
      const res = await postActivity(secured.url, activity, token ? { token: token() } : {});
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/login\.|Error|at /);
    }
    expect(core.messages).toHaveLength(0);
    expect(core.actions).toHaveLength(0);
    expect(connector.activities).toHaveLength(0);
  });

  it("refuses a non-Bearer Authorization header", async () => {
    const res = await fetch(secured.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${btoa("a:b")}` },
      body: JSON.stringify(teamsMessage({ serviceUrl: connector.url, text: "kahvit" })),
    });
    expect(res.status).toBe(401);
    expect(core.messages).toHaveLength(0);
  });
});

describe("malformed requests get 4xx, never 5xx", () => {
  const post = (url: string, body: string, contentType = "application/json") =>
    fetch(url, { method: "POST", headers: { "content-type": contentType }, body });
  const valid = () => teamsMessage({ serviceUrl: connector.url, text: "kahvit" });
  const without = (key: string) => JSON.stringify({ ...valid(), [key]: undefined });

  it.each([
    ["broken JSON", () => post(local.url, '{"type": "message",')],
    ["a JSON array", () => post(local.url, "[1,2]")],
    ["a JSON string", () => post(local.url, '"message"')],
    ["an empty body", () => post(local.url, "")],
    ["plain text", () => post(local.url, "kahvit", "text/plain")],
    ["no type", () => post(local.url, without("type"))],
    ["no serviceUrl", () => post(local.url, without("serviceUrl"))],
    ["a non-http serviceUrl", () => post(local.url, JSON.stringify({ ...valid(), serviceUrl: "file:///etc/passwd" }))],
    ["no conversation", () => post(local.url, without("conversation"))],
    ["no from", () => post(local.url, without("from"))],
    ["a numeric type", () => post(local.url, JSON.stringify({ ...valid(), type: 5 }))],
  ])("%s", async (_name, send) => {
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(core.messages).toHaveLength(0);
  });

  it("without an app id (local mode) botbuilder ignores any token", async () => {
    const res = await postActivity(local.url, valid(), { token: goodToken({ privateKeyPem: randomPrivateKeyPem() }) });
    expect(res.status).toBe(200);
    expect(core.messages).toHaveLength(1);
  });

  it("an unknown activity type is accepted and ignored", async () => {
    const res = await post(local.url, JSON.stringify({ ...valid(), type: "messageReaction" }));
    expect(res.status).toBe(200);
    expect(core.messages).toHaveLength(0);
  });

  it("with an app id: broken JSON is refused by bodyParser before the token check", async () => {
    expect((await post(secured.url, "{broken")).status).toBe(400);
  });

  it("with an app id: a valid JSON non-activity without a token is 401", async () => {
    expect((await post(secured.url, "{}")).status).toBe(401);
  });
});
