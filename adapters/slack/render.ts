// Neutral Reply → Slack Block Kit. Slack's limits are enforced here, where they are
// known: text is split or truncated to fit, and what cannot be fixed without changing
// meaning (more than 50 blocks, an oversized button value, a bad link) throws, because
// paging and payload size are the core's job and a test should catch the mistake.
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  SectionBlock,
} from "@slack/types";
import type { Block, CardAction, Reply } from "../../bot/reply.ts";
import { mrkdwn, splitToFit, truncate } from "./mrkdwn.ts";

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  elementsPerActions: 25,
  elementsPerContext: 10,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
} as const;

/** an item's title gets at most this much of its section, the lines get the rest */
const TITLE_BUDGET = 300;

export interface SlackMessage {
  /** notification text and fallback for clients without blocks (escaped mrkdwn) */
  text: string;
  blocks: KnownBlock[];
}

function mrkdwnText(text: string): MrkdwnElement {
  // verbatim: Slack must not auto-parse mentions or #channels in user text (see mrkdwn.ts)
  return { type: "mrkdwn", text, verbatim: true };
}

function section(text: string): SectionBlock {
  return { type: "section", text: mrkdwnText(text) } satisfies SectionBlock;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Hands out action_ids that are unique within one message, as Slack requires. */
class ButtonFactory {
  private next = 0;

  button(action: CardAction): Button {
    const index = this.next++;
    const text = { type: "plain_text" as const, text: truncate(action.label.trim() || "…", SLACK_LIMITS.buttonText) };
    if (action.type === "link") {
      if (!/^https?:\/\//i.test(action.url) || action.url.length > SLACK_LIMITS.buttonUrl) {
        throw new Error(`Slack link button "${action.label}": url must be http(s) and at most 3000 characters`);
      }
      return { type: "button", action_id: `link:${index}`, text, url: action.url } satisfies Button;
    }
    const value = JSON.stringify(action.action);
    if (value.length > SLACK_LIMITS.buttonValue) {
      throw new Error(
        `Slack button "${action.label}" (${action.action.verb}): its payload is ${value.length} characters; ` +
          `Slack allows ${SLACK_LIMITS.buttonValue}. Keep button args small (ids, not data).`,
      );
    }
    // the index keeps the id unique even where a long verb had to be cut
    const button: Button = { type: "button", action_id: `${action.action.verb.slice(0, 200)}:${index}`, text, value };
    if (action.style) button.style = action.style;
    return button;
  }

  actions(actions: readonly CardAction[]): ActionsBlock[] {
    return chunk(actions, SLACK_LIMITS.elementsPerActions).map(
      (group) => ({ type: "actions", elements: group.map((a) => this.button(a)) }) satisfies ActionsBlock,
    );
  }
}

function header(text: string): HeaderBlock[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  // plain_text: nothing in it is parsed, so nothing needs escaping
  return [{ type: "header", text: { type: "plain_text", text: truncate(trimmed, SLACK_LIMITS.headerText) } }];
}

function fact(label: string, value: string): MrkdwnElement {
  const title = label.trim() === "" ? "" : `*${mrkdwn(truncate(label.trim(), TITLE_BUDGET, mrkdwn))}*`;
  const room = SLACK_LIMITS.fieldText - title.length - 1;
  const body = mrkdwn(truncate(value, room, mrkdwn));
  const text = [title, body].filter((part) => part !== "").join("\n");
  return mrkdwnText(text === "" ? "–" : text);
}

function item(title: string, lines: readonly string[]): SectionBlock[] {
  const head = `*${mrkdwn(truncate(title.trim() || "…", TITLE_BUDGET, mrkdwn))}*`;
  const body = lines.join("\n");
  const [first, ...rest] = splitToFit(body, SLACK_LIMITS.sectionText - head.length - 1);
  return [
    section(first === undefined ? head : `${head}\n${mrkdwn(first)}`),
    ...rest.map((piece) => section(mrkdwn(piece))),
  ];
}

function context(text: string): ContextBlock[] {
  const elements = splitToFit(text, SLACK_LIMITS.sectionText).map((piece) => mrkdwnText(mrkdwn(piece)));
  return chunk(elements, SLACK_LIMITS.elementsPerContext).map((group) => ({ type: "context", elements: group }));
}

function renderBlock(block: Block, buttons: ButtonFactory): KnownBlock[] {
  switch (block.type) {
    case "form":
      // Slack shows a form as a modal (modal.ts), which the handlers open before rendering
      // a message; a form that gets here is a core reply the handlers did not expect.
      throw new Error(`a form ("${block.form.title}") opens as a modal; it cannot be part of a message`);
    case "header":
      return header(block.text);
    case "text":
      return splitToFit(block.text, SLACK_LIMITS.sectionText).map((piece) => section(mrkdwn(piece)));
    case "facts":
      return chunk(block.facts, SLACK_LIMITS.fieldsPerSection).map(
        (group) => ({ type: "section", fields: group.map((f) => fact(f.label, f.value)) }) satisfies SectionBlock,
      );
    case "item":
      return [...item(block.title, block.lines), ...buttons.actions(block.actions)];
    case "actions":
      return buttons.actions(block.actions);
    case "context":
      return context(block.text);
    case "divider":
      return [{ type: "divider" } satisfies DividerBlock];
  }
}

/** Renders blocks as they are, without the per-message limit (a modal has its own). */
export function renderBlockList(blocks: readonly Block[]): KnownBlock[] {
  const buttons = new ButtonFactory();
  return blocks.flatMap((block) => renderBlock(block, buttons));
}

/** Renders the reply's blocks; throws if Slack would reject the result as too large. */
export function renderBlocks(reply: Reply): KnownBlock[] {
  const blocks = renderBlockList(reply.blocks);
  if (blocks.length > SLACK_LIMITS.blocksPerMessage) {
    throw new Error(
      `A reply rendered to ${blocks.length} Slack blocks; a message allows ${SLACK_LIMITS.blocksPerMessage}. ` +
        `Page it in the core (summary: "${reply.summary.slice(0, 60)}").`,
    );
  }
  return blocks;
}

/** The full message body for ack(), respond() or chat.postMessage. */
export function renderMessage(reply: Reply): SlackMessage {
  const blocks = renderBlocks(reply);
  const summary = reply.summary.trim() || "AKE";
  return { text: mrkdwn(truncate(summary, SLACK_LIMITS.sectionText, mrkdwn)), blocks };
}
