// Rate-limited fakes of the Bot Framework Connector (Teams) and of Slack's
// chat.postMessage for the reminder benchmark. Unlike tests/fakes/* they enforce every
// window platform-facts.md names (Teams: 7/1 s, 8/2 s, 60/30 s per conversation and
// 50/1 s per tenant; Slack: 1/s per channel with a small burst) and record the instant
// of every answer, so lateness and rates can be computed. Both answer 429 with
// Retry-After as the platforms do; a refused request does not use up a slot.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  platform: "teams" | "slack";
  /** the bench identifier found in the message ("bench-000123"), or "" */
  id: string;
  /** Teams conversation id or Slack channel */
  target: string;
  /** Date.now() when answered */
  at: number;
  status: number;
}

export interface Window {
  limit: number;
  windowMs: number;
}

export const TEAMS_CONVERSATION_WINDOWS: readonly Window[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];
export const TEAMS_TENANT_WINDOWS: readonly Window[] = [{ limit: 50, windowMs: 1_000 }];
export const SLACK_CHANNEL = { perSecond: 1, burst: 3 } as const;

const ID = /bench-\d{6}/;

/** Sliding-window logs: a request is let through only when every window has room. */
class Windows {
  private readonly log = new Map<string, number[]>();
  constructor(private readonly windows: readonly Window[]) {}
  /** 0 when allowed (and counted), else ms until a slot frees */
  take(key: string, now: number): number {
    const horizon = Math.max(...this.windows.map((w) => w.windowMs));
    const times = (this.log.get(key) ?? []).filter((t) => t > now - horizon);
    let wait = 0;
    for (const { limit, windowMs } of this.windows) {
      const blocking = times.length >= limit ? times[times.length - limit] : undefined;
      if (blocking !== undefined && blocking > now - windowMs) wait = Math.max(wait, blocking + windowMs - now);
    }
    if (wait === 0) times.push(now);
    this.log.set(key, times);
    return wait;
  }
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface Fake {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** Teams: POST /v3/conversations/{id}/activities, per conversation and per (single) tenant. */
export async function startFakeTeams(): Promise<Fake> {
  const received: Received[] = [];
  const conversations = new Windows(TEAMS_CONVERSATION_WINDOWS);
  const tenant = new Windows(TEAMS_TENANT_WINDOWS);
  let sequence = 0;
  const server = createServer((req, res) => {
    void body(req).then(
      (text) => {
        const match = /^\/v3\/conversations\/([^/?]+)\/activities\/?(?:[^/?]*)?(?:\?.*)?$/.exec(req.url ?? "");
        const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(payload));
        };
        if (req.method !== "POST" || !match?.[1]) return answer(404, { error: { code: "NotFound" } });
        const target = decodeURIComponent(match[1]);
        const id = ID.exec(text)?.[0] ?? "";
        const now = Date.now();
        // the conversation's windows first: a message refused there uses no tenant slot
        let wait = conversations.take(target, now);
        if (wait === 0) {
          wait = tenant.take("tenant", now);
          // (the conversation slot taken above stays used: Teams counts the attempt)
        }
        if (wait > 0) {
          received.push({ platform: "teams", id, target, at: now, status: 429 });
          return answer(
            429,
            { error: { code: "Throttled", message: "Too many requests" } },
            { "retry-after": String(Math.max(1, Math.ceil(wait / 1000))) },
          );
        }
        received.push({ platform: "teams", id, target, at: now, status: 200 });
        answer(200, { id: `1${now}${++sequence}` });
      },
      () => {
        res.writeHead(400);
        res.end();
      },
    );
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/`, received, close: () => close(server) };
}

/** Slack Web API: chat.postMessage with a token bucket per channel; anything else answers ok. */
export async function startFakeSlack(token: string): Promise<Fake> {
  const received: Received[] = [];
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sequence = 0;
  const server = createServer((req, res) => {
    void body(req).then(
      (text) => {
        const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(payload));
        };
        const method = /^\/api\/([\w.]+)/.exec(req.url ?? "")?.[1];
        if ((req.headers.authorization ?? "").replace(/^Bearer\s+/i, "") !== token) {
          return answer(200, { ok: false, error: "invalid_auth" });
        }
        if (method !== "chat.postMessage") return answer(200, { ok: true });
        let args: Record<string, unknown>;
        if ((req.headers["content-type"] ?? "").includes("application/json")) {
          args = JSON.parse(text || "{}") as Record<string, unknown>;
        } else {
          args = Object.fromEntries(new URLSearchParams(text));
        }
        const channel = String(args.channel ?? "");
        const id = ID.exec(text)?.[0] ?? ID.exec(decodeURIComponent(text.replace(/\+/g, " ")))?.[0] ?? "";
        const now = Date.now();
        const bucket = buckets.get(channel) ?? { tokens: SLACK_CHANNEL.burst, at: now };
        bucket.tokens = Math.min(
          SLACK_CHANNEL.burst,
          bucket.tokens + ((now - bucket.at) / 1000) * SLACK_CHANNEL.perSecond,
        );
        bucket.at = now;
        buckets.set(channel, bucket);
        if (bucket.tokens < 1) {
          const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / SLACK_CHANNEL.perSecond));
          received.push({ platform: "slack", id, target: channel, at: now, status: 429 });
          return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
        }
        bucket.tokens -= 1;
        received.push({ platform: "slack", id, target: channel, at: now, status: 200 });
        answer(200, { ok: true, channel, ts: `${Math.floor(now / 1000)}.${String(++sequence).padStart(6, "0")}` });
      },
      () => {
        res.writeHead(400);
        res.end();
      },
    );
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/api/`, received, close: () => close(server) };
}
