// A look at the kahvit card as the Agents Playground's web UI renders it: the bot (with the
// tests' sample data and fixed clock, Monday 19 Oct 2026 10:00 Helsinki) and a playground,
// driven by headless Debian Chromium. Saves data/playground.png.
// A manual check, not part of CI: it needs /usr/bin/chromium (apt-get install chromium).
// Run: node --import tsx scripts/playground-screenshot.ts
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startTestBot } from "../tests/helpers/bot-harness.ts";
import { launchPlayground } from "./playground.ts";

const CHROMIUM = "/usr/bin/chromium";
// What works with Debian's Chromium in a container (see the notes on local clients).
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OUTPUT = path.resolve("data", "playground.png");

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
  const dir = await mkdtemp(path.join(tmpdir(), "ake-playground-shot-"));
  const playground = await launchPlayground({
    endpoint: `${bot.url}/api/messages`,
    port: 0,
    cwd: dir,
    logFile: path.join(dir, "playground.log"),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    await page.goto(playground.url);
    const box = page.getByRole("textbox");
    await box.waitFor({ timeout: 30_000 });
    await box.fill("kahvit");
    await page.getByRole("button", { name: "Send Message" }).click();
    // the playground sends en-US, so the user who has not chosen a language gets English
    await page.getByText("Remote coffees and network sessions").waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500); // let the card's layout settle
    await mkdir(path.dirname(OUTPUT), { recursive: true });
    await page.screenshot({ path: OUTPUT, fullPage: true });
    console.log(`saved ${OUTPUT}`);
  } finally {
    await browser.close();
    await playground.stop();
    await bot.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
