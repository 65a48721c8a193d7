// Neutral Reply -> Adaptive Card 1.5 (the highest version Teams renders for bots).
// Every string in a Reply is plain text, but Teams runs TextBlock text and FactSet
// titles/values through a markdown subset, so user-visible strings are escaped here.
import type { ActionPayload, Block, CardAction, Form, FormField, Reply } from "../../bot/reply.ts";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
/** Teams cuts long button titles unpredictably; we cut them ourselves. */
export const MAX_ACTION_TITLE = 50;

export interface AdaptiveCardJson {
  type: "AdaptiveCard";
  [key: string]: unknown;
}

type Element = Record<string, unknown>;

/**
 * Escapes text for a TextBlock/Fact so that it shows literally: inline markup
 * (`**`, `_`, links, code, HTML-ish `<b>`, entities) and, at the start of a line,
 * headings, quotes and list markers. CommonMark backslash escapes are what Teams'
 * renderers honour; "{{" is broken with a zero-width space because the card's
 * DATE()/TIME() functions are expanded before markdown and ignore backslashes.
 */
export function escapeCardText(text: string): string {
  return (
    text
      .replace(/[\\*_[\]`~]/g, "\\$&")
      // only what markdown would read as HTML or an entity: plain "<3" and "&" stay as typed
      .replace(/<(?=[A-Za-z/!?])/g, "\\<")
      .replace(/&(?=#?\w+;)/g, "\\&")
      .replace(/\{\{/g, "{\u200B{")
      .split("\n")
      .map((line) =>
        line
          // "# h", "> quote", "- x", "+ x" at a line start
          .replace(/^(\s*)([#>+-])/, "$1\\$2")
          // "1. x" / "1) x"
          .replace(/^(\s*\d+)([.)])/, "$1\\$2"),
      )
      .join("\n")
  );
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text); // do not split a surrogate pair (emoji)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function textBlock(text: string, extra: Element = {}): Element {
  return { type: "TextBlock", text: escapeCardText(text), wrap: true, ...extra };
}

/**
 * One TextBlock per line: Teams collapses a single "\n" inside a TextBlock (markdown
 * needs a blank line), so lines are stacked without spacing and a blank line becomes
 * normal paragraph spacing. Line-start escaping then applies per block, too.
 */
function paragraphBlocks(text: string, extra: Element = {}): Element[] {
  const blocks: Element[] = [];
  let afterBlank = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") {
      afterBlank = blocks.length > 0;
      continue;
    }
    const spacing = blocks.length === 0 ? {} : { spacing: afterBlank ? "Medium" : "None" };
    blocks.push(textBlock(line, { ...extra, ...spacing }));
    afterBlank = false;
  }
  return blocks;
}

/** What a button sends back: the same object for Action.Execute and its Submit fallback. */
export function actionData(payload: ActionPayload): { verb: string; args: Record<string, string> } {
  return { verb: payload.verb, args: { ...payload.args } };
}

function renderAction(action: CardAction): Element {
  const title = truncate(action.label, MAX_ACTION_TITLE);
  if (action.type === "link") return { type: "Action.OpenUrl", title, url: action.url };
  const style = action.style === "primary" ? "positive" : action.style === "danger" ? "destructive" : undefined;
  const common = { title, data: actionData(action.action), ...(style ? { style } : {}) };
  return {
    type: "Action.Execute",
    verb: action.action.verb,
    ...common,
    // Clients without Universal Actions (older Teams, other hosts) fall back to a
    // plain Submit that arrives as a message with `value` = data.
    fallback: { type: "Action.Submit", ...common },
  };
}

function actionSet(actions: CardAction[]): Element[] {
  return actions.length === 0 ? [] : [{ type: "ActionSet", actions: actions.map(renderAction) }];
}

/**
 * Teams merges input values into the submit's data beside `verb` and `args`: a field
 * with one of those ids would overwrite the action, so the renderer refuses it.
 */
const RESERVED_IDS = new Set(["verb", "args", "msteams"]);
/** The client's message for an empty required input; the adapter cannot know the user's language. */
export const REQUIRED_TEXT = "Pakollinen · Obligatorisk · Required";

/** Labels and placeholders are plain text in the renderers; Toggle titles are markdown. */
function renderField(field: FormField): Element {
  if (RESERVED_IDS.has(field.id)) throw new Error(`form field id "${field.id}" is reserved`);
  const required = field.type !== "toggle" && field.required === true;
  const common = {
    id: field.id,
    label: field.label,
    ...(required ? { isRequired: true, errorMessage: REQUIRED_TEXT } : {}),
  };
  switch (field.type) {
    case "text":
      return {
        type: "Input.Text",
        ...common,
        ...(field.value ? { value: field.value } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(field.multiline ? { isMultiline: true } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
      };
    case "number":
      return {
        type: "Input.Number",
        ...common,
        ...(field.value !== undefined ? { value: field.value } : {}),
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
      };
    case "date":
      return { type: "Input.Date", ...common, ...(field.value ? { value: field.value } : {}) };
    case "time":
      return { type: "Input.Time", ...common, ...(field.value ? { value: field.value } : {}) };
    case "select":
      return {
        type: "Input.ChoiceSet",
        ...common,
        choices: field.options.map((o) => ({ title: o.label, value: o.value })),
        // a long list is easier to pick from when it can be filtered by typing
        style: !field.multiple && field.options.length > 8 ? "filtered" : "compact",
        ...(field.multiple ? { isMultiSelect: true } : {}),
        ...(field.value ? { value: field.value } : {}),
      };
    case "toggle":
      return {
        type: "Input.Toggle",
        id: field.id,
        title: escapeCardText(field.label),
        value: field.value ? "true" : "false",
        valueOn: "true",
        valueOff: "false",
      };
  }
}

function errorBlock(text: string): Element {
  return textBlock(text, { color: "Attention", size: "Small", spacing: "Small" });
}

/** The form inline in the card: its inputs, each followed by its error, then the submit. */
function renderForm(form: Form): Element[] {
  const errors = form.errors ?? {};
  const orphans = Object.entries(errors).filter(([id]) => !form.fields.some((f) => f.id === id));
  return [
    textBlock(form.title, { size: "Medium", weight: "Bolder", style: "heading" }),
    ...(form.intro ? paragraphBlocks(form.intro, { isSubtle: true }) : []),
    ...orphans.map(([, text]) => errorBlock(text)),
    ...form.fields.flatMap((field) => {
      const error = errors[field.id];
      return error ? [renderField(field), errorBlock(error)] : [renderField(field)];
    }),
    ...actionSet([{ type: "button", label: form.submit.label, action: form.submit.action, style: "primary" }]),
  ];
}

function renderBlock(block: Block): Element[] {
  switch (block.type) {
    case "form":
      return renderForm(block.form);
    case "header":
      return [textBlock(block.text, { size: "Large", weight: "Bolder", style: "heading" })];
    case "text":
      return paragraphBlocks(block.text);
    case "facts":
      if (block.facts.length === 0) return [];
      return [
        {
          type: "FactSet",
          facts: block.facts.map((f) => ({ title: escapeCardText(f.label), value: escapeCardText(f.value) })),
        },
      ];
    case "item":
      return [
        {
          type: "Container",
          separator: true,
          items: [
            textBlock(block.title, { weight: "Bolder" }),
            ...block.lines.flatMap((line) => paragraphBlocks(line, { spacing: "None" })),
            ...actionSet(block.actions),
          ],
        },
      ];
    case "actions":
      return actionSet(block.actions);
    case "context":
      return paragraphBlocks(block.text, { isSubtle: true, size: "Small" });
    case "divider":
      // An empty Container draws nothing but its separator line.
      return [{ type: "Container", separator: true, items: [] }];
  }
}

export function renderAdaptiveCard(reply: Reply): AdaptiveCardJson {
  return {
    $schema: SCHEMA,
    type: "AdaptiveCard",
    version: "1.5",
    // Shown by clients that cannot render this card version.
    fallbackText: reply.summary,
    body: reply.blocks.flatMap(renderBlock),
  };
}

export interface CardMessageActivity {
  type: "message";
  summary: string;
  attachments: { contentType: string; content: AdaptiveCardJson }[];
}

/**
 * A message carrying the card. `summary` is what Teams shows in notifications and
 * the activity feed. No `text`: Teams would print it above the card, duplicating it;
 * the card's own `fallbackText` covers clients without card support.
 */
export function renderActivity(reply: Reply): CardMessageActivity {
  return {
    type: "message",
    summary: reply.summary,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderAdaptiveCard(reply) }],
  };
}
