// The registration data module on a real store (embedded, or PostgreSQL with
// TEST_DATABASE_URL): seats and the waitlist under real concurrency, promotion with its
// one notification, refusals that store nothing. A pool of 12 connections makes the
// 50 simultaneous registrations really parallel on PostgreSQL.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancel, register, waitlistPosition } from "../domain/store/registrations.ts";
import type { PrismaClient } from "../prisma/generated/client.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";
import { createSession, createUser, HOUR, NOW } from "./registrations-fixtures.ts";

let store: TestStore;
let pool: PrismaClient;
const now = new Date(NOW);

beforeAll(async () => {
  store = await openTestStore({ poolSize: 12 });
  pool = store.prisma;
  await store.prisma.network.create({
    data: {
      id: "severi",
      nameFi: "SEVERI",
      nameSv: "SEVERI",
      nameEn: "SEVERI",
      summaryFi: "",
      summarySv: "",
      summaryEn: "",
    },
  });
});
afterAll(async () => {
  await store?.drop();
});

/** Polls pg_stat_activity (PostgreSQL only) for the most backends waiting on a lock at one time. */
function sampleLockWaits() {
  let sampling = store.kind === "postgresql";
  let most = 0;
  // its own connection: the pool's twelve are all busy with the registrations
  const client = new pg.Client({ connectionString: store.url });
  const loop = (async () => {
    if (!sampling) return;
    await client.connect();
    while (sampling) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      most = Math.max(most, Number(rows[0]?.n ?? 0));
    }
    await client.end();
  })();
  return {
    async stop() {
      sampling = false;
      await loop;
      return most;
    },
  };
}

const input = (sessionId: string, userId: string, isCoordinator = false) => ({ sessionId, userId, now, isCoordinator });

describe("register", () => {
  it("gives a seat once: a second request, even a simultaneous one, is 'already'", async () => {
    const session = await createSession(store.prisma);
    const user = await createUser(store.prisma, "double");
    const results = await Promise.all([
      register(pool, input(session.id, user.id)),
      register(pool, input(session.id, user.id)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: "already", status: "REGISTERED" });
    expect(await register(pool, input(session.id, user.id))).toMatchObject({ reason: "already" });
    expect(await store.prisma.registration.count({ where: { sessionId: session.id } })).toBe(1);
  });

  it("50 at once for the last 5 seats: 5 seats, 45 waitlisted in the order the lock was granted", async () => {
    const session = await createSession(store.prisma, { capacity: 20 });
    for (let i = 0; i < 15; i++) {
      const early = await createUser(store.prisma, `early${i}`);
      expect(await register(store.prisma, input(session.id, early.id))).toMatchObject({ status: "REGISTERED" });
    }
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => createUser(store.prisma, `rush${i}`)));
    const lockOrder: string[] = [];
    const lockWaits = sampleLockWaits();
    const started = performance.now();
    const results = await Promise.all(
      users.map((user) =>
        register(pool, { ...input(session.id, user.id), onLocked: () => lockOrder.push(user.id) }).then((result) => ({
          user: user.id,
          result,
        })),
      ),
    );
    const elapsed = performance.now() - started;
    const waiting = await lockWaits.stop();
    // On PostgreSQL the transactions really ran side by side: several queued on the row lock at once.
    if (store.kind === "postgresql") expect(waiting).toBeGreaterThan(1);
    expect(results.filter((r) => r.result.ok && r.result.status === "REGISTERED")).toHaveLength(5);
    expect(results.filter((r) => r.result.ok && r.result.status === "WAITLISTED")).toHaveLength(45);

    // the stored arrival order (seq) is the order in which the transactions took the lock…
    const rows = await store.prisma.registration.findMany({
      where: { sessionId: session.id, userId: { in: users.map((u) => u.id) } },
      orderBy: { seq: "asc" },
      select: { userId: true, status: true },
    });
    expect(rows.map((r) => r.userId)).toEqual(lockOrder);
    // …the first five to get the lock got the seats, and each later one its place in line
    const byUser = new Map(results.map((r) => [r.user, r.result]));
    lockOrder.forEach((userId, index) => {
      const result = byUser.get(userId);
      if (index < 5) expect(result).toMatchObject({ ok: true, status: "REGISTERED" });
      else expect(result).toMatchObject({ ok: true, status: "WAITLISTED", position: index - 4 });
    });
    expect(await store.prisma.registration.count({ where: { sessionId: session.id, status: "REGISTERED" } })).toBe(20);
    console.info(
      `[registrations] ${store.kind}: 50 concurrent registrations (pool 12) in ${Math.round(elapsed)} ms;`,
      store.kind === "postgresql"
        ? `at most ${waiting} transactions waited on the row lock at once`
        : "(the embedded store runs one transaction at a time)",
    );
  });

  it("refuses a past session, a passed deadline, a cancelled one and coffees, storing nothing", async () => {
    const user = await createUser(store.prisma, "refused");
    const cases = [
      [{ at: ["2026-10-19", "09:00"] as [string, string] }, "started"],
      [{ registrationDeadline: new Date(now.getTime() - HOUR) }, "deadline_passed"],
      [{ cancelledAt: new Date(now.getTime() - HOUR) }, "cancelled"],
      [{ kind: "REMOTE_COFFEE" as const, registrationRequired: false, capacity: null }, "no_registration"],
    ] as const;
    for (const [spec, reason] of cases) {
      const session = await createSession(store.prisma, spec);
      expect(await register(pool, input(session.id, user.id))).toMatchObject({ ok: false, reason });
      expect(await store.prisma.registration.count({ where: { sessionId: session.id } })).toBe(0);
    }
    expect(await register(pool, input("no-such-session", user.id))).toEqual({ ok: false, reason: "not_found" });
  });

  it("opens a core-group meeting only to that core group and to coordinators", async () => {
    const meeting = await createSession(store.prisma, { kind: "CORE_GROUP_MEETING", capacity: null });
    const [outsider, member, coordinator] = await Promise.all([
      createUser(store.prisma, "outsider"),
      createUser(store.prisma, "member"),
      createUser(store.prisma, "coordinator", "COORDINATOR"),
    ]);
    await store.prisma.coreGroupMember.create({ data: { networkId: "severi", userId: member.id } });
    expect(await register(pool, input(meeting.id, outsider.id))).toMatchObject({
      ok: false,
      reason: "core_group_only",
    });
    expect(await store.prisma.registration.count({ where: { sessionId: meeting.id } })).toBe(0);
    expect(await register(pool, input(meeting.id, member.id))).toMatchObject({ ok: true, status: "REGISTERED" });
    expect(await register(pool, input(meeting.id, coordinator.id, true))).toMatchObject({ ok: true });
  });
});

describe("cancel", () => {
  it("promotes the first in line and plans exactly one notification, however often it is repeated", async () => {
    const session = await createSession(store.prisma, { capacity: 2 });
    const [a, b, c, d] = [
      await createUser(store.prisma, "cancel-a"),
      await createUser(store.prisma, "cancel-b"),
      await createUser(store.prisma, "cancel-c"),
      await createUser(store.prisma, "cancel-d"),
    ];
    for (const user of [a, b, c, d]) await register(pool, input(session.id, user.id));
    expect(await waitlistPosition(pool, session.id, d.id)).toBe(2);

    const results = await Promise.all([
      cancel(pool, { sessionId: session.id, userId: a.id, now }),
      cancel(pool, { sessionId: session.id, userId: a.id, now }),
    ]);
    expect(results.filter((r) => r.ok)).toEqual([
      expect.objectContaining({ was: "REGISTERED", promotedUserIds: [c.id] }),
    ]);
    expect(await cancel(pool, { sessionId: session.id, userId: a.id, now })).toMatchObject({
      reason: "not_registered",
    });

    const promoted = await store.prisma.registration.findUniqueOrThrow({
      where: { sessionId_userId: { sessionId: session.id, userId: c.id } },
    });
    expect(promoted).toMatchObject({ status: "REGISTERED", promotedAt: now });
    expect(await waitlistPosition(pool, session.id, d.id)).toBe(1);
    const notifications = await store.prisma.notification.findMany({ where: { kind: "registrations.promoted" } });
    const mine = notifications.filter((n) => (n.payload as { sessionId: string }).sessionId === session.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ userId: c.id, key: `registrations.promoted:${promoted.id}:${promoted.seq}` });
    expect(mine[0]?.payload).toMatchObject({
      titleFi: session.titleFi,
      titleSv: session.titleSv,
      titleEn: session.titleEn,
    });

    // leaving the waitlist frees no seat: nobody is promoted, nothing is planned
    expect(await cancel(pool, { sessionId: session.id, userId: d.id, now })).toMatchObject({
      ok: true,
      was: "WAITLISTED",
      promotedUserIds: [],
    });
  });

  it("re-registering after cancelling takes a fresh place at the end of the line", async () => {
    const session = await createSession(store.prisma, { capacity: 1 });
    const [a, b, c] = [
      await createUser(store.prisma, "again-a"),
      await createUser(store.prisma, "again-b"),
      await createUser(store.prisma, "again-c"),
    ];
    for (const user of [a, b, c]) await register(pool, input(session.id, user.id));
    await cancel(pool, { sessionId: session.id, userId: b.id, now });
    expect(await register(pool, input(session.id, b.id))).toMatchObject({ status: "WAITLISTED", position: 2 });
    expect(await store.prisma.registration.count({ where: { sessionId: session.id } })).toBe(3);
  });

  it("refuses to cancel a session that has started", async () => {
    const session = await createSession(store.prisma, { capacity: 1 });
    const user = await createUser(store.prisma, "late");
    await register(pool, input(session.id, user.id));
    const later = new Date(session.startsAt.getTime() + HOUR);
    expect(await cancel(pool, { sessionId: session.id, userId: user.id, now: later })).toMatchObject({
      reason: "started",
    });
  });
});
