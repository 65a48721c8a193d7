import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { whileIdle } from "../bot/delivery/idle.ts";
import {
  createDispatcher,
  type DeliveryRenderer,
  type Dispatcher,
  type DispatcherOptions,
} from "../bot/delivery/index.ts";
import type { Messenger, Recipient, SendResult } from "../bot/delivery/types.ts";
import { silentLogger } from "../bot/log.ts";
import type { Reply } from "../bot/reply.ts";
import { claimDueNotifications, markSent, planNotifications, renewLeases } from "../domain/store/outbox.ts";
import type { PrismaClient } from "../prisma/generated/client.ts";
import { openTestStore } from "./helpers/test-store.ts";

const T0 = new Date("2026-11-02T09:00:00+02:00");

interface Delivered {
  recipient: Recipient;
  reply: Reply;
}

/** A messenger whose sends wait until the test lets them go; `started` resolves at the n-th send. */
function heldMessenger() {
  const delivered: string[] = [];
  const waiting: (() => void)[] = [];
  let open = false;
  let count = 0;
  const watchers: { n: number; resolve: () => void }[] = [];
  const send = async (_recipient: Recipient, reply: Reply): Promise<SendResult> => {
    count += 1;
    for (const w of watchers.filter((x) => x.n <= count)) w.resolve();
    if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
    delivered.push(reply.summary ?? "");
    return { ok: true };
  };
  const messenger: Messenger = { send, update: (recipient, _message, reply) => send(recipient, reply) };
  return {
    messenger,
    delivered,
    started: (n: number) => new Promise<void>((resolve) => (count >= n ? resolve() : watchers.push({ n, resolve }))),
    get count() {
      return count;
    },
    release() {
      open = true;
      for (const go of waiting.splice(0)) go();
    },
  };
}

function fakeMessenger(answer: (recipient: Recipient) => SendResult = () => ({ ok: true }), delayMs = 0) {
  const delivered: Delivered[] = [];
  const messenger: Messenger = {
    async send(recipient, reply) {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const result = answer(recipient);
      if (result.ok) delivered.push({ recipient, reply });
      return result;
    },
    async update(recipient, _message, reply) {
      const result = answer(recipient);
      if (result.ok) delivered.push({ recipient, reply });
      return result;
    },
  };
  return { messenger, delivered };
}

const GREETING = { fi: "Hei", sv: "Hej", en: "Hello" } as const;
const renderers: DispatcherOptions["renderers"] = new Map<string, DeliveryRenderer>([
  ["test.hello", ({ language }, payload) => ({ summary: `${GREETING[language]} ${String(payload)}`, blocks: [] })],
  ["test.nothing", () => null],
]);

let prisma: PrismaClient;
let dropStore: () => Promise<void>;
const clock = { now: T0 };
const users: Record<"fi" | "sv" | "en" | "none", string> = { fi: "", sv: "", en: "", none: "" };

function dispatcher(messenger: Messenger, extra: Partial<DispatcherOptions> = {}): Dispatcher {
  return createDispatcher({
    prisma,
    messengers: { teams: messenger, slack: messenger },
    renderers,
    publicUrl: "https://ake.example.test",
    now: () => clock.now,
    log: silentLogger,
    backoff: { baseMs: 5000, maxMs: 3_600_000, random: () => 0.5 },
    ...extra,
  });
}

function plan(key: string, userId = users.fi, extra: { kind?: string; notBefore?: Date; payload?: string } = {}) {
  return planNotifications(prisma, [
    { key, userId, kind: extra.kind ?? "test.hello", payload: extra.payload ?? key, notBefore: extra.notBefore ?? T0 },
  ]);
}

const row = (key: string) => prisma.notification.findUniqueOrThrow({ where: { key } });
const later = (ms: number) => new Date(T0.getTime() + ms);

/** SKIP LOCKED is only really exercised on PostgreSQL; PGlite runs one statement at a time. */
async function openStoreForConcurrency(): Promise<{ prisma: PrismaClient; drop: () => Promise<void> }> {
  const store = await openTestStore();
  return { prisma: store.prisma, drop: () => store.drop() };
}

beforeAll(async () => {
  ({ prisma, drop: dropStore } = await openStoreForConcurrency());
  const make = (platformUserId: string, language: string | null, platformLocale: string | null) =>
    prisma.user.create({ data: { platform: "TEAMS", platformUserId, language, platformLocale } });
  users.fi = (await make("29:fi", null, "fi-FI")).id;
  users.sv = (await make("29:sv", "sv", "en-US")).id;
  users.en = (await make("29:en", null, "en-GB")).id;
  users.none = (await make("29:none", null, null)).id;
});

afterAll(async () => {
  await dropStore?.();
});

beforeEach(async () => {
  clock.now = T0;
  await prisma.notification.deleteMany();
});

describe("dispatcher", () => {
  it("renders each row in its recipient's language: chosen, else platform locale, else Finnish", async () => {
    for (const [language, userId] of Object.entries(users)) await plan(`lang-${language}`, userId);
    const { messenger, delivered } = fakeMessenger();
    const stats = await dispatcher(messenger).runOnce();
    expect(stats).toMatchObject({ claimed: 4, sent: 4, failed: 0 });
    const byUser = Object.fromEntries(delivered.map((d) => [d.recipient.platformUserId, d.reply.summary]));
    expect(byUser).toEqual({
      "29:fi": "Hei lang-fi",
      "29:sv": "Hej lang-sv",
      "29:en": "Hello lang-en",
      "29:none": "Hei lang-none",
    });
    const sentRow = await row("lang-sv");
    expect(sentRow).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    expect(sentRow.sentAt).toEqual(T0);
  });

  it("sends a key planned twice once, and a row not yet due not at all", async () => {
    expect(await plan("twice")).toBe(1);
    expect(await plan("twice")).toBe(0);
    await plan("tomorrow", users.fi, { notBefore: later(24 * 3600_000) });
    const { messenger, delivered } = fakeMessenger();
    const d = dispatcher(messenger);
    await d.runOnce();
    await d.runOnce();
    expect(delivered.map((x) => x.reply.summary)).toEqual(["Hei twice"]);
    expect((await row("tomorrow")).status).toBe("PENDING");
    clock.now = later(24 * 3600_000);
    await d.runOnce();
    expect(delivered.map((x) => x.reply.summary)).toEqual(["Hei twice", "Hei tomorrow"]);
  });

  it("two dispatchers on one store, passes at once, 100 rows: each sent exactly once", async () => {
    await planNotifications(
      prisma,
      Array.from({ length: 100 }, (_, i) => ({ key: `many-${i}`, userId: users.fi, kind: "test.hello", payload: i })),
    );
    clock.now = new Date(Date.now() + 60_000); // planned with the real clock: due by now
    const { messenger, delivered } = fakeMessenger(undefined, 2);
    const options = { batchSize: 10, concurrency: 4 };
    const [a, b] = [
      dispatcher(messenger, { ...options, worker: "a" }),
      dispatcher(messenger, { ...options, worker: "b" }),
    ];
    const stats = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    expect(stats.reduce((sum, s) => sum + s.sent, 0)).toBe(100);
    const summaries = delivered.map((d) => d.reply.summary);
    expect(new Set(summaries).size).toBe(100);
    expect(summaries).toHaveLength(100);
    const byWorker = await prisma.notification.groupBy({ by: ["claimedBy", "status"], _count: true });
    expect(byWorker.every((g) => g.status === "SENT")).toBe(true);
    expect(byWorker.map((g) => g.claimedBy).sort()).toEqual(["a", "b"]);
  });

  it("retries after the platform's Retry-After, then sends", async () => {
    await plan("throttled");
    let answer: SendResult = { ok: false, retryable: true, reason: "http_429", retryAfterMs: 30_000 };
    const { messenger, delivered } = fakeMessenger(() => answer);
    const d = dispatcher(messenger);
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    // Retry-After 30 s plus jitter of at most one base (random 0.5 → 2.5 s)
    expect(await row("throttled")).toMatchObject({ status: "PENDING", attempts: 1, lastError: "http_429" });
    expect((await row("throttled")).notBefore).toEqual(later(32_500));
    answer = { ok: true };
    clock.now = later(30_000);
    expect(await d.runOnce()).toMatchObject({ claimed: 0 });
    clock.now = later(32_500);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(delivered).toHaveLength(1);
    expect(await row("throttled")).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("backs off exponentially on 5xx and gives up after maxAttempts", async () => {
    await plan("flaky");
    const { messenger } = fakeMessenger(() => ({ ok: false, retryable: true, reason: "http_502" }));
    const d = dispatcher(messenger, { maxAttempts: 4 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await d.runOnce()).toMatchObject({ retried: 1 });
      const { notBefore } = await row("flaky");
      delays.push(notBefore.getTime() - clock.now.getTime());
      clock.now = notBefore;
    }
    expect(delays).toEqual([2500, 5000, 10_000]); // random 0.5 × 5 s × 2^(n-1)
    expect(await d.runOnce()).toMatchObject({ failed: 1 });
    expect(await row("flaky")).toMatchObject({ status: "FAILED", attempts: 4, lastError: "gave_up_after_4:http_502" });
  });

  it("records a permanent failure with its reason and never tries again", async () => {
    await plan("gone");
    const { messenger } = fakeMessenger(() => ({ ok: false, retryable: false, reason: "user_not_found" }));
    const d = dispatcher(messenger);
    expect(await d.runOnce()).toMatchObject({ failed: 1 });
    clock.now = later(3600_000);
    expect(await d.runOnce()).toMatchObject({ claimed: 0 });
    expect(await row("gone")).toMatchObject({ status: "FAILED", attempts: 1, lastError: "user_not_found" });
  });

  it("fails an unknown kind, skips what a renderer has nothing for, defers without counting", async () => {
    await plan("mystery", users.fi, { kind: "no.such.kind" });
    await plan("nothing", users.fi, { kind: "test.nothing" });
    await plan("busy");
    const { messenger } = fakeMessenger(() => ({
      ok: false,
      retryable: true,
      reason: "local_rate_limit",
      retryAfterMs: 4000,
      deferred: true,
    }));
    expect(await dispatcher(messenger).runOnce()).toMatchObject({ failed: 1, skipped: 1, deferred: 1 });
    expect(await row("mystery")).toMatchObject({ status: "FAILED", lastError: "unknown_kind:no.such.kind" });
    expect(await row("nothing")).toMatchObject({ status: "SKIPPED", attempts: 0 });
    expect(await row("busy")).toMatchObject({ status: "PENDING", attempts: 0, notBefore: later(4000) });
  });

  it("takes over a row whose worker died after the lease, not before; the late worker records nothing", async () => {
    await plan("orphan");
    const [claim] = await claimDueNotifications(prisma, { worker: "dead", now: T0, limit: 10, leaseMs: 60_000 });
    expect(claim?.key).toBe("orphan");
    const { messenger, delivered } = fakeMessenger();
    const d = dispatcher(messenger, { leaseMs: 60_000 });
    clock.now = later(59_000);
    expect(await d.runOnce()).toMatchObject({ claimed: 0 });
    clock.now = later(61_000);
    expect(await d.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(delivered).toHaveLength(1);
    // the first worker wakes up: its claim is gone, so it cannot mark the row
    expect(await markSent(prisma, claim as NonNullable<typeof claim>, later(62_000))).toBe(false);
    expect((await row("orphan")).sentAt).toEqual(later(61_000));
  });

  it("claims only the rows it works on: 4 SENDING of 20 due with concurrency 4, refilled as they finish", async () => {
    await planNotifications(
      prisma,
      Array.from({ length: 20 }, (_, i) => ({ key: `slot-${i}`, userId: users.fi, kind: "test.hello", payload: i })),
    );
    clock.now = new Date(Date.now() + 60_000);
    const held = heldMessenger();
    const pass = dispatcher(held.messenger, { concurrency: 4, worker: "busy" }).runOnce();
    await held.started(4);
    // the other 16 stay PENDING, free for another worker, while these four wait
    expect(await prisma.notification.count({ where: { status: "SENDING" } })).toBe(4);
    expect(held.count).toBe(4);
    const other = fakeMessenger();
    const stats = await dispatcher(other.messenger, { concurrency: 4, worker: "free" }).runOnce();
    expect(stats.sent).toBe(16);
    held.release();
    expect(await pass).toMatchObject({ claimed: 4, sent: 4 });
    expect(new Set([...held.delivered, ...other.delivered.map((d) => d.reply.summary)]).size).toBe(20);
  });

  it(
    "gives the slot of a row waiting for its instant to another row (concurrency 1)",
    { timeout: 10_000 },
    async () => {
      await plan("waits");
      await plan("meanwhile", users.fi, { notBefore: later(1) });
      clock.now = later(1);
      let release = () => {};
      const instant = new Promise<void>((resolve) => {
        release = resolve;
      });
      let meanwhileSent = () => {};
      const meanwhile = new Promise<void>((resolve) => {
        meanwhileSent = resolve;
      });
      const order: string[] = [];
      const send = async (_recipient: Recipient, reply: Reply): Promise<SendResult> => {
        // what the limiters do while a send waits for its reserved instant
        if (reply.summary === "Hei waits") await whileIdle(instant);
        order.push(reply.summary ?? "");
        if (reply.summary === "Hei meanwhile") meanwhileSent();
        return { ok: true };
      };
      const pass = dispatcher({ send, update: (r, _m, reply) => send(r, reply) }, { concurrency: 1 }).runOnce();
      await meanwhile;
      release();
      expect(await pass).toMatchObject({ claimed: 2, sent: 2 });
      expect(order).toEqual(["Hei meanwhile", "Hei waits"]);
    },
  );

  it("renews the lease of a row still being sent: it is not taken over, and its outcome is recorded", async () => {
    await plan("slow");
    const held = heldMessenger();
    const slow = dispatcher(held.messenger, { leaseMs: 60_000, worker: "slow" });
    const pass = slow.runOnce();
    await held.started(1);
    clock.now = later(50_000);
    expect(await slow.renew()).toBe(1);
    const other = fakeMessenger();
    clock.now = later(70_000); // 70 s after the claim, 20 s after the renewal
    expect(await dispatcher(other.messenger, { leaseMs: 60_000, worker: "eager" }).runOnce()).toMatchObject({
      claimed: 0,
    });
    held.release();
    expect(await pass).toMatchObject({ sent: 1, lost: 0 });
    expect(await row("slow")).toMatchObject({ status: "SENT", claimedBy: "slow", claimedAt: later(50_000) });
    expect(other.delivered).toHaveLength(0);
    // and without the renewal the row would have been taken over at 70 s
    await plan("unrenewed");
    await claimDueNotifications(prisma, { worker: "dead", now: T0, limit: 10, leaseMs: 60_000 });
    expect(await dispatcher(other.messenger, { leaseMs: 60_000 }).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
  });

  it("renews only claims that are still ours", async () => {
    await plan("mine");
    await plan("theirs");
    const claims = await claimDueNotifications(prisma, { worker: "w", now: T0, limit: 10, leaseMs: 60_000 });
    expect(claims).toHaveLength(2);
    // "theirs" was taken over by another worker after the lease
    await prisma.notification.update({
      where: { key: "theirs" },
      data: { claimedBy: "other", claimedAt: later(61_000) },
    });
    const renewed = await renewLeases(prisma, claims, later(62_000));
    expect([...renewed]).toEqual(claims.filter((c) => c.key === "mine").map((c) => c.id));
    expect(await row("theirs")).toMatchObject({ claimedBy: "other", claimedAt: later(61_000) });
    expect(await row("mine")).toMatchObject({ claimedBy: "w", claimedAt: later(62_000) });
  });

  it("keeps a row for a platform that is off, to try again later", async () => {
    await plan("slack-off");
    const d = dispatcher(fakeMessenger().messenger, { messengers: {} });
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    expect(await row("slack-off")).toMatchObject({ status: "PENDING", lastError: "platform_off:teams" });
  });
});
