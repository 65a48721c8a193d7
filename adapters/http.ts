// One process, one port: restify serves Teams (/api/messages), Slack (/slack/events,
// raw body, signature checked by Bolt), /healthz and the .ics downloads.
import type { IncomingMessage, ServerResponse } from "node:http";
import restify from "restify";
import { isLanguage } from "../bot/i18n/index.ts";
import type { Logger } from "../bot/log.ts";
import { sessionsToIcs } from "../domain/calendar.ts";
import { findCalendarSession } from "../domain/store/calendar.ts";
import type { Store } from "../prisma/store.ts";

export interface PlatformStatus {
  teams: "on" | "local";
  slack: "on" | "off";
}

export interface HttpOptions {
  store: Store;
  log: Logger;
  platforms: PlatformStatus;
  teams: { handle(req: restify.Request, res: restify.Response): Promise<void> };
  slack?: { requestListener(req: IncomingMessage, res: ServerResponse): Promise<void> } | undefined;
}

/** Largest Bot Framework activity accepted; real ones are a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

export function createHttpServer(options: HttpOptions): restify.Server {
  const { store, log } = options;
  const server = restify.createServer({ name: "ake-bot", handleUncaughtExceptions: false });
  const parseBody = restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false });

  server.post("/api/messages", parseBody, async (req: restify.Request, res: restify.Response) => {
    await options.teams.handle(req, res);
  });

  server.post("/slack/events", async (req: restify.Request, res: restify.Response) => {
    if (!options.slack) {
      res.send(404, { error: "slack_disabled", message: "Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN" });
      return;
    }
    await options.slack.requestListener(req, res);
  });

  server.get("/healthz", async (_req: restify.Request, res: restify.Response) => {
    let storeOk = true;
    try {
      await store.ping();
    } catch (error) {
      storeOk = false;
      log.warn({ err: error }, "health check: store unavailable");
    }
    res.send(storeOk ? 200 : 503, {
      status: storeOk ? "ok" : "unavailable",
      store: { kind: store.kind, ok: storeOk },
      platforms: options.platforms,
    });
  });

  server.get("/calendar/sessions/:file", async (req: restify.Request, res: restify.Response) => {
    const file = String(req.params.file ?? "");
    const id = file.endsWith(".ics") ? file.slice(0, -4) : file;
    const lang = String(req.query?.lang ?? "fi");
    const session = id ? await findCalendarSession(store.prisma, id) : null;
    if (!session) {
      res.send(404, { error: "not_found", message: "Tilaisuutta ei löydy · Träffen finns inte · Session not found" });
      return;
    }
    const body = sessionsToIcs([session], isLanguage(lang) ? lang : "fi");
    res.writeHead(200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="ake-${id}.ics"`,
      "Cache-Control": "no-store",
    });
    res.end(body);
  });

  // A handler that throws must not take the process down; the client gets a 500.
  server.on("restifyError", (req: restify.Request, _res: restify.Response, error: Error, callback: () => void) => {
    const status = (error as Error & { statusCode?: number }).statusCode;
    if (status === undefined || status >= 500) {
      log.error({ err: error, url: req.url }, "request failed");
    }
    callback();
  });
  return server;
}
