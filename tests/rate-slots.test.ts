// The limiter shared through the database (domain/store/rate-slots.ts and
// bot/delivery/shared-limiter.ts): instances that each keep their own in-memory limiter
// must not both send to one target in the same second. Runs on the suite's store: the
// embedded one by default, PostgreSQL with TEST_DATABASE_URL (where the concurrent
// reservations really run on separate connections). Clocks are passed in; nothing sleeps.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type LimitKey,
  RateLimiter,
  SLACK_CHANNEL_LIMITS,
  spacingMs,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
} from "../bot/delivery/limiter.ts";
import { SharedRateLimiter } from "../bot/delivery/shared-limiter.ts";
import { silentLogger } from "../bot/log.ts";
import { forgetIdleSlots, holdSlot, type Reservation, reserveSlot } from "../domain/store/rate-slots.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

const T0 = Date.parse("2026-11-26T09:00:00Z");
const SLACK_SPACING = spacingMs(SLACK_CHANNEL_LIMITS);

let store: TestStore;
let serial = 0;
/** a key no other test uses */
const fresh = (prefix: string) => `${prefix}${++serial}`;
const slack = (channel: string): LimitKey => ({ key: `slack:channel:${channel}`, limits: SLACK_CHANNEL_LIMITS });
/** the reserved instant, as ms after T0; fails on a refusal */
function offset(reservation: Reservation): number {
  if (!reservation.ok) throw new Error(`refused, turn ${reservation.turn.toISOString()}`);
  return reservation.at.getTime() - T0;
}

beforeAll(async () => {
  store = await openTestStore({ poolSize: 6 });
});

afterAll(async () => {
  await store?.drop();
});

/** One "instance": its own in-memory limiter, the shared slots, a clock that moves when it sleeps. */
function instance(clock: { now: number }, maxWaitMs = 2_000) {
  const slept: number[] = [];
  const limiter = new SharedRateLimiter({
    prisma: store.prisma,
    log: silentLogger,
    now: () => clock.now,
    sleep: async (ms) => {
      slept.push(ms);
      clock.now += ms;
    },
    maxWaitMs,
  });
  return { limiter, slept };
}

describe("reserveSlot", () => {
  it("gives twelve concurrent reservations of one key twelve instants, one spacing apart", async () => {
    const key = fresh("slack:channel:C");
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        reserveSlot(store.prisma, {
          keys: [{ key, spacingMs: 1_000 }],
          notBefore: new Date(T0),
          latest: new Date(T0 + 60_000),
        }),
      ),
    );
    const offsets = results.map(offset).sort((a, b) => a - b);
    expect(offsets).toEqual(Array.from({ length: 12 }, (_, i) => i * 1_000));
  });

  it("reserves nothing beyond `latest`, and hands those refused turns one spacing apart", async () => {
    const key = fresh("slack:channel:C");
    const reserve = (now: number) =>
      reserveSlot(store.prisma, {
        keys: [{ key, spacingMs: 1_000 }],
        notBefore: new Date(now),
        latest: new Date(now + 500),
      });
    expect(await reserve(T0)).toEqual({ ok: true, at: new Date(T0) });
    expect(await reserve(T0 + 100)).toEqual({ ok: false, turn: new Date(T0 + 1_000) });
    expect(await reserve(T0 + 100)).toEqual({ ok: false, turn: new Date(T0 + 2_000) });
    // the refusals reserved nothing: the instant is still free at T0 + 1 s
    expect(await reserve(T0 + 600)).toEqual({ ok: true, at: new Date(T0 + 1_000) });
    // turns only ever move on
    expect(await reserve(T0 + 700)).toEqual({ ok: false, turn: new Date(T0 + 3_000) });
  });

  it("reserves a Teams conversation and its tenant together: the later of the two, both moved", async () => {
    const tenant = { key: fresh("teams:tenant:t"), spacingMs: 22 };
    const a = { key: fresh("teams:conversation:a"), spacingMs: 550 };
    const b = { key: fresh("teams:conversation:b"), spacingMs: 550 };
    const reserve = (keys: { key: string; spacingMs: number }[]) =>
      reserveSlot(store.prisma, { keys, notBefore: new Date(T0), latest: new Date(T0 + 10_000) });
    expect(offset(await reserve([a, tenant]))).toBe(0);
    expect(offset(await reserve([b, tenant]))).toBe(22); // the tenant's next
    expect(offset(await reserve([a, tenant]))).toBe(550); // the conversation's next
    expect(offset(await reserve([tenant]))).toBe(572); // moved by the last one
  });

  it("holds a key after a 429 (only ever later) and forgets idle keys", async () => {
    const key = fresh("slack:channel:C");
    const reserve = () =>
      reserveSlot(store.prisma, {
        keys: [{ key, spacingMs: 1_000 }],
        notBefore: new Date(T0),
        latest: new Date(T0 + 60_000),
      });
    await holdSlot(store.prisma, key, new Date(T0 + 30_000));
    await holdSlot(store.prisma, key, new Date(T0 + 5_000));
    expect(offset(await reserve())).toBe(30_000);
    expect(await forgetIdleSlots(store.prisma, new Date(T0 + 31_000 + 1))).toBeGreaterThanOrEqual(1);
    expect(offset(await reserve())).toBe(0);
  });
});

describe("SharedRateLimiter", () => {
  let clock: { now: number };
  beforeEach(() => {
    clock = { now: T0 };
  });

  it("two in-process limiters would both post to a Slack channel at once; two shared ones do not", async () => {
    const channel = slack(fresh("C"));
    // the failure the benchmark saw: each instance counts only its own posts
    const [localA, localB] = [new RateLimiter({ now: () => clock.now }), new RateLimiter({ now: () => clock.now })];
    expect([localA.tryTake([channel]), localB.tryTake([channel])]).toEqual([0, 0]);

    const a = instance(clock);
    const b = instance(clock);
    expect(await a.limiter.acquire([channel])).toEqual({ ok: true });
    expect(a.slept).toEqual([]);
    // B waits for the slot after A's post, although its own limiter has seen nothing
    expect(await b.limiter.acquire([channel])).toEqual({ ok: true });
    expect(b.slept).toEqual([SLACK_SPACING]);
    expect(clock.now).toBe(T0 + SLACK_SPACING);
    // and A, next, waits for the slot after B's
    expect(await a.limiter.acquire([channel])).toEqual({ ok: true });
    expect(clock.now).toBe(T0 + 2 * SLACK_SPACING);
  });

  it("serialises six instances posting to one channel at the same instant", async () => {
    const channel = slack(fresh("C"));
    const fixed = { now: T0 };
    const instances = Array.from({ length: 6 }, () => {
      const slept: number[] = [];
      const limiter = new SharedRateLimiter({
        prisma: store.prisma,
        log: silentLogger,
        now: () => fixed.now,
        sleep: async (ms) => {
          slept.push(ms);
        },
        maxWaitMs: 60_000,
      });
      return { limiter, slept };
    });
    const results = await Promise.all(instances.map((i) => i.limiter.acquire([channel])));
    expect(results.every((r) => r.ok)).toBe(true);
    const waits = instances.map((i) => i.slept[0] ?? 0).sort((x, y) => x - y);
    expect(waits).toEqual(Array.from({ length: 6 }, (_, i) => i * SLACK_SPACING));
  });

  it("puts off a send whose slot is beyond the wait, reserving nothing; those put off by any instance are spread", async () => {
    const channel = slack(fresh("C"));
    const a = instance(clock, 500);
    const b = instance(clock, 500);
    const c = instance(clock, 500);
    expect(await a.limiter.acquire([channel])).toEqual({ ok: true });
    // three more for the same channel at the same instant, from two other instances: none may wait 1.1 s
    expect(await b.limiter.acquire([channel])).toEqual({ ok: false, waitMs: SLACK_SPACING });
    expect(await c.limiter.acquire([channel])).toEqual({ ok: false, waitMs: 2 * SLACK_SPACING });
    expect(await b.limiter.acquire([channel])).toEqual({ ok: false, waitMs: 3 * SLACK_SPACING });
    expect([...b.slept, ...c.slept]).toEqual([]);
    // the first one put off comes back when the channel is free, and goes at once
    clock.now = T0 + SLACK_SPACING;
    expect(await b.limiter.acquire([channel])).toEqual({ ok: true });
    expect(b.slept).toEqual([]);
  });

  it("keeps a Teams conversation and its tenant in step across instances", async () => {
    const conversation = { key: fresh("teams:conversation:"), limits: TEAMS_CONVERSATION_LIMITS };
    const tenant = { key: fresh("teams:tenant:"), limits: TEAMS_TENANT_LIMITS };
    const other = { key: fresh("teams:conversation:"), limits: TEAMS_CONVERSATION_LIMITS };
    const a = instance(clock);
    const b = instance(clock);
    await a.limiter.acquire([conversation, tenant]);
    await b.limiter.acquire([other, tenant]);
    expect(b.slept).toEqual([spacingMs(TEAMS_TENANT_LIMITS)]);
    await b.limiter.acquire([conversation, tenant]);
    expect(clock.now).toBe(T0 + spacingMs(TEAMS_CONVERSATION_LIMITS));
  });
});
