import { describe, expect, it } from "vitest";
import { en } from "../bot/i18n/en.ts";
import { fi } from "../bot/i18n/fi.ts";
import { FEATURE_MESSAGES, LANGUAGES, languageFromLocale, resources, translator } from "../bot/i18n/index.ts";
import { sv } from "../bot/i18n/sv.ts";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const source = leaves(en as unknown as Tree);

  it.each([
    ["fi", fi],
    ["sv", sv],
  ])("%s has exactly the English keys, none empty, with the same placeholders", (_language, messages) => {
    const target = leaves(messages as unknown as Tree);
    expect([...target.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [key, text] of target) {
      expect(text.trim(), key).not.toBe("");
      expect(variables(text), key).toEqual(variables(source.get(key) ?? ""));
    }
  });

  it.each(
    Object.entries(FEATURE_MESSAGES),
  )("feature namespace %s has the same keys and placeholders in fi, sv and en", (_name, messages) => {
    const english = leaves(messages.en as unknown as Tree);
    for (const translated of [messages.fi, messages.sv]) {
      const target = leaves(translated as unknown as Tree);
      expect([...target.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of target) {
        expect(text.trim(), key).not.toBe("");
        expect(variables(text), key).toEqual(variables(english.get(key) ?? ""));
      }
    }
  });

  it("a missing key would be reported", () => {
    const broken = leaves({ ...(fi as unknown as Tree), help: { title: "x" } });
    expect([...broken.keys()].sort()).not.toEqual([...source.keys()].sort());
  });

  it("every language is loaded and answers in its own words", () => {
    expect(Object.keys(resources).sort()).toEqual([...LANGUAGES].sort());
    expect(translator("fi")("meetups.more")).toBe("Lisää");
    expect(translator("sv")("meetups.more")).toBe("Fler");
    expect(translator("en")("meetups.more")).toBe("More");
  });

  it("plurals follow the language", () => {
    expect(translator("fi")("meetups.span", { count: 1 })).toBe("seuraavan viikon aikana");
    expect(translator("sv")("meetups.span", { count: 8 })).toBe("under de kommande 8 veckorna");
    expect(translator("en")("meetups.span", { count: 8 })).toBe("in the next 8 weeks");
  });

  it("interpolated user text is not HTML-escaped (renderers escape for their markup)", () => {
    expect(translator("en")("unknown.noSuggestion", { text: "<b>&", help: "help" })).toContain("“<b>&”");
  });

  it.each([
    ["fi-FI", "fi"],
    ["sv-FI", "sv"],
    ["sv_SE", "sv"],
    ["en-US", "en"],
    ["de-DE", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("locale %s means language %s", (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });
});
