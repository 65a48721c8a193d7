// A gate in front of Bolt's HTTPReceiver. Bolt 4.7.2 verifies signatures (and keeps
// doing so behind this gate), but as measured here it also:
// - reads the body with no size limit;
// - accepts timestamps any distance in the future (it rejects only stale ones);
// - answers 400 to "application/x-www-form-urlencoded; charset=utf-8" (exact match);
// - leaves a signed body it cannot classify, e.g. `{}`, unanswered for 3 s, then 404;
// - dispatches Events API retries (X-Slack-Retry-Num) and replayed requests again.
// This gate answers those itself, quickly and with a 4xx (never 5xx), and hands Bolt
// only fresh, signed, recognisable requests with the body already buffered.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import type { Logger } from "../../bot/log.ts";

const MAX_AGE_SECONDS = 5 * 60;
/** block_actions payloads carry the whole message (up to 50 blocks): room for that, no more */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
/** interactive payload types Bolt gets to see; anything else is acknowledged and dropped */
const HANDLED_PAYLOADS = new Set(["block_actions", "view_submission"]);

export interface GuardOptions {
  signingSecret: string;
  log: Logger;
  /** milliseconds since the epoch */
  now: () => number;
}

type Verdict = { pass: true } | { pass: false; status: number; reason: string };

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  // a server that already buffered the raw body (as Bolt's receivers do) leaves it here
  const buffered = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(buffered)) {
    if (buffered.length > MAX_BODY_BYTES) throw new BodyTooLarge();
    return buffered;
  }
  if (req.readableEnded) throw new Error("the request body was already consumed (route it unparsed)");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

function signatureProblem(req: IncomingMessage, body: Buffer, options: GuardOptions): string | undefined {
  const timestamp = header(req, "x-slack-request-timestamp") ?? "";
  const signature = header(req, "x-slack-signature") ?? "";
  if (!/^\d{1,12}$/.test(timestamp)) return "missing or malformed X-Slack-Request-Timestamp";
  if (Math.abs(options.now() / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return "timestamp outside ±5 minutes";
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return "missing or malformed X-Slack-Signature";
  const expected = createHmac("sha256", options.signingSecret).update(`v0:${timestamp}:`).update(body).digest("hex");
  const matches = timingSafeEqual(Buffer.from(signature.slice(3), "utf8"), Buffer.from(expected, "utf8"));
  return matches ? undefined : "signature mismatch";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Decides, from a verified body, whether Bolt has something to do with it. */
function classify(mediaType: string, body: string): Verdict {
  const drop = (reason: string): Verdict => ({ pass: false, status: 200, reason });
  const reject = (reason: string): Verdict => ({ pass: false, status: 400, reason });
  try {
    if (mediaType === FORM) {
      const form = parseQuery(body);
      if (typeof form.payload === "string") {
        const payload: unknown = JSON.parse(form.payload);
        if (!isRecord(payload) || typeof payload.type !== "string") return reject("payload without a type");
        // Bolt cannot route a view_submission without its view (it would wait out the 3 s)
        if (payload.type === "view_submission" && !isRecord(payload.view))
          return drop("view_submission without a view");
        if (HANDLED_PAYLOADS.has(payload.type)) return { pass: true };
        return drop(`unhandled interactive payload ${payload.type}`);
      }
      if (typeof form.command === "string" && form.command.startsWith("/")) return { pass: true };
      return reject("form body that is neither a slash command nor an interactive payload");
    }
    if (mediaType === JSON_TYPE) {
      const json: unknown = JSON.parse(body);
      if (!isRecord(json)) return reject("JSON body that is not an object");
      if (json.type === "url_verification") return { pass: true };
      // no event subscriptions yet: acknowledge so that Slack does not retry
      if (json.type === "event_callback") return drop("Events API event (none handled)");
      return reject("JSON body of unknown type");
    }
  } catch {
    return reject("malformed body");
  }
  return { pass: false, status: 415, reason: `unsupported content type ${mediaType || "(none)"}` };
}

/** Remembers signatures seen within the signing window, to drop exact replays. */
class ReplayMemory {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** true if this signature was already seen (and not expired) */
  check(signature: string): boolean {
    const now = this.now();
    // a Map iterates in insertion order: expired entries are at the front
    for (const [key, expires] of this.seen) {
      if (expires > now && this.seen.size < 50_000) break;
      this.seen.delete(key);
    }
    if (this.seen.has(signature)) return true;
    this.seen.set(signature, now + 2 * MAX_AGE_SECONDS * 1000);
    return false;
  }
}

/**
 * Returns a function that checks one request and either answers it (returns false) or
 * leaves it for Bolt (returns true) with `rawBody` set, which Bolt then uses instead of
 * reading the already-consumed stream.
 */
export function createRequestGuard(options: GuardOptions) {
  const replays = new ReplayMemory(options.now);
  const answer = (res: ServerResponse, status: number, reason: string, body?: Buffer): false => {
    const level = status === 200 ? "debug" : "warn";
    options.log[level]({ status, reason, bytes: body?.length }, "slack request answered before Bolt");
    res.writeHead(status, status === 413 ? { connection: "close" } : {});
    res.end();
    return false;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "POST") return answer(res, 405, `method ${req.method}`);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(res, 413, "body too large");
      return answer(res, 400, "body could not be read");
    }
    const mediaType = (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    // Slack's ssl_check pings may come unsigned; they carry nothing to act on
    if (mediaType === FORM && parseQuery(body.toString("utf8")).ssl_check === "1") return answer(res, 200, "ssl_check");
    const problem = signatureProblem(req, body, options);
    if (problem) return answer(res, 401, problem, body);
    if (header(req, "x-slack-retry-num") !== undefined) return answer(res, 200, "retry of an earlier delivery");
    if (replays.check(header(req, "x-slack-signature") ?? "")) return answer(res, 200, "replayed request");
    const verdict = classify(mediaType, body.toString("utf8"));
    if (!verdict.pass) return answer(res, verdict.status, verdict.reason, body);
    // Bolt compares the content type exactly and reads `rawBody` if present
    req.headers["content-type"] = mediaType;
    Object.assign(req, { rawBody: body });
    return true;
  };
}
