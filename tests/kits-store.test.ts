// The kit bookings' store on a real database: the exclusion constraint refuses two live
// bookings of one item on the same day whatever runs at once, rejected and cancelled
// bookings free their days, and the availability query finds what overlaps a window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitWindow } from "../domain/kits/working-days.ts";
import { openApproval } from "../domain/store/approvals.ts";
import { seedSampleDataIfEmpty } from "../domain/store/catalog-import.ts";
import { blockDates, cancelBooking, createBooking, moveBooking } from "../domain/store/kit-bookings.ts";
import { isOverlapViolation, occupiedBetween, toDbDate } from "../domain/store/kits.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

let store: TestStore;
let requesterId = "";
const NOW = new Date("2026-11-26T08:00:00Z");

beforeAll(async () => {
  store = await openTestStore({ poolSize: 10 });
  await seedSampleDataIfEmpty(store.prisma);
  const user = await store.prisma.user.create({
    data: { platform: "TEAMS", platformUserId: "29:store-test", libraryId: "lohja" },
  });
  requesterId = user.id;
});
afterAll(async () => {
  await store?.drop();
});

function booking(itemId: string, start: string, end: string, libraryId = "lohja") {
  return {
    itemId,
    libraryId,
    requesterId,
    contactName: "Leena",
    notes: "",
    use: { start, end },
    occupied: transitWindow(start, end, 2),
    now: NOW,
  };
}

describe("the no-overlap constraint", () => {
  it("lets exactly one of ten simultaneous requests for the same days through", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createBooking(store.prisma, booking("pakopeli-2", "2027-03-01", "2027-03-05", i % 2 ? "espoo" : "lohja")),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "conflict")).toHaveLength(9);
    expect(await store.prisma.kitBooking.count({ where: { itemId: "pakopeli-2" } })).toBe(1);
    // the losers left no approval behind either: their transaction was rolled back whole
    expect(await store.prisma.approval.count({ where: { subjectType: "kitBooking" } })).toBe(1);
  });

  it("refuses an overlap of transit days alone, at the database itself", async () => {
    // the first booking occupies 25 Feb – 9 Mar; a use ending 24 Feb with two days' transit back does not fit
    await expect(
      store.prisma.kitBooking.create({
        data: {
          itemId: "pakopeli-2",
          libraryId: "espoo",
          useStart: toDbDate("2027-02-15"),
          useEnd: toDbDate("2027-02-24"),
          occupiedStart: toDbDate("2027-02-11"),
          occupiedEnd: toDbDate("2027-02-26"),
        },
      }),
    ).rejects.toSatisfy(isOverlapViolation);
  });

  it("frees the days of a cancelled booking, and a move into taken days is refused", async () => {
    const first = await createBooking(store.prisma, booking("etalahetysvalineet", "2027-04-05", "2027-04-09"));
    const second = await createBooking(
      store.prisma,
      booking("etalahetysvalineet", "2027-04-19", "2027-04-23", "espoo"),
    );
    if (!first.ok || !second.ok) throw new Error("setup failed");
    const moved = await moveBooking(store.prisma, {
      bookingId: second.bookingId,
      actorId: requesterId,
      use: { start: "2027-04-08", end: "2027-04-12" },
      occupied: transitWindow("2027-04-08", "2027-04-12", 2),
      now: NOW,
      notify: true,
    });
    expect(moved).toBe("conflict");
    expect(
      await cancelBooking(store.prisma, { bookingId: first.bookingId, actorId: requesterId, now: NOW, notify: false }),
    ).toBe(true);
    // a cancelled booking's pending approval is withdrawn with it
    const approval = await store.prisma.approval.findFirstOrThrow({ where: { subjectId: first.bookingId } });
    expect(approval.status).toBe("WITHDRAWN");
    const again = await createBooking(
      store.prisma,
      booking("etalahetysvalineet", "2027-04-05", "2027-04-09", "vantaa"),
    );
    expect(again.ok).toBe(true);
  });

  it("a maintenance block holds its days like a booking", async () => {
    const blocked = await blockDates(store.prisma, {
      itemId: "trendikortit",
      actorId: requesterId,
      start: "2027-05-03",
      end: "2027-05-14",
      reason: "Korttien uusinta",
      now: NOW,
    });
    expect(blocked).toBe("blocked");
    const clash = await createBooking(store.prisma, booking("trendikortit", "2027-05-17", "2027-05-21"));
    expect(clash).toEqual({ ok: false, reason: "conflict" });
  });
});

describe("the availability query", () => {
  it("returns the live bookings that touch a window, in order, and nothing rejected", async () => {
    const a = await createBooking(store.prisma, booking("kamishibai", "2027-06-07", "2027-06-11"));
    const b = await createBooking(store.prisma, booking("kamishibai", "2027-06-21", "2027-06-23", "espoo"));
    if (!a.ok || !b.ok) throw new Error("setup failed");
    await store.prisma.kitBooking.update({ where: { id: b.bookingId }, data: { status: "REJECTED" } });
    const found = await occupiedBetween(store.prisma, "kamishibai", "2027-06-01", "2027-06-30");
    expect(found.map((f) => [f.id, f.start, f.end])).toEqual([[a.bookingId, "2027-06-03", "2027-06-15"]]);
    expect(await occupiedBetween(store.prisma, "kamishibai", "2027-06-16", "2027-06-30")).toEqual([]);
    expect((await occupiedBetween(store.prisma, "kamishibai", "2027-06-15", "2027-06-15")).length).toBe(1);
  });
});

describe("an approval opened inside a failing transaction", () => {
  it("leaves no card planned", async () => {
    const before = await store.prisma.notification.count();
    await expect(
      store.prisma.$transaction(async (tx) => {
        await openApproval(tx, { subjectType: "kitBooking", subjectId: "nothing", requesterId, now: NOW });
        throw new Error("the request failed after its approval was opened");
      }),
    ).rejects.toThrow("the request failed");
    expect(await store.prisma.notification.count()).toBe(before);
  });
});
