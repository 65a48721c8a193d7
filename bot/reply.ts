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
  | { type: "divider" }
  /** a form: Teams shows its inputs in the card, Slack opens it as a modal */
  | { type: "form"; form: Form };

/** One input of a form. Values travel back as strings (multi-selects comma-joined). */
export type FormField =
  | {
      type: "text";
      id: string;
      label: string;
      value?: string;
      placeholder?: string;
      multiline?: boolean;
      maxLength?: number;
      required?: boolean;
    }
  | { type: "number"; id: string; label: string; value?: number; min?: number; max?: number; required?: boolean }
  /** YYYY-MM-DD */
  | { type: "date"; id: string; label: string; value?: string; required?: boolean }
  /** HH:mm, Helsinki time */
  | { type: "time"; id: string; label: string; value?: string; required?: boolean }
  | {
      type: "select";
      id: string;
      label: string;
      options: { value: string; label: string }[];
      value?: string;
      multiple?: boolean;
      required?: boolean;
    }
  | { type: "toggle"; id: string; label: string; value?: boolean };

export interface Form {
  title: string;
  intro?: string;
  fields: FormField[];
  /** what the submit sends; the inputs arrive in ActionRequest.inputs */
  submit: { label: string; action: ActionPayload };
  /** field id → what to correct, shown beside the field when a submit was refused */
  errors?: Record<string, string>;
}

export interface Reply {
  /** plain-text summary: notification text and the fallback for clients without cards */
  summary: string;
  blocks: Block[];
}

/** A reply that is just a paragraph of text. */
export function textReply(text: string): Reply {
  return { summary: text, blocks: [{ type: "text", text }] };
}

/** A reply that is one form (Teams shows it in the card, Slack opens it as a modal). */
export function formReply(form: Form): Reply {
  return { summary: form.title, blocks: [{ type: "form", form }] };
}

/** A message the bot sends on its own: a paragraph and the buttons to act on it. */
export function noticeReply(text: string, actions: CardAction[]): Reply {
  return {
    summary: text,
    blocks: [{ type: "text", text }, ...(actions.length > 0 ? [{ type: "actions" as const, actions }] : [])],
  };
}
