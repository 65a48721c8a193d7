// Configuration from the environment, validated once at start. A platform whose
// credentials are absent is off; the other still serves.
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** A whole number in [min, max]; empty or absent is undefined. */
function optionalWhole(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce
      .number({ message: `must be a whole number from ${min} to ${max}` })
      .int({ message: `must be a whole number from ${min} to ${max}` })
      .min(min, { message: `must be at least ${min}` })
      .max(max, { message: `must be at most ${max}` })
      .optional(),
  );
}

/** The outbox lease when OUTBOX_LEASE_MS is not set (renewed every third of it while a row is worked on). */
export const DEFAULT_OUTBOX_LEASE_MS = 60_000;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), {
    message: "must be a postgresql:// URL (leave it empty for the embedded store under DATA_DIR)",
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith("xoxb-"), {
    message: "must be a bot token starting with xoxb-",
  }),
  SLACK_API_URL: optionalText.refine((value) => value === undefined || URL.canParse(value), {
    message: "must be a URL such as https://slack.com/api/",
  }),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z
    .enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MicrosoftAppTenantId: optionalText,
  /** "slack:T0001:U0001,teams:29:1abc…": who is an AKE coordinator from the start */
  COORDINATORS: z.string().default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How long a claimed outbox row may go without its lease being renewed before another
   * instance takes it over (and sends it again if the holder died after the platform
   * accepted it). Renewed every third of it, so at least 10 s.
   */
  OUTBOX_LEASE_MS: optionalWhole(10_000, 3_600_000),
  /** outbox rows one instance works on at once; default 16 on PostgreSQL, 1 on the embedded store */
  OUTBOX_CONCURRENCY: optionalWhole(1, 64),
});

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  /** base URL of the Slack Web API, e.g. a local fake in tests */
  apiUrl?: string | undefined;
}

export interface TeamsConfig {
  /** empty: local mode without Bot Framework authentication, as botbuilder does */
  appId: string;
  appPassword?: string | undefined;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  tenantId?: string | undefined;
}

export interface Config {
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  /** undefined: Slack is off */
  slack?: SlackConfig | undefined;
  teams: TeamsConfig;
  coordinators: { platform: "teams" | "slack"; userId: string }[];
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  outbox: OutboxConfig;
}

export interface OutboxConfig {
  leaseMs: number;
  /** undefined: by the store (adapters/app.ts) */
  concurrency?: number | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  const slackParts = [e.SLACK_SIGNING_SECRET, e.SLACK_BOT_TOKEN].filter(Boolean).length;
  if (slackParts === 1) {
    const missing = e.SLACK_SIGNING_SECRET ? "SLACK_BOT_TOKEN" : "SLACK_SIGNING_SECRET";
    throw new ConfigError(
      `Invalid configuration:\n  ${missing}: required when the other Slack credential is set (or unset both to turn Slack off)`,
    );
  }
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== "UserAssignedMSI") {
    throw new ConfigError("Invalid configuration:\n  MicrosoftAppPassword: required when MicrosoftAppId is set");
  }
  if (e.MicrosoftAppType === "SingleTenant" && !e.MicrosoftAppTenantId) {
    throw new ConfigError(
      "Invalid configuration:\n  MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant",
    );
  }
  return {
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL }
        : undefined,
    teams: {
      appId: e.MicrosoftAppId ?? "",
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType ?? "MultiTenant",
      tenantId: e.MicrosoftAppTenantId,
    },
    coordinators: parseCoordinators(e.COORDINATORS),
    logLevel: e.LOG_LEVEL,
    outbox: { leaseMs: e.OUTBOX_LEASE_MS ?? DEFAULT_OUTBOX_LEASE_MS, concurrency: e.OUTBOX_CONCURRENCY },
  };
}

function parseCoordinators(value: string): Config["coordinators"] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(slack|teams):(.+)$/.exec(entry);
      const platform = match?.[1];
      const userId = match?.[2] ?? "";
      if ((platform !== "slack" && platform !== "teams") || (platform === "slack" && !/^T\w+:[UW]\w+$/.test(userId))) {
        throw new ConfigError(
          `Invalid configuration:\n  COORDINATORS: "${entry}" is not slack:TEAM:USER (e.g. slack:T0001:U0001) or teams:<user id> (e.g. teams:29:1abc)`,
        );
      }
      return { platform, userId };
    });
}
