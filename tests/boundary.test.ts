// The core and the domain must not know Teams or Slack: only adapters/ may import
// their SDKs. This test reads every source file under bot/ and domain/.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const FORBIDDEN = [/^botbuilder/, /^botframework-/, /^@microsoft\/teams-ai/, /^@slack\//, /^restify/, /^adaptivecards/];
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mts)$/.test(entry.name) ? [full] : [];
  });
}

function forbiddenImports(files: string[]): string[] {
  return files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(IMPORT)]
      .map((match) => match[1] ?? match[2] ?? match[3] ?? "")
      .filter((specifier) => FORBIDDEN.some((pattern) => pattern.test(specifier)) || /(^|\/)adapters\//.test(specifier))
      .map((specifier) => `${file} imports ${specifier}`),
  );
}

describe("platform boundary", () => {
  it("bot/ and domain/ import no platform SDK and nothing from adapters/", () => {
    const files = [...sourceFiles("bot"), ...sourceFiles("domain")];
    expect(files.length).toBeGreaterThan(10);
    expect(forbiddenImports(files)).toEqual([]);
  });

  it("the check itself catches a forbidden import", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(path.join(tmpdir(), "boundary-"));
    const file = path.join(dir, "bad.ts");
    writeFileSync(file, 'import { App } from "@slack/bolt";\nconst x = await import("botbuilder");\n');
    expect(forbiddenImports([file])).toHaveLength(2);
  });
});
