// What reaches the core: only fresh, correctly signed, recognisable Slack requests.
// Everything else gets a quick 4xx (or a 200 that does nothing) and never a 5xx.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  SLACK_TEST_SECRET as SECRET,
  type SlackHarness,
  type SlackHarnessOptions,
  startSlackHarness,
} from "./fakes/slack-harness.ts";
import {
  type EndpointResponse,
  postToSlackEndpoint,
  type SlackTestRequest,
  signedSlashCommand,
  signRequest,
} from "./fakes/slack-signing.ts";

let harness: SlackHarness | undefined;

async function start(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  harness = await startSlackHarness(options);
  return harness;
}

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

async function expectUntouched(h: SlackHarness, response: EndpointResponse, status: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.elapsedMs).toBeLessThan(1000); // answered at once, not after Bolt's 3 s timeout
  expect(h.bot.messages).toEqual([]);
  expect(h.bot.actions).toEqual([]);
}

describe("signature verification", () => {
  it.each<[string, (request: SlackTestRequest) => SlackTestRequest]>([
    ["a wrong signature", (r) => ({ ...r, headers: { ...r.headers, "x-slack-signature": `v0=${"0".repeat(64)}` } })],
    ["another secret", () => signedSlashCommand("not-the-secret")],
    ["no signature", (r) => ({ ...r, headers: { ...r.headers, "x-slack-signature": "" } })],
    ["no timestamp", (r) => ({ ...r, headers: { ...r.headers, "x-slack-request-timestamp": "" } })],
    ["a tampered body", (r) => ({ ...r, body: r.body.replace("text=", "text=admin") })],
    ["a 6-minute-old timestamp", () => signedSlashCommand(SECRET, {}, { timestamp: nowSeconds() - 360 })],
    ["a timestamp 10 minutes ahead", () => signedSlashCommand(SECRET, {}, { timestamp: nowSeconds() + 600 })],
  ])("%s → 401 and the core is never called", async (_name, mutate) => {
    const h = await start();
    const response = await postToSlackEndpoint(h.baseUrl, mutate(signedSlashCommand(SECRET)));
    await expectUntouched(h, response, 401);
  });

  it("uses the injected clock for the 5-minute window", async () => {
    const h = await start({ endpoint: { now: () => Date.now() + 6 * 60_000 } });
    await expectUntouched(h, await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SECRET)), 401);
  });

  it("accepts a timestamp 4 minutes old", async () => {
    const h = await start();
    const response = await postToSlackEndpoint(
      h.baseUrl,
      signedSlashCommand(SECRET, {}, { timestamp: nowSeconds() - 240 }),
    );
    expect(response.status).toBe(200);
    expect(h.bot.messages).toHaveLength(1);
  });
});

describe("malformed or unexpected bodies (validly signed)", () => {
  const form = "application/x-www-form-urlencoded";
  it.each<[string, string, string, number]>([
    ["a payload that is not JSON", form, "payload=%7Bnot%20json", 400],
    ["a payload without a type", form, `payload=${encodeURIComponent("[1,2]")}`, 400],
    ["a form that is not a command", form, "foo=bar", 400],
    ["an empty body", form, "", 400],
    ["garbage JSON", "application/json", "{{{", 400],
    ["an empty JSON object", "application/json", "{}", 400],
    ["JSON that is not an object", "application/json", "null", 400],
    ["plain text", "text/plain", "hello", 415],
    ["binary junk", "application/octet-stream", "\u0000\u00ff\u0001", 415],
    ["an unhandled interactive payload", form, `payload=${encodeURIComponent('{"type":"view_submission"}')}`, 200],
    ["an Events API event", "application/json", JSON.stringify({ type: "event_callback", event: { type: "x" } }), 200],
  ])("%s → %i, nothing done", async (_name, contentType, body, status) => {
    const h = await start();
    const response = await postToSlackEndpoint(h.baseUrl, signRequest(SECRET, body, { contentType }));
    await expectUntouched(h, response, status);
    expect(response.body).toBe("");
  });

  it("answers Slack's url_verification challenge", async () => {
    const h = await start();
    const body = JSON.stringify({
      type: "url_verification",
      token: "t",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
    const response = await postToSlackEndpoint(
      h.baseUrl,
      signRequest(SECRET, body, { contentType: "application/json" }),
    );
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("rejects a body over 2 MiB with 413", async () => {
    const h = await start();
    const response = await postToSlackEndpoint(h.baseUrl, signRequest(SECRET, `text=${"a".repeat(3 * 1024 * 1024)}`));
    await expectUntouched(h, response, 413);
  });

  it("accepts a form content type with a charset (Bolt alone answers 400)", async () => {
    const h = await start();
    const request = signedSlashCommand(SECRET, {}, { contentType: "application/x-www-form-urlencoded; charset=utf-8" });
    expect((await postToSlackEndpoint(h.baseUrl, request)).status).toBe(200);
    expect(h.bot.messages).toHaveLength(1);
  });

  it("answers an unsigned ssl_check with 200 and nothing else", async () => {
    const h = await start();
    const request = { body: "ssl_check=1&command=%2Fake&token=x", headers: { "content-type": form } };
    await expectUntouched(h, await postToSlackEndpoint(h.baseUrl, request), 200);
  });
});

describe("retries and replays", () => {
  it("a delivery with X-Slack-Retry-Num is acknowledged and not handled again", async () => {
    const h = await start();
    const retry = signedSlashCommand(
      SECRET,
      {},
      { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } },
    );
    await expectUntouched(h, await postToSlackEndpoint(h.baseUrl, retry), 200);
  });

  it("the same signed request twice is handled once", async () => {
    const h = await start();
    const request = signedSlashCommand(SECRET, { text: "kerran" });
    const first = await postToSlackEndpoint(h.baseUrl, request);
    const second = await postToSlackEndpoint(h.baseUrl, request);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toBe("");
    expect(h.bot.messages).toHaveLength(1);
  });

  it("takes a body the server already buffered as req.rawBody", async () => {
    const h = await start();
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      Object.assign(req, { rawBody: Buffer.concat(chunks) });
      await h.endpoint.requestListener(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await postToSlackEndpoint(url, signedSlashCommand(SECRET))).status).toBe(200);
      expect(h.bot.messages).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("works on whatever path the server routed, and resolves when the response is done", async () => {
    const h = await start();
    const response = await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SECRET), "/slack/events?x=1");
    expect(response.status).toBe(200);
  });
});
