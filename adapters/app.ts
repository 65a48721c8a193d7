// The composition root: store, core, both adapters, the outbox dispatcher and the HTTP
// server, wired once. `npm start` (adapters/main.ts) and the end-to-end tests both start
// the bot here.
import type { AddressInfo } from "node:net";
import type { Config } from "../bot/config.ts";
import { createBot } from "../bot/core.ts";
import {
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
  notificationRenderers,
} from "../bot/delivery/index.ts";
import { RateLimiter, type SendLimiter } from "../bot/delivery/limiter.ts";
import { SharedRateLimiter } from "../bot/delivery/shared-limiter.ts";
import type { Messenger } from "../bot/delivery/types.ts";
import { FEATURES } from "../bot/features/index.ts";
import type { Feature } from "../bot/features/types.ts";
import type { Logger } from "../bot/log.ts";
import type { BotCore } from "../bot/requests.ts";
import { materializeAhead, startSchedules } from "../bot/schedule.ts";
import { seedSampleDataIfEmpty } from "../domain/store/catalog-import.ts";
import { planEverything } from "../domain/store/planning.ts";
import { ensureCoordinators } from "../domain/store/users.ts";
import { openStore, type Store } from "../prisma/store.ts";
import { createHttpServer, type PlatformStatus } from "./http.ts";
import { createSlackEndpoint } from "./slack/index.ts";
import { createSlackSender } from "./slack/proactive.ts";
import { createTeamsEndpoint, type TeamsEndpoint } from "./teams/index.ts";
import { createReferenceCapture, createTeamsSender, type ReferenceCapture } from "./teams/proactive.ts";

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  bot: BotCore;
  platforms: PlatformStatus;
  /** the outbox dispatcher: tests call `delivery.runOnce()` */
  delivery: Dispatcher;
  stop(): Promise<void>;
}

/** Tuning the dispatcher takes from outside; the rest is wired here. */
export type DeliveryTuning = Pick<
  DispatcherOptions,
  "worker" | "batchSize" | "concurrency" | "leaseMs" | "maxAttempts" | "backoff" | "maxBatches"
>;

export interface AppOptions {
  config: Config;
  log: Logger;
  /** the clock; tests pass a fixed one */
  now?: () => Date;
  /** an already-open store (tests share one per file); otherwise opened from config */
  store?: Store;
  /** start the node-cron schedules (off in tests) */
  schedules?: boolean;
  /** the bot's features (default: all); tests add one with a notification renderer */
  features?: readonly Feature[];
  /**
   * Delivery of outbox notifications. `start`: follow planned rows with timers and
   * (with `schedules`) the minute cron job; default: as `schedules`, so off in tests,
   * where `app.delivery.runOnce()` runs a pass.
   */
  delivery?: DeliveryTuning & { start?: boolean; limiter?: SendLimiter };
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const store = options.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const seeded = (await seedSampleDataIfEmpty(store.prisma)) !== null;
  await ensureCoordinators(store.prisma, config.coordinators);
  const materialised = await materializeAhead(store.prisma, now());
  // once at start, so a bot that was down does not wait for the quarter-hour tick
  const reminders = await planEverything(store.prisma, now());
  log.info({ store: store.kind, migrations: store.migrations.applied, seeded, materialised, reminders }, "store ready");

  const features = options.features ?? FEATURES;
  const bot = createBot(
    { prisma: store.prisma, now, publicUrl: config.publicUrl, log: log.child({ part: "core" }) },
    features,
  );
  const capture = createReferenceCapture({ prisma: store.prisma, log: log.child({ part: "teams" }), now });
  const teams = createTeamsEndpoint({ config: config.teams, bot, log: log.child({ part: "teams" }), capture });
  const slack = config.slack
    ? createSlackEndpoint({ config: config.slack, bot, log: log.child({ part: "slack" }) })
    : undefined;
  const platforms: PlatformStatus = { teams: config.teams.appId ? "on" : "local", slack: slack ? "on" : "off" };
  if (!config.teams.appId)
    log.warn("MicrosoftAppId is empty: Teams runs in local mode without Bot Framework authentication");

  const delivery = createDelivery(options, { store, now, features, adapter: teams.adapter, capture });
  const server = createHttpServer({ store, log, platforms, teams, slack, now });
  await new Promise<void>((resolve) => server.listen(config.port, "0.0.0.0", resolve));
  const port = (server.address() as AddressInfo).port;
  if (options.delivery?.start ?? options.schedules) delivery.start();
  const schedules = options.schedules ? startSchedules({ prisma: store.prisma, now, log, delivery }) : undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    bot,
    platforms,
    delivery,
    async stop() {
      schedules?.stop();
      await delivery.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.store) await store.close();
    },
  };
}

/**
 * One limiter for every send of this instance, one Messenger per platform that is on.
 * On PostgreSQL the limiter reserves each send's instant in the database, since other
 * instances may share it; the embedded store is one instance, so counting in memory is
 * exact there and costs no query.
 */
function createDelivery(
  options: AppOptions,
  parts: {
    store: Store;
    now: () => Date;
    features: readonly Feature[];
    adapter: TeamsEndpoint["adapter"];
    capture: ReferenceCapture;
  },
): Dispatcher {
  const { config } = options;
  const { store, now, features, adapter, capture } = parts;
  const log = options.log.child({ part: "delivery" });
  const { start: _start, limiter: givenLimiter, ...tuning } = options.delivery ?? {};
  const limiter =
    givenLimiter ??
    (store.kind === "postgresql" ? new SharedRateLimiter({ prisma: store.prisma, log }) : new RateLimiter());
  const prisma = store.prisma;
  const messengers: { teams: Messenger; slack?: Messenger } = {
    teams: createTeamsSender({ adapter, appId: config.teams.appId, prisma, limiter, log, now, capture }),
  };
  if (config.slack) {
    const { botToken, apiUrl } = config.slack;
    messengers.slack = createSlackSender({ botToken, apiUrl, prisma, limiter, log, now });
  }
  const renderers = notificationRenderers(features);
  // pglite-socket 0.2.17 interleaves concurrent connections' queries (a defect reported
  // for prisma/store.ts): on the embedded store the dispatcher sends one row at a time
  const concurrency = tuning.concurrency ?? config.outbox.concurrency ?? (store.kind === "embedded" ? 1 : 16);
  return createDispatcher({
    ...tuning,
    concurrency,
    leaseMs: tuning.leaseMs ?? config.outbox.leaseMs,
    prisma,
    messengers,
    renderers,
    publicUrl: config.publicUrl,
    now,
    log,
  });
}
