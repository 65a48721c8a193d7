// A local fake of the Slack Web API and of response_url, for tests (no network).
//
//   const slack = await startFakeSlack();                 // 127.0.0.1, a free port
//   slack.setUserLocale("U1", "fi-FI");                   // users.info knows U1
//   const config = { signingSecret, botToken: FAKE_BOT_TOKEN, apiUrl: slack.apiUrl };
//   const responseUrl = slack.responseUrl("cmd-1");       // hand out as response_url
//   ... run the bot ...
//   const post = await slack.waitForPost((p) => p.id === "cmd-1", 5000);
//   expect(post.problems).toEqual([]);                    // Block Kit limits held
//   expect(slack.callsTo("users.info")).toHaveLength(1);
//   await slack.close();
//
// Web API methods: auth.test, users.info (include_locale as Slack: locale only when
// asked; unknown user → user_not_found), chat.postMessage (rate limited per channel,
// HTTP 429 + Retry-After, like Slack's ~1/s with bursts), chat.update (limited likewise),
// chat.postEphemeral, views.open; others → unknown_method. Proactive sends: a DM to a user
// users.info does not know → channel_not_found ({ strictDirectMessages: true }, as Slack),
// setPostError(channel, "user_not_found") → that error until cleared (setUpdateError likewise
// for chat.update). chat.postMessage answers
// with the message's channel (a DM's own "D…" id when posted to a user id "U…", as Slack) and
// ts, and keeps the message: chat.update with that channel and ts edits it (`message(channel,
// ts)` shows it as it is now), any other → message_not_found. A missing token answers
// not_authed, a wrong one invalid_auth; blocks over Block Kit limits → invalid_blocks.
// Requests are read as Slack accepts them: form-encoded (JSON-valued fields decoded)
// or JSON, token from "Authorization: Bearer" or the `token` field.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";
import { slackBlockProblems } from "./slack-limits.ts";

export const FAKE_BOT_TOKEN = "xoxb-000-fake-token";

export interface FakeSlackOptions {
  botToken?: string;
  teamId?: string;
  /** chat.postMessage and chat.update per channel (a DM's "D…" id); false: never limited */
  rateLimit?: { perSecond: number; burst: number } | false;
  /** ms since the epoch, for rate limiting and message ts */
  now?: () => number;
  /** chat.postMessage to a user unknown to users.info → channel_not_found (default: accepted) */
  strictDirectMessages?: boolean;
}

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
  status: number;
  response: Record<string, unknown>;
}

export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  /** Block Kit limit violations in body.blocks ([] if none) */
  problems: string[];
  at: number;
}

/** A message as the fake keeps it: where it is, and its text and blocks as last posted or updated. */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: unknown;
  blocks: unknown;
  /** how many times chat.update changed it */
  edits: number;
}

export interface FakeSlack {
  /** ends with "/", as slackApiUrl must */
  apiUrl: string;
  calls: ApiCall[];
  responses: ResponsePost[];
  responseUrl(id: string): string;
  /** makes users.info know the user; undefined forgets them (→ user_not_found) */
  setUserLocale(userId: string, locale: string | undefined): void;
  /** answers `method` only after `ms` (e.g. to make users.info time out) */
  setDelay(method: string, ms: number): void;
  /** chat.postMessage to `channel` answers { ok: false, error } until set to undefined */
  setPostError(channel: string, error: string | undefined): void;
  /** chat.update in `channel` answers { ok: false, error } until set to undefined */
  setUpdateError(channel: string, error: string | undefined): void;
  callsTo(method: string): ApiCall[];
  /** the message at `channel` and `ts` as it is now (after chat.update), if it exists */
  message(channel: string, ts: string): PostedMessage | undefined;
  /** the DM channel ("D…") Slack opened for the app with this user, once something was posted to them */
  dmChannel(userId: string): string | undefined;
  waitForPost(predicate: (post: ResponsePost) => boolean, timeoutMs?: number): Promise<ResponsePost>;
  close(): Promise<void>;
}

type Args = Record<string, unknown>;
type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

async function readArgs(req: IncomingMessage): Promise<Args> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  if ((req.headers["content-type"] ?? "").includes("application/json")) return raw ? (JSON.parse(raw) as Args) : {};
  const args: Args = {};
  for (const [key, value] of Object.entries(parseQuery(raw))) {
    const text = Array.isArray(value) ? value[0] : value;
    try {
      args[key] = text && /^[[{]/.test(text) ? JSON.parse(text) : text;
    } catch {
      args[key] = text;
    }
  }
  return args;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.botToken ?? FAKE_BOT_TOKEN;
  const teamId = options.teamId ?? "T0FAKE";
  const now = options.now ?? Date.now;
  const limit = options.rateLimit === undefined ? { perSecond: 1, burst: 3 } : options.rateLimit;
  const users = new Map<string, string>();
  const delays = new Map<string, number>();
  const postErrors = new Map<string, string>();
  const updateErrors = new Map<string, string>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const messages = new Map<string, PostedMessage>();
  const dms = new Map<string, string>();
  const calls: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const waiters = new Set<() => void>();
  let sequence = 0;
  const nextTs = () => `${Math.floor(now() / 1000)}.${String(++sequence).padStart(6, "0")}`;
  const error = (code: string): Answer => ({ body: { ok: false, error: code } });
  const messageKey = (channel: string, ts: string) => `${channel}/${ts}`;

  /** Slack posts a message "to a user" in the app's DM with them, which has an id of its own. */
  function resolveChannel(channel: string): string {
    if (!/^[UW]/.test(channel)) return channel;
    let dm = dms.get(channel);
    if (!dm) {
      dm = `D${String(dms.size + 1).padStart(4, "0")}${channel.slice(1)}`;
      dms.set(channel, dm);
    }
    return dm;
  }

  function post(args: Args): Answer {
    const channel = resolveChannel(String(args.channel));
    const limited = rateLimited(channel);
    if (limited) return limited;
    const ts = nextTs();
    const stored: PostedMessage = { channel, ts, text: args.text, blocks: args.blocks, edits: 0 };
    messages.set(messageKey(channel, ts), stored);
    return { body: { ok: true, channel, ts, message: { type: "message", text: args.text ?? "", ts } } };
  }

  function update(args: Args): Answer {
    const channel = typeof args.channel === "string" ? args.channel : "";
    const ts = typeof args.ts === "string" ? args.ts : "";
    const refused = updateErrors.get(channel);
    if (refused) return error(refused);
    const stored = messages.get(messageKey(channel, ts));
    if (!stored) return error("message_not_found");
    const limited = rateLimited(channel);
    if (limited) return limited;
    // Slack keeps what the update leaves out
    if (args.text !== undefined) stored.text = args.text;
    if (args.blocks !== undefined) stored.blocks = args.blocks;
    stored.edits += 1;
    const message = { type: "message", text: stored.text ?? "", blocks: stored.blocks, ts, edited: { ts: nextTs() } };
    return { body: { ok: true, channel, ts, text: stored.text ?? "", message } };
  }

  /** token bucket per channel: `burst` at once, then `perSecond` */
  function rateLimited(channel: string): Answer | undefined {
    if (!limit) return undefined;
    const bucket = buckets.get(channel) ?? { tokens: limit.burst, at: now() };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now() - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now();
    buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    return { status: 429, headers: { "retry-after": String(retryAfter) }, body: { ok: false, error: "ratelimited" } };
  }

  function message(args: Args): Answer | undefined {
    if (typeof args.channel !== "string" || args.channel === "") return error("channel_not_found");
    if (args.text === undefined && args.blocks === undefined) return error("no_text");
    if (args.blocks !== undefined && slackBlockProblems(args.blocks).length > 0) return error("invalid_blocks");
    return undefined;
  }

  const methods: Record<string, (args: Args) => Answer> = {
    "auth.test": () => ({
      body: {
        ok: true,
        url: "https://fake.slack.com/",
        team: "Fake",
        user: "ake",
        team_id: teamId,
        user_id: "UBOT",
        bot_id: "BBOT",
      },
    }),
    "users.info": (args) => {
      const id = String(args.user ?? "");
      if (!users.has(id)) return error("user_not_found");
      const user: Args = {
        id,
        team_id: teamId,
        name: id.toLowerCase(),
        real_name: `User ${id}`,
        tz: "Europe/Helsinki",
      };
      if (args.include_locale === true || args.include_locale === "true") user.locale = users.get(id);
      return { body: { ok: true, user } };
    },
    "chat.postMessage": (args) => message(args) ?? postRefusal(String(args.channel)) ?? post(args),
    "chat.update": (args) => (typeof args.ts === "string" ? message(args) : error("message_not_found")) ?? update(args),
    "chat.postEphemeral": (args) =>
      (typeof args.user === "string" ? message(args) : error("user_not_in_channel")) ?? {
        body: { ok: true, message_ts: nextTs() },
      },
    "views.open": (args) =>
      typeof args.trigger_id !== "string" || typeof args.view !== "object"
        ? error("invalid_arguments")
        : { body: { ok: true, view: { id: `V${++sequence}`, ...(args.view as Args) } } },
  };

  function postRefusal(channel: string): Answer | undefined {
    const refused = postErrors.get(channel);
    if (refused) return error(refused);
    if (options.strictDirectMessages && /^[UW]/.test(channel) && !users.has(channel)) return error("channel_not_found");
    return undefined;
  }

  function api(method: string, args: Args, authorization: string | undefined): Answer {
    const given = authorization?.replace(/^Bearer\s+/i, "") ?? (typeof args.token === "string" ? args.token : "");
    if (!given) return error("not_authed");
    if (given !== token) return error("invalid_auth");
    return methods[method]?.(args) ?? error("unknown_method");
  }

  function recordPost(id: string, body: Args): Answer {
    // Slack: a response_url takes at most 5 posts (within 30 minutes)
    if (responses.filter((post) => post.id === id).length >= 5) return { status: 404, ...error("used_url") };
    responses.push({ id, body, problems: body.blocks ? slackBlockProblems(body.blocks) : [], at: now() });
    for (const wake of waiters) wake();
    return { body: { ok: true } };
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    let answer: Answer;
    try {
      const args = await readArgs(req);
      const apiMethod = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1];
      const responseId = /^\/response\/([^/]+)$/.exec(url.pathname)?.[1];
      if (req.method === "POST" && apiMethod) {
        const delay = delays.get(apiMethod) ?? 0;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        answer = api(apiMethod, args, req.headers.authorization);
        const status = answer.status ?? 200;
        calls.push({
          method: apiMethod,
          args,
          authorization: req.headers.authorization,
          status,
          response: answer.body,
        });
      } else if (req.method === "POST" && responseId) {
        answer = recordPost(decodeURIComponent(responseId), args);
      } else {
        answer = { status: 404, body: { ok: false, error: "not_found" } };
      }
    } catch {
      answer = { status: 400, body: { ok: false, error: "invalid_json" } };
    }
    res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    setUserLocale: (userId, locale) => {
      if (locale === undefined) users.delete(userId);
      else users.set(userId, locale);
    },
    setDelay: (method, ms) => {
      delays.set(method, ms);
    },
    setPostError: (channel, refused) => {
      if (refused === undefined) postErrors.delete(channel);
      else postErrors.set(channel, refused);
    },
    setUpdateError: (channel, refused) => {
      if (refused === undefined) updateErrors.delete(channel);
      else updateErrors.set(channel, refused);
    },
    callsTo: (method) => calls.filter((call) => call.method === method),
    message: (channel, ts) => {
      const stored = messages.get(messageKey(channel, ts));
      return stored ? { ...stored } : undefined;
    },
    dmChannel: (userId) => dms.get(userId),
    waitForPost: (predicate, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = responses.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
          return found !== undefined;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = responses.map((post) => `${post.id}: ${JSON.stringify(post.body).slice(0, 200)}`);
          reject(new Error(`no matching response_url post within ${timeoutMs} ms; got:\n${seen.join("\n")}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
