// The Slack adapter's entry point: one HTTP endpoint for slash commands, button clicks
// and (later) Events API deliveries, served by Bolt behind our request guard.
//
//   const slack = createSlackEndpoint({ config: config.slack, bot, log });
//   // in the server: POST /slack/events → slack.requestListener(req, res) (body unparsed)
//   // proactive messages: slack.client.chat.postMessage({ channel, ...renderMessage(reply) })
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, webApi } from "@slack/bolt";
import type { SlackConfig } from "../../bot/config.ts";
import type { Logger } from "../../bot/log.ts";
import type { BotCore } from "../../bot/requests.ts";
import { boltLogger } from "./bolt-logger.ts";
import { createRequestGuard } from "./guard.ts";
import { actionListener, commandListener } from "./handlers.ts";
import { createLocaleLookup } from "./requester.ts";
import { viewSubmissionListener } from "./submissions.ts";

export { renderBlocks, renderMessage } from "./render.ts";

/** The path Bolt listens on; the request guard maps whatever path the server used to it. */
const ENDPOINT = "/slack/events";
/** Slack allows 3 s; leave room for rendering, the network and a slow event loop. */
const DEFAULT_ACK_BUDGET_MS = 2000;

export interface SlackEndpointOptions {
  config: SlackConfig;
  bot: BotCore;
  log: Logger;
  /** clock for the signature timestamp window, ms since the epoch (Bolt's own check uses Date.now) */
  now?: () => number;
  /** how long a slash command waits for the core before acking empty; default 2000 ms */
  ackBudgetMs?: number;
}

export interface SlackEndpoint {
  /** handles one request; resolves when the HTTP response is finished (late replies go on) */
  requestListener: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  app: App;
  /** a Web API client with the bot token, for messages outside a request (chat.postMessage…) */
  client: webApi.WebClient;
}

/** Slack's Web API base URL must end in "/" (the client appends method names). */
function normaliseApiUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : url.replace(/\/*$/, "/");
}

export function createSlackEndpoint(options: SlackEndpointOptions): SlackEndpoint {
  const { config, bot } = options;
  const log = options.log.child({ platform: "slack" });
  const logger = boltLogger(log);
  const apiUrl = normaliseApiUrl(config.apiUrl);
  const clientOptions = apiUrl ? { slackApiUrl: apiUrl } : {};

  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: ENDPOINT,
    processBeforeResponse: false,
    logger,
  });
  // Not `token`: with `token` and tokenVerificationEnabled: false, Bolt 4.7.2 calls
  // auth.test before *every* request (uncached) and answers 401 when it fails. We need
  // no bot ids (no message events), so authorisation is just the configured token.
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: config.botToken }),
    tokenVerificationEnabled: false,
    clientOptions,
    logger,
    convoStore: false,
  });
  const deps = {
    bot,
    log,
    lookupLocale: createLocaleLookup({ token: config.botToken, apiUrl, log }),
    ackBudgetMs: options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS,
  };
  // every slash command routed here is AKE's: the Slack app manifest decides which reach
  // us (a staging app may call it /ake-dev)
  app.command(/.*/, commandListener(deps));
  app.action({ type: "block_actions" }, actionListener(deps));
  // submitted form modals (any callback id: the listener closes views that are not ours)
  app.view({ type: "view_submission" }, viewSubmissionListener(deps));
  app.error(async (error) => {
    log.error({ err: error }, "unhandled error in a slack listener");
  });

  const guard = createRequestGuard({ signingSecret: config.signingSecret, log, now: options.now ?? Date.now });
  const requestListener = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const finished = new Promise<void>((resolve) => {
      res.once("finish", resolve);
      res.once("close", resolve);
    });
    try {
      if (await guard(req, res)) {
        req.url = ENDPOINT;
        receiver.requestListener(req, res);
      }
    } catch (error) {
      log.error({ err: error }, "slack request failed before reaching a listener");
      if (!res.headersSent) res.writeHead(500).end();
    }
    await finished;
  };
  // app.client has no token (see authorize above), so proactive sends get their own client
  const client = new webApi.WebClient(config.botToken, { ...clientOptions, logger });
  return { requestListener, app, client };
}
