// The outbox settings: validated with the rest of the configuration, and carried by
// startApp to the dispatcher (a row claimed by a dead worker is taken over after
// OUTBOX_LEASE_MS, not after the default minute).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../adapters/app.ts";
import { ConfigError, DEFAULT_OUTBOX_LEASE_MS, loadConfig } from "../bot/config.ts";
import { silentLogger } from "../bot/log.ts";
import { claimDueNotifications, planNotifications } from "../domain/store/outbox.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

const T0 = new Date("2026-11-02T09:00:00+02:00");

describe("OUTBOX_LEASE_MS and OUTBOX_CONCURRENCY", () => {
  it("default to a one-minute lease and a concurrency chosen by the store", () => {
    expect(loadConfig({}).outbox).toEqual({ leaseMs: DEFAULT_OUTBOX_LEASE_MS, concurrency: undefined });
    expect(loadConfig({ OUTBOX_LEASE_MS: "", OUTBOX_CONCURRENCY: " " }).outbox).toEqual({
      leaseMs: 60_000,
      concurrency: undefined,
    });
    expect(loadConfig({ OUTBOX_LEASE_MS: "30000", OUTBOX_CONCURRENCY: "4" }).outbox).toEqual({
      leaseMs: 30_000,
      concurrency: 4,
    });
  });

  it("refuse what is not a whole number in range, naming the setting", () => {
    for (const [name, value] of [
      ["OUTBOX_LEASE_MS", "5000"],
      ["OUTBOX_LEASE_MS", "1.5e3"],
      ["OUTBOX_LEASE_MS", "soon"],
      ["OUTBOX_CONCURRENCY", "0"],
      ["OUTBOX_CONCURRENCY", "65"],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: value })).toThrow(name);
    }
  });
});

describe("the lease setting in a running app", () => {
  let store: TestStore;
  let app: RunningApp;
  const clock = { now: T0 };

  beforeAll(async () => {
    store = await openTestStore();
    const config = loadConfig({ PORT: "0", PUBLIC_URL: "https://ake.example.test", OUTBOX_LEASE_MS: "30000" });
    app = await startApp({ config, log: silentLogger, store, now: () => clock.now });
  });

  afterAll(async () => {
    await app?.stop();
    await store?.drop();
  });

  it("reaches the dispatcher: a dead worker's row is taken over after 30 s", async () => {
    const user = await store.prisma.user.create({ data: { platform: "TEAMS", platformUserId: "29:lease" } });
    await planNotifications(store.prisma, [
      { key: "lease:1", userId: user.id, kind: "no.such.kind", payload: {}, notBefore: T0 },
    ]);
    const [claim] = await claimDueNotifications(store.prisma, { worker: "dead", now: T0, limit: 1, leaseMs: 1 });
    expect(claim?.key).toBe("lease:1");
    // checked on the row itself: the sample data may plan rows of its own
    const leaseRow = () => store.prisma.notification.findUniqueOrThrow({ where: { key: "lease:1" } });
    clock.now = new Date(T0.getTime() + 29_000);
    await app.delivery.runOnce();
    expect(await leaseRow()).toMatchObject({ status: "SENDING", claimedBy: "dead" });
    clock.now = new Date(T0.getTime() + 31_000);
    await app.delivery.runOnce();
    // taken over, and failed for its unknown kind
    expect(await leaseRow()).toMatchObject({
      status: "FAILED",
      claimedBy: app.delivery.worker,
      claimedAt: clock.now,
      lastError: "unknown_kind:no.such.kind",
    });
  });
});
