// A neutral form as a Slack modal, and a modal's submission back into form inputs.
// The modal's private_metadata carries what the form's submit sends and the channel to
// answer in; it comes back from the client, so it is validated like a button value.
import type { webApi } from "@slack/bolt";
import type {
  InputBlock,
  KnownBlock,
  ModalView,
  PlainTextElement,
  PlainTextOption,
  Block as SlackBlock,
} from "@slack/types";
import { z } from "zod";
import type { Form, FormField, Reply } from "../../bot/reply.ts";
import { mrkdwn, splitToFit, truncate } from "./mrkdwn.ts";
import { renderBlockList } from "./render.ts";

export const MODAL_CALLBACK_ID = "ake.form";
/** Block Kit limits for modals (docs.slack.dev/surfaces/modals, …/block-kit). */
export const MODAL_LIMITS = {
  blocks: 100,
  title: 24,
  button: 24,
  privateMetadata: 3000,
  label: 2000,
  placeholder: 150,
  textInput: 3000,
  options: 100,
  optionText: 75,
  optionValue: 150,
} as const;
/** The adapter cannot know the user's language here: Finnish, Swedish and English. */
const CLOSE_TEXT = "Sulje / Stäng / Close";
export const FIELD_ID = /^[A-Za-z][\w.-]{0,49}$/;
const CHANNEL = /^[CDG][A-Z0-9]{2,30}$/;

const plain = (text: string, max: number): PlainTextElement => ({
  type: "plain_text",
  text: truncate(text.trim() || "…", max),
});

/** The form of a reply, if it has one. */
export function formOf(reply: Reply): Form | undefined {
  for (const block of reply.blocks) if (block.type === "form") return block.form;
  return undefined;
}

const ActionSchema = z
  .object({
    verb: z.string().min(1).max(100),
    args: z.record(z.string().regex(FIELD_ID), z.string().max(2000)),
  })
  .strict();
const MetadataSchema = z
  .object({
    /** what the form's submit sends to the core */
    a: ActionSchema,
    /** the channel the form was opened from: the answer goes there, ephemeral */
    c: z.string().regex(CHANNEL).optional(),
  })
  .strict();
export type ModalMetadata = z.infer<typeof MetadataSchema>;

export function parseMetadata(raw: unknown): ModalMetadata | undefined {
  if (typeof raw !== "string" || raw.length > MODAL_LIMITS.privateMetadata) return undefined;
  try {
    const parsed = MetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function option(value: string, label: string): PlainTextOption {
  return { text: plain(label, MODAL_LIMITS.optionText), value };
}

function element(field: FormField): InputBlock["element"] {
  const action_id = field.id;
  switch (field.type) {
    case "text": {
      const max = Math.min(field.maxLength ?? MODAL_LIMITS.textInput, MODAL_LIMITS.textInput);
      return {
        type: "plain_text_input",
        action_id,
        max_length: max,
        ...(field.multiline ? { multiline: true } : {}),
        ...(field.value ? { initial_value: field.value.slice(0, max) } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
      };
    }
    case "number":
      return {
        type: "number_input",
        action_id,
        is_decimal_allowed: false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.value !== undefined ? { initial_value: String(field.value) } : {}),
      };
    case "date":
      return { type: "datepicker", action_id, ...(field.value ? { initial_date: field.value } : {}) };
    case "time":
      return { type: "timepicker", action_id, ...(field.value ? { initial_time: field.value } : {}) };
    case "select": {
      if (field.options.length > MODAL_LIMITS.options) {
        throw new Error(
          `select "${field.id}" has ${field.options.length} options; Slack allows ${MODAL_LIMITS.options}`,
        );
      }
      const options = field.options.map((o) => option(o.value, o.label));
      const chosen = new Set((field.value ?? "").split(",").filter(Boolean));
      // an initial option Slack does not find among the options makes views.open fail
      const initial = options.filter((o) => chosen.has(o.value ?? ""));
      if (field.multiple) {
        return {
          type: "multi_static_select",
          action_id,
          options,
          ...(initial.length ? { initial_options: initial } : {}),
        };
      }
      return { type: "static_select", action_id, options, ...(initial[0] ? { initial_option: initial[0] } : {}) };
    }
    case "toggle": {
      const on = option("true", field.label);
      return { type: "checkboxes", action_id, options: [on], ...(field.value ? { initial_options: [on] } : {}) };
    }
  }
}

function input(field: FormField): InputBlock {
  if (!FIELD_ID.test(field.id)) throw new Error(`form field id "${field.id}" is not a valid Slack block id`);
  const required = field.type !== "toggle" && field.required === true;
  return {
    type: "input",
    block_id: field.id,
    label: plain(field.label, MODAL_LIMITS.label),
    optional: !required,
    element: element(field),
  };
}

const context = (text: string): KnownBlock[] =>
  splitToFit(text, 3000).map((piece) => ({
    type: "section",
    text: { type: "mrkdwn", text: mrkdwn(piece), verbatim: true },
  }));

/**
 * The modal for a reply holding a form. Other blocks of the reply come first, as text;
 * their buttons are left out (a click inside a modal has no message to answer in).
 */
export function renderModal(reply: Reply, metadata: ModalMetadata): ModalView {
  const form = formOf(reply);
  if (!form) throw new Error("renderModal: the reply has no form");
  const privateMetadata = JSON.stringify(metadata);
  if (privateMetadata.length > MODAL_LIMITS.privateMetadata) {
    throw new Error(`the form's submit payload is ${privateMetadata.length} characters; private_metadata allows 3000`);
  }
  const others = reply.blocks.filter((b) => b.type !== "form" && b.type !== "actions");
  const errors = Object.entries(form.errors ?? {});
  const blocks: (KnownBlock | SlackBlock)[] = [
    ...renderBlockList(others.map((b) => (b.type === "item" ? { ...b, actions: [] } : b))),
    ...(form.intro ? context(form.intro) : []),
    // errors without a field of their own (inputs get theirs from response_action "errors")
    ...errors.filter(([id]) => !form.fields.some((f) => f.id === id)).flatMap(([, text]) => context(`⚠️ ${text}`)),
    ...form.fields.map(input),
  ];
  if (blocks.length > MODAL_LIMITS.blocks) {
    throw new Error(
      `the form "${form.title}" renders to ${blocks.length} blocks; a modal allows ${MODAL_LIMITS.blocks}`,
    );
  }
  return {
    type: "modal",
    callback_id: MODAL_CALLBACK_ID,
    title: plain(form.title, MODAL_LIMITS.title),
    submit: plain(form.submit.label, MODAL_LIMITS.button),
    close: plain(CLOSE_TEXT, MODAL_LIMITS.button),
    private_metadata: privateMetadata,
    blocks,
  };
}

/**
 * Opens the reply's form as a modal. Must run within 3 s of the click or command that
 * brought the trigger id; throws when Slack refuses (e.g. expired_trigger_id).
 */
export async function openModal(
  client: webApi.WebClient,
  triggerId: string,
  reply: Reply,
  channel: string | undefined,
): Promise<void> {
  const form = formOf(reply);
  if (!form) throw new Error("openModal: the reply has no form");
  const metadata: ModalMetadata = {
    a: form.submit.action,
    ...(channel && CHANNEL.test(channel) ? { c: channel } : {}),
  };
  await client.views.open({ trigger_id: triggerId, view: renderModal(reply, metadata) });
}

/**
 * `response_action: "errors"` wants block ids of input blocks; an error for no field is
 * shown on the first one, so that Slack does not refuse the whole answer.
 */
export function modalErrors(form: Form): Record<string, string> {
  const ids = new Set(form.fields.map((f) => f.id));
  const first = form.fields[0]?.id;
  const errors: Record<string, string> = {};
  for (const [id, text] of Object.entries(form.errors ?? {})) {
    const target = ids.has(id) ? id : first;
    if (target) errors[target] = errors[target] ? `${errors[target]} ${text}` : text;
  }
  return errors;
}
