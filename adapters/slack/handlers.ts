// Bolt listeners: slash commands and button clicks → the core → Block Kit replies.
// Slack wants every request acknowledged within 3 s, so both listeners ack on a budget
// and deliver anything later through response_url.
import type {
  AllMiddlewareArgs,
  BlockAction,
  RespondArguments,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../bot/log.ts";
import { type ActionPayload, textReply } from "../../bot/reply.ts";
import type { BotCore, Mention } from "../../bot/requests.ts";
import { renderMessage, SLACK_LIMITS, type SlackMessage } from "./render.ts";
import { type LocaleLookup, toRequester } from "./requester.ts";

/** Shown when something failed before the core could answer in the user's language. */
export const FALLBACK_TEXT = {
  failure:
    "Something went wrong, please try again later. / Jokin meni vikaan, yritä myöhemmin uudelleen. / Något gick fel, försök igen senare.",
  invalidButton:
    "This button is no longer valid. / Tämä painike ei ole enää voimassa. / Den här knappen gäller inte längre.",
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

const message = (text: string): SlackMessage => renderMessage(textReply(text));

/** The promise's value if it settles within `ms`, else undefined (the promise runs on). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
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
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const user = { teamId: command.team_id, userId: command.user_id, userName: command.user_name };
    const requester = toRequester(user, deps.lookupLocale);
    const log = deps.log.child({ slackUser: requester.userId, command: command.command });
    const { text, mentions } = splitMentions(command.text ?? "", command.team_id);
    const reply = deps.bot
      .handleMessage({ requester, text, mentions })
      .then(renderMessage)
      .catch((error: unknown) => {
        // the core returns a localized error reply rather than throwing: this is a bug
        log.error({ err: error }, "slash command failed in the core or the renderer");
        return message(FALLBACK_TEXT.failure);
      });
    const early = await within(reply, deps.ackBudgetMs);
    if (early) {
      await ack({ response_type: "ephemeral", ...early });
      return;
    }
    await ack();
    log.info({ budgetMs: deps.ackBudgetMs }, "slash command acked empty; the reply follows via response_url");
    await send(respond, { response_type: "ephemeral", ...(await reply) }, log);
  };
}

export function actionListener(deps: HandlerDeps) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
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
    try {
      const outcome = await deps.bot.handleAction({ requester, action: payload });
      const rendered = renderMessage(outcome.reply);
      const body: RespondArguments =
        outcome.mode === "replace"
          ? { replace_original: true, ...rendered }
          : { response_type: "ephemeral", replace_original: false, ...rendered };
      await send(respond, body, log);
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
