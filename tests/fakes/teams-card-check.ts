// Checks Adaptive Cards with the official renderer (adaptivecards 3.0.6) under jsdom.
// Importing this module installs jsdom's window/document as globals: import it only
// from test files that want that.
//
//   cardProblems(card): string[]     parse + validation events; [] means a clean card
//   renderCard(card): RenderedNode   rendered with a CommonMark-subset markdown step
//                                    (what Teams applies to TextBlocks and Facts)
//   markdownToHtml(text): string     that markdown step, exported for its own tests
import { createRequire } from "node:module";

/** The little of the DOM these tests read (the project compiles without DOM types). */
export interface RenderedNode {
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<RenderedNode> & Iterable<RenderedNode>;
}

const require = createRequire(import.meta.url);
// required, not imported: jsdom ships no type declarations and @types/jsdom is not installed
const { JSDOM } = require("jsdom") as { JSDOM: new (html: string) => { window: object } };
const dom = new JSDOM("<!doctype html><html><body></body></html>");
const g = globalThis as Record<string, unknown>;
for (const name of Object.getOwnPropertyNames(dom.window)) {
  // the renderer uses window, document and the element classes (HTMLButtonElement…)
  if (/^(window|document|navigator|getComputedStyle|HTML\w*|Node|Element|Text)$/.test(name) && !(name in g)) {
    g[name] = (dom.window as unknown as Record<string, unknown>)[name];
  }
}

interface AcEvent {
  message: string;
}
interface AcCard {
  parse(json: unknown, context: unknown): void;
  validateProperties(): { validationEvents: AcEvent[] };
  render(): RenderedNode | undefined;
}
interface AcModule {
  AdaptiveCard: {
    new (): AcCard;
    onProcessMarkdown?: (text: string, result: { didProcess: boolean; outputHtml?: unknown }) => void;
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): AcEvent };
}

// its package "main" (lib/) does not resolve under Node; the bundled dist does
const AC = require("adaptivecards/dist/adaptivecards.js") as AcModule;

export function cardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// decoded entities stay text: "&lt;b&gt;" shows "<b>", it does not make a tag
const ENTITIES: Record<string, string> = { amp: "&amp;", lt: "&lt;", gt: "&gt;", quot: '"', nbsp: "\u00a0" };

/**
 * The markdown Teams applies, as CommonMark would: backslash escapes, entities, raw
 * HTML tags, **bold**, *italic* and _italic_, `code`, ~~strike~~, [links](url), and at a
 * line start headings, quotes and list items. Escaped characters are set aside first
 * so no rule can see them, as in a real parser.
 */
export function markdownToHtml(text: string): string {
  const literal: string[] = [];
  // private-use characters as placeholders: they never occur in the tested text
  const hold = (s: string) => `\ue000${literal.push(s) - 1}\ue001`;
  const lines = text
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) => hold(ch))
    .split("\n")
    .map((line) => {
      let html = escapeHtml(line)
        .replace(/&lt;(\/?[A-Za-z][^&]*?)&gt;/g, "<$1>") // raw inline HTML is passed through
        .replace(/&amp;(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? m)
        .replace(/`([^`]+)`/g, "<code>$1</code>")
        .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
        .replace(/(^|\W)[*_](\S.*?)[*_](?=\W|$)/g, "$1<em>$2</em>")
        .replace(/~~(.+?)~~/g, "<del>$1</del>")
        .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '<a href="$2">$1</a>');
      const block = /^\s*(#{1,6})\s+(.*)$/.exec(html);
      if (block?.[1]) html = `<h${block[1].length}>${block[2]}</h${block[1].length}>`;
      else if (/^\s*&gt;/.test(html)) html = `<blockquote>${html.replace(/^\s*&gt;\s?/, "")}</blockquote>`;
      else if (/^\s*[-+*]\s/.test(html)) html = `<ul><li>${html.replace(/^\s*[-+*]\s/, "")}</li></ul>`;
      else if (/^\s*\d+[.)]\s/.test(html)) html = `<ol><li>${html.replace(/^\s*\d+[.)]\s/, "")}</li></ol>`;
      return html;
    });
  return `<p>${lines.join("<br>")}</p>`.replace(/\ue000(\d+)\ue001/g, (_m, i: string) =>
    escapeHtml(literal[Number(i)] ?? ""),
  );
}

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};

export function renderCard(card: unknown): RenderedNode {
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, new AC.SerializationContext());
  const element = parsed.render();
  if (!element) throw new Error("the card did not render");
  return element;
}
