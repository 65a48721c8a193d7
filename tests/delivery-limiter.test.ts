// The send limiter and the retry backoff, on a fake clock: no timers, no store.
import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../bot/delivery/backoff.ts";
import {
  type LimitKey,
  RateLimiter,
  SLACK_CHANNEL_LIMITS,
  spacingMs,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
} from "../bot/delivery/limiter.ts";
import { parseRetryAfter } from "../bot/delivery/types.ts";

/** A clock that only moves when someone sleeps; sleeping resolves at once. */
function fakeClock(start = 1_000_000) {
  const clock = { now: start };
  return {
    clock,
    options: {
      now: () => clock.now,
      sleep: async (ms: number) => {
        clock.now += ms;
      },
    },
  };
}

/**
 * Virtual time for many concurrent sleepers: the clock jumps to the earliest wake-up
 * once every task is waiting, so what a task sees after waking is the instant it woke.
 */
function virtualTime(start = 1_000_000) {
  const clock = { now: start };
  const sleepers: { at: number; wake: () => void }[] = [];
  const idle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    clock,
    options: {
      now: () => clock.now,
      sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: clock.now + ms, wake })),
    },
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      void work.finally(() => {
        done = true;
      });
      while (!done) {
        await idle();
        if (sleepers.length === 0) continue;
        clock.now = Math.min(...sleepers.map((s) => s.at));
        for (const sleeper of sleepers.filter((s) => s.at <= clock.now)) {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          sleeper.wake();
        }
      }
      return work;
    },
  };
}

/** The most sends found in any window of `windowMs` (sliding over the send instants). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    const start = times[i] ?? 0;
    best = Math.max(best, times.filter((t) => t >= start && t < start + windowMs).length);
  }
  return best;
}

const conversation = (id: string): LimitKey => ({ key: `teams:conversation:${id}`, limits: TEAMS_CONVERSATION_LIMITS });
const tenant: LimitKey = { key: "teams:tenant:t1", limits: TEAMS_TENANT_LIMITS };

describe("RateLimiter", () => {
  it("keeps one Teams conversation within 7/s, 8/2 s and 60/30 s, however many sends wait", async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ ...time.options, maxWaitMs: Number.POSITIVE_INFINITY });
    const times: number[] = [];
    const sends = Array.from({ length: 150 }, async () => {
      const slot = await limiter.acquire([conversation("a"), tenant]);
      expect(slot.ok).toBe(true);
      times.push(time.clock.now);
    });
    await time.run(Promise.all(sends));
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(150);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2000)).toBeLessThanOrEqual(8);
    expect(maxInWindow(times, 30_000)).toBeLessThanOrEqual(60);
    // and not slower than the limits demand: 150 sends need a little over two 30 s windows
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThan(75_000);
  });

  it("counts conversations separately but the tenant together (50/s)", () => {
    const { options } = fakeClock();
    const limiter = new RateLimiter(options);
    let taken = 0;
    for (let i = 0; i < 80; i++) if (limiter.tryTake([conversation(`c${i}`), tenant]) === 0) taken++;
    expect(taken).toBe(50);
    expect(limiter.tryTake([conversation("other-tenant")])).toBe(0);
  });

  it("allows Slack one post a second per channel", () => {
    const { clock, options } = fakeClock();
    const limiter = new RateLimiter(options);
    const channel = { key: "slack:channel:U1", limits: SLACK_CHANNEL_LIMITS };
    expect(limiter.tryTake([channel])).toBe(0);
    expect(limiter.tryTake([channel])).toBe(1000);
    expect(limiter.tryTake([{ key: "slack:channel:U2", limits: SLACK_CHANNEL_LIMITS }])).toBe(0);
    clock.now += 1000;
    expect(limiter.tryTake([channel])).toBe(0);
  });

  it("takes nothing on any key when one key is full", () => {
    const { options } = fakeClock();
    const limiter = new RateLimiter(options);
    const busy = { key: "busy", limits: [{ limit: 1, windowMs: 1000 }] };
    const idle = { key: "idle", limits: [{ limit: 1, windowMs: 1000 }] };
    limiter.tryTake([busy]);
    expect(limiter.tryTake([busy, idle])).toBe(1000);
    expect(limiter.tryTake([idle])).toBe(0);
  });

  it("gives up after maxWaitMs and says how long the wait would be", async () => {
    const { options } = fakeClock();
    const limiter = new RateLimiter({ ...options, maxWaitMs: 500 });
    const slack = [{ key: "slack:channel:C1", limits: SLACK_CHANNEL_LIMITS }];
    expect(await limiter.acquire(slack)).toEqual({ ok: true });
    expect(await limiter.acquire(slack)).toEqual({ ok: false, waitMs: 1000 });
  });

  it("puts off sends refused for one target one spacing apart, so they do not all come back together", async () => {
    const { clock, options } = fakeClock();
    const limiter = new RateLimiter({ ...options, maxWaitMs: 500 });
    const slack = [{ key: "slack:channel:C2", limits: SLACK_CHANNEL_LIMITS }];
    expect(await limiter.acquire(slack)).toEqual({ ok: true });
    const waits = [];
    for (let i = 0; i < 3; i++) waits.push(await limiter.acquire(slack));
    expect(waits).toEqual([
      { ok: false, waitMs: 1000 },
      { ok: false, waitMs: 2100 },
      { ok: false, waitMs: 3200 },
    ]);
    // each finds the channel free when it comes back
    for (const wait of [1000, 2100, 3200]) {
      clock.now = 1_000_000 + wait;
      expect(limiter.tryTake(slack)).toBe(0);
    }
    // another target is not put off behind them
    expect(await limiter.acquire([{ key: "slack:channel:C3", limits: SLACK_CHANNEL_LIMITS }])).toEqual({ ok: true });
  });

  it("spaces sends evenly by the tightest window up to a minute, with 10 % room", () => {
    expect(spacingMs(SLACK_CHANNEL_LIMITS)).toBe(1100);
    expect(spacingMs(TEAMS_CONVERSATION_LIMITS)).toBe(550); // 60 per 30 s; the hour window stays local
    expect(spacingMs(TEAMS_TENANT_LIMITS)).toBe(22);
  });

  it("holds a key back until a platform's Retry-After has passed", async () => {
    const { clock, options } = fakeClock();
    const limiter = new RateLimiter({ ...options, maxWaitMs: 60_000 });
    const start = clock.now;
    limiter.pause("teams:conversation:a", start + 3000);
    expect(limiter.tryTake([conversation("a")])).toBe(3000);
    await limiter.acquire([conversation("a")]);
    expect(clock.now).toBe(start + 3000);
  });

  it("forgets keys idle for an hour", () => {
    const { clock, options } = fakeClock();
    const limiter = new RateLimiter(options);
    for (let i = 0; i < 999; i++) limiter.tryTake([{ key: `k${i}`, limits: SLACK_CHANNEL_LIMITS }]);
    clock.now += 3_600_001;
    limiter.tryTake([{ key: "fresh", limits: SLACK_CHANNEL_LIMITS }]);
    expect(limiter.size).toBe(1);
  });
});

describe("retryDelayMs", () => {
  const backoff = { baseMs: 5000, maxMs: 3_600_000 };

  it("doubles the cap per attempt and draws below it (full jitter)", () => {
    expect(retryDelayMs(1, { ...backoff, random: () => 0.999 })).toBe(4995);
    expect(retryDelayMs(3, { ...backoff, random: () => 0.5 })).toBe(10_000);
    expect(retryDelayMs(3, { ...backoff, random: () => 0 })).toBe(0);
    expect(retryDelayMs(40, { ...backoff, random: () => 0.5 })).toBe(1_800_000);
  });

  it("waits at least Retry-After, with up to one base of jitter on top", () => {
    expect(retryDelayMs(1, { ...backoff, random: () => 0 }, 7000)).toBe(7000);
    expect(retryDelayMs(6, { ...backoff, random: () => 0.5 }, 7000)).toBe(9500);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-26T10:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(2, now)).toBe(2000);
    expect(parseRetryAfter("Thu, 26 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
