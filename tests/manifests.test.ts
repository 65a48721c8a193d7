import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../bot/commands.ts";
import {
  buildTeamsPackage,
  COMMAND_DESCRIPTION_MAX,
  COMMAND_TITLE_MAX,
  type JsonObject,
  LOCAL_BOT_ID,
  ManifestError,
  readLocalizations,
  renderTeamsManifest,
  schemaErrors,
  TEAMS_DIR,
  type TeamsManifest,
  teamsRuleErrors,
} from "../scripts/build-teams-package.ts";
import { accentColorOfTemplate, colorIcon, outlineIcon } from "../scripts/generate-teams-icons.ts";
import { decodePng, readPngHeader } from "../scripts/png.ts";
import { PLACEHOLDER_URL, renderSlackManifest, SLACK_MANIFEST_FILE } from "../scripts/render-slack-manifest.ts";

// Every command the manifests offer must be one the bot parses.
const KNOWN_COMMANDS = Object.values(COMMANDS).flatMap((names) => Object.values(names).flat());

const PRODUCTION_ENV = {
  PUBLIC_URL: "https://ake-bot.example.org",
  MicrosoftAppId: "0b7e1c2d-3f4a-4b5c-8d6e-7f8091a2b3c4",
  TEAMS_APP_ID: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
};

const outDir = mkdtempSync(join(tmpdir(), "ake-teams-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const unzip = async (file: string) => JSZip.loadAsync(readFileSync(file));

describe("Teams app package", () => {
  it("builds a zip with exactly the five files at its root, ids and host filled in", async () => {
    const result = await buildTeamsPackage(PRODUCTION_ENV, join(outDir, "app.zip"));
    const zip = await unzip(result.file);
    expect(Object.keys(zip.files).sort()).toEqual(
      ["color.png", "fi-fi.json", "manifest.json", "outline.png", "sv-se.json"].sort(),
    );
    const text = await zip.file("manifest.json")?.async("string");
    expect(text).not.toContain("${{");
    const manifest = JSON.parse(text ?? "{}") as TeamsManifest;
    expect(manifest.id).toBe(PRODUCTION_ENV.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(PRODUCTION_ENV.MicrosoftAppId);
    expect(manifest.validDomains).toEqual(["ake-bot.example.org"]);
    expect(result.defaultsUsed).toEqual([]);
    expect(result.size).toBe(readFileSync(result.file).length);
  });

  it("the built manifest validates against the schema version it declares (1.25 or newer)", async () => {
    const { file } = await buildTeamsPackage(PRODUCTION_ENV, join(outDir, "app2.zip"));
    const manifest = JSON.parse((await (await unzip(file)).file("manifest.json")?.async("string")) ?? "{}");
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(Number(manifest.manifestVersion.split(".")[1])).toBeGreaterThanOrEqual(25);
    expect(schemaErrors(manifest, "manifest")).toEqual([]);
  });

  it("builds with local defaults when nothing is set", async () => {
    const result = await buildTeamsPackage({}, join(outDir, "local.zip"));
    expect(result.defaultsUsed.sort()).toEqual(["MICROSOFT_APP_ID", "PUBLIC_URL", "TEAMS_APP_ID"]);
    expect(result.manifest.bots[0]?.botId).toBe(LOCAL_BOT_ID);
    expect(result.manifest.validDomains).toEqual(["localhost"]);
  });

  it("accepts MICROSOFT_APP_ID as well as MicrosoftAppId, and rejects ids that are not GUIDs", () => {
    const id = PRODUCTION_ENV.MicrosoftAppId;
    expect(renderTeamsManifest({ MICROSOFT_APP_ID: id }).manifest.bots[0]?.botId).toBe(id);
    expect(() => renderTeamsManifest({ TEAMS_APP_ID: "my-app" })).toThrow(/TEAMS_APP_ID must be a GUID/);
    expect(() => renderTeamsManifest({ MicrosoftAppId: id, MICROSOFT_APP_ID: PRODUCTION_ENV.TEAMS_APP_ID })).toThrow(
      ManifestError,
    );
  });

  it("reports schema errors by path", () => {
    const { manifest } = renderTeamsManifest(PRODUCTION_ENV);
    const broken = { ...manifest, accentColor: "teal", name: { short: "A".repeat(31) } } as JsonObject;
    const errors = schemaErrors(broken, "manifest");
    expect(errors.some((e) => e.startsWith("/accentColor "))).toBe(true);
    expect(errors.some((e) => e.startsWith("/name/short "))).toBe(true);
  });

  it("the localization files validate and translate every command within the Teams limits", () => {
    const { manifest } = renderTeamsManifest(PRODUCTION_ENV);
    const localizations = readLocalizations(manifest);
    expect(Object.keys(localizations)).toEqual(["fi-fi.json", "sv-se.json"]);
    for (const doc of Object.values(localizations)) expect(schemaErrors(doc, "localization")).toEqual([]);
    expect(teamsRuleErrors(manifest, localizations)).toEqual([]);
  });

  it("every command offered, in every language, is one the bot knows", () => {
    const { manifest } = renderTeamsManifest(PRODUCTION_ENV);
    const commands = manifest.bots.flatMap((bot) => bot.commandLists.flatMap((list) => list.commands));
    expect(commands.length).toBeGreaterThan(0);
    const titles = commands.map((c) => c.title);
    for (const strings of Object.values(readLocalizations(manifest))) {
      titles.push(...Object.entries(strings).flatMap(([key, text]) => (key.endsWith(".title") ? [String(text)] : [])));
    }
    for (const title of titles) expect(KNOWN_COMMANDS).toContain(title);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(COMMAND_TITLE_MAX);
      expect(c.description.length).toBeLessThanOrEqual(COMMAND_DESCRIPTION_MAX);
    }
    const scopes = new Set(manifest.bots[0]?.commandLists.flatMap((list) => list.scopes));
    expect([...scopes].sort()).toEqual(["groupChat", "personal", "team"]);
  });
});

describe("Teams icons", () => {
  const color = readFileSync(join(TEAMS_DIR, "color.png"));
  const outline = readFileSync(join(TEAMS_DIR, "outline.png"));

  it("are PNGs of 192x192 (colour) and 32x32 (outline)", () => {
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32 });
  });

  it("the outline has only transparent or white pixels, and some of each", () => {
    const { rgba } = decodePng(outline);
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) transparent++;
      else if (rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255) white++;
      else throw new Error(`outline pixel ${i / 4} is neither white nor transparent`);
    }
    expect(white).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(50);
  });

  it("the colour icon is opaque, with the accent colour in its corner", () => {
    const { rgba } = decodePng(color);
    for (let i = 3; i < rgba.length; i += 4) expect(rgba[i]).toBe(255);
    const hex = `#${[...rgba.subarray(0, 3)].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
    expect(hex.toLowerCase()).toBe(accentColorOfTemplate().toLowerCase());
  });

  it("the committed icons are what the generator draws", () => {
    expect(colorIcon(accentColorOfTemplate()).equals(color)).toBe(true);
    expect(outlineIcon().equals(outline)).toBe(true);
  });
});

describe("Slack app manifest", () => {
  const manifest = JSON.parse(readFileSync(SLACK_MANIFEST_FILE, "utf8"));

  it("has the /ake command and interactivity, both at /slack/events", () => {
    const commands = manifest.features.slash_commands;
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      command: "/ake",
      url: `${PLACEHOLDER_URL}/slack/events`,
      // escaped, so that "@Maija" arrives as <@U…|maija> and the bot can resolve it
      should_escape: true,
    });
    // the hint names real commands: the first word of each alternative
    const hinted = String(commands[0].usage_hint)
      .split(" | ")
      .map((part) => part.split(" ")[0]);
    expect(hinted).toEqual(expect.arrayContaining(["kahvit", "lainaa", "vierailu", "apua"]));
    for (const word of hinted) expect(KNOWN_COMMANDS).toContain(word);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `${PLACEHOLDER_URL}/slack/events`,
    });
    expect(manifest.settings).toMatchObject({
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.features.bot_user).toEqual({ display_name: "AKE", always_online: true });
  });

  it("asks for exactly the bot scopes that manifests/README.md justifies", () => {
    const readme = readFileSync(join(TEAMS_DIR, "..", "README.md"), "utf8");
    const section = readme.split("### Slack bot scopes")[1]?.split("\n## ")[0] ?? "";
    const documented = [...section.matchAll(/^\| `([a-z:.]+)` \|/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(0);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(documented.sort());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("renders with PUBLIC_URL in place of the placeholder host", () => {
    const rendered = JSON.parse(renderSlackManifest("https://bot.example.fi/"));
    expect(JSON.stringify(rendered)).not.toContain("ake-bot.example.org");
    expect(rendered.features.slash_commands[0].url).toBe("https://bot.example.fi/slack/events");
    expect(rendered.settings.interactivity.request_url).toBe("https://bot.example.fi/slack/events");
  });
});
