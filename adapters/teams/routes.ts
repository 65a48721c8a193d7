// Routes of the teams-ai Application. teams-ai runs the first matching route, so the
// catch-all message route is registered last; invokes are matched in their own list.
import type { Application } from "@microsoft/teams-ai";
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from "botbuilder";
import type { Logger } from "../../bot/log.ts";
import { type Reply, textReply } from "../../bot/reply.ts";
import type { BotCore } from "../../bot/requests.ts";
import {
  APOLOGY_TEXT,
  conversationFrom,
  INVALID_ACTION_TEXT,
  isSubmit,
  mentionsFrom,
  normalizeText,
  parseActionRequest,
  requesterFrom,
} from "./inbound.ts";
import { type AdaptiveCardJson, renderActivity, renderAdaptiveCard } from "./render.ts";

export interface RouteDeps {
  bot: BotCore;
  log: Logger;
  onInstalled?: ((ctx: TurnContext) => Promise<void>) | undefined;
}

const ACTION_INVOKE = "adaptiveCard/action";
const MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";
/** Teams shows an invoke's text answer as a short notice on the card. */
const MAX_NOTICE = 120;

function notice(reply: Reply): string {
  const chars = Array.from(reply.summary.trim());
  if (chars.length === 0) return "✓";
  return chars.length <= MAX_NOTICE ? chars.join("") : `${chars.slice(0, MAX_NOTICE - 1).join("")}…`;
}

/** Edit the message the clicked card is in; a new message when that is impossible. */
async function replaceOrSend(ctx: TurnContext, reply: Reply, log: Logger): Promise<void> {
  const cardMessageId = ctx.activity.replyToId;
  if (cardMessageId) {
    try {
      await ctx.updateActivity({ ...renderActivity(reply), id: cardMessageId });
      return;
    } catch (err) {
      log.warn({ err }, "teams: could not update the card message; sending a new one");
    }
  }
  await ctx.sendActivity(renderActivity(reply));
}

/**
 * Edit the message the clicked card is in, for everyone who sees it (teams-ai's
 * REPLACE_FOR_ALL). The invoke answer still carries the card for the clicker, so a
 * failed edit is only logged: the clicker sees the new card either way.
 */
async function updateForAll(ctx: TurnContext, reply: Reply, log: Logger): Promise<void> {
  const cardMessageId = ctx.activity.replyToId;
  if (!cardMessageId) {
    log.warn(
      { activityId: ctx.activity.id },
      "teams: Action.Execute without replyToId; the card changes for the clicker only",
    );
    return;
  }
  try {
    await ctx.updateActivity({ ...renderActivity(reply), id: cardMessageId });
  } catch (err) {
    log.warn({ err, cardMessageId }, "teams: could not update the card message for everyone");
  }
}

/** The requester and the conversation of an activity, as every core request carries them. */
function origin(ctx: TurnContext) {
  return { requester: requesterFrom(ctx.activity), conversation: conversationFrom(ctx.activity) };
}

async function onSubmit(ctx: TurnContext, deps: RouteDeps): Promise<void> {
  const request = parseActionRequest(ctx.activity.value);
  if (!request) {
    deps.log.warn({ activityId: ctx.activity.id }, "teams: invalid Action.Submit data");
    await ctx.sendActivity(renderActivity(textReply(INVALID_ACTION_TEXT)));
    return;
  }
  const outcome = await deps.bot.handleAction({ ...origin(ctx), ...request });
  // a form (or the same form with its errors) takes the place of the card it came from;
  // an edited message changes for everyone, so "replace" and "replaceForAll" are one here
  if (outcome.mode === "new") await ctx.sendActivity(renderActivity(outcome.reply));
  else await replaceOrSend(ctx, outcome.reply, deps.log);
}

/**
 * Action.Execute. "replace": the answer card replaces the clicked card for the person
 * who clicked (REPLACE_FOR_INTERACTOR, the library default): paging and per-user views
 * must not change the card for everyone in a channel. "form": the same, with a form (a
 * refused submit comes back with its errors, the values as typed). "replaceForAll": the
 * message holding the card is edited for everyone (a decision on an approval card in a
 * channel), and the clicker gets the same card as the invoke answer. "new": the reply is
 * posted as a new message and the card stays as it was; the invoke answer is a short
 * text that Teams shows on the card, the reply's own (localised) summary.
 */
async function onExecute(ctx: TurnContext, data: unknown, deps: RouteDeps): Promise<AdaptiveCardJson | string> {
  const request = parseActionRequest(data);
  if (!request) {
    deps.log.warn({ activityId: ctx.activity.id }, "teams: invalid Action.Execute data");
    return INVALID_ACTION_TEXT;
  }
  const outcome = await deps.bot.handleAction({ ...origin(ctx), ...request });
  if (outcome.mode === "new") {
    await ctx.sendActivity(renderActivity(outcome.reply));
    return notice(outcome.reply);
  }
  if (outcome.mode === "replaceForAll") await updateForAll(ctx, outcome.reply, deps.log);
  return renderAdaptiveCard(outcome.reply);
}

async function onMessage(ctx: TurnContext, deps: RouteDeps): Promise<void> {
  if (isSubmit(ctx.activity.value) && !ctx.activity.text?.trim()) return onSubmit(ctx, deps);
  const text = normalizeText(ctx.activity.text);
  const reply = await deps.bot.handleMessage({
    ...origin(ctx),
    text,
    mentions: mentionsFrom(ctx.activity),
  });
  await ctx.sendActivity(renderActivity(reply));
}

/** True for the first activities of an installation: the bot itself was added. */
function isInstall(ctx: TurnContext): boolean {
  const a = ctx.activity;
  if (a.type === ActivityTypes.InstallationUpdate) return a.action === "add" || a.action === "add-upgrade";
  return (a.membersAdded ?? []).some((member) => member.id === a.recipient?.id);
}

export function registerRoutes<T extends Application>(app: T, deps: RouteDeps): T {
  app.adaptiveCards.actionExecute(
    async (ctx) => ctx.activity.type === ActivityTypes.Invoke && ctx.activity.name === ACTION_INVOKE,
    (ctx, _state, data) => onExecute(ctx, data, deps),
  );
  // Installs and roster changes: nothing to say yet; the hook may be called more than
  // once per conversation (Teams and the playground send both activity types).
  app.activity([ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate], async (ctx) => {
    if (deps.onInstalled && isInstall(ctx)) await deps.onInstalled(ctx);
  });
  // Last: every message no earlier route took, typed text and Action.Submit alike.
  app.activity(ActivityTypes.Message, (ctx) => onMessage(ctx, deps));
  app.error(async (ctx, err) => apologise(ctx, err, deps.log));
  return app;
}

/**
 * The turn failed. Log it and tell the user briefly, never with details; if even
 * that fails (the connector is down, the user blocked the bot) only log, so that the
 * connector gets no HTTP 500 for our bug.
 */
async function apologise(ctx: TurnContext, err: unknown, log: Logger): Promise<void> {
  const a = ctx.activity;
  log.error({ err, activityType: a.type, activityName: a.name, activityId: a.id }, "teams: turn failed");
  try {
    if (a.type === ActivityTypes.Invoke) {
      if (!ctx.turnState.get(INVOKE_RESPONSE_KEY)) {
        await ctx.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: MESSAGE_RESPONSE, value: APOLOGY_TEXT } },
        });
      }
    } else if (a.type === ActivityTypes.Message) {
      await ctx.sendActivity(renderActivity(textReply(APOLOGY_TEXT)));
    }
  } catch (sendErr) {
    log.warn({ err: sendErr }, "teams: could not send the apology");
  }
}
