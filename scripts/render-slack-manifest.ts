// Prints manifests/slack/manifest.json with its placeholder host replaced by PUBLIC_URL,
// ready to paste into api.slack.com/apps (From an app manifest, or the App Manifest page).
// Run: PUBLIC_URL=https://bot.example.fi npm run slack:manifest
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SLACK_MANIFEST_FILE = fileURLToPath(new URL("../manifests/slack/manifest.json", import.meta.url));
export const PLACEHOLDER_URL = "https://ake-bot.example.org";

/** The manifest text with every PLACEHOLDER_URL replaced by publicUrl (a trailing slash dropped). */
export function renderSlackManifest(publicUrl: string): string {
  if (!URL.canParse(publicUrl)) throw new Error(`PUBLIC_URL is not a URL: "${publicUrl}"`);
  const base = publicUrl.replace(/\/+$/, "");
  return readFileSync(SLACK_MANIFEST_FILE, "utf8").replaceAll(PLACEHOLDER_URL, base);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const publicUrl = process.env.PUBLIC_URL?.trim();
  if (!publicUrl) {
    console.error(`PUBLIC_URL is not set: the manifest keeps the placeholder ${PLACEHOLDER_URL}.`);
  } else if (!publicUrl.startsWith("https://")) {
    console.error(`Warning: Slack accepts only https:// request URLs, and PUBLIC_URL is ${publicUrl}.`);
  }
  try {
    process.stdout.write(renderSlackManifest(publicUrl || PLACEHOLDER_URL));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
