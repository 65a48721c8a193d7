// The composition root: store, core, both adapters and the HTTP server, wired once.
// `npm start` (adapters/main.ts) and the end-to-end tests both start the bot here.
import type { AddressInfo } from "node:net";
import type { Config } from "../bot/config.ts";
import { createBot } from "../bot/core.ts";
import type { Logger } from "../bot/log.ts";
import type { BotCore } from "../bot/requests.ts";
import { materializeAhead, startSchedules } from "../bot/schedule.ts";
import { seedSampleDataIfEmpty } from "../domain/store/catalog-import.ts";
import { ensureCoordinators } from "../domain/store/users.ts";
import { openStore, type Store } from "../prisma/store.ts";
import { createHttpServer, type PlatformStatus } from "./http.ts";
import { createSlackEndpoint } from "./slack/index.ts";
import { createTeamsEndpoint } from "./teams/index.ts";

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  bot: BotCore;
  platforms: PlatformStatus;
  stop(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  log: Logger;
  /** the clock; tests pass a fixed one */
  now?: () => Date;
  /** an already-open store (tests share one per file); otherwise opened from config */
  store?: Store;
  /** start the node-cron schedules (off in tests) */
  schedules?: boolean;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const store = options.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const seeded = (await seedSampleDataIfEmpty(store.prisma)) !== null;
  await ensureCoordinators(store.prisma, config.coordinators);
  const materialised = await materializeAhead(store.prisma, now());
  log.info({ store: store.kind, migrations: store.migrations.applied, seeded, materialised }, "store ready");

  const bot = createBot({ prisma: store.prisma, now, publicUrl: config.publicUrl, log: log.child({ part: "core" }) });
  const teams = createTeamsEndpoint({ config: config.teams, bot, log: log.child({ part: "teams" }) });
  const slack = config.slack
    ? createSlackEndpoint({ config: config.slack, bot, log: log.child({ part: "slack" }) })
    : undefined;
  const platforms: PlatformStatus = { teams: config.teams.appId ? "on" : "local", slack: slack ? "on" : "off" };
  if (!config.teams.appId)
    log.warn("MicrosoftAppId is empty: Teams runs in local mode without Bot Framework authentication");

  const server = createHttpServer({ store, log, platforms, teams, slack });
  await new Promise<void>((resolve) => server.listen(config.port, "0.0.0.0", resolve));
  const port = (server.address() as AddressInfo).port;
  const schedules = options.schedules ? startSchedules({ prisma: store.prisma, now, log }) : undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    bot,
    platforms,
    async stop() {
      schedules?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.store) await store.close();
    },
  };
}
