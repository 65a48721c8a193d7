import { describe, expect, it } from "vitest";
import { COMMANDS, parseCommand, suggestCommand } from "../bot/commands.ts";

describe("parseCommand", () => {
  it.each([
    ["kahvit", "meetups"],
    ["kaffe", "meetups"],
    ["coffees", "meetups"],
    ["apua", "help"],
    ["hjälp", "help"],
    ["help", "help"],
    ["kieli sv", "language"],
    ["språk fi", "language"],
    ["language en", "language"],
  ])("%s is the %s command", (text, command) => {
    const parsed = parseCommand(text);
    expect(parsed.kind === "command" && parsed.command).toBe(command);
  });

  it.each([
    "ake kahvit severi",
    "/ake kahvit severi",
    "  AKE   Kahvit  SEVERI ",
    "\u00a0ake kahvit severi",
    "/kahvit severi",
  ])("%j: prefixes, case and odd spaces are ignored", (text) => {
    expect(parseCommand(text)).toEqual({ kind: "command", command: "meetups", args: ["severi"] });
  });

  it("an empty message asks for help", () => {
    expect(parseCommand("   ")).toEqual({ kind: "command", command: "help", args: [] });
    expect(parseCommand("ake")).toEqual({ kind: "command", command: "help", args: [] });
  });

  it.each([
    ["kahvi", "meetups"],
    ["kahvt", "meetups"],
    ["kaffee", "meetups"],
    ["cofees", "meetups"],
    ["apu", "help"],
    ["hjälpp", "help"],
    ["kiel", "language"],
    ["sprak", "language"],
  ])("the typo %s suggests %s", (word, command) => {
    const parsed = parseCommand(word);
    if (parsed.kind === "command") expect(parsed.command).toBe(command);
    else expect(parsed.suggestion).toBe(command);
  });

  it("a word far from every command suggests nothing", () => {
    expect(parseCommand("banaani")).toEqual({ kind: "unknown", word: "banaani", suggestion: undefined });
    expect(suggestCommand("x")).toBeUndefined();
  });

  it("every command has a name in each language", () => {
    for (const names of Object.values(COMMANDS)) {
      for (const language of ["fi", "sv", "en"] as const) expect(names[language].length).toBeGreaterThan(0);
    }
  });
});
