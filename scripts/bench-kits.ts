// `npm run bench:kits`: the availability query of one kit that has 10,000 past bookings
// (and a few coming ones), on the embedded store and on PostgreSQL. Measures what a
// user waits for in `lainaa`: the bookings that touch the next three months (the
// exclusion constraint's GiST index answers it) and the weeks computed from them, and
// the search for the next free window a refused request is offered.
//
//   npm run bench:kits                         # both stores, 10,000 bookings, 200 queries
//   npm run bench:kits -- --store embedded --bookings 2000 --queries 50
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { availabilityOf } from "../bot/features/kits/catalogue.ts";
import { nextFreeWindow } from "../domain/kits/availability.ts";
import { todayInHelsinki, transitWindow } from "../domain/kits/working-days.ts";
import { seedSampleDataIfEmpty } from "../domain/store/catalog-import.ts";
import { findItem, occupiedBetween, toDbDate } from "../domain/store/kits.ts";
import { addCalendarDays } from "../domain/time.ts";
import { openStore, type Store } from "../prisma/store.ts";
import { checkLoopback, createDatabase, serverAnswers } from "./bench/postgres.ts";
import { ms, percentile, progress } from "./bench/stats.ts";

const ITEM = "pakopeli-1";
const NOW = new Date("2026-11-26T08:00:00Z");

const { values } = parseArgs({
  options: {
    store: { type: "string", default: "both" },
    bookings: { type: "string", default: "10000" },
    queries: { type: "string", default: "200" },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const bookings = Number(values.bookings);
const queries = Number(values.queries);
if (!Number.isInteger(bookings) || bookings < 1 || !Number.isInteger(queries) || queries < 1) {
  process.stderr.write(
    "usage: npm run bench:kits -- [--store embedded|postgresql|both] [--bookings N] [--queries N]\n",
  );
  process.exit(2);
}

/** Past bookings back to back, one a week (a 3-day use with a day of transit each side). */
async function seed(store: Store): Promise<void> {
  await seedSampleDataIfEmpty(store.prisma);
  const today = todayInHelsinki(NOW);
  const rows = [];
  for (let i = 1; i <= bookings; i++) {
    const useStart = addCalendarDays(today, -7 * i - 10);
    const useEnd = addCalendarDays(useStart, 2);
    rows.push({
      itemId: ITEM,
      libraryId: i % 2 ? "lohja" : "espoo",
      useStart: toDbDate(useStart),
      useEnd: toDbDate(useEnd),
      occupiedStart: toDbDate(addCalendarDays(useStart, -1)),
      occupiedEnd: toDbDate(addCalendarDays(useEnd, 1)),
      status: "CLOSED" as const,
    });
  }
  // a few coming ones, so the weeks are not all free
  for (const [start, end] of [
    ["2026-12-14", "2026-12-18"],
    ["2027-01-18", "2027-02-05"],
  ] as const) {
    const occupied = transitWindow(start, end, 2);
    rows.push({
      itemId: ITEM,
      libraryId: "porvoo",
      useStart: toDbDate(start),
      useEnd: toDbDate(end),
      occupiedStart: toDbDate(occupied.start),
      occupiedEnd: toDbDate(occupied.end),
      status: "APPROVED" as const,
    });
  }
  for (let i = 0; i < rows.length; i += 1000)
    await store.prisma.kitBooking.createMany({ data: rows.slice(i, i + 1000) });
  await store.prisma.$executeRawUnsafe(`ANALYZE "KitBooking"`);
}

async function measure(label: string, store: Store): Promise<string[]> {
  progress(`${label}: seeding ${bookings} bookings`);
  await seed(store);
  const item = await findItem(store.prisma, ITEM);
  if (!item) throw new Error("no sample kit");
  const weeks: number[] = [];
  const windows: number[] = [];
  for (let i = 0; i < queries; i++) {
    let t = performance.now();
    await availabilityOf(store.prisma, item, NOW);
    weeks.push(performance.now() - t);
    t = performance.now();
    const from = "2026-12-15";
    const occupied = await occupiedBetween(store.prisma, ITEM, from, addCalendarDays(from, 732));
    nextFreeWindow({ useDays: 10, transitDays: 2, occupied, from });
    windows.push(performance.now() - t);
  }
  const plan = await store.prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
    `EXPLAIN SELECT id FROM "KitBooking" WHERE "itemId" = '${ITEM}' AND status NOT IN ('REJECTED', 'CANCELLED')
       AND daterange("occupiedStart", "occupiedEnd", '[]') && daterange('2026-11-26'::date, '2027-03-01'::date, '[]')`,
  );
  const lines = plan.map((row) => row["QUERY PLAN"]);
  const index = (lines.find((line) => /Index Scan/.test(line)) ?? lines[0] ?? "").replace(/^[\s>-]+/, "").trim();
  return [
    `| ${label} | ${bookings.toLocaleString("en")} | ${ms(percentile(weeks, 0.5))} / ${ms(percentile(weeks, 0.99))} ms | ${ms(percentile(windows, 0.5))} / ${ms(percentile(windows, 0.99))} ms | ${index.split("  ")[0]?.replace(/\s*\(cost.*$/, "")} |`,
  ];
}

const rows: string[] = [];
if (values.store === "embedded" || values.store === "both") {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "ake-bench-kits-"));
  const store = await openStore({ dataDir });
  try {
    rows.push(...(await measure("embedded (PGlite)", store)));
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
const serverUrl = values["database-url"] ?? "";
if (values.store === "postgresql" || values.store === "both") {
  checkLoopback(serverUrl);
  if (await serverAnswers(serverUrl)) {
    const database = await createDatabase(serverUrl);
    const store = await openStore({ dataDir: "", databaseUrl: database.url });
    try {
      rows.push(...(await measure("PostgreSQL 15", store)));
    } finally {
      await store.close();
      await database.drop();
    }
  } else progress(`no PostgreSQL answers at ${serverUrl}: skipped`);
}
process.stdout.write(
  [
    `Availability of one kit with past bookings, ${queries} queries each (p50 / p99):`,
    "",
    "| store | past bookings | 13 weeks for `lainaa` | next free window (2 years) | plan |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n"),
);
