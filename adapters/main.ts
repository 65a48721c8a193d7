// `npm start`: validate the configuration, open the store (migrations and sample
// data on first start), serve both platforms on one port.
import { performance } from "node:perf_hooks";
import { ConfigError, loadConfig } from "../bot/config.ts";
import { createLogger } from "../bot/log.ts";
import { startApp } from "./app.ts";

const started = performance.now();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`${error.message}\n\nSee README.md, "Configuration".`);
    process.exit(1);
  }
  throw error;
}

const log = createLogger(config.logLevel);
const app = await startApp({ config, log, schedules: true });
log.info(
  {
    url: `http://localhost:${app.port}`,
    store: app.store.kind === "embedded" ? `embedded (${config.dataDir})` : "postgresql",
    platforms: app.platforms,
    startupMs: Math.round(performance.now() - started),
  },
  `AKE bot listening on http://localhost:${app.port}`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "stop failed");
        process.exit(1);
      },
    );
  });
}
