// Data access for sessions: materialising recurring series into rows, the upcoming
// meetups a user asked for, and "remind me" interests.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { SessionKind } from "../../prisma/generated/enums.ts";
import type { FilterVocabulary } from "../meetups.ts";
import { occurrencesBetween, RecurrenceRuleSchema } from "../recurrence.ts";

/**
 * Creates the Session rows of every series' occurrences in [from, to). Idempotent:
 * (seriesId, occurrenceDate) is unique, so repeated runs and concurrent instances
 * add nothing twice. Returns how many rows were created.
 */
export async function materializeSeries(prisma: PrismaClient, from: Date, to: Date): Promise<number> {
  const series = await prisma.series.findMany();
  const rows: Prisma.SessionCreateManyInput[] = [];
  for (const s of series) {
    const rule = RecurrenceRuleSchema.parse(s.rule);
    for (const occurrence of occurrencesBetween(rule, from, to)) {
      rows.push({
        seriesId: s.id,
        occurrenceDate: occurrence.date,
        kind: s.kind,
        networkId: s.networkId,
        titleFi: s.titleFi,
        titleSv: s.titleSv,
        titleEn: s.titleEn,
        descriptionFi: s.descriptionFi,
        descriptionSv: s.descriptionSv,
        descriptionEn: s.descriptionEn,
        tags: s.tags,
        languages: s.languages,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        joinUrl: s.joinUrl,
        place: s.place,
        hostLibraryId:
          s.hostRotation.length > 0 ? (s.hostRotation[occurrence.index % s.hostRotation.length] ?? null) : null,
        // a published series' registration settings hold for every occurrence, also
        // those the nightly run adds later
        registrationRequired: s.registrationRequired,
        capacity: s.capacity,
        registrationDeadline:
          s.registrationClosesHoursBefore === null
            ? null
            : new Date(occurrence.startsAt.getTime() - s.registrationClosesHoursBefore * 3_600_000),
        createdById: s.createdById,
        sample: s.sample,
      });
    }
  }
  if (rows.length === 0) return 0;
  const { count } = await prisma.session.createMany({ data: rows, skipDuplicates: true });
  return count;
}

export interface UpcomingQuery {
  from: Date;
  to: Date;
  kinds: readonly SessionKind[];
  networkIds: string[];
  tags: string[];
  language?: string | undefined;
  offset: number;
  limit: number;
  /** marks the sessions this user asked to be reminded of */
  userId: string;
}

/** What a session list shows of each session (meetups here, events in registration-lists.ts). */
export const SESSION_SELECT = {
  id: true,
  kind: true,
  titleFi: true,
  titleSv: true,
  titleEn: true,
  languages: true,
  startsAt: true,
  endsAt: true,
  joinUrl: true,
  place: true,
  network: { select: { id: true, nameFi: true, nameSv: true, nameEn: true } },
  series: { select: { titleFi: true, titleSv: true, titleEn: true } },
  hostLibrary: { select: { nameFi: true, nameSv: true } },
} as const satisfies Prisma.SessionSelect;

export type UpcomingSession = Prisma.SessionGetPayload<{ select: typeof SESSION_SELECT }> & { reminded: boolean };

/** The part of a session list's query that the user's filter words choose (`kahvit severi sv`). */
export function listFilterWhere(filter: {
  networkIds: readonly string[];
  tags: readonly string[];
  language?: string | undefined;
}): Prisma.SessionWhereInput {
  return {
    ...(filter.networkIds.length > 0 ? { networkId: { in: [...filter.networkIds] } } : {}),
    ...(filter.tags.length > 0 ? { tags: { hasSome: [...filter.tags] } } : {}),
    ...(filter.language ? { languages: { has: filter.language } } : {}),
  };
}

export async function findUpcomingSessions(
  prisma: PrismaClient,
  query: UpcomingQuery,
): Promise<{ total: number; sessions: UpcomingSession[] }> {
  const where: Prisma.SessionWhereInput = {
    startsAt: { gte: query.from, lt: query.to },
    cancelledAt: null,
    kind: { in: [...query.kinds] },
    ...listFilterWhere(query),
  };
  const [total, rows] = await Promise.all([
    prisma.session.count({ where }),
    prisma.session.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: query.offset,
      take: query.limit,
      select: { ...SESSION_SELECT, interests: { where: { userId: query.userId }, select: { userId: true } } },
    }),
  ]);
  const sessions = rows.map(({ interests, ...session }) => ({ ...session, reminded: interests.length > 0 }));
  return { total, sessions };
}

export async function findSession(prisma: PrismaClient, id: string) {
  return prisma.session.findUnique({ where: { id }, select: { ...SESSION_SELECT, cancelledAt: true } });
}

/** Records "remind me"; a second click of the same user changes nothing. */
export async function recordInterest(
  prisma: PrismaClient,
  userId: string,
  sessionId: string,
): Promise<"created" | "existed"> {
  const { count } = await prisma.sessionInterest.createMany({ data: [{ userId, sessionId }], skipDuplicates: true });
  return count === 1 ? "created" : "existed";
}

/** The words a user may filter meetups with: network ids and names, theme tags. */
export async function filterVocabulary(prisma: PrismaClient): Promise<FilterVocabulary> {
  const [networks, tagged] = await Promise.all([
    prisma.network.findMany({ select: { id: true, nameFi: true, nameSv: true, nameEn: true } }),
    prisma.series.findMany({ select: { tags: true } }),
  ]);
  return {
    networks: networks.map((n) => ({ id: n.id, names: [n.nameFi, n.nameSv, n.nameEn] })),
    tags: [...new Set(tagged.flatMap((s) => s.tags))].sort(),
  };
}
