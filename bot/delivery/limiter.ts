// The per-instance send limiter, shared by every concurrent send of both platforms.
// Platform limits are stated as "N per window" (Teams: 7 per second, 8 per 2 s, 60 per
// 30 s per conversation); a token bucket would let 60 + 2×30 through in a 30 s window,
// so each key keeps the instants of its recent sends (a sliding-window log, at most
// the largest N entries) and a send is allowed only when every window has room.
// Time and sleeping are parameters: tests drive it with a fake clock.

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

export interface LimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long acquire() waits before giving up; default 2 s. Longer waits are better
   * spent on other rows: the caller defers this one (it goes back to the outbox).
   */
  maxWaitMs?: number;
}

interface KeyState {
  /** send instants, ascending, none older than the key's largest window */
  times: number[];
  pausedUntil: number;
}

const SWEEP_EVERY = 1000;

export class RateLimiter {
  private readonly states = new Map<string, KeyState>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxWaitMs: number;
  private calls = 0;

  constructor(options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxWaitMs = options.maxWaitMs ?? 2 * SECOND;
  }

  /** Takes a slot on every key and returns 0, or takes nothing and returns the ms to wait. */
  tryTake(keys: readonly LimitKey[]): number {
    const now = this.now();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    let wait = 0;
    for (const { key, limits } of keys) wait = Math.max(wait, this.waitFor(this.state(key, limits, now), limits, now));
    if (wait > 0) return wait;
    for (const { key, limits } of keys) this.state(key, limits, now).times.push(now);
    return 0;
  }

  /** Waits for a slot up to maxWaitMs; beyond that says how long it would have taken. */
  async acquire(keys: readonly LimitKey[], maxWaitMs = this.maxWaitMs): Promise<Acquired> {
    const started = this.now();
    for (;;) {
      const wait = this.tryTake(keys);
      if (wait === 0) return { ok: true };
      if (this.now() - started + wait > maxWaitMs) return { ok: false, waitMs: wait };
      await this.sleep(wait);
    }
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
  }
}
