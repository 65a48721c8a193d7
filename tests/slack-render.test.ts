// The Slack renderer: every neutral block type, Slack's limits, and escaping of text
// users typed. Shapes are checked against @slack/types at compile time (`satisfies`)
// and against Block Kit limits at run time (slackBlockProblems, written separately).
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
} from "@slack/types";
import { describe, expect, it } from "vitest";
import { renderBlocks, renderMessage } from "../adapters/slack/render.ts";
import type { Block, CardAction, Reply } from "../bot/reply.ts";
import { slackBlockProblems } from "./fakes/slack-limits.ts";

const reply = (...blocks: Block[]): Reply => ({ summary: "summary", blocks });
const button = (verb: string, label = "Go", args: Record<string, string> = {}): CardAction => ({
  type: "button",
  label,
  action: { verb, args },
});

/** renders and checks the limits every time, so each test also guards them */
function render(...blocks: Block[]): KnownBlock[] {
  const out = renderBlocks(reply(...blocks)) satisfies KnownBlock[];
  expect(slackBlockProblems(out)).toEqual([]);
  return out;
}

const sectionText = (block: KnownBlock | undefined): string => {
  const text = (block as SectionBlock).text;
  return text?.text ?? "";
};
const visible = (text: string): string => text.replace(/\u2060/g, "");

describe("renderBlocks: each block type", () => {
  it("header → header block with plain_text", () => {
    const [block] = render({ type: "header", text: "Kahvit ja <!channel>" });
    expect(block satisfies KnownBlock | undefined).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Kahvit ja <!channel>" },
    } satisfies HeaderBlock);
  });

  it("text → mrkdwn section, verbatim", () => {
    const [block] = render({ type: "text", text: "Hei\nmaailma" });
    expect(block).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "Hei\nmaailma", verbatim: true },
    } satisfies SectionBlock);
  });

  it("facts → section fields with bold labels, 10 per section", () => {
    const facts = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const blocks = render({ type: "facts", facts });
    expect(blocks).toHaveLength(2);
    const first = blocks[0] as SectionBlock;
    expect(first.fields).toHaveLength(10);
    expect(first.fields?.[0]).toEqual({ type: "mrkdwn", text: "*L0*\nv0", verbatim: true });
    expect((blocks[1] as SectionBlock).fields).toHaveLength(2);
  });

  it("item → bold title and lines, then its actions", () => {
    const blocks = render({
      type: "item",
      title: "Lukupiiri",
      lines: ["ti 3.12. klo 17", "Porvoo"],
      actions: [button("meetups.join", "Ilmoittaudu", { id: "42" })],
    });
    expect(sectionText(blocks[0])).toBe("*Lukupiiri*\nti 3.12. klo 17\nPorvoo");
    const actions = blocks[1] as ActionsBlock;
    expect(actions.type).toBe("actions");
    expect(actions.elements[0]).toEqual({
      type: "button",
      action_id: "meetups.join:0",
      text: { type: "plain_text", text: "Ilmoittaudu" },
      value: JSON.stringify({ verb: "meetups.join", args: { id: "42" } }),
    } satisfies Button);
  });

  it("item without actions → just the section", () => {
    expect(render({ type: "item", title: "T", lines: [], actions: [] })).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*T*", verbatim: true } },
    ]);
  });

  it("actions → buttons with style and link buttons with url", () => {
    const [block] = render({
      type: "actions",
      actions: [
        { ...button("a.ok", "OK"), style: "primary" } as CardAction,
        { ...button("a.no", "No"), style: "danger" } as CardAction,
        { type: "link", label: "Kirjasto", url: "https://kirjasto.fi/x?a=1&b=2" },
      ],
    });
    const elements = (block as ActionsBlock).elements as Button[];
    expect(elements.map((e) => e.style)).toEqual(["primary", "danger", undefined]);
    expect(elements[2]).toEqual({
      type: "button",
      action_id: "link:2",
      text: { type: "plain_text", text: "Kirjasto" },
      url: "https://kirjasto.fi/x?a=1&b=2",
    } satisfies Button);
  });

  it("context → context block; divider → divider", () => {
    expect(render({ type: "context", text: "Sivu 1/3" }, { type: "divider" })).toEqual([
      { type: "context", elements: [{ type: "mrkdwn", text: "Sivu 1/3", verbatim: true }] } satisfies ContextBlock,
      { type: "divider" } satisfies DividerBlock,
    ]);
  });

  it("renderMessage sets an escaped top-level text", () => {
    const message = renderMessage({ summary: "R&D <!here>", blocks: [{ type: "divider" }] });
    expect(message.text).toBe("R&amp;D &lt;!here&gt;");
    expect(message.blocks).toEqual([{ type: "divider" }]);
    expect(renderMessage({ summary: "  ", blocks: [] }).text).toBe("AKE");
  });
});

describe("renderBlocks: escaping user text", () => {
  it("mentions and broadcasts stay literal", () => {
    const text = sectionText(render({ type: "text", text: "<!channel> <@U123> <!subteam^S1> @here" })[0]);
    expect(text).not.toMatch(/<[!@]/);
    expect(visible(text)).toBe("&lt;!channel&gt; &lt;@U123&gt; &lt;!subteam^S1&gt; @here");
    expect(text).not.toContain("@here"); // joined: no auto-parsed broadcast
  });

  it("& < > are entities; a disguised link is not a link", () => {
    const text = sectionText(render({ type: "text", text: "A & B <http://evil.example|kirjasto.fi>" })[0]);
    expect(visible(text)).toBe("A &amp; B &lt;<http://evil.example%7Ckirjasto.fi>&gt;");
  });

  it("formatting characters do not format", () => {
    const text = sectionText(render({ type: "text", text: "*bold* _it_ ~del~ `code`" })[0]);
    expect(visible(text)).toBe("*bold* _it_ ~del~ `code`");
    for (const char of ["*", "_", "~", "`"]) {
      expect(text).not.toMatch(new RegExp(`(^|[^\\u2060])\\${char}|\\${char}([^\\u2060]|$)`));
    }
  });

  it("a leading > does not quote", () => {
    expect(sectionText(render({ type: "text", text: "> lainaus" })[0])).toBe("\u2060&gt; lainaus");
  });

  it("URLs become explicit links, trailing punctuation stays text", () => {
    const text = sectionText(render({ type: "text", text: "Katso https://kirjasto.fi/a_b?x=1&y=2." })[0]);
    expect(text).toBe("Katso <https://kirjasto.fi/a_b?x=1&amp;y=2>.");
  });

  it("titles and fact labels are escaped inside the bold", () => {
    const blocks = render(
      { type: "item", title: "<!channel> *x*", lines: [], actions: [] },
      { type: "facts", facts: [{ label: "a&b", value: "<@U1>" }] },
    );
    expect(visible(sectionText(blocks[0]))).toBe("*&lt;!channel&gt; *x**");
    expect((blocks[1] as SectionBlock).fields?.[0]?.text).toBe("*a&amp;b*\n&lt;@U1&gt;");
  });
});

describe("renderBlocks: Slack limits", () => {
  it("splits text over 3000 characters into several sections, losing nothing", () => {
    const words = Array.from({ length: 1500 }, (_, i) => `sana${i}`).join(" ");
    const blocks = render({ type: "text", text: words });
    expect(blocks.length).toBeGreaterThan(2);
    expect(blocks.map(sectionText).join(" ")).toBe(words);
  });

  it("splits text whose escaping makes it too long, and one giant word", () => {
    const blocks = render({ type: "text", text: `${"&".repeat(1000)} ${"x".repeat(7000)}` });
    expect(blocks.map((b) => sectionText(b).length).every((n) => n <= 3000)).toBe(true);
    expect(blocks.map(sectionText).join("").replace(/&amp;/g, "&")).toBe(`${"&".repeat(1000)}${"x".repeat(7000)}`);
  });

  it("splits a giant URL full of | and * within the limit", () => {
    const url = `https://kirjasto.fi/${"|*&".repeat(3000)}`;
    const blocks = render({ type: "text", text: url });
    expect(blocks.length).toBeGreaterThan(3);
  });

  it("truncates a header to 150 and button text to 75 characters with …", () => {
    const [header] = render({ type: "header", text: "h".repeat(400) });
    expect((header as HeaderBlock).text.text).toBe(`${"h".repeat(149)}…`);
    const [actions] = render({ type: "actions", actions: [button("v", "b".repeat(100))] });
    expect(((actions as ActionsBlock).elements[0] as Button).text.text).toHaveLength(75);
  });

  it("truncates a fact value to fit the 2000-character field", () => {
    const [block] = render({ type: "facts", facts: [{ label: "Kuvaus", value: "<".repeat(2000) }] });
    expect((block as SectionBlock).fields?.[0]?.text.length).toBeLessThanOrEqual(2000);
  });

  it("splits more than 25 buttons into several actions blocks with unique action_ids", () => {
    const actions = Array.from({ length: 30 }, () => button("same.verb"));
    const blocks = render(
      { type: "actions", actions },
      { type: "item", title: "t", lines: [], actions: [button("same.verb")] },
    );
    expect(blocks.map((b) => b.type)).toEqual(["actions", "actions", "section", "actions"]);
    const ids = blocks.flatMap((b) => (b.type === "actions" ? b.elements.map((e) => (e as Button).action_id) : []));
    expect(new Set(ids).size).toBe(31);
  });

  it("throws when a button value would exceed 2000 characters", () => {
    const big = button("v", "Go", { data: "x".repeat(2000) });
    expect(() => renderBlocks(reply({ type: "actions", actions: [big] }))).toThrow(/2000/);
  });

  it("throws on a non-http link", () => {
    const link: CardAction = { type: "link", label: "x", url: "javascript:alert(1)" };
    expect(() => renderBlocks(reply({ type: "actions", actions: [link] }))).toThrow(/http/);
  });

  it("allows 50 blocks and throws at 51: paging is the core's job", () => {
    const dividers = (n: number): Block[] => Array.from({ length: n }, () => ({ type: "divider" }) as const);
    expect(renderBlocks(reply(...dividers(50)))).toHaveLength(50);
    expect(() => renderBlocks(reply(...dividers(51)))).toThrow(/51 Slack blocks.*50/);
    // long text counts by the sections it becomes
    expect(() => renderBlocks(reply(...dividers(49), { type: "text", text: "word ".repeat(1000) }))).toThrow(/blocks/);
  });

  it("skips empty text and headers instead of sending what Slack rejects", () => {
    expect(render({ type: "text", text: "  \n " }, { type: "header", text: "" })).toEqual([]);
  });
});
