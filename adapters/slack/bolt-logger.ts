// Bolt and its WebClient log through their own Logger interface, to the console by
// default. This sends their lines to the app's pino logger instead, so one log stream
// (and one LOG_LEVEL) covers everything.
import { format } from "node:util";
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../bot/log.ts";

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "slack-bolt" });
  const line = (parts: unknown[]): string => format(...parts);
  return {
    debug: (...parts: unknown[]) => child.debug(line(parts)),
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    // the level is the app's LOG_LEVEL; Bolt does not get to change it
    setLevel: () => {},
    getLevel: () => {
      if (child.isLevelEnabled("debug")) return LogLevel.DEBUG;
      if (child.isLevelEnabled("info")) return LogLevel.INFO;
      if (child.isLevelEnabled("warn")) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}
