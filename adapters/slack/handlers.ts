// Bolt listeners: slash commands and button clicks → the core → Block Kit replies.
// Slack wants every request acknowledged within 3 s, so both listeners ack on a budget
// and deliver anything later through response_url. A reply holding a form opens as a
// modal instead (its submission is handled in submissions.ts).
import type {
  AllMiddlewareArgs,
  BlockAction,
  RespondArguments,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  webApi,
} from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../bot/log.ts";
import { type ActionPayload, type Reply, textReply } from "../../bot/reply.ts";
import type { BotCore, Conversation, Mention } from "../../bot/requests.ts";
import { formOf, openModal } from "./modal.ts";
import { renderMessage, SLACK_LIMITS, type SlackMessage } from "./render.ts";
import { type LocaleLookup, toRequester } from "./requester.ts";

/** Shown when something failed before the core could answer in the user's language. */
export const FALLBACK_TEXT = {
  failure:
    "Something went wrong, please try again later. / Jokin meni vikaan, yritä myöhemmin uudelleen. / Något gick fel, försök igen senare.",
  invalidButton:
    "This button is no longer valid. / Tämä painike ei ole enää voimassa. / Den här knappen gäller inte längre.",
  formFailed:
    "The form could not be opened, please try again. / Lomaketta ei voitu avata, yritä uudelleen. / Formuläret kunde inte öppnas, försök igen.",
} as const;

export interface HandlerDeps {
  bot: BotCore;
  log: Logger;
  lookupLocale: LocaleLookup;
  /** how long a slash command waits for the core before acking empty (Slack allows 3 s) */
  ackBudgetMs: number;
}

// What a button value may hold. Only our renderer writes it, but it comes back from the
// client, so it is untrusted: bounded sizes and plain keys ("__proto__" is not one).
const ActionPayloadSchema = z
  .object({
    verb: z.string().min(1).max(100),
    args: z.record(z.string().regex(/^[A-Za-z][\w.-]{0,49}$/), z.string().max(SLACK_LIMITS.buttonValue)),
  })
  .strict();

export function parseActionValue(value: string | undefined): ActionPayload | undefined {
  if (value === undefined || value.length > SLACK_LIMITS.buttonValue) return undefined;
  try {
    const parsed = ActionPayloadSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a command or click came from, keyed as proactive sends and block marks file it.
 * Slack says "directmessage" as the channel name of a DM (its id starts with "D") and
 * names a group DM "mpdm-…"; a group DM's id may start with "G" (older) or "C", so only
 * the name tells it from a channel. Undefined without a channel (a click in a modal).
 */
export function slackConversation(
  requesterId: string,
  channelId: string | undefined,
  channelName?: string | undefined,
): Conversation | undefined {
  if (!channelId) return undefined;
  if (channelId.startsWith("D") || channelName === "directmessage") {
    return { kind: "personal", key: `slack:user:${requesterId}` };
  }
  const key = `slack:channel:${channelId}`;
  return channelName?.startsWith("mpdm-") ? { kind: "group", key } : { kind: "channel", key };
}

const message = (text: string): SlackMessage => renderMessage(textReply(text));

/** The reply as a message; a reply the renderer refuses (a core bug) becomes the apology. */
export function safeRender(reply: Reply, log: Logger): SlackMessage {
  try {
    return renderMessage(reply);
  } catch (error) {
    log.error({ err: error }, "slack: the reply could not be rendered");
    return message(FALLBACK_TEXT.failure);
  }
}

/** Opens a reply's form as a modal; if Slack refuses, the user is told through `fail`. */
async function openForm(
  args: { client: webApi.WebClient; triggerId: string; channel: string | undefined; reply: Reply; log: Logger },
  fail: (body: RespondArguments) => Promise<void>,
): Promise<void> {
  try {
    await openModal(args.client, args.triggerId, args.reply, args.channel);
  } catch (error) {
    args.log.error({ err: error }, "slack: the form modal could not be opened");
    await fail({ response_type: "ephemeral", replace_original: false, ...message(FALLBACK_TEXT.formFailed) });
  }
}

/** The promise's value if it settles within `ms`, else undefined (the promise runs on). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function send(respond: RespondFn, body: RespondArguments, log: Logger): Promise<void> {
  try {
    await respond(body);
  } catch (error) {
    // e.g. the response_url expired (30 min, 5 uses): nobody left to tell
    log.error({ err: error }, "slack response_url post failed");
  }
}

export function commandListener(deps: HandlerDeps) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const user = { teamId: command.team_id, userId: command.user_id, userName: command.user_name };
    const requester = toRequester(user, deps.lookupLocale);
    const log = deps.log.child({ slackUser: requester.userId, command: command.command });
    const { text, mentions } = splitMentions(command.text ?? "", command.team_id);
    const conversation = slackConversation(requester.userId, command.channel_id, command.channel_name);
    const reply = deps.bot.handleMessage({ requester, conversation, text, mentions }).catch((error: unknown) => {
      // the core returns a localized error reply rather than throwing: this is a bug
      log.error({ err: error }, "slash command failed in the core");
      return textReply(FALLBACK_TEXT.failure);
    });
    const early = await within(reply, deps.ackBudgetMs);
    const form = { client, triggerId: command.trigger_id, channel: command.channel_id, log };
    if (early && formOf(early)) {
      // an empty ack: the modal is the answer
      await ack();
      return openForm({ ...form, reply: early }, (body) => send(respond, body, log));
    }
    if (early) {
      await ack({ response_type: "ephemeral", ...safeRender(early, log) });
      return;
    }
    await ack();
    log.info({ budgetMs: deps.ackBudgetMs }, "slash command acked empty; the reply follows via response_url");
    const late = await reply;
    // the trigger id may still be within its 3 s; if not, the user is asked to retry
    if (formOf(late)) return openForm({ ...form, reply: late }, (body) => send(respond, body, log));
    await send(respond, { response_type: "ephemeral", ...safeRender(late, log) }, log);
  };
}

export function actionListener(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    const { ack, action, body, respond, client } = args;
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? "unknown";
    const user = { teamId, userId: body.user.id, userName: body.user.username ?? body.user.name };
    const requester = toRequester(user, deps.lookupLocale);
    const log = deps.log.child({ slackUser: requester.userId, actionId: action.action_id });
    if (action.type !== "button") return log.warn({ type: action.type }, "ignored a non-button slack action");
    // a link button: Slack opened the URL itself and only tells us about it
    if (action.value === undefined && action.action_id.startsWith("link:")) return;
    if (!body.response_url) return log.warn("slack button click without response_url; nowhere to answer");
    const payload = parseActionValue(action.value);
    if (!payload) {
      log.warn({ valueLength: action.value?.length }, "slack button value is not a valid action payload");
      const invalid = message(FALLBACK_TEXT.invalidButton);
      return send(respond, { response_type: "ephemeral", replace_original: false, ...invalid }, log);
    }
    const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    const conversation = slackConversation(requester.userId, channel, body.channel?.name);
    try {
      const outcome = await deps.bot.handleAction({ requester, conversation, action: payload });
      if (outcome.mode === "form" && formOf(outcome.reply)) {
        const form = { client, triggerId: body.trigger_id, channel, reply: outcome.reply, log };
        return await openForm(form, (failure) => send(respond, failure, log));
      }
      const rendered = renderMessage(outcome.reply);
      // replace_original edits the clicked message itself: our ephemeral replies for the
      // clicker only, a message in a channel for everyone in it (what "replaceForAll"
      // asks for). Slack cannot show one message differently to the clicker.
      const answer: RespondArguments =
        outcome.mode === "replace" || outcome.mode === "replaceForAll"
          ? { replace_original: true, ...rendered }
          : { response_type: "ephemeral", replace_original: false, ...rendered };
      await send(respond, answer, log);
    } catch (error) {
      log.error({ err: error, verb: payload.verb }, "slack button click failed in the core or the renderer");
      const failure = message(FALLBACK_TEXT.failure);
      await send(respond, { response_type: "ephemeral", replace_original: false, ...failure }, log);
    }
  };
}

/**
 * Slack sends @mentions in a slash command as "<@U123|name>" (with should_escape in
 * the manifest). They leave the text and become Mentions with the same "TEAM:USER"
 * ids as requesters.
 */
export function splitMentions(raw: string, teamId: string): { text: string; mentions: Mention[] } {
  const mentions: Mention[] = [];
  const text = raw.replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_whole, id: string, name?: string) => {
    mentions.push({ userId: `${teamId}:${id}`, name: name || undefined });
    return " ";
  });
  return { text: text.replace(/ {2,}/g, " ").trim(), mentions };
}
