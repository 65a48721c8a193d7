// The HTTP edge in front of botbuilder's CloudAdapter.process. It exists because of
// what process() does on its own (seen with botbuilder 4.23.3):
// - a body without `type` throws outside its try: restify answers 500;
// - a token it cannot verify answers 500, not 401, unless the failure happens to be an
//   AuthenticationError: a wrong signature (jsonwebtoken's JsonWebTokenError) or an
//   unreachable key endpoint both give 500, with the internal message as the body.
// So a missing bearer token is refused at once, the body is checked next, the adapter
// writes into a buffer, and with an app id a 5xx that happened before any turn started
// (authentication is the only thing that can fail there) goes out as 401.
import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { TurnContext } from "botbuilder";
import type { Request, Response } from "restify";
import { z } from "zod";
import type { Logger } from "../../bot/log.ts";

/** The fields every Bot Framework activity has and the SDK relies on. */
const ActivityEnvelope = z
  .object({
    type: z.string().min(1),
    serviceUrl: z
      .string()
      .url()
      .refine((url) => /^https?:/i.test(url), "http(s) URL"),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    from: z.object({ id: z.string().min(1) }).passthrough(),
    recipient: z.object({ id: z.string().min(1) }).passthrough(),
  })
  .passthrough();

interface Outcome {
  status: number;
  body?: unknown;
  headers: [string, unknown][];
}

/** A Response for botbuilder that only records; we write the real one afterwards. */
function bufferedResponse(outcome: Outcome) {
  return {
    socket: undefined,
    header(name: string, value: unknown) {
      outcome.headers.push([name, value]);
    },
    status(code: number) {
      outcome.status = code;
    },
    send(body?: unknown) {
      outcome.body = body;
    },
    end() {},
  };
}

function refuse(res: Response, status: number, error: string): void {
  res.send(status, { error });
}

export interface GuardOptions {
  adapter: TeamsAdapter;
  /** true when an app id is configured: every request must carry a valid token */
  authEnabled: boolean;
  logic: (ctx: TurnContext) => Promise<void>;
  log: Logger;
}

export function createGuardedHandler(options: GuardOptions): (req: Request, res: Response) => Promise<void> {
  const { adapter, authEnabled, logic, log } = options;
  return async (req, res) => {
    const auth = req.headers.authorization;
    if (authEnabled && !(typeof auth === "string" && /^Bearer \S+$/.test(auth))) {
      log.warn({ ip: req.socket?.remoteAddress }, "teams: request without a bearer token refused");
      return refuse(res, 401, "Unauthorized");
    }
    const envelope = ActivityEnvelope.safeParse(req.body);
    if (!envelope.success) {
      log.warn({ issues: envelope.error.issues.map((i) => i.path.join(".")) }, "teams: malformed activity refused");
      return refuse(res, 400, "Bad Request: not a Bot Framework activity");
    }

    const outcome: Outcome = { status: 200, headers: [] };
    let turnStarted = false;
    try {
      await adapter.process(
        { body: envelope.data, headers: req.headers, method: "POST" },
        bufferedResponse(outcome),
        async (ctx) => {
          turnStarted = true;
          await logic(ctx);
        },
      );
    } catch (err) {
      // process() throws only on input it rejects before its own try
      log.warn({ err }, "teams: activity rejected by the adapter");
      return refuse(res, 400, "Bad Request");
    }

    if (!turnStarted && (outcome.status === 401 || (authEnabled && outcome.status >= 500))) {
      // a 5xx here is a bad signature, or the signing keys could not be fetched: the
      // latter is our outage, not the caller's fault, so it is logged as an error
      const level = outcome.status === 401 ? "warn" : "error";
      log[level]({ status: outcome.status, reason: outcome.body }, "teams: token not accepted");
      return refuse(res, 401, "Unauthorized");
    }
    if (outcome.status >= 500) {
      // botbuilder puts the exception message in the body: keep it in our log only
      log.error({ status: outcome.status, reason: outcome.body }, "teams: turn failed without a handled error");
      return refuse(res, outcome.status, "Internal Server Error");
    }
    for (const [name, value] of outcome.headers) res.header(name, value);
    if (outcome.body === undefined) {
      res.status(outcome.status);
      res.end();
    } else {
      res.send(outcome.status, outcome.body);
    }
  };
}
