// Imports the catalogue (libraries, networks, recurring series, loanable kits) in one
// transaction. The bundled sample is stored with sample=true; a coordinator's own catalogue
// (sample: false) replaces every sample row, and a later sample import never overwrites a
// coordinator's data. The format itself is catalog-schema.ts (documented in docs/import-format.md).
import { readFile } from "node:fs/promises";
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { helsinkiInstant } from "../time.ts";
import {
  type Catalog,
  CatalogImportError,
  type CatalogInput,
  type CatalogIssue,
  CatalogSchema,
  catalogIssues,
  type Entity,
} from "./catalog-schema.ts";

export {
  type Catalog,
  CatalogImportError,
  type CatalogInput,
  type CatalogIssue,
  CatalogSchema,
  catalogIssues,
  type Entity,
  formatIssue,
} from "./catalog-schema.ts";

const SAMPLE_FILE = new URL("../../prisma/seed/sample-data.json", import.meta.url);
/** Any constant (not the migration lock's): two imports, or two instances seeding at start, take turns. */
const IMPORT_LOCK_KEY = 7_265_371;

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface ImportReport {
  sample: boolean;
  dryRun: boolean;
  /** a sample import found a coordinator's own catalogue and wrote nothing */
  keptOwnData: boolean;
  counts: Record<Entity, EntityCounts>;
  /** sample sessions removed; the materialiser creates them again from the kept series */
  sessionsDeleted: number;
  /** sample kits the file drops that were booked: kept (retired, as the coordinators' own) for their loan history */
  kitsKept: number;
}

class DryRunRollback extends Error {}

/** Validates `input`, then replaces/updates the catalogue in one transaction (rolled back on a dry run). */
export async function importCatalog(
  prisma: PrismaClient,
  input: CatalogInput,
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<ImportReport> {
  const parsed = CatalogSchema.safeParse(input);
  if (!parsed.success) throw new CatalogImportError(catalogIssues(parsed.error, input));
  const dryRun = options.dryRun ?? false;
  let report: ImportReport | undefined;
  try {
    await prisma.$transaction(
      async (tx) => {
        report = await apply(tx, parsed.data, dryRun, options.now ?? new Date());
        if (dryRun) throw new DryRunRollback();
      },
      { maxWait: 15_000, timeout: 60_000 },
    );
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!report) throw new Error("the import transaction ended without a report");
  return report;
}

/** At start-up: imports the bundled sample when the Library table is empty (one count query otherwise). */
export async function seedSampleDataIfEmpty(prisma: PrismaClient): Promise<ImportReport | null> {
  if ((await prisma.library.count()) > 0) return null;
  const sample = JSON.parse(await readFile(SAMPLE_FILE, "utf8")) as CatalogInput;
  return importCatalog(prisma, sample);
}

type Tx = Prisma.TransactionClient;

async function apply(tx: Tx, catalog: Catalog, dryRun: boolean, now: Date): Promise<ImportReport> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
  const zero = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });
  const counts = { libraries: zero(), networks: zero(), series: zero(), loanItems: zero() };
  const report: ImportReport = {
    sample: catalog.sample,
    dryRun,
    keptOwnData: false,
    counts,
    sessionsDeleted: 0,
    kitsKept: 0,
  };
  const own = { sample: false };
  if (catalog.sample) {
    const ownRows =
      (await tx.library.count({ where: own })) +
      (await tx.network.count({ where: own })) +
      (await tx.series.count({ where: own })) +
      (await tx.loanItem.count({ where: own }));
    if (ownRows > 0) return { ...report, keptOwnData: true };
  }
  await checkReferences(tx, catalog);

  // Sample rows that the file does not keep go. Sessions first, so that they can be counted:
  // a coordinator's import drops every sample session (and every session of a sample series).
  const doomed = (ids: { id: string }[]) => ({ sample: true, id: { notIn: ids.map((row) => row.id) } });
  const sessions = catalog.sample
    ? { series: doomed(catalog.series) }
    : { OR: [{ sample: true }, { series: { sample: true } }] };
  report.sessionsDeleted = (await tx.session.deleteMany({ where: sessions })).count;
  counts.series.deleted = (await tx.series.deleteMany({ where: doomed(catalog.series) })).count;
  // Referencing rows are set to null by the schema (Series/Session.networkId, Session.hostLibraryId, User.libraryId).
  counts.networks.deleted = (await tx.network.deleteMany({ where: doomed(catalog.networks) })).count;
  counts.libraries.deleted = (await tx.library.deleteMany({ where: doomed(catalog.libraries) })).count;
  // A sample kit that was booked keeps its loan history: it becomes the coordinators'
  // own, retired, rather than being deleted (its bookings would forbid that anyway).
  const booked = { ...doomed(catalog.loanItems), bookings: { some: {} } };
  await tx.loanItem.updateMany({ where: { ...booked, retiredAt: null }, data: { retiredAt: now } });
  report.kitsKept = (await tx.loanItem.updateMany({ where: booked, data: { sample: false } })).count;
  counts.loanItems.deleted = (await tx.loanItem.deleteMany({ where: doomed(catalog.loanItems) })).count;

  // The file's field names are the columns; only `sample` and the types of `rule` and `retiredAt` differ.
  const { sample } = catalog;
  const ids = (rows: { id: string }[]) => ({ where: { id: { in: rows.map((row) => row.id) } } });
  const libraries = catalog.libraries.map((row) => ({ ...row, sample }));
  await sync(libraries, await tx.library.findMany(ids(libraries)), counts.libraries, (row) =>
    tx.library.upsert({ where: { id: row.id }, create: row, update: row }),
  );
  const networks = catalog.networks.map((row) => ({ ...row, sample }));
  await sync(networks, await tx.network.findMany(ids(networks)), counts.networks, (row) =>
    tx.network.upsert({ where: { id: row.id }, create: row, update: row }),
  );
  const series = catalog.series.map((row) => ({ ...row, rule: row.rule as Prisma.InputJsonObject, sample }));
  await sync(series, await tx.series.findMany(ids(series)), counts.series, (row) =>
    tx.series.upsert({ where: { id: row.id }, create: row, update: row }),
  );
  const loanItems = catalog.loanItems.map(({ retiredAt, ...row }) => {
    return { ...row, retiredAt: retiredAt === null ? null : helsinkiInstant(retiredAt, "00:00"), sample };
  });
  await sync(loanItems, await tx.loanItem.findMany(ids(loanItems)), counts.loanItems, (row) =>
    tx.loanItem.upsert({ where: { id: row.id }, create: row, update: row }),
  );
  return report;
}

/** Network and host-library ids must be in the file or among the coordinators' rows that survive the import. */
async function checkReferences(tx: Tx, catalog: Catalog): Promise<void> {
  const kept = { where: { sample: false }, select: { id: true } };
  const networks = new Set([...catalog.networks, ...(await tx.network.findMany(kept))].map((row) => row.id));
  const libraries = new Set([...catalog.libraries, ...(await tx.library.findMany(kept))].map((row) => row.id));
  const issues: CatalogIssue[] = [];
  const replaced = catalog.sample ? "" : " (sample rows are replaced by this import and do not count)";
  catalog.series.forEach((series, index) => {
    const { id, networkId } = series;
    if (networkId !== null && !networks.has(networkId)) {
      const message = `unknown network "${networkId}": not in this file's networks nor in the database${replaced}`;
      issues.push({ path: `series[${index}].networkId`, id, message });
    }
    series.hostRotation.forEach((library, turn) => {
      if (libraries.has(library)) return;
      const message = `unknown library "${library}": not in this file's libraries nor in the database${replaced}`;
      issues.push({ path: `series[${index}].hostRotation[${turn}]`, id, message });
    });
  });
  if (issues.length > 0) throw new CatalogImportError(issues);
}

/** Writes only the rows that differ from what is stored, counting created/updated/unchanged. */
async function sync<Row extends { id: string }>(
  rows: Row[],
  existing: { id: string }[],
  counts: EntityCounts,
  upsert: (row: Row) => Promise<unknown>,
): Promise<void> {
  const stored = new Map(existing.map((row) => [row.id, row as unknown as Record<string, unknown>]));
  for (const row of rows) {
    const old = stored.get(row.id);
    const same =
      old !== undefined && Object.entries(row).every(([key, value]) => canonical(value) === canonical(old[key]));
    if (same) {
      counts.unchanged += 1;
      continue;
    }
    await upsert(row);
    counts[old === undefined ? "created" : "updated"] += 1;
  }
}

/** JSON with sorted object keys, so that a stored Json rule compares equal to the same rule. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
