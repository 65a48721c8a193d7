// One process, one port: restify serves Teams (/api/messages), Slack (/slack/events,
// raw body, signature checked by Bolt), /healthz, the .ics downloads and each user's
// personal calendar feed.
import type { IncomingMessage, ServerResponse } from "node:http";
import restify from "restify";
import { feedVisits, visitCalendarFile } from "../bot/features/visits/calendar.ts";
import {
  DEFAULT_LANGUAGE,
  featureTranslator,
  isLanguage,
  type Language,
  languageFromLocale,
} from "../bot/i18n/index.ts";
import type { Logger } from "../bot/log.ts";
import { sessionsToIcs } from "../domain/calendar.ts";
import { type FeedOwner, findCalendarSession, findFeedOwner, findFeedSessions } from "../domain/store/calendar.ts";
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
  /** the clock for the feed's "last 30 days"; app.ts passes the bot's (tests fix it) */
  now?: (() => Date) | undefined;
}

/** Subscribed calendars are asked to look again hourly; Outlook decides for itself anyway. */
const FEED_REFRESH_SECONDS = 3600;

/** Largest Bot Framework activity accepted; real ones are a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

export function createHttpServer(options: HttpOptions): restify.Server {
  const { store, log } = options;
  const now = options.now ?? (() => new Date());
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
    // No queryParser plugin is installed, so req.query is not an object: read ?lang= here.
    const lang = new URLSearchParams(req.getQuery()).get("lang") ?? "fi";
    const session = id ? await findCalendarSession(store.prisma, id) : null;
    if (!session) {
      res.send(404, { error: "not_found", message: "Tilaisuutta ei löydy · Träffen finns inte · Session not found" });
      return;
    }
    const language = isLanguage(lang) ? lang : "fi";
    const cancelledPrefix = featureTranslator(language, "calendar")("feed.cancelledPrefix");
    const body = sessionsToIcs([session], language, { cancelledPrefix });
    res.writeHead(200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="ake-${id}.ics"`,
      "Cache-Control": "no-store",
    });
    res.end(body);
  });

  // A confirmed staff visit as an all-day event for the visitor's and the host's calendars.
  server.get("/calendar/visits/:file", async (req: restify.Request, res: restify.Response) => {
    const file = String(req.params.file ?? "");
    const id = file.endsWith(".ics") ? file.slice(0, -4) : file;
    const lang = new URLSearchParams(req.getQuery()).get("lang") ?? "fi";
    const body = id ? await visitCalendarFile(store.prisma, id, isLanguage(lang) ? lang : "fi") : null;
    if (!body) {
      res.send(404, { error: "not_found", message: "Vierailua ei löydy · Besöket finns inte · Visit not found" });
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="ake-visit-${id}.ics"`,
      "Cache-Control": "no-store",
    });
    res.end(body);
  });

  // The personal feed. The token is the only credential, so nothing here says whether a
  // token ever existed, and the URL (the token) never goes into a log line.
  server.get("/calendar/feed/:file", async (req: restify.Request, res: restify.Response) => {
    const file = String(req.params.file ?? "");
    const token = file.endsWith(".ics") ? file.slice(0, -4) : "";
    try {
      const owner = token ? await findFeedOwner(store.prisma, token) : null;
      if (!owner) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
        res.end("Not found");
        return;
      }
      const language = feedLanguage(owner);
      const t = featureTranslator(language, "calendar");
      const sessions = await findFeedSessions(store.prisma, owner, now());
      const visits = await feedVisits(store.prisma, owner.userId, language);
      const body = sessionsToIcs(
        sessions.map((session) => ({ ...session, note: session.waitlisted ? t("feed.waitlisted") : undefined })),
        language,
        {
          name: t("feed.calendarName"),
          cancelledPrefix: t("feed.cancelledPrefix"),
          refreshSeconds: FEED_REFRESH_SECONDS,
          visits,
        },
      );
      res.writeHead(200, {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'inline; filename="ake.ics"',
        "Cache-Control": "no-store",
      });
      res.end(body);
    } catch (error) {
      log.warn({ err: error }, "calendar feed failed");
      res.writeHead(503, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        "Retry-After": "300",
      });
      res.end("Service unavailable");
    }
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

/** The feed speaks the user's chosen language, else their platform's, else Finnish (as the bot does). */
function feedLanguage(owner: FeedOwner): Language {
  if (owner.language && isLanguage(owner.language)) return owner.language;
  return languageFromLocale(owner.platformLocale) ?? DEFAULT_LANGUAGE;
}
