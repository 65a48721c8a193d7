// The Teams adapter: botbuilder's CloudAdapter (as teams-ai's TeamsAdapter) plus a
// teams-ai Application whose routes call the platform-neutral core.
//
//   const teams = createTeamsEndpoint({ config: config.teams, bot, log });
//   server.use(restify.plugins.bodyParser());
//   server.post("/api/messages", async (req, res) => {
//     await teams.handle(req, res); // restify 11 rejects a non-async 2-argument handler
//   });
//
// handle() never rejects and never lets a request without a valid Bot Framework token
// (when an app id is configured) reach the core: see http.ts.
import { Application, TeamsAdapter } from "@microsoft/teams-ai";
import { type ConfigurationBotFrameworkAuthenticationOptions, MemoryStorage, type TurnContext } from "botbuilder";
import type { Request, Response } from "restify";
import type { TeamsConfig } from "../../bot/config.ts";
import type { Logger } from "../../bot/log.ts";
import type { BotCore } from "../../bot/requests.ts";
import { createGuardedHandler } from "./http.ts";
import type { ReferenceCapture } from "./proactive.ts";
import { registerRoutes } from "./routes.ts";

export { renderActivity, renderAdaptiveCard } from "./render.ts";

export interface TeamsEndpointOptions {
  config: TeamsConfig;
  bot: BotCore;
  log: Logger;
  /**
   * Called when the bot is installed in a chat or team (installationUpdate "add", or
   * conversationUpdate with the bot among membersAdded). May run more than once for
   * the same conversation: keep a persistent "greeted" flag. Errors go to the apology
   * handler (nothing is sent for non-message activities).
   */
  onInstalled?: (ctx: TurnContext) => Promise<void>;
  /**
   * Stores the conversation reference of every incoming activity (personal chats,
   * channels, installs) for proactive messages; see proactive.ts. Off when absent.
   */
  capture?: ReferenceCapture | undefined;
  /**
   * Tests only: fetch the Bot Framework token signing keys from this OpenID metadata
   * URL (a local fake) instead of login.botframework.com. Ignored without an app id.
   */
  openIdMetadataUrl?: string;
}

export interface TeamsEndpoint {
  handle(req: Request, res: Response): Promise<void>;
  app: Application;
  adapter: TeamsAdapter;
}

// Public-cloud values of botbuilder's AuthenticationConstants: when one endpoint is
// overridden botbuilder expects the whole set.
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  ToChannelFromBotOAuthScope: "https://api.botframework.com",
  ToBotFromChannelTokenIssuer: "https://api.botframework.com",
  OAuthUrl: "https://api.botframework.com",
  CallerId: "urn:botframework:azure",
};

function authConfig(config: TeamsConfig, openIdMetadataUrl?: string): ConfigurationBotFrameworkAuthenticationOptions {
  // An empty app id is botbuilder's local mode: no token checks, anonymous replies.
  if (!config.appId) return {};
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType,
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
    ...(openIdMetadataUrl
      ? {
          ...PUBLIC_CLOUD,
          ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
        }
      : {}),
  };
}

export function createTeamsEndpoint(options: TeamsEndpointOptions): TeamsEndpoint {
  const { config, bot } = options;
  const log = options.log.child({ component: "teams" });
  const adapter = new TeamsAdapter(authConfig(config, options.openIdMetadataUrl));
  const app = new Application({
    storage: new MemoryStorage(),
    adapter,
    ...(config.appId ? { botAppId: config.appId } : {}),
    removeRecipientMention: true,
    // one shared timer per Application, and our replies come fast: no typing indicator
    startTypingTimer: false,
    // no actionExecuteResponseType: REPLACE_FOR_INTERACTOR, see routes.ts onExecute
    adaptiveCards: { actionSubmitFilter: "verb" },
  });
  registerRoutes(app, { bot, log, onInstalled: options.onInstalled });

  const guarded = createGuardedHandler({
    adapter,
    authEnabled: Boolean(config.appId),
    logic: async (ctx) => {
      try {
        await app.run(ctx);
      } finally {
        // After the turn: the reply is already out, and on a first message the turn has
        // just created the user row the reference is linked to. Not beside the turn: the
        // embedded store's socket server mixes up concurrent queries (see the delivery
        // report). Only authenticated activities get here (the guard checks first).
        await options.capture?.capture(ctx.activity);
      }
    },
    log,
  });
  return {
    app,
    adapter,
    async handle(req, res) {
      try {
        await guarded(req, res);
      } catch (err) {
        // last resort: the guard itself failed (a bug here), answer once and move on
        log.error({ err }, "teams: request handling failed");
        if (!res.headersSent) res.send(500, { error: "Internal Server Error" });
      }
    },
  };
}
