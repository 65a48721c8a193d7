// Only for `npm run bench:reminders -- --lease-ms N`: adapters/main.ts with the outbox
// lease shortened, because the bot reads no setting for it (DispatcherOptions.leaseMs,
// 5 min by default, is only reachable through startApp's `delivery` option). Without
// --lease-ms the benchmark starts adapters/main.ts itself, exactly as `npm start` does.
import { performance } from "node:perf_hooks";
import { startApp } from "../../adapters/app.ts";
import { loadConfig } from "../../bot/config.ts";
import { createLogger } from "../../bot/log.ts";

const started = performance.now();
const leaseMs = Number(process.env.BENCH_LEASE_MS);
if (!Number.isInteger(leaseMs) || leaseMs < 1_000) throw new Error("BENCH_LEASE_MS must be at least 1000");
const config = loadConfig();
const log = createLogger(config.logLevel);
const app = await startApp({ config, log, schedules: true, delivery: { leaseMs } });
log.info(
  { url: `http://localhost:${app.port}`, startupMs: Math.round(performance.now() - started), leaseMs },
  `AKE bot listening on http://localhost:${app.port}`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
