// The outbox dispatcher: claims due notifications, renders each in its recipient's
// language with the renderer of its kind, sends it through the recipient's platform and
// records the outcome. Any number of dispatchers (in one process or several, on one
// database) may run passes at once: claiming uses FOR UPDATE SKIP LOCKED, so a row is
// held by one worker at a time (domain/store/outbox.ts).
//
// Delivery is at least once. The one way to send a row twice: a worker dies after the
// platform accepted the message and before markSent committed (one HTTP response and
// one UPDATE, milliseconds), or stalls past the lease while its request is in flight;
// after `leaseMs` another worker takes the row over and sends it again. The lease is
// long (5 min) against sends that are bounded far below it (the limiter waits at most
// 2 s, Slack's client times out after 15 s), so a crash opens the window, and at most
// `concurrency` rows per crashed worker fall in it.
import { hostname } from "node:os";
import {
  type ClaimedNotification,
  claimDueNotifications,
  editedMessage,
  markFinished,
  markSent,
  scheduleRetry,
} from "../../domain/store/outbox.ts";
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { NotificationRenderer } from "../features/types.ts";
import { translator } from "../i18n/index.ts";
import type { Logger } from "../log.ts";
import type { Reply } from "../reply.ts";
import type { PlatformName } from "../requests.ts";
import { resolveLanguage } from "../turn.ts";
import { type BackoffOptions, DEFAULT_BACKOFF, retryDelayMs } from "./backoff.ts";
import type { MessageRef, Messenger, SendResult } from "./types.ts";

/** A feature's renderer; may also be async, and may return null: nothing to say any more (SKIPPED). */
export type DeliveryRenderer = NotificationRenderer;

export interface DispatcherOptions {
  prisma: PrismaClient;
  messengers: Partial<Record<PlatformName, Messenger>>;
  renderers: ReadonlyMap<string, DeliveryRenderer>;
  publicUrl: string;
  now: () => Date;
  log: Logger;
  /** names this dispatcher in claimedBy; default host:pid:random */
  worker?: string;
  batchSize?: number;
  /** sends in flight at once; the limiter keeps each conversation within its limits */
  concurrency?: number;
  leaseMs?: number;
  /** a retryable failure on this attempt makes the row FAILED */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** batches per pass, so one pass ends even while rows keep coming */
  maxBatches?: number;
}

export interface PassStats {
  claimed: number;
  sent: number;
  retried: number;
  deferred: number;
  failed: number;
  skipped: number;
  /** outcomes not recorded because the claim was taken over meanwhile */
  lost: number;
}

export interface DispatcherCore {
  readonly worker: string;
  /** one pass: claims and handles batches until nothing is due (or maxBatches) */
  runOnce(): Promise<PassStats>;
}

/** Never retry sooner than this: a row due again at once would be claimed again in the same pass. */
const MIN_RETRY_MS = 1_000;

const PLATFORM_NAME = { TEAMS: "teams", SLACK: "slack" } as const;

type Outcome = Exclude<keyof PassStats, "claimed" | "lost">;

/** Who a row goes to: a user's personal chat or a channel, with the language to write in. */
interface Target {
  platform: "TEAMS" | "SLACK";
  /** empty for a channel */
  platformUserId: string;
  conversationRefKey?: string | undefined;
  language: string | null;
  platformLocale: string | null;
}

export function createDispatcherCore(options: DispatcherOptions): DispatcherCore {
  const { prisma, messengers, renderers, publicUrl, now, log } = options;
  const worker = options.worker ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const maxBatches = options.maxBatches ?? 20;

  async function render(row: ClaimedNotification, target: Target): Promise<Reply | null | undefined> {
    const renderer = renderers.get(row.kind);
    if (!renderer) throw new UnknownKind(row.kind);
    const language = resolveLanguage(target, {
      platform: PLATFORM_NAME[target.platform],
      userId: target.platformUserId,
    });
    const context = {
      language,
      t: translator(language),
      publicUrl,
      prisma,
      now: now(),
      userId: row.userId,
      channelKey: row.channelKey,
    };
    return renderer(context, row.payload);
  }

  async function attempt(row: ClaimedNotification, target: Target | undefined): Promise<SendResult | "skip"> {
    if (!target) return { ok: false, retryable: false, reason: row.channelKey ? "no_channel" : "no_user" };
    // an edit of a message that never went out: the original, sent later, shows the
    // current state anyway (renderers read it at send time); one that failed stays failed
    const edited = row.editsId ? await editedMessage(prisma, row.editsId) : undefined;
    if (row.editsId && (edited?.status !== "SENT" || !edited.messageRef)) return "skip";
    let reply: Reply | null | undefined;
    try {
      reply = await render(row, target);
    } catch (error) {
      if (error instanceof UnknownKind) return { ok: false, retryable: false, reason: `unknown_kind:${row.kind}` };
      log.error({ err: error, kind: row.kind, key: row.key }, "delivery: renderer failed");
      return { ok: false, retryable: true, reason: "render_error" };
    }
    if (!reply) return "skip";
    const messenger = messengers[PLATFORM_NAME[target.platform]];
    if (!messenger) return { ok: false, retryable: true, reason: `platform_off:${PLATFORM_NAME[target.platform]}` };
    const recipient = {
      platform: PLATFORM_NAME[target.platform],
      platformUserId: target.platformUserId,
      ...(target.conversationRefKey ? { conversationRefKey: target.conversationRefKey } : {}),
    };
    try {
      return edited?.messageRef
        ? await messenger.update(recipient, edited.messageRef as unknown as MessageRef, reply)
        : await messenger.send(recipient, reply);
    } catch (error) {
      // a sender should answer with a value; an exception is a bug or an unforeseen error
      log.error({ err: error, key: row.key }, "delivery: sender threw");
      return { ok: false, retryable: true, reason: "send_error" };
    }
  }

  /** The recipients of a batch: users and channels, each read once. */
  async function targets(rows: readonly ClaimedNotification[]): Promise<Map<string, Target>> {
    const userIds = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
    const channelKeys = [...new Set(rows.flatMap((r) => (r.channelKey ? [r.channelKey] : [])))];
    const [users, channels] = await Promise.all([
      userIds.length === 0
        ? []
        : prisma.user.findMany({
            where: { id: { in: userIds } },
            select: { id: true, platform: true, platformUserId: true, language: true, platformLocale: true },
          }),
      channelKeys.length === 0 ? [] : prisma.chatChannel.findMany({ where: { key: { in: channelKeys } } }),
    ]);
    const found = new Map<string, Target>();
    for (const user of users) found.set(`user:${user.id}`, user);
    for (const channel of channels) {
      found.set(`channel:${channel.key}`, {
        platform: channel.platform,
        platformUserId: "",
        conversationRefKey: channel.key,
        language: channel.language,
        platformLocale: null,
      });
    }
    return found;
  }

  function targetOf(row: ClaimedNotification, found: ReadonlyMap<string, Target>): Target | undefined {
    return row.channelKey ? found.get(`channel:${row.channelKey}`) : found.get(`user:${row.userId}`);
  }

  /** Records what happened; false when the claim was lost in the meantime. */
  async function record(row: ClaimedNotification, result: SendResult | "skip"): Promise<[Outcome, boolean]> {
    const at = now();
    if (result === "skip") {
      return [
        "skipped",
        await markFinished(prisma, row, { status: "SKIPPED", error: "nothing_to_send", countAttempt: false }),
      ];
    }
    if (result.ok) {
      log.debug({ key: row.key, lateMs: at.getTime() - row.notBefore.getTime() }, "delivery: sent");
      return ["sent", await markSent(prisma, row, at, result.messageRef as Prisma.InputJsonValue | undefined)];
    }
    if (!result.retryable) {
      log.warn({ key: row.key, reason: result.reason }, "delivery: failed for good");
      return [
        "failed",
        await markFinished(prisma, row, { status: "FAILED", error: result.reason, countAttempt: true }),
      ];
    }
    if (result.deferred) {
      const notBefore = new Date(at.getTime() + Math.max(MIN_RETRY_MS, result.retryAfterMs ?? 0));
      return ["deferred", await scheduleRetry(prisma, row, { notBefore, error: result.reason, countAttempt: false })];
    }
    const attempts = row.attempts + 1;
    if (attempts >= maxAttempts) {
      const error = `gave_up_after_${attempts}:${result.reason}`;
      log.warn({ key: row.key, reason: result.reason, attempts }, "delivery: giving up");
      return ["failed", await markFinished(prisma, row, { status: "FAILED", error, countAttempt: true })];
    }
    const delay = Math.max(MIN_RETRY_MS, retryDelayMs(attempts, backoff, result.retryAfterMs));
    const notBefore = new Date(at.getTime() + delay);
    return ["retried", await scheduleRetry(prisma, row, { notBefore, error: result.reason, countAttempt: true })];
  }

  async function batch(stats: PassStats): Promise<number> {
    const rows = await claimDueNotifications(prisma, { worker, now: now(), limit: batchSize, leaseMs });
    if (rows.length === 0) return 0;
    stats.claimed += rows.length;
    const found = await targets(rows);
    await pool(rows, concurrency, async (row) => {
      try {
        const [outcome, recorded] = await record(row, await attempt(row, targetOf(row, found)));
        if (recorded) stats[outcome] += 1;
        else {
          stats.lost += 1;
          log.warn({ key: row.key, outcome }, "delivery: claim taken over before the outcome was recorded");
        }
      } catch (error) {
        // the store failed while recording: the row stays SENDING and is taken over after
        // the lease (sent again if it had gone out: the second way into the duplicate window)
        stats.lost += 1;
        log.error({ err: error, key: row.key }, "delivery: could not record the outcome");
      }
    });
    return rows.length;
  }

  return {
    worker,
    async runOnce() {
      const stats: PassStats = { claimed: 0, sent: 0, retried: 0, deferred: 0, failed: 0, skipped: 0, lost: 0 };
      for (let i = 0; i < maxBatches; i++) {
        if ((await batch(stats)) < batchSize) break;
      }
      return stats;
    },
  };
}

class UnknownKind extends Error {}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
}
