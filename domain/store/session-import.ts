// Writes a parsed session import: each draft is upserted under an id derived from its
// external id, so importing the same file again updates rows in place. A row that
// changed gets its SEQUENCE raised, so that subscribed calendars update the event
// instead of adding a copy. A dry run walks exactly the same path and writes nothing;
// any issue (including a network the store does not know) means nothing is written.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import {
  type ImportFormat,
  type ImportIssue,
  importedSessionId,
  type ParsedImport,
  type SessionDraft,
  type SkippedRow,
} from "../session-import.ts";
import { audit } from "./audit.ts";

/** Serialises imports (any constant distinct from the catalogue import's). */
const SESSION_IMPORT_LOCK_KEY = 7_265_372;

export interface ImportedSession {
  row: number;
  id: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SessionImportReport {
  format: ImportFormat;
  dryRun: boolean;
  created: ImportedSession[];
  /** `changes`: the CSV column names whose values changed ("status" for a cancellation) */
  updated: (ImportedSession & { changes: string[] })[];
  unchanged: ImportedSession[];
  skipped: SkippedRow[];
}

export type SessionImportOutcome =
  | { ok: true; report: SessionImportReport }
  | { ok: false; format: ImportFormat; issues: ImportIssue[] };

export interface SessionImportOptions {
  dryRun: boolean;
  now: Date;
  /** the coordinator, for the audit log and Session.createdById; null from the CLI */
  actorUserId: string | null;
  /** where the file came from (an address or a file name), for the audit log */
  source: string;
}

const COMPARED = {
  id: true,
  kind: true,
  networkId: true,
  titleFi: true,
  titleSv: true,
  titleEn: true,
  descriptionFi: true,
  descriptionSv: true,
  descriptionEn: true,
  tags: true,
  languages: true,
  startsAt: true,
  endsAt: true,
  joinUrl: true,
  place: true,
  capacity: true,
  registrationDeadline: true,
  registrationRequired: true,
  cancelledAt: true,
} as const satisfies Prisma.SessionSelect;
type Stored = Prisma.SessionGetPayload<{ select: typeof COMPARED }>;
type Data = Omit<Stored, "id" | "cancelledAt">;

/** Column name → field, in the order changes are reported. */
const COLUMNS: [string, keyof Data][] = [
  ["title_fi", "titleFi"],
  ["title_sv", "titleSv"],
  ["title_en", "titleEn"],
  ["kind", "kind"],
  ["network", "networkId"],
  ["start", "startsAt"],
  ["end", "endsAt"],
  ["languages", "languages"],
  ["join_url", "joinUrl"],
  ["place", "place"],
  ["capacity", "capacity"],
  ["registration_deadline", "registrationDeadline"],
  ["registration", "registrationRequired"],
  ["description_fi", "descriptionFi"],
  ["description_sv", "descriptionSv"],
  ["description_en", "descriptionEn"],
  ["tags", "tags"],
];

export async function importSessions(
  prisma: PrismaClient,
  parsed: ParsedImport,
  options: SessionImportOptions,
): Promise<SessionImportOutcome> {
  const { format } = parsed;
  if (parsed.issues.length > 0) return { ok: false, format, issues: parsed.issues };
  const networks = await networkResolver(prisma);
  const issues: ImportIssue[] = [];
  const rows = parsed.drafts.map((draft) => {
    const networkId = draft.network === null ? firstKnown(draft.networkHints, networks) : networks(draft.network);
    if (networkId === undefined)
      issues.push({ row: draft.row, code: "unknown_network", field: "network", value: draft.network ?? "" });
    if (draft.kind === "CORE_GROUP_MEETING" && !networkId)
      issues.push({ row: draft.row, code: "network_required", field: "network" });
    return { draft, id: importedSessionId(draft.externalId), data: toData(draft, networkId ?? null) };
  });
  if (issues.length > 0) return { ok: false, format, issues };
  const report: SessionImportReport = {
    format,
    dryRun: options.dryRun,
    created: [],
    updated: [],
    unchanged: [],
    skipped: [...parsed.skipped],
  };
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SESSION_IMPORT_LOCK_KEY})`;
      const existing = await tx.session.findMany({
        where: { id: { in: rows.map((row) => row.id) } },
        select: COMPARED,
      });
      const stored = new Map(existing.map((row) => [row.id, row]));
      for (const { draft, id, data } of rows) {
        const entry = {
          row: draft.row,
          id,
          titleFi: data.titleFi,
          titleSv: data.titleSv,
          titleEn: data.titleEn,
          startsAt: data.startsAt,
          endsAt: data.endsAt,
        };
        const old = stored.get(id);
        if (!old) {
          if (draft.cancelled) report.skipped.push({ row: draft.row, reason: "cancelled_new", label: data.titleFi });
          else {
            report.created.push(entry);
            if (!options.dryRun) await tx.session.create({ data: { id, ...data, createdById: options.actorUserId } });
          }
          continue;
        }
        // A cancellation made in chat stands: a sheet that still lists the session does not revive it.
        if (old.cancelledAt) {
          report.skipped.push({ row: draft.row, reason: "kept_cancelled", label: data.titleFi });
          continue;
        }
        const changes = COLUMNS.filter(([, field]) => !same(old[field], data[field])).map(([column]) => column);
        if (draft.cancelled) changes.push("status");
        if (changes.length === 0) {
          report.unchanged.push(entry);
          continue;
        }
        report.updated.push({ ...entry, changes });
        if (options.dryRun) continue;
        const cancel = draft.cancelled ? { cancelledAt: options.now } : {};
        await tx.session.update({ where: { id }, data: { ...data, ...cancel, sequence: { increment: 1 } } });
      }
      if (!options.dryRun) {
        const counts = {
          created: report.created.length,
          updated: report.updated.length,
          unchanged: report.unchanged.length,
          skipped: report.skipped.length,
        };
        await audit(tx, {
          actorUserId: options.actorUserId,
          action: "sessions.imported",
          subjectType: "import",
          subjectId: options.source.slice(0, 500),
          details: { format, ...counts },
        });
      }
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
  report.skipped.sort((a, b) => a.row - b.row);
  return { ok: true, report };
}

function toData(draft: SessionDraft, networkId: string | null): Data {
  const {
    row: _row,
    externalId: _id,
    network: _network,
    networkHints: _hints,
    cancelled: _cancelled,
    ...fields
  } = draft;
  return { ...fields, networkId };
}

/** A network by its id or its name in any language, case-insensitively; undefined when unknown. */
async function networkResolver(prisma: PrismaClient): Promise<(word: string) => string | undefined> {
  const rows = await prisma.network.findMany({ select: { id: true, nameFi: true, nameSv: true, nameEn: true } });
  const byWord = new Map<string, string>();
  for (const row of rows)
    for (const word of [row.nameFi, row.nameSv, row.nameEn, row.id]) byWord.set(word.trim().toLowerCase(), row.id);
  return (word) => byWord.get(word.trim().toLowerCase());
}

/** ICS categories: the first that names a network, else none (other categories are just labels). */
function firstKnown(hints: string[], networks: (word: string) => string | undefined): string | null {
  for (const hint of hints) {
    const id = networks(hint);
    if (id) return id;
  }
  return null;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((value, index) => value === b[index]);
  return a === b;
}
