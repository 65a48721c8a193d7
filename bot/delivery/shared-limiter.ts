// The send limiter of an instance that shares its PostgreSQL with others. Each instance's
// RateLimiter counts only its own sends, so two instances each allowed Slack's one post
// a second per channel (the benchmark's 549 Slack 429s). Here a send first asks the
// local limiter (no round trip: its exact windows, the hour window, this instance's 429
// pauses), then reserves the target's next free instant in the RateSlot table
// (domain/store/rate-slots.ts), one UPDATE shared by every instance, and waits for it
// if that is within the wait budget (without holding a dispatcher slot, idle.ts);
// otherwise the row is put off until the turn the slot hands out, so the rows put off
// for one target, by any instance, come back one spacing apart. The embedded store has
// one instance by construction (PGlite lives in the process), so it keeps the local
// limiter alone and saves the round trip.
import { forgetIdleSlots, holdSlot, reserveSlot } from "../../domain/store/rate-slots.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import type { Logger } from "../log.ts";
import { idleSleep } from "./idle.ts";
import { type Acquired, type LimitKey, RateLimiter, type SendLimiter, spacingMs } from "./limiter.ts";

export interface SharedLimiterOptions {
  prisma: PrismaClient;
  log: Logger;
  /** this instance's limiter; by default one with the same clock, sleep and wait budget */
  local?: RateLimiter;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** the wait budget of one acquire, local and shared together; default 1 s (as RateLimiter) */
  maxWaitMs?: number;
}

const HOUR = 3_600_000;

export class SharedRateLimiter implements SendLimiter {
  readonly local: RateLimiter;
  private readonly prisma: PrismaClient;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;
  private lastSweep: number;

  constructor(options: SharedLimiterOptions) {
    this.prisma = options.prisma;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? idleSleep;
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
    this.local = options.local ?? new RateLimiter({ now: this.now, sleep: this.sleep, maxWaitMs: this.maxWaitMs });
    this.lastSweep = this.now();
  }

  async acquire(keys: readonly LimitKey[]): Promise<Acquired> {
    const started = this.now();
    this.sweep(started);
    const localWait = this.local.peek(keys);
    if (localWait > this.maxWaitMs) return this.local.refuse(keys, localWait);
    const reservation = await reserveSlot(this.prisma, {
      keys: keys.map((k) => ({ key: k.key, spacingMs: spacingMs(k.limits) })),
      notBefore: new Date(started + localWait),
      latest: new Date(started + this.maxWaitMs),
    });
    if (!reservation.ok) return { ok: false, waitMs: Math.max(0, reservation.turn.getTime() - this.now()) };
    const wait = reservation.at.getTime() - this.now();
    if (wait > 0) await this.sleep(wait);
    // into this instance's log; it waits only if a 429 paused the target meanwhile
    return this.local.acquire(keys, Math.max(0, this.maxWaitMs - (this.now() - started)));
  }

  /** Locally at once; for the other instances through the target's slot (best effort). */
  pause(key: string, untilMs: number): void {
    this.local.pause(key, untilMs);
    holdSlot(this.prisma, key, new Date(untilMs)).catch((error: unknown) => {
      this.log.warn({ err: error, key }, "delivery: could not share a 429 pause");
    });
  }

  /** Once an hour: targets idle for an hour need no slot (the next send recreates it). */
  private sweep(now: number): void {
    if (now - this.lastSweep < HOUR) return;
    this.lastSweep = now;
    forgetIdleSlots(this.prisma, new Date(now - HOUR)).catch((error: unknown) => {
      this.log.warn({ err: error }, "delivery: could not forget idle rate slots");
    });
  }
}
