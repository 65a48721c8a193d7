// The whole bot on a real port, on a real store (embedded, or PostgreSQL with
// TEST_DATABASE_URL), with local fakes of what lies outside the machine: the Slack
// Web API with response_url, and the Bot Framework Connector. Requests go in through
// the HTTP endpoints exactly as the platforms send them.
//
//   const bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
//   const reply = await bot.slack.command("kahvit", { user: "U1" });      // { text, blocks }
//   const card = await bot.teams.message("kahvit", { locale: "sv-FI" });  // the Adaptive Card sent
//   await bot.stop();
import { type RunningApp, startApp } from "../../adapters/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { silentLogger } from "../../bot/log.ts";
import type { ActionPayload } from "../../bot/reply.ts";
import type { Store } from "../../prisma/store.ts";
import { type FakeBotConnector, type RecordedActivity, startFakeBotConnector } from "../fakes/bot-connector.ts";
import { FAKE_BOT_TOKEN, type FakeSlack, startFakeSlack } from "../fakes/slack-api.ts";
import {
  type EndpointResponse,
  postToSlackEndpoint,
  signedBlockActions,
  signedSlashCommand,
} from "../fakes/slack-signing.ts";
import {
  type ConversationKind,
  postActivity,
  TEST_USERS,
  type TeamsActivity,
  type TeamsUser,
  teamsActionExecute,
  teamsMessage,
} from "../fakes/teams-activities.ts";
import { openTestStore, type TestStore } from "./test-store.ts";

export const SLACK_SECRET = "e2e-signing-secret-0123456789abcdef";
export const PUBLIC_URL = "https://ake.example.test";

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
  replace_original?: boolean;
  response_type?: string;
}

export interface TestBot {
  app: RunningApp;
  store: Store;
  url: string;
  fakeSlack: FakeSlack;
  connector: FakeBotConnector;
  /** the bot's clock; tests may move it */
  clock: { now: Date };
  slack: {
    /** posts `/ake <text>` and returns the reply, from the HTTP response or response_url */
    command(text: string, options?: { user?: string }): Promise<SlackMessage & { http: EndpointResponse }>;
    /** clicks a button carrying `payload` and returns what was posted to response_url */
    click(
      payload: ActionPayload | string,
      options?: { user?: string },
    ): Promise<SlackMessage & { http: EndpointResponse }>;
  };
  teams: {
    /** sends a message and returns the activity the bot sent back */
    message(text: string, options?: TeamsOptions): Promise<RecordedActivity>;
    /** clicks an Action.Execute button; returns the invoke response body */
    execute(payload: ActionPayload, options?: TeamsOptions): Promise<{ status: number; body: Record<string, unknown> }>;
  };
  stop(): Promise<void>;
}

export interface TeamsOptions {
  locale?: string;
  user?: TeamsUser;
  conversation?: ConversationKind;
}

let responseCounter = 0;

export async function startTestBot(options: { now?: string; store?: Store } = {}): Promise<TestBot> {
  const clock = { now: new Date(options.now ?? "2026-10-19T10:00:00+03:00") };
  const own: TestStore | undefined = options.store ? undefined : await openTestStore();
  const store = options.store ?? (own as TestStore);
  const fakeSlack = await startFakeSlack({ rateLimit: false });
  const connector = await startFakeBotConnector({ rateLimit: false });
  const config = loadConfig({
    PORT: "0",
    PUBLIC_URL,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_API_URL: fakeSlack.apiUrl,
  });
  const app = await startApp({ config, log: silentLogger, store, now: () => clock.now });

  async function slackRequest(request: ReturnType<typeof signedSlashCommand>, id: string) {
    const http = await postToSlackEndpoint(app.url, request);
    const inline = http.json as SlackMessage | undefined;
    if (inline?.blocks) return { ...inline, http };
    const post = await fakeSlack.waitForPost((p) => p.id === id, 8_000);
    return { ...(post.body as unknown as SlackMessage), http };
  }

  return {
    app,
    store,
    url: app.url,
    fakeSlack,
    connector,
    clock,
    slack: {
      command(text, { user = "U0E2E0001" } = {}) {
        const id = `cmd-${++responseCounter}`;
        const request = signedSlashCommand(SLACK_SECRET, {
          text,
          user_id: user,
          response_url: fakeSlack.responseUrl(id),
        });
        return slackRequest(request, id);
      },
      click(payload, { user = "U0E2E0001" } = {}) {
        const id = `click-${++responseCounter}`;
        const value = typeof payload === "string" ? payload : JSON.stringify(payload);
        const request = signedBlockActions(SLACK_SECRET, {
          value,
          userId: user,
          responseUrl: fakeSlack.responseUrl(id),
        });
        return slackRequest(request, id);
      },
    },
    teams: {
      async message(text, { locale = "fi-FI", user = TEST_USERS.maija, conversation = "personal" } = {}) {
        const activity = teamsMessage({ serviceUrl: connector.url, text, locale, user, conversation });
        const response = await postActivity(`${app.url}/api/messages`, activity);
        if (response.status >= 300) throw new Error(`Teams endpoint answered ${response.status}`);
        return connector.waitForActivity(
          (a) => a.replyToId === activity.id || a.activity.replyToId === activity.id,
          8_000,
        );
      },
      async execute(payload, { locale = "fi-FI", user = TEST_USERS.maija } = {}) {
        const activity: TeamsActivity = teamsActionExecute({ serviceUrl: connector.url, data: payload, locale, user });
        const response = await postActivity(`${app.url}/api/messages`, activity);
        const text = await response.text();
        return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      },
    },
    async stop() {
      await app.stop();
      await Promise.all([fakeSlack.close(), connector.close()]);
      await own?.drop();
    },
  };
}

/** All text in a Slack message, for assertions that don't care about block layout. */
export function slackText(message: { blocks: Array<Record<string, unknown>> }): string {
  return JSON.stringify(message.blocks)
    .replace(/\\n/g, "\n")
    .replace(/\u2060/g, "");
}

/** The Adaptive Card attached to an activity the bot sent. */
export function cardOf(sent: RecordedActivity): Record<string, unknown> {
  const attachments = sent.activity.attachments as Array<{ content: Record<string, unknown> }> | undefined;
  const card = attachments?.[0]?.content;
  if (!card) throw new Error(`no card in ${JSON.stringify(sent.activity).slice(0, 300)}`);
  return card;
}

/** All TextBlock/FactSet text of a card, unescaped, for assertions. */
export function cardText(card: unknown): string {
  return JSON.stringify(card).replace(/\\\\/g, "").replace(/\\n/g, "\n");
}
