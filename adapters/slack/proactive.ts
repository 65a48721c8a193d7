// Proactive Slack messages: chat.postMessage with the user's id as the channel posts in
// the app's DM with them (chat:write suffices); chat.update edits what was posted. The
// outbox dispatcher's Slack Messenger.
import { webApi } from "@slack/bolt";
import { type SendLimiter, SLACK_CHANNEL_LIMITS } from "../../bot/delivery/limiter.ts";
import {
  deferred,
  type Messenger,
  permanent,
  type Recipient,
  retryable,
  type SendResult,
  sent,
} from "../../bot/delivery/types.ts";
import type { Logger } from "../../bot/log.ts";
import type { Reply } from "../../bot/reply.ts";
import { activeBlock, findConversation, markConversationBlocked } from "../../domain/store/conversations.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { boltLogger } from "./bolt-logger.ts";
import { renderMessage, type SlackMessage } from "./render.ts";

export interface SlackSenderOptions {
  botToken: string;
  /** the Web API base URL (a local fake in tests), ending in "/" or not */
  apiUrl?: string | undefined;
  prisma: PrismaClient;
  /** the instance's limiter (bot/delivery/shared-limiter.ts when instances share a PostgreSQL) */
  limiter: SendLimiter;
  log: Logger;
  now: () => Date;
  /** how long a target Slack refused for good is left alone; default a day */
  blockMs?: number;
  /** per request; default 15 s, far below the dispatcher's lease */
  timeoutMs?: number;
}

/** The target no longer exists or the app may not post there: asking again will not help. */
const GONE = new Set([
  "user_not_found",
  "channel_not_found",
  "account_inactive",
  "not_in_channel",
  "is_archived",
  "user_disabled",
  "cannot_dm_bot",
]);
/** The message to edit is gone or may no longer be edited: permanent, the target is fine. */
const MESSAGE_GONE = new Set(["message_not_found", "cant_update_message", "edit_window_closed"]);
/** Slack's side, or our token (an operator fixes it): the row should wait, not fail. */
const TRANSIENT = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "account_inactive_token",
]);

interface SlackError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
}

/** "T…:U…" → "U…": Slack addresses a DM by the user id alone. */
export function slackChannelFor(platformUserId: string): string {
  return platformUserId.includes(":") ? (platformUserId.split(":").pop() ?? platformUserId) : platformUserId;
}

/** Where a recipient's messages go, and the key its block mark and rate limit are filed under. */
function target(recipient: Recipient): { channel: string; key: string; limitKey: string } {
  // a channel comes as its ChatChannel key, "slack:channel:C…"
  const channel =
    recipient.conversationRefKey?.replace(/^slack:channel:/, "") ?? slackChannelFor(recipient.platformUserId);
  // a Slack target is blocked by user (for DMs) or by channel; no reference is needed
  const key = recipient.conversationRefKey ? `slack:channel:${channel}` : `slack:user:${recipient.platformUserId}`;
  // a DM's sends and edits share one budget, whether addressed by U… (send) or D… (update)
  return { channel, key, limitKey: `slack:channel:${channel}` };
}

export function createSlackSender(options: SlackSenderOptions): Messenger {
  const { prisma, limiter, log, now } = options;
  const blockMs = options.blockMs ?? 24 * 60 * 60_000;
  const client = new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.replace(/\/*$/, "/") } : {}),
    logger: boltLogger(log),
    // The dispatcher is the one place that retries and counts 429s: the client must
    // neither retry nor sit out a Retry-After in its own queue.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 15_000,
  });

  /** What Slack's refusal means, as a value; a target that is gone is marked blocked. */
  async function classify(error: unknown, key: string, limitKey: string): Promise<SendResult> {
    const err = error as SlackError;
    if (err.code === webApi.ErrorCode.RateLimitedError) {
      const retryAfterMs = (err.retryAfter ?? 1) * 1000;
      limiter.pause(limitKey, now().getTime() + retryAfterMs);
      return retryable("ratelimited", retryAfterMs);
    }
    if (err.code === webApi.ErrorCode.PlatformError) {
      const reason = err.data?.error ?? "unknown_error";
      if (GONE.has(reason)) {
        const until = new Date(now().getTime() + blockMs).toISOString();
        await markConversationBlocked(prisma, key, { reason, at: now().toISOString(), until }, now());
        log.warn({ key, reason }, "slack: target refused proactive messages; marked blocked");
        return permanent(reason);
      }
      // only that one message: the conversation stays open to other sends
      if (MESSAGE_GONE.has(reason)) return permanent(reason);
      return TRANSIENT.has(reason) ? retryable(reason) : permanent(reason);
    }
    if (err.code === webApi.ErrorCode.HTTPError) {
      const status = err.statusCode ?? 0;
      return status >= 500 || status === 408 ? retryable(`http_${status}`) : permanent(`http_${status}`);
    }
    // a request that never got an answer (refused connection, timeout)
    return retryable(`network:${err.code ?? "error"}`);
  }

  /** The shared path of send and update: blocks, rendering, the limiter, errors. */
  async function perform(
    recipient: Recipient,
    reply: Reply,
    call: (message: SlackMessage, channel: string) => Promise<SendResult>,
  ): Promise<SendResult> {
    const { channel, key, limitKey } = target(recipient);
    const block = activeBlock(await findConversation(prisma, key), now());
    if (block) return permanent(`blocked:${block.reason}`);

    let message: SlackMessage;
    try {
      message = renderMessage(reply);
    } catch (error) {
      log.error({ err: error }, "slack: a notification could not be rendered");
      return permanent("render_error");
    }
    const slot = await limiter.acquire([{ key: limitKey, limits: SLACK_CHANNEL_LIMITS }]);
    if (!slot.ok) return deferred(slot.waitMs);
    try {
      return await call(message, channel);
    } catch (error) {
      return classify(error, key, limitKey);
    }
  }

  return {
    send(recipient, reply) {
      return perform(recipient, reply, async (message, channel) => {
        const response = await client.chat.postMessage({ channel, ...message });
        // a DM posted to the user's id comes back with the DM's own channel id: chat.update needs that one
        return response.channel && response.ts
          ? { ok: true, messageRef: { platform: "slack", channel: response.channel, ts: response.ts } }
          : sent;
      });
    },
    async update(recipient, ref, reply) {
      if (ref.platform !== "slack") return permanent("wrong_platform");
      return perform(recipient, reply, async (message) => {
        await client.chat.update({ channel: ref.channel, ts: ref.ts, ...message });
        return { ok: true, messageRef: ref };
      });
    },
  };
}
