// The platform-neutral reply and card model. The core builds these; adapters/teams
// renders them to Adaptive Cards 1.5 and adapters/slack to Block Kit. Every string
// here is plain text: each renderer escapes it for its own markup.

/** What a button sends back to the core when clicked. Kept small: Slack allows 2000 chars. */
export interface ActionPayload {
  /** a dotted name the core dispatches on, e.g. "meetups.page" */
  verb: string;
  args: Record<string, string>;
}

export interface ButtonAction {
  type: "button";
  label: string;
  action: ActionPayload;
  style?: "primary" | "danger";
}

export interface LinkAction {
  type: "link";
  label: string;
  url: string;
}

export type CardAction = ButtonAction | LinkAction;

export type Block =
  | { type: "header"; text: string }
  /** a paragraph; newlines are kept */
  | { type: "text"; text: string }
  /** label/value pairs, e.g. time and language of a session */
  | { type: "facts"; facts: { label: string; value: string }[] }
  /** one entry of a list: a title, a few lines under it and its own actions */
  | { type: "item"; title: string; lines: string[]; actions: CardAction[] }
  | { type: "actions"; actions: CardAction[] }
  /** small, muted text: hints, paging information */
  | { type: "context"; text: string }
  | { type: "divider" };

export interface Reply {
  /** plain-text summary: notification text and the fallback for clients without cards */
  summary: string;
  blocks: Block[];
}

/** A reply that is just a paragraph of text. */
export function textReply(text: string): Reply {
  return { summary: text, blocks: [{ type: "text", text }] };
}
