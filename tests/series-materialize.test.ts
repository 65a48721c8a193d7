// Recurring series become Session rows ahead of time, idempotently, with the
// series' registration settings and rotating hosts on every occurrence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { materializeSeries } from "../domain/store/sessions.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
  await store.prisma.library.createMany({
    data: ["porvoo", "lohja"].map((id) => ({
      id,
      municipality: id,
      municipalitySv: id,
      nameFi: id,
      nameSv: id,
      ake: true,
    })),
  });
  await store.prisma.series.create({
    data: {
      id: "verkostopaiva",
      kind: "NETWORK_DAY",
      titleFi: "Verkostopäivä",
      titleSv: "Nätverksdag",
      titleEn: "Network day",
      languages: ["fi", "sv"],
      tags: [],
      place: "Porvoon pääkirjasto",
      rule: {
        freq: "monthly",
        interval: 1,
        weekday: "TH",
        weekOfMonth: 1,
        startDate: "2026-09-01",
        time: "09:00",
        durationMinutes: 360,
        skipMonths: [],
        exceptions: [],
      },
      hostRotation: ["porvoo", "lohja"],
      registrationRequired: true,
      capacity: 30,
      registrationClosesHoursBefore: 48,
    },
  });
});
afterAll(async () => {
  await store?.drop();
});

describe("materializeSeries", () => {
  it("copies the series' registration settings and rotates hosts, also on a later nightly run", async () => {
    await materializeSeries(store.prisma, new Date("2026-09-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    // the nightly run a month later adds the next occurrences
    const added = await materializeSeries(
      store.prisma,
      new Date("2026-09-01T00:00:00Z"),
      new Date("2026-12-15T00:00:00Z"),
    );
    expect(added).toBe(2);
    const sessions = await store.prisma.session.findMany({
      where: { seriesId: "verkostopaiva" },
      orderBy: { startsAt: "asc" },
    });
    expect(sessions.map((s) => s.occurrenceDate)).toEqual(["2026-09-03", "2026-10-01", "2026-11-05", "2026-12-03"]);
    expect(sessions.map((s) => s.hostLibraryId)).toEqual(["porvoo", "lohja", "porvoo", "lohja"]);
    for (const session of sessions) {
      expect(session).toMatchObject({ registrationRequired: true, capacity: 30, place: "Porvoon pääkirjasto" });
      expect(session.registrationDeadline?.getTime()).toBe(session.startsAt.getTime() - 48 * 3_600_000);
    }
    // 5 Nov is after the October change: still 09:00 in Helsinki (07:00 UTC)
    expect(sessions[2]?.startsAt.toISOString()).toBe("2026-11-05T07:00:00.000Z");
  });

  it("running again adds nothing", async () => {
    expect(
      await materializeSeries(store.prisma, new Date("2026-09-01T00:00:00Z"), new Date("2026-12-15T00:00:00Z")),
    ).toBe(0);
  });
});
