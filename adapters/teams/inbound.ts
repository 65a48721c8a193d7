// Turning what Teams sends into what the core expects: command text, the requester,
// the conversation, and validated button data. Pure functions, tested without the SDK.
import { z } from "zod";
import type { ActionPayload } from "../../bot/reply.ts";
import type { Conversation, Mention, Requester } from "../../bot/requests.ts";
import { teamsChannelKey, teamsUserKey } from "../../domain/store/conversations.ts";

/** The parts of a Bot Framework activity this adapter reads. */
export interface InboundActivity {
  text?: string | undefined;
  locale?: string | undefined;
  from?: { id?: string; name?: string; aadObjectId?: string } | undefined;
  recipient?: { id?: string } | undefined;
  conversation?: { id?: string; conversationType?: string } | undefined;
  entities?: Array<{ type?: string; mentioned?: { id?: string; name?: string } }> | undefined;
}

// Tags Teams wraps around or puts inside typed text (rich-text compose box, pasted
// formatting). Only these are stripped, so a user's literal "<kahvit>" survives.
const TEAMS_TAGS = "p|div|span|b|i|u|s|strong|em|strike|del|ins|code|pre|blockquote|h[1-6]|ul|ol|li|a|font|sup|sub|img";
const TAG = new RegExp(`</?(?:${TEAMS_TAGS})(?:\\s[^<>]*)?/?>`, "gi");
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return ENTITIES[lower] ?? whole;
  });
}

/**
 * The command text as the user meant it. teams-ai removes only the first mention of
 * the bot and trims before that, so a second mention, `&nbsp;`, and the HTML Teams
 * adds for formatted input can still be there.
 */
export function normalizeText(raw: string | undefined): string {
  if (!raw) return "";
  return decodeEntities(
    raw
      .replace(/<at\b[^>]*>.*?<\/at>/gis, " ")
      .replace(/<emoji\b[^>]*\balt="([^"]*)"[^>]*>(?:\s*<\/emoji>)?/gi, "$1")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(?:p|div|li)>/gi, "\n")
      .replace(TAG, ""),
  )
    .replace(/[\u00a0\u200b\u2009\u202f\t ]+/g, " ")
    .replace(/ *\n[\n ]*/g, "\n")
    .trim();
}

/**
 * Who is asking. Keyed by from.id ("29:…"): it is what mention entities and
 * proactive messages use, and stable for this bot. (aadObjectId would be stable
 * across bots, but mentions do not carry it.)
 */
export function requesterFrom(activity: InboundActivity): Requester {
  const from = activity.from ?? {};
  return {
    platform: "teams",
    userId: from.id ?? from.aadObjectId ?? "unknown",
    displayName: from.name,
    platformLocale: activity.locale,
  };
}

/**
 * Where the activity came from, keyed as proactive sends file it (ConversationRef.key):
 * a channel by the channel, not the thread the message is in; a group chat by its id; a
 * personal chat by the user. Undefined when Teams did not say (the core then assumes a
 * personal chat).
 */
export function conversationFrom(activity: InboundActivity): Conversation | undefined {
  const conversation = activity.conversation;
  if (!conversation?.id) return undefined;
  switch (conversation.conversationType) {
    case "personal":
      return activity.from?.id ? { kind: "personal", key: teamsUserKey(activity.from.id) } : undefined;
    case "channel":
      return { kind: "channel", key: teamsChannelKey(conversation.id) };
    case "groupChat":
      return { kind: "group", key: `teams:chat:${conversation.id}` };
    default:
      return undefined;
  }
}

const MAX_VERB = 100;
const MAX_ARGS_JSON = 2000;

/**
 * Button data as our renderer writes it. Anything else (an old card from another bot
 * version, a hand-edited payload) never reaches the core.
 */
const ActionDataSchema = z.object({
  verb: z
    .string()
    .min(1)
    .max(MAX_VERB)
    .regex(/^[A-Za-z0-9_.:-]+$/),
  args: z
    .record(z.string())
    .default({})
    .refine((args) => JSON.stringify(args).length <= MAX_ARGS_JSON, "args too long"),
});

export function parseActionData(data: unknown): ActionPayload | undefined {
  const parsed = ActionDataSchema.safeParse(data);
  return parsed.success ? { verb: parsed.data.verb, args: parsed.data.args } : undefined;
}

const MAX_INPUTS = 60;
const MAX_INPUT_LENGTH = 5000;
const INPUT_ID = /^[A-Za-z][\w.-]{0,49}$/;
const ACTION_KEYS = new Set(["verb", "args"]);

/**
 * The values of a submitted form. Teams puts them into the submit's data beside `verb`
 * and `args`, all as strings (a multi-select comma-joined, a toggle "true"/"false"); a
 * client that sends numbers, booleans or null gets them as strings. Keys that cannot be
 * field ids and objects (Teams' own "msteams") are not inputs. Undefined when an input is
 * too large or of a type no form field produces: the whole action is then refused.
 */
export function parseFormInputs(data: unknown): Record<string, string> | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (ACTION_KEYS.has(key) || !INPUT_ID.test(key)) continue;
    let text: string;
    if (typeof value === "string") text = value;
    else if (value === null) text = "";
    else if (typeof value === "number" || typeof value === "boolean") text = String(value);
    else if (Array.isArray(value)) {
      if (!value.every((v) => typeof v === "string")) return undefined;
      text = value.join(",");
    } else if (typeof value === "object") continue;
    else return undefined;
    if (text.length > MAX_INPUT_LENGTH) return undefined;
    inputs[key] = text;
  }
  return Object.keys(inputs).length <= MAX_INPUTS ? inputs : undefined;
}

/** Button data and the form inputs that came with it; undefined when either is not acceptable. */
export function parseActionRequest(
  data: unknown,
): { action: ActionPayload; inputs: Record<string, string> | undefined } | undefined {
  const action = parseActionData(data);
  const inputs = parseFormInputs(data);
  if (!action || !inputs) return undefined;
  return { action, inputs: Object.keys(inputs).length > 0 ? inputs : undefined };
}

/** True when a message carries card data (an Action.Submit) rather than typed text. */
export function isSubmit(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "verb" in value;
}

// The adapter answers these itself, before (or instead of) the core, so it cannot
// know the user's language yet: Finnish, Swedish and English in one line each.
export const INVALID_ACTION_TEXT =
  "Tämä painike ei ole enää voimassa.\nDen här knappen är inte längre giltig.\nThis button is no longer valid.";
export const APOLOGY_TEXT =
  "Pahoittelut, jokin meni vikaan. Yritä hetken päästä uudelleen.\n" +
  "Tyvärr gick något fel. Försök igen om en stund.\n" +
  "Sorry, something went wrong. Please try again in a moment.";

/** People @mentioned in a message, the bot itself left out. */
export function mentionsFrom(activity: InboundActivity): Mention[] {
  const bot = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((entity) => entity.type === "mention" && entity.mentioned?.id && entity.mentioned.id !== bot)
    .map((entity) => ({ userId: entity.mentioned?.id ?? "", name: entity.mentioned?.name }));
}
