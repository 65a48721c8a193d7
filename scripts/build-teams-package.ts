// Builds the Teams app package manifests/teams/build/ake-teams-app.zip from
// manifests/teams/: fills in the ${{...}} placeholders of manifest.template.json from the
// environment, validates the manifest and its localization files against the schema
// version they declare (the schemas shipped in @microsoft/app-manifest) and against the
// Teams limits the schema does not carry, and zips everything at the archive root.
// Run: npm run teams:package   (env: MICROSOFT_APP_ID or MicrosoftAppId, TEAMS_APP_ID, PUBLIC_URL)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import JSZip from "jszip";
import { readPngHeader } from "./png.ts";

export const TEAMS_DIR = fileURLToPath(new URL("../manifests/teams/", import.meta.url));
export const DEFAULT_OUT_FILE = join(TEAMS_DIR, "build", "ake-teams-app.zip");

/** For local use (Agents Playground, a developer tenant) when the ids are not set. */
export const LOCAL_TEAMS_APP_ID = "3c1d6f2e-8a4b-4e57-9b2c-a0e1f5d7c913";
export const LOCAL_BOT_ID = "00000000-0000-0000-0000-000000000000";

/** Teams limits stricter than the JSON schema (which allows 128 / 4000 characters). */
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Command {
  title: string;
  description: string;
}
export interface TeamsManifest extends JsonObject {
  $schema: string;
  manifestVersion: string;
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
}

export interface PackageResult {
  file: string;
  size: number;
  manifest: TeamsManifest;
  /** placeholders filled with local defaults because their variable was unset */
  defaultsUsed: string[];
}

export class ManifestError extends Error {
  override name = "ManifestError";
}

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

const readJson = (file: string): JsonObject => JSON.parse(readFileSync(file, "utf8")) as JsonObject;

/** The placeholder values, from the environment or local defaults. */
export function placeholderValues(env: Record<string, string | undefined>) {
  const defaultsUsed: string[] = [];
  const pick = (value: string | undefined, fallback: string, name: string) => {
    if (value?.trim()) return value.trim();
    defaultsUsed.push(name);
    return fallback;
  };
  const botIds = [env.MICROSOFT_APP_ID, env.MicrosoftAppId].map((id) => id?.trim()).filter(Boolean);
  if (new Set(botIds).size > 1) throw new ManifestError("MICROSOFT_APP_ID and MicrosoftAppId are both set and differ");
  const publicUrlText = pick(env.PUBLIC_URL, "http://localhost:3978", "PUBLIC_URL");
  if (!URL.canParse(publicUrlText)) throw new ManifestError(`PUBLIC_URL is not a URL: "${publicUrlText}"`);
  const publicUrl = new URL(publicUrlText);
  const packageJson = readJson(join(TEAMS_DIR, "..", "..", "package.json"));
  const values: Record<string, string> = {
    TEAMS_APP_ID: pick(env.TEAMS_APP_ID, LOCAL_TEAMS_APP_ID, "TEAMS_APP_ID"),
    MICROSOFT_APP_ID: pick(botIds[0], LOCAL_BOT_ID, "MICROSOFT_APP_ID"),
    PUBLIC_URL: publicUrl.href.replace(/\/$/, ""),
    PUBLIC_HOST: publicUrl.hostname,
    // Teams wants a higher version for every update of an uploaded app
    APP_VERSION: env.TEAMS_APP_VERSION?.trim() || String(packageJson.version),
  };
  for (const name of ["TEAMS_APP_ID", "MICROSOFT_APP_ID"]) {
    if (!GUID.test(values[name] ?? "")) throw new ManifestError(`${name} must be a GUID, got "${values[name]}"`);
  }
  return { values, defaultsUsed };
}

/** Replaces ${{NAME}} in every string of a JSON value; an unknown NAME is an error. */
export function fillPlaceholders(value: Json, values: Record<string, string>): Json {
  if (typeof value === "string") {
    return value.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) throw new ManifestError(`unknown placeholder \${{${name}}}`);
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]));
  }
  return value;
}

export function renderTeamsManifest(env: Record<string, string | undefined> = process.env) {
  const { values, defaultsUsed } = placeholderValues(env);
  const manifest = fillPlaceholders(readJson(join(TEAMS_DIR, "manifest.template.json")), values) as TeamsManifest;
  return { manifest, defaultsUsed };
}

// --- JSON schema validation ---------------------------------------------------------

const SCHEMA_FILES = {
  manifest: "MicrosoftTeams.schema.json",
  localization: "MicrosoftTeams.Localization.schema.json",
};
export type SchemaKind = keyof typeof SCHEMA_FILES;

const schemaRoot = join(
  dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json")),
  "build/json-schemas/teams",
);

/** "https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.schema.json" -> "1.25" */
export function schemaVersion(schemaUrl: unknown, kind: SchemaKind): string {
  const match = typeof schemaUrl === "string" && /\/json-schemas\/teams\/v(1\.\d+)\/([\w.]+)$/.exec(schemaUrl);
  if (!match || match[2] !== SCHEMA_FILES[kind]) {
    throw new ManifestError(`$schema must be a Teams ${SCHEMA_FILES[kind]} URL, got ${JSON.stringify(schemaUrl)}`);
  }
  return match[1] ?? "";
}

// The Teams schemas are draft-04; the localization schema has patterns that are invalid
// as unicode regular expressions, hence unicodeRegExp: false. Only the "uri" format occurs.
const ajv = new AjvDraft04.default({ allErrors: true, strictTypes: false, unicodeRegExp: false });
ajv.addFormat("uri", (text: string) => URL.canParse(text));
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Validates against the schema version named in the document's $schema; returns readable errors. */
export function schemaErrors(doc: JsonObject, kind: SchemaKind): string[] {
  const version = schemaVersion(doc.$schema, kind);
  const key = `v${version}/${SCHEMA_FILES[kind]}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(readJson(join(schemaRoot, key)));
    validators.set(key, validate);
  }
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const detail =
      e.keyword === "additionalProperties" || e.keyword === "enum" || e.keyword === "const"
        ? ` ${JSON.stringify(e.params)}`
        : "";
    return `${e.instancePath || "/"} ${e.message ?? e.keyword}${detail}`;
  });
}

// --- Teams rules the schema does not express --------------------------------------------

const commandKey = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

export function teamsRuleErrors(manifest: TeamsManifest, localizations: Record<string, JsonObject>): string[] {
  const errors: string[] = [];
  const lists = manifest.bots[0]?.commandLists ?? [];
  const commands = lists.flatMap((list, l) =>
    list.commands.map((command, c) => ({ key: `bots[0].commandLists[${l}].commands[${c}]`, command })),
  );
  const checkLength = (where: string, field: string, text: unknown) => {
    const max = field === "title" ? COMMAND_TITLE_MAX : COMMAND_DESCRIPTION_MAX;
    if (typeof text === "string" && text.length > max) errors.push(`${where}: command ${field} longer than ${max}`);
  };
  for (const { key, command } of commands) {
    checkLength(`manifest ${key}`, "title", command.title);
    checkLength(`manifest ${key}`, "description", command.description);
  }
  for (const [file, strings] of Object.entries(localizations)) {
    if (schemaVersion(strings.$schema, "localization") !== manifest.manifestVersion) {
      errors.push(`${file}: $schema version differs from manifestVersion ${manifest.manifestVersion}`);
    }
    for (const [key, text] of Object.entries(strings)) {
      const match = commandKey.exec(key);
      if (!match) continue;
      if (!lists[Number(match[1])]?.commands[Number(match[2])]) errors.push(`${file}: ${key} has no command`);
      checkLength(`${file} ${key}`, match[3] ?? "", text);
    }
    // a missing translation would show the English command in a Finnish or Swedish client
    for (const { key } of commands) {
      for (const field of ["title", "description"]) {
        if (!(`${key}.${field}` in strings)) errors.push(`${file}: missing ${key}.${field}`);
      }
    }
  }
  const icons = { color: 192, outline: 32 } as const;
  for (const [icon, size] of Object.entries(icons)) {
    const file = manifest.icons[icon as keyof typeof icons];
    const { width, height } = readPngHeader(readFileSync(join(TEAMS_DIR, file)));
    if (width !== size || height !== size) errors.push(`${file}: ${width}x${height}, must be ${size}x${size}`);
  }
  return errors;
}

// --- the package ------------------------------------------------------------------------

/** The localization files the manifest names, read from manifests/teams/. */
export function readLocalizations(manifest: TeamsManifest): Record<string, JsonObject> {
  return Object.fromEntries(
    manifest.localizationInfo.additionalLanguages.map(({ file }) => [file, readJson(join(TEAMS_DIR, file))]),
  );
}

export async function buildTeamsPackage(
  env: Record<string, string | undefined> = process.env,
  outFile: string = DEFAULT_OUT_FILE,
): Promise<PackageResult> {
  const { manifest, defaultsUsed } = renderTeamsManifest(env);
  const localizations = readLocalizations(manifest);
  const errors = [
    ...schemaErrors(manifest, "manifest").map((e) => `manifest.json ${e}`),
    ...Object.entries(localizations).flatMap(([file, doc]) =>
      schemaErrors(doc, "localization").map((e) => `${file} ${e}`),
    ),
    ...teamsRuleErrors(manifest, localizations),
  ];
  if (errors.length > 0) {
    throw new ManifestError(
      `The Teams app package is not valid (schema v${manifest.manifestVersion}):\n  ${errors.join("\n  ")}`,
    );
  }
  // A fixed date makes the archive byte-for-byte reproducible.
  const options = { date: new Date("2026-01-01T00:00:00Z") };
  const zip = new JSZip();
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, options);
  for (const file of [manifest.icons.color, manifest.icons.outline, ...Object.keys(localizations)]) {
    zip.file(file, readFileSync(join(TEAMS_DIR, file)), options);
  }
  const content = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, content);
  return { file: outFile, size: content.length, manifest, defaultsUsed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const result = await buildTeamsPackage();
    if (result.defaultsUsed.length > 0) {
      console.warn(
        `Note: ${result.defaultsUsed.join(", ")} not set; local defaults used (fine for local testing only).`,
      );
    }
    console.log(
      `${relative(process.cwd(), result.file)} (${result.size} bytes, manifest v${result.manifest.manifestVersion})`,
    );
  } catch (error) {
    console.error(error instanceof ManifestError ? error.message : error);
    process.exitCode = 1;
  }
}
