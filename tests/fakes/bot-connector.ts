// A local fake of the Bot Framework Connector (the service behind activity.serviceUrl)
// and of the Bot Framework OpenID metadata host, for Teams adapter and end-to-end tests.
//
//   const connector = await startFakeBotConnector({ rateLimit: { max: 7, windowMs: 1000 } });
//   const activity = personalMessage({ serviceUrl: connector.url, text: "kahvit" });
//   ...POST activity to the bot...
//   const sent = await connector.waitForActivity((a) => a.conversationId === activity.conversation.id);
//   connector.block(conversationId, "blocked");  // 403 ConversationBlockedByUser from now on
//   await connector.close();
//
// Exported API:
//   startFakeBotConnector(options?): Promise<FakeBotConnector>
//   FakeBotConnector.url                      serviceUrl to put in activities (ends with "/")
//   FakeBotConnector.activities               accepted sends, replies and updates, in order
//   FakeBotConnector.message(conversationId, activityId)  a message the bot sent, as it is now
//                                             (after updates); a channel thread's ";messageid=…"
//                                             is the channel's: both ids find the message
//   FakeBotConnector.addMessage(conversationId, id?, activity?)  a message the bot sent earlier
//                                             (the card a click comes from); returns its id
//   FakeBotConnector.requests                 every request, refused ones included
//   FakeBotConnector.waitForActivity(pred, timeoutMs = 5000): Promise<RecordedActivity>
//   FakeBotConnector.block(conversationId, kind = "blocked") / unblock(conversationId)
//   FakeBotConnector.failNext(method, status, body?, headers?)  the next POST/PUT to /v3/… fails once
//                                             (headers e.g. { "retry-after": "3" } with a 429)
//   FakeBotConnector.openIdMetadataUrl        pass to createTeamsEndpoint({ openIdMetadataUrl })
//   FakeBotConnector.signingKey               { kid, privateKeyPem }: sign tokens the bot accepts
//   FakeBotConnector.reset()                  forget recorded traffic, messages and rate-limit windows
//
// A POST of a new activity (send or reply) answers with an id that a later PUT
// (botbuilder's updateActivity) can edit; a PUT of an id the fake never gave out answers
// 404, as the connector does for a message that is not there (deleted, or never sent).
//   FakeBotConnector.close()
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedActivity {
  kind: "send" | "reply" | "update" | "createConversation";
  conversationId: string;
  /** the id the fake gave the activity (or the updated activity's id) */
  id: string;
  replyToId?: string | undefined;
  activity: Record<string, unknown>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  authorization?: string | undefined;
}

export interface FakeBotConnectorOptions {
  /** Teams' per-conversation limit is 7 per second; false turns limiting off. */
  rateLimit?: { max: number; windowMs: number } | false;
  /** seconds in the Retry-After header of a 429 */
  retryAfterSeconds?: number;
}

export interface FakeBotConnector {
  url: string;
  activities: RecordedActivity[];
  requests: RecordedRequest[];
  openIdMetadataUrl: string;
  signingKey: { kid: string; privateKeyPem: string };
  message(conversationId: string, activityId: string): Record<string, unknown> | undefined;
  addMessage(conversationId: string, id?: string, activity?: Record<string, unknown>): string;
  waitForActivity(predicate: (a: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
  block(conversationId: string, kind?: "blocked" | "writesBlocked"): void;
  failNext(method: "POST" | "PUT", status: number, body?: unknown, headers?: Record<string, string>): void;
  unblock(conversationId: string): void;
  reset(): void;
  close(): Promise<void>;
}

const BLOCKED_BODIES = {
  blocked: { error: { code: "ConversationBlockedByUser", message: "User blocked the conversation with the bot." } },
  writesBlocked: {
    error: { code: "Forbidden", subCode: "MessageWritesBlocked", message: "Thread is blocked from message writes." },
  },
};

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const parsed: unknown = text ? JSON.parse(text) : {};
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeBotConnector(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  const rateLimit = options.rateLimit === undefined ? { max: 7, windowMs: 1000 } : options.rateLimit;
  const activities: RecordedActivity[] = [];
  const requests: RecordedRequest[] = [];
  const blocked = new Map<string, keyof typeof BLOCKED_BODIES>();
  const windows = new Map<string, number[]>();
  const waiters = new Set<() => void>();
  /** the messages the bot sent, by channel (a thread's ";messageid=" cut off) and id, as now */
  const messages = new Map<string, Record<string, unknown>>();
  const messageKey = (conversationId: string, id: string) => `${conversationId.split(";")[0]}|${id}`;
  let serial = 0;
  const nextId = () => `1${Date.now()}${String(++serial).padStart(4, "0")}`;
  const failures: { method: string; status: number; body: unknown; headers: Record<string, string> }[] = [];
  const kid = `fake-${randomUUID()}`;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  let base = "";

  function record(entry: RecordedActivity): void {
    activities.push(entry);
    for (const wake of waiters) wake();
  }

  function limited(conversationId: string): boolean {
    if (!rateLimit) return false;
    const now = Date.now();
    const recent = (windows.get(conversationId) ?? []).filter((t) => now - t < rateLimit.windowMs);
    const over = recent.length >= rateLimit.max;
    if (!over) recent.push(now);
    windows.set(conversationId, recent);
    return over;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const method = req.method ?? "GET";
    if (method === "GET" && path === "/.well-known/openidconfiguration") {
      send(res, 200, { issuer: "https://api.botframework.com", jwks_uri: `${base}keys` });
      return 200;
    }
    if (method === "GET" && path === "/keys") {
      send(res, 200, { keys: [{ ...jwk, kid, use: "sig", endorsements: ["msteams"] }] });
      return 200;
    }
    if (method === "POST" && path === "/v3/conversations") {
      const body = await readJson(req);
      const id = `a:fake-${randomUUID()}`;
      const activityId = nextId();
      // a conversation created with a first message: that message can be edited later
      if (typeof body.activity === "object" && body.activity !== null) {
        messages.set(messageKey(id, activityId), body.activity as Record<string, unknown>);
      }
      record({ kind: "createConversation", conversationId: id, id, activity: body });
      send(res, 201, { id, activityId, serviceUrl: base });
      return 201;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!match?.[1] || (method !== "POST" && method !== "PUT") || (method === "PUT" && !match[2])) {
      send(res, 404, { error: { code: "NotFound", message: `${method} ${path}` } });
      return 404;
    }
    const conversationId = decodeURIComponent(match[1]);
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const failure = failures.find((f) => f.method === method);
    if (failure) {
      failures.splice(failures.indexOf(failure), 1);
      send(res, failure.status, failure.body, failure.headers);
      return failure.status;
    }
    const block = blocked.get(conversationId);
    if (block) {
      send(res, 403, BLOCKED_BODIES[block]);
      return 403;
    }
    if (limited(conversationId)) {
      const retryAfter = String(options.retryAfterSeconds ?? 1);
      send(res, 429, { error: { code: "Throttled", message: "Too many requests" } }, { "retry-after": retryAfter });
      return 429;
    }
    const body = await readJson(req);
    if (method === "PUT" && activityId) {
      if (!messages.has(messageKey(conversationId, activityId))) {
        send(res, 404, { error: { code: "NotFound", message: "The activity was not found in the conversation." } });
        return 404;
      }
      messages.set(messageKey(conversationId, activityId), body);
      record({ kind: "update", conversationId, id: activityId, activity: body });
      send(res, 200, { id: activityId });
      return 200;
    }
    const id = nextId();
    const kind = activityId ? "reply" : "send";
    messages.set(messageKey(conversationId, id), body);
    record({ kind, conversationId, id, replyToId: activityId, activity: body });
    send(res, 200, { id });
    return 200;
  }

  const server = createServer((req, res) => {
    const entry: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", status: 0 };
    entry.authorization = req.headers.authorization;
    route(req, res)
      .then((status) => {
        entry.status = status;
      })
      .catch(() => {
        entry.status = 400;
        if (!res.headersSent) send(res, 400, { error: { code: "BadArgument", message: "invalid JSON" } });
      })
      .finally(() => requests.push(entry));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url: base,
    activities,
    requests,
    openIdMetadataUrl: `${base}.well-known/openidconfiguration`,
    signingKey: { kid, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString() },
    message(conversationId, activityId) {
      return messages.get(messageKey(conversationId, activityId));
    },
    addMessage(conversationId, id = nextId(), activity = { type: "message" }) {
      messages.set(messageKey(conversationId, id), activity);
      return id;
    },
    waitForActivity(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = activities.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching activity within ${timeoutMs} ms (${activities.length} recorded)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    block(conversationId, kind = "blocked") {
      blocked.set(conversationId, kind);
    },
    failNext(method, status, body = { error: { code: "NotFound", message: "injected failure" } }, headers = {}) {
      failures.push({ method, status, body, headers });
    },
    unblock(conversationId) {
      blocked.delete(conversationId);
    },
    reset() {
      activities.length = 0;
      requests.length = 0;
      windows.clear();
      failures.length = 0;
      messages.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
