import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../bot/config.ts";

describe("configuration", () => {
  it("a bare environment runs locally: embedded store, Teams in local mode, Slack off", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      dataDir: "./data",
      databaseUrl: undefined,
      slack: undefined,
      publicUrl: "http://localhost:3978",
    });
    expect(config.teams.appId).toBe("");
  });

  it("both Slack credentials turn Slack on, with an optional API URL", () => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: "s",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
    });
    expect(config.slack).toEqual({ signingSecret: "s", botToken: "xoxb-1", apiUrl: "http://127.0.0.1:9/api/" });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
    [{ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxp-user" }, "SLACK_BOT_TOKEN"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PORT: "eighty" }, "PORT"],
    [{ MicrosoftAppId: "abc" }, "MicrosoftAppPassword"],
    [{ MicrosoftAppId: "abc", MicrosoftAppPassword: "p", MicrosoftAppType: "SingleTenant" }, "MicrosoftAppTenantId"],
    [{ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1", SLACK_API_URL: "not a url" }, "SLACK_API_URL"],
  ])("%j is refused naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("empty values count as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", SLACK_BOT_TOKEN: "", MicrosoftAppId: "" }).slack).toBeUndefined();
  });
});

describe("COORDINATORS", () => {
  it("lists Slack and Teams users who coordinate from the start", () => {
    expect(loadConfig({ COORDINATORS: "slack:T0001:U0001, teams:29:1abc-def" }).coordinators).toEqual([
      { platform: "slack", userId: "T0001:U0001" },
      { platform: "teams", userId: "29:1abc-def" },
    ]);
    expect(loadConfig({}).coordinators).toEqual([]);
  });

  it.each(["slack:U0001", "matrix:@x", "teams:"])("%s is refused with an example of the format", (value) => {
    expect(() => loadConfig({ COORDINATORS: value })).toThrow(/COORDINATORS: .*slack:TEAM:USER/);
  });
});
