// Proactive Slack messages: chat.postMessage with the user's id as the channel posts in
// the app's DM with them (chat:write suffices). The outbox dispatcher's Slack Messenger.
import { webApi } from "@slack/bolt";
import { type RateLimiter, SLACK_CHANNEL_LIMITS } from "../../bot/delivery/limiter.ts";
import { deferred, type Messenger, permanent, retryable, sent } from "../../bot/delivery/types.ts";
import type { Logger } from "../../bot/log.ts";
import { activeBlock, findConversation, markConversationBlocked } from "../../domain/store/conversations.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { boltLogger } from "./bolt-logger.ts";
import { renderMessage } from "./render.ts";

export interface SlackSenderOptions {
  botToken: string;
  /** the Web API base URL (a local fake in tests), ending in "/" or not */
  apiUrl?: string | undefined;
  prisma: PrismaClient;
  limiter: RateLimiter;
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

  return {
    async send(recipient, reply) {
      const channel = recipient.conversationRefKey ?? slackChannelFor(recipient.platformUserId);
      // a Slack target is blocked by user (for DMs) or by channel; no reference is needed
      const key = recipient.conversationRefKey ? `slack:channel:${channel}` : `slack:user:${recipient.platformUserId}`;
      const block = activeBlock(await findConversation(prisma, key), now());
      if (block) return permanent(`blocked:${block.reason}`);

      const limit = { key: `slack:channel:${channel}`, limits: SLACK_CHANNEL_LIMITS };
      const slot = await limiter.acquire([limit]);
      if (!slot.ok) return deferred(slot.waitMs);

      let message: ReturnType<typeof renderMessage>;
      try {
        message = renderMessage(reply);
      } catch (error) {
        log.error({ err: error }, "slack: a notification could not be rendered");
        return permanent("render_error");
      }
      try {
        await client.chat.postMessage({ channel, ...message });
        return sent;
      } catch (error) {
        const err = error as SlackError;
        if (err.code === webApi.ErrorCode.RateLimitedError) {
          const retryAfterMs = (err.retryAfter ?? 1) * 1000;
          limiter.pause(limit.key, now().getTime() + retryAfterMs);
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
          return TRANSIENT.has(reason) ? retryable(reason) : permanent(reason);
        }
        if (err.code === webApi.ErrorCode.HTTPError) {
          const status = err.statusCode ?? 0;
          return status >= 500 || status === 408 ? retryable(`http_${status}`) : permanent(`http_${status}`);
        }
        // a request that never got an answer (refused connection, timeout)
        return retryable(`network:${err.code ?? "error"}`);
      }
    },
  };
}
