// What the adapter makes of Teams input before the core sees it.
import { describe, expect, it } from "vitest";
import { isSubmit, mentionsFrom, normalizeText, parseActionData, requesterFrom } from "../adapters/teams/inbound.ts";

describe("normalizeText", () => {
  it.each([
    ["kahvit", "kahvit"],
    ["  ake kahvit \n", "ake kahvit"],
    ["&nbsp;ake&nbsp;kahvit&nbsp;", "ake kahvit"],
    ["\u00a0ake\u00a0kahvit", "ake kahvit"],
    ["<at>AKE</at> ake kahvit", "ake kahvit"],
    ['<at id="0">AKE</at>&nbsp;/ake ilmoittaudu 3', "/ake ilmoittaudu 3"],
    ["<p>ake <strong>kahvit</strong></p>", "ake kahvit"],
    ['<div><span style="font-size:14px">ake kahvit</span></div>', "ake kahvit"],
    ["<p>ake kahvit</p><p>toinen rivi</p>", "ake kahvit\ntoinen rivi"],
    ["rivi 1<br>rivi 2", "rivi 1\nrivi 2"],
    ["ake &amp; kahvit &lt;3", "ake & kahvit <3"],
    ["&lt;p&gt; kirjoitettu tagi", "<p> kirjoitettu tagi"],
    ["ake <kahvit>", "ake <kahvit>"],
    ["5 < 6 > 4", "5 < 6 > 4"],
    ['kiitos <emoji id="smile" alt="😄" title="Hymy"></emoji>', "kiitos 😄"],
    ['<a href="https://kirjasto.fi">https://kirjasto.fi</a>', "https://kirjasto.fi"],
    ["", ""],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });

  it("handles a missing text", () => {
    expect(normalizeText(undefined)).toBe("");
  });
});

describe("requesterFrom", () => {
  it("uses from.id, the id mention entities and proactive messages use", () => {
    expect(requesterFrom({ from: { id: "29:1abc", name: "Maija", aadObjectId: "aad-1" }, locale: "fi-FI" })).toEqual({
      platform: "teams",
      userId: "29:1abc",
      displayName: "Maija",
      platformLocale: "fi-FI",
    });
    expect(requesterFrom({ from: { aadObjectId: "aad-1" } }).userId).toBe("aad-1");
  });

  it("mentionsFrom lists the people mentioned, not the bot", () => {
    const activity = {
      recipient: { id: "28:bot" },
      entities: [
        { type: "mention", mentioned: { id: "28:bot", name: "AKE" } },
        { type: "mention", mentioned: { id: "29:maija", name: "Maija" } },
        { type: "clientInfo" },
      ],
    };
    expect(mentionsFrom(activity)).toEqual([{ userId: "29:maija", name: "Maija" }]);
  });
});

describe("parseActionData", () => {
  it("accepts what the renderer writes, and args left out", () => {
    expect(parseActionData({ verb: "meetups.page", args: { page: "2" } })).toEqual({
      verb: "meetups.page",
      args: { page: "2" },
    });
    expect(parseActionData({ verb: "help" })).toEqual({ verb: "help", args: {} });
  });

  it("drops extra fields Teams adds (input values) instead of passing them on", () => {
    expect(parseActionData({ verb: "x", args: {}, msteams: { type: "x" }, comment: "hei" })).toEqual({
      verb: "x",
      args: {},
    });
  });

  it.each([
    null,
    "meetups.page",
    [],
    { verb: "" },
    { verb: "a".repeat(101) },
    { verb: "has space" },
    { verb: "x", args: { n: 1 } },
    { verb: "x", args: ["a"] },
    { verb: "x", args: { big: "y".repeat(1991) } }, // 2001 characters as JSON
  ])("refuses forged data #%#", (data) => {
    expect(parseActionData(data)).toBeUndefined();
  });

  it("a verb of exactly 100 characters is fine", () => {
    expect(parseActionData({ verb: "a".repeat(100), args: {} })?.verb).toHaveLength(100);
  });
});

describe("isSubmit", () => {
  it("is true only for object values with a verb key", () => {
    expect(isSubmit({ verb: "x" })).toBe(true);
    expect(isSubmit({ verb: 1 })).toBe(true); // forged, but still a click: refused later
    expect(isSubmit({ other: 1 })).toBe(false);
    expect(isSubmit(undefined)).toBe(false);
    expect(isSubmit(["verb"])).toBe(false);
  });
});
