// What the dispatcher needs from a platform: one call that sends a neutral reply to a
// recipient and says, as a value, whether it arrived and whether trying again can help.
// adapters/teams/proactive.ts and adapters/slack/proactive.ts implement it; the core
// never sees an SDK error.
import type { Reply } from "../reply.ts";
import type { PlatformName } from "../requests.ts";

export interface Recipient {
  platform: PlatformName;
  /** as stored in User.platformUserId: Teams "29:…", Slack "T…:U…" */
  platformUserId: string;
  /**
   * Where to post instead of the user's personal chat: a ChatChannel key, which on Teams
   * is also the ConversationRef key ("teams:channel:<id>"), on Slack "slack:channel:<C…>".
   * Absent: the user's own chat.
   */
  conversationRefKey?: string | undefined;
}

/**
 * The platform's handle of a sent message, kept to edit it later (an approval card
 * updated for everyone): Teams the activity id (the conversation comes from the
 * reference), Slack the channel (a DM's D… id) and ts.
 */
export type MessageRef = { platform: "teams"; activityId: string } | { platform: "slack"; channel: string; ts: string };

export type SendResult =
  | { ok: true; messageRef?: MessageRef | undefined }
  | {
      ok: false;
      retryable: true;
      /** short and stable, stored in Notification.lastError: "http_429", "network" */
      reason: string;
      /** the platform's Retry-After, or how long the local limiter wants us to wait */
      retryAfterMs?: number | undefined;
      /**
       * Nothing went out: the local limiter refused before any request. The row is put
       * back without counting an attempt, so a busy conversation never exhausts them.
       */
      deferred?: boolean | undefined;
    }
  | { ok: false; retryable: false; reason: string };

export interface Messenger {
  send(recipient: Recipient, reply: Reply): Promise<SendResult>;
  /**
   * Replaces a message sent earlier (Teams updateActivity, Slack chat.update) for
   * everyone who sees it. The same results as send; a message that is gone is permanent.
   */
  update(recipient: Recipient, message: MessageRef, reply: Reply): Promise<SendResult>;
}

export const sent: SendResult = { ok: true };

export function permanent(reason: string): SendResult {
  return { ok: false, retryable: false, reason };
}

export function retryable(reason: string, retryAfterMs?: number): SendResult {
  return { ok: false, retryable: true, reason, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

export function deferred(waitMs: number): SendResult {
  return { ok: false, retryable: true, reason: "local_rate_limit", retryAfterMs: waitMs, deferred: true };
}

/** Retry-After as Slack and the Bot Connector send it: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | number | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
