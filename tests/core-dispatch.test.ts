import { describe, expect, it } from "vitest";
import { dispatchTables } from "../bot/core.ts";
import { FEATURES } from "../bot/features/index.ts";
import type { Feature } from "../bot/features/types.ts";

describe("feature dispatch", () => {
  it("every command and verb belongs to exactly one feature", () => {
    expect(() => dispatchTables(FEATURES)).not.toThrow();
  });

  it("a command claimed twice is refused at start, not answered at random", () => {
    const a: Feature = { name: "a", commands: { meetups: async () => ({ summary: "", blocks: [] }) } };
    const b: Feature = { name: "b", commands: { meetups: async () => ({ summary: "", blocks: [] }) } };
    expect(() => dispatchTables([a, b])).toThrow("command meetups is claimed by two features");
    const c: Feature = {
      name: "c",
      actions: { "x.y": async () => ({ reply: { summary: "", blocks: [] }, mode: "new" }) },
    };
    expect(() => dispatchTables([c, c])).toThrow("action x.y is claimed by two features");
  });
});
