// Configuration from the environment, validated once at start. A platform whose
// credentials are absent is off; the other still serves.
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

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
