// The per-instance send limiter, shared by every concurrent send of both platforms.
// Platform limits are stated as "N per window" (Teams: 7 per second, 8 per 2 s, 60 per
// 30 s per conversation); a token bucket would let 60 + 2×30 through in a 30 s window,
// so each key keeps the instants of its recent sends (a sliding-window log, at most
// the largest N entries) and a send is allowed only when every window has room.
// Time and sleeping are parameters: tests drive it with a fake clock. By default a wait
// gives the dispatcher slot of its row back (idle.ts).
//
// This limiter counts the sends of one process. Several instances on one PostgreSQL add
// the shared reservation of shared-limiter.ts on top of it; the senders see either
// through `SendLimiter`.

import { idleSleep } from "./idle.ts";

export interface Limit {
  limit: number;
  windowMs: number;
}

export interface LimitKey {
  key: string;
  limits: readonly Limit[];
}

const SECOND = 1000;

/** Teams, per bot per conversation (platform-facts.md). */
export const TEAMS_CONVERSATION_LIMITS: readonly Limit[] = [
  { limit: 7, windowMs: SECOND },
  { limit: 8, windowMs: 2 * SECOND },
  { limit: 60, windowMs: 30 * SECOND },
  { limit: 1800, windowMs: 3600 * SECOND },
];
/** Teams, per app per tenant: "about 50 a second". */
export const TEAMS_TENANT_LIMITS: readonly Limit[] = [{ limit: 50, windowMs: SECOND }];
/** Slack chat.postMessage: about one a second per channel. */
export const SLACK_CHANNEL_LIMITS: readonly Limit[] = [{ limit: 1, windowMs: SECOND }];

export type Acquired = { ok: true } | { ok: false; waitMs: number };

/** What the Teams and Slack senders (adapters/…/proactive.ts) need: this limiter or the shared one. */
export interface SendLimiter {
  /** waits for a slot on every key up to the limiter's max wait; beyond it, how long to put the send off */
  acquire(keys: readonly LimitKey[]): Promise<Acquired>;
  /** a platform's 429: nothing goes to `key` before `untilMs` */
  pause(key: string, untilMs: number): void;
}

/** Windows up to this long are kept by even spacing in the shared limiter. */
const SPACING_HORIZON_MS = 60 * SECOND;

/**
 * The even spacing of sends that keeps every window of up to a minute within its limit
 * (Teams conversation 550 ms, tenant 22 ms, Slack channel 1.1 s), with 10 % room for the
 * time between reserving an instant and the request arriving. The hour window (Teams,
 * 1800 per conversation) stays with the per-instance log.
 */
export function spacingMs(limits: readonly Limit[]): number {
  const spacing = Math.max(
    0,
    ...limits.filter((l) => l.windowMs <= SPACING_HORIZON_MS).map((l) => l.windowMs / l.limit),
  );
  return Math.ceil(spacing * 1.1);
}

export interface LimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long acquire() waits before giving up; default 1 s. A waiting row costs no
   * slot (idle.ts), but it stays claimed: longer waits are put off instead (the row
   * goes back to the outbox), so a row claimed is a row about to be sent, and a busy
   * tenant's queue does not fill the rows in hand.
   */
  maxWaitMs?: number;
}

interface KeyState {
  /** send instants, ascending, none older than the key's largest window */
  times: number[];
  pausedUntil: number;
}

const SWEEP_EVERY = 1000;

export class RateLimiter implements SendLimiter {
  private readonly states = new Map<string, KeyState>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;
  private calls = 0;
  /** per target key: the latest instant a refused send was put off to */
  private readonly putOff = new Map<string, number>();

  constructor(options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? idleSleep;
    this.maxWaitMs = options.maxWaitMs ?? SECOND;
  }

  /** The limiter's wait budget (the shared limiter uses the same). */
  get maxWait(): number {
    return this.maxWaitMs;
  }

  /** Takes a slot on every key and returns 0, or takes nothing and returns the ms to wait. */
  tryTake(keys: readonly LimitKey[]): number {
    const wait = this.peek(keys);
    if (wait > 0) return wait;
    const now = this.now();
    for (const { key, limits } of keys) this.state(key, limits, now).times.push(now);
    return 0;
  }

  /** The ms until every key has room (0: now), taking nothing. */
  peek(keys: readonly LimitKey[]): number {
    const now = this.now();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    let wait = 0;
    for (const { key, limits } of keys) wait = Math.max(wait, this.waitFor(this.state(key, limits, now), limits, now));
    return wait;
  }

  /** Waits for a slot up to maxWaitMs; beyond that says how long to put the send off. */
  async acquire(keys: readonly LimitKey[], maxWaitMs = this.maxWaitMs): Promise<Acquired> {
    const started = this.now();
    for (;;) {
      const wait = this.tryTake(keys);
      if (wait === 0) return { ok: true };
      if (this.now() - started + wait > maxWaitMs) return this.refuse(keys, wait);
      await this.sleep(wait);
    }
  }

  /**
   * A refused send is put off until its target is free, but not to the same instant as
   * the sends refused for that target before it: each comes back one spacing after the
   * previous one. Otherwise ten reminders to one Slack user, all refused, would all
   * return together, one would go and nine be refused again, round after round.
   */
  refuse(keys: readonly LimitKey[], waitMs: number): { ok: false; waitMs: number } {
    const target = keys[0];
    if (!target) return { ok: false, waitMs };
    const now = this.now();
    const previous = this.putOff.get(target.key);
    const at = Math.max(now + waitMs, previous !== undefined ? previous + spacingMs(target.limits) : 0);
    this.putOff.set(target.key, at);
    return { ok: false, waitMs: at - now };
  }

  /**
   * A platform answered 429 for this key: nothing from this instance goes there before
   * `untilMs`, so the sends already queued behind it do not each earn a 429 of their own.
   */
  pause(key: string, untilMs: number): void {
    const state = this.states.get(key) ?? { times: [], pausedUntil: 0 };
    state.pausedUntil = Math.max(state.pausedUntil, untilMs);
    this.states.set(key, state);
  }

  /** Keys currently tracked (for tests: old keys are forgotten). */
  get size(): number {
    return this.states.size;
  }

  private state(key: string, limits: readonly Limit[], now: number): KeyState {
    let state = this.states.get(key);
    if (!state) {
      state = { times: [], pausedUntil: 0 };
      this.states.set(key, state);
    }
    const horizon = now - Math.max(0, ...limits.map((l) => l.windowMs));
    let drop = 0;
    while (drop < state.times.length && (state.times[drop] ?? 0) <= horizon) drop++;
    if (drop > 0) state.times.splice(0, drop);
    return state;
  }

  private waitFor(state: KeyState, limits: readonly Limit[], now: number): number {
    let wait = Math.max(0, state.pausedUntil - now);
    const { times } = state;
    for (const { limit, windowMs } of limits) {
      // the limit-th most recent send must leave the window before another may go
      const blocking = times.length >= limit ? times[times.length - limit] : undefined;
      if (blocking !== undefined && blocking > now - windowMs) wait = Math.max(wait, blocking + windowMs - now);
    }
    return wait;
  }

  private sweep(now: number): void {
    // an hour covers the largest window in use; a key idle that long has nothing to remember
    for (const [key, state] of this.states) {
      const last = state.times[state.times.length - 1] ?? 0;
      if (last <= now - 3600 * SECOND && state.pausedUntil <= now) this.states.delete(key);
    }
    for (const [key, at] of this.putOff) if (at <= now) this.putOff.delete(key);
  }
}
