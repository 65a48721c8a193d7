// The catalogue import against a real database (embedded PGlite, or PostgreSQL with
// TEST_DATABASE_URL). The tests share one store and run in order: sample first, then a
// coordinator's own catalogue replaces it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CatalogImportError,
  type CatalogInput,
  CatalogSchema,
  importCatalog,
  seedSampleDataIfEmpty,
} from "../domain/store/catalog-import.ts";
import type { Prisma } from "../prisma/generated/client.ts";
import { openTestStore, type TestStore } from "./helpers/test-store.ts";

const sample = JSON.parse(
  readFileSync(new URL("../prisma/seed/sample-data.json", import.meta.url), "utf8"),
) as CatalogInput;

type SeriesInput = NonNullable<CatalogInput["series"]>[number];
const ownSeries: SeriesInput = {
  id: "aamukahvit",
  kind: "NETWORK_COFFEE",
  networkId: "severi",
  titleFi: "Aamukahvit",
  titleSv: "Morgonkaffe",
  titleEn: "Morning coffee",
  languages: ["fi"],
  rule: { freq: "weekly", interval: 2, weekday: "TH", startDate: "2026-01-08", time: "09:00", durationMinutes: 30 },
  hostRotation: ["testikirjasto", "porvoo"],
};

/** A coordinator's catalogue: keeps the ids "porvoo", "severi" and "pakopeli-1" of the sample, adds the rest. */
const own = {
  version: 1,
  sample: false,
  libraries: [
    {
      id: "porvoo",
      municipality: "Porvoo",
      municipalitySv: "Borgå",
      nameFi: "Porvoon kirjasto",
      nameSv: "Borgå bibliotek",
    },
    {
      id: "testikirjasto",
      municipality: "Porvoo",
      municipalitySv: "Borgå",
      nameFi: "Testikirjasto",
      nameSv: "Testbib",
    },
  ],
  networks: [
    {
      id: "severi",
      nameFi: "SEVERI",
      nameSv: "SEVERI",
      nameEn: "SEVERI",
      summaryFi: "Seniorityö",
      summarySv: "Seniorarbete",
      summaryEn: "Senior services",
    },
  ],
  series: [ownSeries],
  loanItems: [
    {
      id: "pakopeli-1",
      nameFi: "Pakopeli",
      nameSv: "Escape room",
      nameEn: "Escape game",
      descriptionFi: "Peli",
      descriptionSv: "Spel",
      descriptionEn: "Game",
      contentsFi: ["Laatikko"],
      contentsSv: ["Låda"],
      contentsEn: ["Box"],
      retiredAt: "2026-07-01",
    },
  ],
} satisfies CatalogInput;

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store?.drop();
});

/** Every row of the catalogue tables with its sample flag: equal before and after means nothing was written. */
async function snapshot() {
  const { prisma } = store;
  const select = { id: true, sample: true } as const;
  const order = { orderBy: { id: "asc" } } as const;
  return {
    libraries: await prisma.library.findMany({ select, ...order }),
    networks: await prisma.network.findMany({ select, ...order }),
    series: await prisma.series.findMany({ select: { ...select, titleFi: true }, ...order }),
    loanItems: await prisma.loanItem.findMany({ select, ...order }),
    sessions: await prisma.session.count(),
  };
}

async function rejection(input: unknown): Promise<CatalogImportError> {
  const error = await importCatalog(store.prisma, input as CatalogInput).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogImportError);
  return error as CatalogImportError;
}

describe("catalogue import", () => {
  it("validates the sample file", () => {
    const parsed = CatalogSchema.parse(sample);
    expect(parsed.sample).toBe(true);
    expect(parsed.libraries).toHaveLength(26);
    expect(parsed.networks.map((n) => n.id).sort()).toEqual(
      ["esihenkilot", "kirjastoautot", "lanu", "severi", "svea", "vapaaehtoiset"].sort(),
    );
    expect(parsed.loanItems.length).toBeGreaterThanOrEqual(6);
    const ake = new Set(parsed.libraries.filter((l) => l.ake).map((l) => l.id));
    const quarters = parsed.series.find((s) => s.kind === "BOOKMOBILE_QUARTER");
    expect(quarters?.hostRotation.every((id) => ake.has(id))).toBe(true);
    expect(parsed.series.every((s) => s.rule.until === undefined)).toBe(true);
  });

  it("seeds the sample into an empty store, once", async () => {
    const report = await seedSampleDataIfEmpty(store.prisma);
    expect(report?.counts.libraries).toEqual({ created: 26, updated: 0, unchanged: 0, deleted: 0 });
    expect(report?.counts.networks.created).toBe(6);
    expect(report?.counts.loanItems.created).toBe(6);
    expect(await store.prisma.library.count({ where: { sample: false } })).toBe(0);
    const porvoo = await store.prisma.library.findUniqueOrThrow({ where: { id: "porvoo" } });
    expect(porvoo).toMatchObject({ nameSv: "Borgå stadsbibliotek", consortium: "Helle", bilingual: true, ake: true });
    expect(await seedSampleDataIfEmpty(store.prisma)).toBeNull();
  });

  it("imports the sample again without changing anything", async () => {
    const before = await snapshot();
    const report = await importCatalog(store.prisma, sample);
    for (const counts of Object.values(report.counts)) {
      expect(counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    }
    expect(report.counts.series.unchanged).toBe(13);
    expect(await snapshot()).toEqual(before);
  });

  it("rejects invalid input, naming the path, and writes nothing", async () => {
    const before = await snapshot();
    const [first, second] = CatalogSchema.parse(sample).series;
    const series = (patch: object) => ({ ...sample, series: [{ ...first, ...patch }, second] });

    const unknownNetwork = await rejection(series({ networkId: "severi-2" }));
    expect(unknownNetwork.issues).toEqual([expect.objectContaining({ path: "series[0].networkId", id: "etakahvit" })]);
    expect(unknownNetwork.issues[0]?.message).toContain('unknown network "severi-2"');

    const monthly = await rejection(series({ rule: { ...first?.rule, freq: "monthly", weekOfMonth: undefined } }));
    expect(monthly.issues.map((i) => i.path)).toContain("series[0].rule.weekOfMonth");
    expect(monthly.message).toContain("a monthly rule needs weekOfMonth");

    const late = await rejection(series({ rule: { ...first?.rule, time: "25:00" } }));
    expect(late.issues).toEqual([{ path: "series[0].rule.time", id: "etakahvit", message: "a time as HH:mm" }]);

    const duplicate = await rejection({
      ...sample,
      libraries: [...(sample.libraries ?? []), { ...own.libraries[1], id: "kerava" }],
    });
    expect(duplicate.issues).toEqual([expect.objectContaining({ path: "libraries[26].id", id: "kerava" })]);
    expect(duplicate.issues[0]?.message).toMatch(/duplicate id \(also libraries\[9\]\)/);

    // A coordinator's file may not lean on sample rows: they are deleted by the same import.
    const onSample = await rejection({ ...own, series: [{ ...ownSeries, networkId: "lanu" }] });
    expect(onSample.issues[0]).toMatchObject({ path: "series[0].networkId" });
    expect(onSample.issues[0]?.message).toContain("sample rows are replaced");

    const stray = await rejection({ ...own, libraries: [{ ...own.libraries[0], colour: "red" }] });
    expect(stray.issues[0]).toMatchObject({ path: "libraries[0]", id: "porvoo" });
    expect(await snapshot()).toEqual(before);
  });

  it("computes a dry run without writing", async () => {
    const before = await snapshot();
    const report = await importCatalog(store.prisma, own, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.counts.libraries).toEqual({ created: 1, updated: 1, unchanged: 0, deleted: 25 });
    expect(await snapshot()).toEqual(before);
  });

  it("replaces every sample row with a coordinator's catalogue", async () => {
    const { prisma } = store;
    const { id: askolaUser } = await prisma.user.create({
      data: { platform: "SLACK", platformUserId: "T1:U1", libraryId: "askola" },
    });
    const { id: porvooUser } = await prisma.user.create({
      data: { platform: "TEAMS", platformUserId: "aad-1", libraryId: "porvoo" },
    });
    const session = (extra: Partial<Prisma.SessionUncheckedCreateInput>): Prisma.SessionUncheckedCreateInput => ({
      ...{ kind: "REMOTE_COFFEE", titleFi: "t", titleSv: "t", titleEn: "t", languages: ["fi"] },
      ...{ startsAt: new Date("2026-03-10T07:00:00Z"), endsAt: new Date("2026-03-10T07:30:00Z"), ...extra },
    });
    await prisma.session.create({
      data: session({ seriesId: "etakahvit", occurrenceDate: "2026-03-10", sample: true }),
    });
    const oneOff = await prisma.session.create({ data: session({ hostLibraryId: "askola", networkId: "severi" }) });
    // a sample kit the coordinators' file drops, but that a library has booked
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    await prisma.kitBooking.create({
      data: {
        itemId: "kamishibai",
        libraryId: "porvoo",
        useStart: day("2026-03-02"),
        useEnd: day("2026-03-06"),
        occupiedStart: day("2026-02-26"),
        occupiedEnd: day("2026-03-10"),
        status: "CLOSED",
      },
    });

    const report = await importCatalog(prisma, own, { now: new Date("2026-11-26T10:00:00Z") });
    expect(report.counts.libraries).toEqual({ created: 1, updated: 1, unchanged: 0, deleted: 25 });
    expect(report.counts.networks).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 5 });
    expect(report.counts.series).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 13 });
    expect(report.counts.loanItems).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 4 });
    expect(report.kitsKept).toBe(1);
    expect(report.sessionsDeleted).toBe(1);
    // kept with its loan history, no longer offered, and no longer sample data
    const kept = await prisma.loanItem.findUniqueOrThrow({ where: { id: "kamishibai" } });
    expect([kept.sample, kept.retiredAt?.toISOString()]).toEqual([false, "2026-11-26T10:00:00.000Z"]);
    expect(await prisma.kitBooking.count({ where: { itemId: "kamishibai" } })).toBe(1);

    const samples = { where: { sample: true } };
    const left = [prisma.library.count(samples), prisma.network.count(samples), prisma.series.count(samples)];
    left.push(prisma.loanItem.count(samples), prisma.session.count(samples));
    expect(await Promise.all(left)).toEqual([0, 0, 0, 0, 0]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: askolaUser } })).libraryId).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: porvooUser } })).libraryId).toBe("porvoo");
    expect(await prisma.session.findUniqueOrThrow({ where: { id: oneOff.id } })).toMatchObject({
      hostLibraryId: null,
      networkId: "severi",
    });
    const kit = await prisma.loanItem.findUniqueOrThrow({ where: { id: "pakopeli-1" } });
    expect(kit.retiredAt?.toISOString()).toBe("2026-06-30T21:00:00.000Z"); // midnight in Helsinki
  });

  it("keeps a coordinator's data when the sample is imported later", async () => {
    const before = await snapshot();
    const report = await importCatalog(store.prisma, sample);
    expect(report.keptOwnData).toBe(true);
    expect(Object.values(report.counts).every((c) => c.created + c.updated + c.deleted === 0)).toBe(true);
    expect(await seedSampleDataIfEmpty(store.prisma)).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it("accepts references to a coordinator's rows already in the database", async () => {
    const next: CatalogInput = { version: 1, series: [{ ...ownSeries, id: "iltakahvit", hostRotation: ["porvoo"] }] };
    const report = await importCatalog(store.prisma, next);
    expect(report.counts.series).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 0 });
    expect(report.counts.libraries.deleted).toBe(0);
    expect(await store.prisma.series.count()).toBe(2);
  });
});
