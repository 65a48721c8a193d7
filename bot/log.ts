// Structured logging (pino). One root logger per process; modules take a child.
import { type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { app: "ake-bot" } });
}

/** For tests and benchmarks: logs nothing. */
export const silentLogger: Logger = pino({ level: "silent" });
