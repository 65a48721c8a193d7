// The Slack endpoint on a real HTTP port, wired to the fake Slack API and a recording
// core, for adapter tests. The tiny server routes POST /slack/events (any query) to
// requestListener, as the real server does.
//
//   const h = await startSlackHarness();
//   const response = await postToSlackEndpoint(h.baseUrl, signedSlashCommand(SLACK_TEST_SECRET));
//   await h.close();
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSlackEndpoint, type SlackEndpoint, type SlackEndpointOptions } from "../../adapters/slack/index.ts";
import { silentLogger } from "../../bot/log.ts";
import { FAKE_BOT_TOKEN, type FakeSlack, startFakeSlack } from "./slack-api.ts";
import { RecordingBotCore, type RecordingBotCoreOptions } from "./slack-bot-core.ts";

export const SLACK_TEST_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
/** the user of the signing fixtures; the fake knows them with locale fi-FI */
export const SLACK_TEST_USER = "U2147483697";

export interface SlackHarness {
  slack: FakeSlack;
  bot: RecordingBotCore;
  endpoint: SlackEndpoint;
  baseUrl: string;
  close(): Promise<void>;
}

export interface SlackHarnessOptions {
  bot?: RecordingBotCoreOptions;
  endpoint?: Partial<Pick<SlackEndpointOptions, "now" | "ackBudgetMs" | "log">>;
}

export async function startSlackHarness(options: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const slack = await startFakeSlack();
  slack.setUserLocale(SLACK_TEST_USER, "fi-FI");
  const bot = new RecordingBotCore(options.bot);
  // no trailing "/": the endpoint must add it
  const config = {
    signingSecret: SLACK_TEST_SECRET,
    botToken: FAKE_BOT_TOKEN,
    apiUrl: slack.apiUrl.replace(/\/$/, ""),
  };
  const endpoint = createSlackEndpoint({ config, bot, log: silentLogger, ...options.endpoint });
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url?.startsWith("/slack/events")) return void endpoint.requestListener(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    slack,
    bot,
    endpoint,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await slack.close();
    },
  };
}
