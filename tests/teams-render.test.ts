// The Adaptive Card renderer: every Block type, checked with the official parser.
import { describe, expect, it } from "vitest";
import { normalizeText } from "../adapters/teams/inbound.ts";
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  escapeCardText,
  renderActivity,
  renderAdaptiveCard,
} from "../adapters/teams/render.ts";
import type { Block, Reply } from "../bot/reply.ts";
import { cardProblems, markdownToHtml, renderCard } from "./fakes/teams-card-check.ts";

const button = (label: string, verb: string, style?: "primary" | "danger") => ({
  type: "button" as const,
  label,
  action: { verb, args: { id: "42", page: "2" } },
  ...(style ? { style } : {}),
});

const everyBlock: Block[] = [
  { type: "header", text: "Tulevat tapaamiset" },
  { type: "text", text: "Ensimmäinen rivi\ntoinen rivi\n\nUusi kappale" },
  {
    type: "facts",
    facts: [
      { label: "Aika", value: "ti 3.12. klo 10–11" },
      { label: "Kieli", value: "suomi" },
    ],
  },
  {
    type: "item",
    title: "Kirjastokahvit",
    lines: ["Porvoon pääkirjasto", "12 ilmoittautunutta"],
    actions: [
      button("Ilmoittaudu", "meetups.register", "primary"),
      { type: "link", label: "Teams", url: "https://teams.microsoft.com/l/meetup-join/x" },
    ],
  },
  { type: "actions", actions: [button("Seuraava sivu", "meetups.page"), button("Peru", "meetups.cancel", "danger")] },
  { type: "context", text: "Sivu 1/3" },
  { type: "divider" },
];
const reply: Reply = { summary: "Tulevat tapaamiset", blocks: everyBlock };

/** The parts of card JSON these tests look at. */
interface Json {
  type: string;
  text?: string;
  spacing?: string;
  title?: string;
  style?: string;
  items?: Json[];
  actions?: Json[];
  fallback?: Json;
  [key: string]: unknown;
}
const card = renderAdaptiveCard(reply);
const body = card.body as Json[];
const actionsOf = (element: Json): Json[] =>
  element.type === "ActionSet" ? (element.actions ?? []) : (element.items ?? []).flatMap(actionsOf);

describe("renderAdaptiveCard", () => {
  it("is a clean Adaptive Card 1.5 for the official parser", () => {
    expect(card).toMatchObject({
      type: "AdaptiveCard",
      version: "1.5",
      $schema: expect.stringContaining("adaptivecards.io"),
    });
    expect(cardProblems(card)).toEqual([]);
  });

  it("renders each block type as the documented element", () => {
    expect(body[0]).toMatchObject({
      type: "TextBlock",
      text: "Tulevat tapaamiset",
      size: "Large",
      weight: "Bolder",
      wrap: true,
    });
    // one TextBlock per line: Teams joins single newlines inside a TextBlock
    expect(body.slice(1, 4).map((b) => [b.text, b.spacing])).toEqual([
      ["Ensimmäinen rivi", undefined],
      ["toinen rivi", "None"],
      ["Uusi kappale", "Medium"],
    ]);
    expect(body[4]).toEqual({
      type: "FactSet",
      facts: [
        { title: "Aika", value: "ti 3.12. klo 10–11" },
        { title: "Kieli", value: "suomi" },
      ],
    });
    const item = body[5] as Json;
    const inside = item.items ?? [];
    expect(item).toMatchObject({ type: "Container", separator: true });
    expect(inside[0]).toMatchObject({ type: "TextBlock", text: "Kirjastokahvit", weight: "Bolder" });
    expect(inside.slice(1, 3).map((b) => b.text)).toEqual(["Porvoon pääkirjasto", "12 ilmoittautunutta"]);
    expect(inside[3]?.type).toBe("ActionSet");
    expect(body[6]?.type).toBe("ActionSet");
    expect(body[7]).toMatchObject({ type: "TextBlock", text: "Sivu 1/3", isSubtle: true, size: "Small" });
    expect(body[8]).toEqual({ type: "Container", separator: true, items: [] });
    expect(body).toHaveLength(9);
  });

  it("makes buttons Action.Execute with an Action.Submit fallback carrying the same data", () => {
    const [register, link] = actionsOf(body[5] as Json);
    expect(register).toEqual({
      type: "Action.Execute",
      verb: "meetups.register",
      title: "Ilmoittaudu",
      style: "positive",
      data: { verb: "meetups.register", args: { id: "42", page: "2" } },
      fallback: {
        type: "Action.Submit",
        title: "Ilmoittaudu",
        style: "positive",
        data: { verb: "meetups.register", args: { id: "42", page: "2" } },
      },
    });
    expect(link).toEqual({
      type: "Action.OpenUrl",
      title: "Teams",
      url: "https://teams.microsoft.com/l/meetup-join/x",
    });
    const [next, cancel] = actionsOf(body[6] as Json);
    expect(next?.style).toBeUndefined();
    expect(cancel).toMatchObject({ style: "destructive", fallback: { style: "destructive" } });
  });

  it("cuts action titles to 50 characters", () => {
    const long = "Ilmoittaudu kirjastokahveille Porvoon pääkirjastossa tiistaina";
    const rendered = renderAdaptiveCard({ summary: "", blocks: [{ type: "actions", actions: [button(long, "x")] }] });
    const [action] = actionsOf((rendered.body as Json[])[0] as Json);
    expect(action?.title).toHaveLength(50);
    expect(action?.title?.endsWith("…")).toBe(true);
    expect(action?.fallback?.title).toBe(action?.title);
  });

  it("leaves out empty parts instead of emitting elements the parser warns about", () => {
    const sparse = renderAdaptiveCard({
      summary: "x",
      blocks: [
        { type: "text", text: "" },
        { type: "facts", facts: [] },
        { type: "actions", actions: [] },
        { type: "item", title: "Vain otsikko", lines: [], actions: [] },
      ],
    });
    expect(sparse.body).toEqual([
      {
        type: "Container",
        separator: true,
        items: [{ type: "TextBlock", text: "Vain otsikko", wrap: true, weight: "Bolder" }],
      },
    ]);
    expect(cardProblems(sparse)).toEqual([]);
  });

  it("wraps the card in a message activity with the summary for notifications", () => {
    const activity = renderActivity(reply);
    expect(activity).toMatchObject({ type: "message", summary: "Tulevat tapaamiset" });
    expect(activity.attachments).toEqual([
      { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderAdaptiveCard(reply) },
    ]);
    expect(renderAdaptiveCard(reply).fallbackText).toBe("Tulevat tapaamiset");
  });
});

describe("escaping user text", () => {
  const tricky = [
    "**lihavoitu** ja _kursiivi_ ja *tähti*",
    "[klikkaa](https://evil.example) ja ![kuva](x.png)",
    "# ei otsikko",
    "1. ei lista",
    "2) eikä tämä",
    "- eikä tämä",
    "+ tai tämä",
    "> ei lainaus",
    "<b>ei lihavoitu</b> <script>alert(1)</script> <img src=x>",
    "AT&amp;T &lt;b&gt; &#65;",
    "`koodi` ja ~~yliviivattu~~",
    "C:\\polku\\tiedosto ja \\*valmiiksi escapattu\\*",
    "Kello on {{TIME(2017-02-14T06:08:00Z)}}",
    "<3 ja 5 > 3 ja A & B",
  ];
  const MARKUP = "strong, em, a, img, h1, h2, h3, ul, ol, li, blockquote, code, del, b, i, script";

  it("the markdown step used below does turn unescaped text into markup", () => {
    for (const text of tricky.slice(0, 11))
      expect(markdownToHtml(text), text).toMatch(/<(strong|em|a|h1|ol|ul|blockquote|b|code|del)\b|&lt;b&gt;/);
    // and the renderer itself expands date functions in unescaped text
    const raw = {
      type: "AdaptiveCard",
      version: "1.5",
      body: [{ type: "TextBlock", text: "{{TIME(2017-02-14T06:08:00Z)}}" }],
    };
    expect(renderCard(raw).textContent).not.toContain("TIME(");
  });

  it.each(tricky)("shows %j literally in a text block, a fact and an item", (text) => {
    const element = renderCard(
      renderAdaptiveCard({
        summary: text,
        blocks: [
          { type: "text", text },
          { type: "facts", facts: [{ label: text, value: text }] },
          { type: "item", title: text, lines: [text], actions: [] },
        ],
      }),
    );
    expect(element.querySelectorAll(MARKUP)).toHaveLength(0);
    // text block, fact title, fact value, item title, item line
    const shown = [...element.querySelectorAll(".ac-textBlock")].map((b) => b.textContent?.replace(/\u200b/g, ""));
    expect(shown).toEqual([text, text, text, text, text]);
  });

  it("leaves ordinary Finnish and Swedish text untouched", () => {
    const plain = "Tervetuloa! Välkommen på bibliotekskaffe kl. 10.00–11.30, anmäl dig senast 3.12.";
    expect(escapeCardText(plain)).toBe(plain);
  });

  it("round-trips with what a user types into Teams: escaping is for output only", () => {
    expect(normalizeText("<p>**kahvit**</p>")).toBe("**kahvit**");
  });
});
