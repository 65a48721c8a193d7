// Proactive Teams messages: capturing conversation references from what users send,
// and sending to a stored reference later, or editing a message sent there before (the
// outbox dispatcher's Teams Messenger).
import type { TeamsAdapter } from "@microsoft/teams-ai";
import { type Activity, type ConversationReference, TurnContext } from "botbuilder";
import {
  type LimitKey,
  type SendLimiter,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
} from "../../bot/delivery/limiter.ts";
import {
  deferred,
  type Messenger,
  parseRetryAfter,
  permanent,
  type Recipient,
  retryable,
  type SendResult,
  sent,
} from "../../bot/delivery/types.ts";
import type { Logger } from "../../bot/log.ts";
import type { Reply } from "../../bot/reply.ts";
import {
  activeBlock,
  captureConversation,
  findConversation,
  markConversationBlocked,
  teamsUserKey,
} from "../../domain/store/conversations.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { conversationFrom } from "./inbound.ts";
import { renderActivity } from "./render.ts";

export interface ReferenceCapture {
  /** stores the reference of the activity's conversation; never rejects */
  capture(activity: Partial<Activity>): Promise<void>;
  /** forget what was written for `key`, so the next activity writes it again */
  forget(key: string): void;
}

/** Where an activity's conversation is filed; undefined for what is not worth keeping. */
export function referenceKey(activity: Partial<Activity>): string | undefined {
  if (!activity.serviceUrl) return undefined;
  return conversationFrom(activity)?.key;
}

/**
 * A reference to post to the conversation itself: for a channel the channel rather than
 * the thread the activity came from, and no activityId (proactive messages reply to
 * nothing; a stored id would also make every capture look changed).
 */
function storableReference(activity: Partial<Activity>): Record<string, unknown> {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  const conversation = reference.conversation;
  if (conversation?.conversationType === "channel") {
    reference.conversation = { ...conversation, id: conversation.id.split(";")[0] ?? conversation.id };
  }
  return reference as Record<string, unknown>;
}

export interface CaptureOptions {
  prisma: PrismaClient;
  log: Logger;
  now: () => Date;
  /** how long an unchanged, user-linked reference is not written again; default 10 min */
  ttlMs?: number;
}

/**
 * One upsert per conversation when something changed or the entry is older than the
 * TTL, nothing otherwise: the turn is not slowed by writing the same reference on
 * every message. A reference written before the user row existed (the very first
 * message) is written again next time, to link it.
 */
export function createReferenceCapture(options: CaptureOptions): ReferenceCapture {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const written = new Map<string, { json: string; at: number }>();
  return {
    async capture(activity) {
      const key = referenceKey(activity);
      if (!key) return;
      try {
        const reference = storableReference(activity);
        const json = JSON.stringify(reference);
        const at = options.now().getTime();
        const last = written.get(key);
        if (last && last.json === json && at - last.at < ttlMs) return;
        const teamsUserId = key.startsWith("teams:user:") ? activity.from?.id : undefined;
        const linked = await captureConversation(options.prisma, { key, reference, teamsUserId, now: options.now() });
        if (linked || !teamsUserId) written.set(key, { json, at });
        else written.delete(key);
      } catch (err) {
        // losing one capture only delays proactive messages until the next activity
        options.log.warn({ err, key }, "teams: could not store the conversation reference");
      }
    },
    forget(key) {
      written.delete(key);
    },
  };
}

export interface TeamsSenderOptions {
  adapter: TeamsAdapter;
  /** empty in local mode */
  appId: string;
  prisma: PrismaClient;
  /** the instance's limiter (bot/delivery/shared-limiter.ts when instances share a PostgreSQL) */
  limiter: SendLimiter;
  log: Logger;
  now: () => Date;
  capture?: ReferenceCapture | undefined;
}

/**
 * Worth another try: what platform-facts.md names (429, 412, 502, 504), any other 5xx,
 * a timeout, and 401 (our credentials, which an operator fixes; the row should wait).
 */
const RETRYABLE = new Set([401, 408, 412, 429]);

interface ConnectorError {
  statusCode?: number;
  details?: { error?: { code?: string; subCode?: string } };
  response?: { headers?: { get?(name: string): string | undefined } };
  code?: string;
}

/**
 * One call to the connector in a stored conversation: a new message, or an edit of one.
 * `missing` is what a 404 means: for a send the conversation is gone, for an update only
 * the message (the conversation stays open to other sends).
 */
interface Operation {
  run(ctx: TurnContext, activity: Partial<Activity>): Promise<SendResult>;
  missing: "conversation" | "message";
}

export function createTeamsSender(options: TeamsSenderOptions): Messenger {
  const { adapter, prisma, limiter, log, now } = options;

  /** What the connector's refusal means, as a value; a refused conversation is marked. */
  async function classify(error: unknown, key: string, limitKey: string, missing: Operation["missing"]) {
    const err = error as ConnectorError;
    const status = err.statusCode;
    const code = err.details?.error?.subCode ?? err.details?.error?.code;
    if (status === 404 && missing === "message") {
      log.warn({ key, code }, "teams: the message to update is gone");
      return permanent("message_gone");
    }
    if (status === 403 || status === 404) {
      // blocked, removed, or the conversation is gone: stop sending there until the
      // user writes to the bot again (a new capture clears the mark)
      const reason = `http_${status}:${code ?? "forbidden"}`;
      await markConversationBlocked(prisma, key, { reason, at: now().toISOString() }, now());
      options.capture?.forget(key);
      log.warn({ key, status, code }, "teams: conversation refused proactive messages; marked blocked");
      return permanent(reason);
    }
    if (status === undefined) return retryable(`network:${err.code ?? "error"}`);
    if (!RETRYABLE.has(status) && status < 500) return permanent(`http_${status}:${code ?? "error"}`);
    const retryAfterMs = parseRetryAfter(err.response?.headers?.get?.("retry-after"), now().getTime());
    // the conversation said 429: hold back its other queued sends too (not the tenant's)
    if (status === 429 && retryAfterMs !== undefined) limiter.pause(limitKey, now().getTime() + retryAfterMs);
    return retryable(`http_${status}`, retryAfterMs);
  }

  /** The shared path of send and update: the stored reference, blocks, the limiter, errors. */
  async function perform(recipient: Recipient, reply: Reply, operation: Operation): Promise<SendResult> {
    const key = recipient.conversationRefKey ?? teamsUserKey(recipient.platformUserId);
    const stored = await findConversation(prisma, key);
    // the user never wrote to the bot, or the app is not installed for them
    if (!stored?.reference.serviceUrl) return permanent("no_conversation");
    const block = activeBlock(stored, now());
    if (block) return permanent(`blocked:${block.reason}`);

    const reference = stored.reference as Partial<ConversationReference>;
    const conversationId = reference.conversation?.id ?? key;
    const keys: LimitKey[] = [{ key: `teams:conversation:${conversationId}`, limits: TEAMS_CONVERSATION_LIMITS }];
    const tenantId = reference.conversation?.tenantId;
    if (tenantId) keys.push({ key: `teams:tenant:${tenantId}`, limits: TEAMS_TENANT_LIMITS });
    let activity: ReturnType<typeof renderActivity>;
    try {
      activity = renderActivity(reply);
    } catch (error) {
      log.error({ err: error }, "teams: a notification could not be rendered");
      return permanent("render_error");
    }
    const slot = await limiter.acquire(keys);
    if (!slot.ok) return deferred(slot.waitMs);

    try {
      // The error is caught inside the callback: thrown out of it, it would go to the
      // adapter's onTurnError (teams-ai's app.error, our apology handler) and be lost.
      let failure: unknown;
      let result: SendResult = sent;
      await adapter.continueConversationAsync(options.appId, reference, async (ctx) => {
        withoutLibraryRetries(ctx);
        // botbuilder gives the continuation a random id and would send a "reply" to it;
        // without one the message goes out as a new one (sendToConversation)
        ctx.activity.id = undefined;
        try {
          result = await operation.run(ctx, activity);
        } catch (error) {
          failure = error ?? new Error("connector call failed");
        }
      });
      if (failure) throw failure;
      return result;
    } catch (error) {
      return classify(error, key, keys[0]?.key ?? key, operation.missing);
    }
  }

  return {
    send(recipient, reply) {
      return perform(recipient, reply, {
        missing: "conversation",
        async run(ctx, activity) {
          const response = await ctx.sendActivity(activity);
          return response?.id ? { ok: true, messageRef: { platform: "teams", activityId: response.id } } : sent;
        },
      });
    },
    async update(recipient, message, reply) {
      if (message.platform !== "teams") return permanent("wrong_platform");
      return perform(recipient, reply, {
        missing: "message",
        async run(ctx, activity) {
          await ctx.updateActivity({ ...activity, id: message.activityId });
          return { ok: true, messageRef: message };
        },
      });
    },
  };
}

/**
 * botbuilder's connector client retries 429 and 5xx itself, three times, waiting out
 * Retry-After while holding our send slot. The dispatcher is the one place that retries
 * (with the limiter and the outbox's backoff) and counts 429s, so the connector client
 * of a proactive turn goes without its retry policy. If a botbuilder upgrade moves the
 * client, sends still work, only with the library's retries again.
 */
function withoutLibraryRetries(ctx: TurnContext): void {
  const client = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as
    | { client?: { pipeline?: { removePolicy(options: { name: string }): unknown } } }
    | undefined;
  client?.client?.pipeline?.removePolicy({ name: "defaultRetryPolicy" });
}
