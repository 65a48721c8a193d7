// A restify server wired exactly as the production server wires the Teams endpoint
// (bodyParser, POST /api/messages -> handle), plus a BotCore that records its calls.
//
//   const core = recordingCore({ message: (req) => textReply(`sait: ${req.text}`) });
//   const bot = await startTeamsTestServer({ bot: core, appId: "" });
//   await postActivity(bot.url, teamsMessage({ serviceUrl: connector.url, text: "kahvit" }));
//   expect(core.messages[0]?.text).toBe("kahvit");
//   await bot.close();
//
// Exported API:
//   recordingCore(behaviour?): RecordingCore   (BotCore + .messages/.actions arrays)
//   startTeamsTestServer(opts): Promise<{ url, endpoint, close() }>
import type { AddressInfo } from "node:net";
import type { TurnContext } from "botbuilder";
import restify from "restify";
import { createTeamsEndpoint, type TeamsEndpoint } from "../../adapters/teams/index.ts";
import type { TeamsConfig } from "../../bot/config.ts";
import { type Logger, silentLogger } from "../../bot/log.ts";
import { type Reply, textReply } from "../../bot/reply.ts";
import type { ActionOutcome, ActionRequest, BotCore, MessageRequest } from "../../bot/requests.ts";

export interface RecordingCore extends BotCore {
  messages: MessageRequest[];
  actions: ActionRequest[];
}

export interface CoreBehaviour {
  message?: (req: MessageRequest) => Reply | Promise<Reply>;
  action?: (req: ActionRequest) => ActionOutcome | Promise<ActionOutcome>;
}

export function recordingCore(behaviour: CoreBehaviour = {}): RecordingCore {
  const messages: MessageRequest[] = [];
  const actions: ActionRequest[] = [];
  return {
    messages,
    actions,
    async handleMessage(req) {
      messages.push(req);
      return behaviour.message ? behaviour.message(req) : textReply(`echo: ${req.text}`);
    },
    async handleAction(req) {
      actions.push(req);
      return behaviour.action ? behaviour.action(req) : { mode: "replace", reply: textReply(`did ${req.action.verb}`) };
    },
  } satisfies RecordingCore;
}

export interface TeamsTestServerOptions {
  bot: BotCore;
  /** "" (default) runs without authentication, as local development does */
  appId?: string;
  openIdMetadataUrl?: string;
  onInstalled?: (ctx: TurnContext) => Promise<void>;
  log?: Logger;
}

export interface TeamsTestServer {
  /** the full URL of POST /api/messages */
  url: string;
  endpoint: TeamsEndpoint;
  close(): Promise<void>;
}

export async function startTeamsTestServer(options: TeamsTestServerOptions): Promise<TeamsTestServer> {
  const appId = options.appId ?? "";
  const config: TeamsConfig = appId
    ? { appId, appPassword: "test-password", appType: "MultiTenant" }
    : { appId: "", appType: "MultiTenant" };
  const endpoint = createTeamsEndpoint({
    config,
    bot: options.bot,
    log: options.log ?? silentLogger,
    ...(options.onInstalled ? { onInstalled: options.onInstalled } : {}),
    ...(options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {}),
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  // restify 11 insists on a real async function for two-argument handlers
  server.post("/api/messages", async (req: restify.Request, res: restify.Response) => {
    await endpoint.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    endpoint,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
