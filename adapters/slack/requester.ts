// Who is asking: Slack ids → the core's Requester, with a lazy, bounded locale lookup.
import { webApi } from "@slack/bolt";
import type { Logger } from "../../bot/log.ts";
import type { Requester } from "../../bot/requests.ts";
import { boltLogger } from "./bolt-logger.ts";

/** The core may wait on the lookup inside the 3 s ack window: it must never take long. */
export const LOCALE_LOOKUP_TIMEOUT_MS = 1500;

export interface SlackUser {
  /** the workspace the request came from (slash command team_id, block_actions team.id) */
  teamId: string;
  userId: string;
  userName?: string | undefined;
}

export type LocaleLookup = (userId: string) => Promise<string | undefined>;

/**
 * users.info with include_locale, through a client of its own: no retries and rate-limit
 * errors instead of queueing, because a late locale is worth nothing. Any failure
 * (unknown user, missing users:read scope, timeout) gives undefined: the core then
 * uses its default language.
 */
export function createLocaleLookup(options: { token: string; apiUrl?: string | undefined; log: Logger }): LocaleLookup {
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: LOCALE_LOOKUP_TIMEOUT_MS,
    logger: boltLogger(options.log),
  });
  return async (userId) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LOCALE_LOOKUP_TIMEOUT_MS);
    });
    const lookup = client.users.info({ user: userId, include_locale: true }).then(
      (result) => result.user?.locale,
      (error: unknown) => {
        options.log.warn({ err: error, userId }, "slack users.info failed; locale unknown");
        return undefined;
      },
    );
    try {
      return await Promise.race([lookup, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

export function toRequester(user: SlackUser, lookupLocale: LocaleLookup): Requester {
  let pending: Promise<string | undefined> | undefined;
  return {
    platform: "slack",
    userId: `${user.teamId}:${user.userId}`,
    displayName: user.userName,
    // asked at most once per request, and only if the core wants it
    lookupLocale: () => {
      pending ??= lookupLocale(user.userId);
      return pending;
    },
  };
}
