// The outbox dispatcher: claims due notifications, renders each in its recipient's
// language with the renderer of its kind, sends it through the recipient's platform and
// records the outcome. Any number of dispatchers (in one process or several, on one
// database) may run passes at once: claiming uses FOR UPDATE SKIP LOCKED, so a row is
// held by one worker at a time (domain/store/outbox.ts).
//
// A pass works on `concurrency` rows at once and claims more only as slots free up, so a
// claimed row is one being worked on, not one queued behind sends the limiter holds
// back. A row waiting for the instant the limiter reserved for it (at most 1 s; longer
// and the row is put off) gives its slot to another row meanwhile (idle.ts), up to four
// times `concurrency` rows in hand. While the pass runs, the lease of every row it holds
// is renewed every third of `leaseMs`.
//
// Delivery is at least once. The one way to send a row twice: a worker dies after the
// platform accepted the message and before markSent committed (one HTTP response and
// one UPDATE, milliseconds), or its process stalls for two thirds of the lease while a
// request is in flight; after `leaseMs` another worker takes the row over and sends it
// again. So a crash opens the window, for at most `concurrency` rows per crashed worker,
// and the lease can be short (a minute) without a slow send losing its row.
import { hostname } from "node:os";
import {
  type ClaimedNotification,
  claimDueNotifications,
  editedMessage,
  markFinished,
  markSent,
  renewLeases,
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
import { asTask, type IdleListener } from "./idle.ts";
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
  /** rows worked on at once (those waiting for their reserved instant aside); default 8 */
  concurrency?: number;
  /** the most rows one claim takes; default `concurrency` */
  batchSize?: number;
  /** a SENDING row not renewed for this long is taken over by another worker; default 1 min */
  leaseMs?: number;
  /** a retryable failure on this attempt makes the row FAILED */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** claims per pass, so one pass ends even while rows keep coming */
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
  /** one pass: claims and handles rows until nothing is due (or maxBatches claims) */
  runOnce(): Promise<PassStats>;
  /**
   * Renews the lease of every row a running pass holds; returns how many. The pass
   * calls it every third of the lease; tests call it to move time themselves.
   */
  renew(): Promise<number>;
}

/** Never retry sooner than this: a row due again at once would be claimed again in the same pass. */
const MIN_RETRY_MS = 1_000;

/** Long against one send (the limiter waits about a second, Slack's client 15 s), short for recovery. */
export const DEFAULT_LEASE_MS = 60_000;

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
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const batchSize = Math.max(1, options.batchSize ?? concurrency);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const maxBatches = options.maxBatches ?? 50;
  /** claim again once this many slots are free (not for every row that finishes) */
  const refillAt = Math.max(1, Math.floor(concurrency / 4));
  /** rows in hand, working or waiting for their instant */
  const maxInHand = concurrency * 4;
  /** after a claim that found nothing more, look again no sooner than this */
  const relookMs = 250;
  /** rows claimed by a running pass and not yet being recorded, by id */
  const held = new Map<string, ClaimedNotification>();
  /** the latest renewal; renewals run one after another and never reject */
  let renewing: Promise<unknown> = Promise.resolve();

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

  /**
   * Moves claimedAt of the held rows to now, where the claim is still ours; the rows'
   * claims in memory follow. Serialised, and awaited by record(), so that an outcome is
   * never written with a claimedAt a renewal is changing at that moment.
   */
  function renew(): Promise<number> {
    const run = renewing.then(async () => {
      const rows = [...held.values()];
      if (rows.length === 0) return 0;
      const at = now();
      const renewed = await renewLeases(prisma, rows, at);
      for (const row of rows) if (renewed.has(row.id)) row.claimedAt = at;
      return renewed.size;
    });
    renewing = run.catch((error: unknown) => {
      log.warn({ err: error }, "delivery: could not renew leases");
    });
    return run;
  }

  async function handle(row: ClaimedNotification, found: ReadonlyMap<string, Target>, stats: PassStats) {
    try {
      const result = await attempt(row, targetOf(row, found));
      held.delete(row.id);
      await renewing;
      const [outcome, recorded] = await record(row, result);
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
    } finally {
      held.delete(row.id);
    }
  }

  async function runOnce(): Promise<PassStats> {
    const stats: PassStats = { claimed: 0, sent: 0, retried: 0, deferred: 0, failed: 0, skipped: 0, lost: 0 };
    const working = new Set<Promise<void>>();
    const timer = setInterval(() => void renew().catch(() => {}), Math.max(1_000, Math.floor(leaseMs / 3)));
    timer.unref();
    let idle = 0;
    let nudge: (() => void) | undefined;
    const listener: IdleListener = {
      idle() {
        idle += 1;
        nudge?.();
      },
      busy() {
        idle -= 1;
      },
    };
    let claims = 0;
    /** when a claim last came back short (nothing more due then) */
    let drainedAt: number | undefined;
    let failure: unknown;
    try {
      for (;;) {
        const active = working.size - idle;
        const free = Math.min(concurrency - active, maxInHand - working.size);
        const look = failure === undefined && (drainedAt === undefined || now().getTime() - drainedAt >= relookMs);
        if (look && claims < maxBatches && free >= (active === 0 ? 1 : refillAt)) {
          claims += 1;
          const limit = Math.min(free, batchSize);
          try {
            const rows = await claimDueNotifications(prisma, { worker, now: now(), limit, leaseMs });
            // fewer than asked: nothing else is due now; look again a little later, or
            // end the pass when the rows in hand are done
            drainedAt = rows.length < limit ? now().getTime() : undefined;
            stats.claimed += rows.length;
            for (const row of rows) held.set(row.id, row);
            let found: Map<string, Target>;
            try {
              found = await targets(rows);
            } catch (error) {
              // left SENDING, taken over after the lease
              for (const row of rows) held.delete(row.id);
              throw error;
            }
            for (const row of rows) {
              const task = asTask(listener, () => handle(row, found, stats)).finally(() => working.delete(task));
              working.add(task);
            }
          } catch (error) {
            failure = error;
          }
        }
        if (working.size === 0) break;
        await Promise.race([
          ...working,
          new Promise<void>((resolve) => {
            nudge = resolve;
          }),
        ]);
        nudge = undefined;
      }
    } finally {
      clearInterval(timer);
    }
    if (failure !== undefined) throw failure;
    return stats;
  }

  return { worker, runOnce, renew };
}

class UnknownKind extends Error {}
