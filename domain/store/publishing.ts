// Data access for coordinators' publishing: the choices a form offers, creating a
// session or a series, and the coordinator's list. Changes and cancellations of existing
// sessions are in publishing-changes.ts.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { PublishedFields } from "../publishing.ts";
import { type RecurrenceRule, RecurrenceRuleSchema } from "../recurrence.ts";
import { audit } from "./audit.ts";
import { materializeSeries } from "./sessions.ts";
import { planNewSessionNotices } from "./subscriptions.ts";

type Db = PrismaClient | Prisma.TransactionClient;

const DAY_MS = 24 * 60 * 60 * 1000;
/** As far ahead as the nightly job keeps series materialised (bot/schedule.ts). */
export const MATERIALIZE_WEEKS = 27;

export interface PublishingChoices {
  networks: { id: string; nameFi: string; nameSv: string; nameEn: string }[];
  /** the AKE libraries, which host in turn */
  hosts: { id: string; nameFi: string; nameSv: string }[];
}

export async function publishingChoices(prisma: Db): Promise<PublishingChoices> {
  const [networks, hosts] = await Promise.all([
    prisma.network.findMany({ select: { id: true, nameFi: true, nameSv: true, nameEn: true }, orderBy: { id: "asc" } }),
    prisma.library.findMany({
      where: { ake: true },
      select: { id: true, nameFi: true, nameSv: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return { networks, hosts };
}

/** The columns a form sets, shared by sessions and series. */
export function commonData(fields: PublishedFields) {
  return {
    kind: fields.kind,
    networkId: fields.networkId,
    titleFi: fields.titleFi,
    titleSv: fields.titleSv,
    titleEn: fields.titleEn,
    descriptionFi: fields.descriptionFi,
    descriptionSv: fields.descriptionSv,
    languages: fields.languages,
    joinUrl: fields.joinUrl,
    place: fields.place,
    registrationRequired: fields.registrationRequired,
    capacity: fields.capacity,
  };
}

export function deadlineOf(startsAt: Date, hours: number | null): Date | null {
  return hours === null ? null : new Date(startsAt.getTime() - hours * 3_600_000);
}

export type CreateResult = { created: boolean; id: string };

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

/**
 * A one-off session. `id` comes from the form (one per opened form), so a double click
 * or a resubmitted form finds the session it already created instead of adding another.
 */
export async function createSession(
  prisma: PrismaClient,
  input: { id: string; fields: PublishedFields; actorId: string; now: Date },
): Promise<CreateResult> {
  const { id, fields, actorId } = input;
  try {
    await prisma.$transaction(async (tx) => {
      await tx.session.create({
        data: {
          id,
          ...commonData(fields),
          startsAt: fields.startsAt,
          endsAt: fields.endsAt,
          hostLibraryId: fields.hostRotation[0] ?? null,
          registrationDeadline: deadlineOf(fields.startsAt, fields.deadlineHours),
          createdById: actorId,
        },
      });
      await audit(tx, { actorUserId: actorId, action: "session.published", subjectType: "Session", subjectId: id });
      if (fields.networkId) {
        await planNewSessionNotices(tx, {
          networkId: fields.networkId,
          subject: { sessionId: id },
          actorId,
          now: input.now,
        });
      }
    });
    return { created: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { created: false, id };
    throw error;
  }
}

/** A series, then its sessions for the coming weeks (as the nightly job would make them). */
export async function createSeries(
  prisma: PrismaClient,
  input: { id: string; fields: PublishedFields; rule: RecurrenceRule; actorId: string; now: Date },
): Promise<CreateResult & { sessions: number }> {
  const { id, fields, rule, actorId, now } = input;
  try {
    await prisma.$transaction(async (tx) => {
      await tx.series.create({
        data: {
          id,
          ...commonData(fields),
          tags: [],
          rule: rule as unknown as Prisma.InputJsonValue,
          hostRotation: fields.hostRotation,
          registrationClosesHoursBefore: fields.deadlineHours,
          createdById: actorId,
        },
      });
      await audit(tx, {
        actorUserId: actorId,
        action: "series.published",
        subjectType: "Series",
        subjectId: id,
        details: { rule: rule as unknown as Prisma.InputJsonValue },
      });
      if (fields.networkId) {
        await planNewSessionNotices(tx, { networkId: fields.networkId, subject: { seriesId: id }, actorId, now });
      }
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { created: false, id, sessions: await prisma.session.count({ where: { seriesId: id } }) };
  }
  await materializeAndComplete(prisma, id, now);
  return { created: true, id, sessions: await prisma.session.count({ where: { seriesId: id } }) };
}

/**
 * materializeSeries copies only what every series has; the place, registration,
 * capacity and deadline of a published series are set on its not yet edited sessions
 * here. Idempotent, and it raises no sequence: the values are the series' own.
 */
export async function materializeAndComplete(prisma: PrismaClient, seriesId: string, now: Date): Promise<void> {
  await materializeSeries(prisma, now, new Date(now.getTime() + MATERIALIZE_WEEKS * 7 * DAY_MS));
  const series = await prisma.series.findUnique({ where: { id: seriesId } });
  if (!series) return;
  const hours = series.registrationClosesHoursBefore;
  await prisma.$executeRaw`
    UPDATE "Session" SET "place" = ${series.place}, "registrationRequired" = ${series.registrationRequired},
      "capacity" = ${series.capacity},
      "registrationDeadline" = CASE WHEN ${hours}::int IS NULL THEN NULL
                                    ELSE "startsAt" - make_interval(hours => ${hours}::int) END
    WHERE "seriesId" = ${seriesId} AND NOT "detached" AND "cancelledAt" IS NULL AND "startsAt" >= ${now}`;
}

export interface CoordinatorListItem {
  id: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  startsAt: Date;
  endsAt: Date;
  seriesId: string | null;
  detached: boolean;
  hostLibrary: { nameFi: string; nameSv: string } | null;
  network: { nameFi: string; nameSv: string; nameEn: string } | null;
  capacity: number | null;
  registered: number;
  waitlisted: number;
}

/** Every coming session that is not cancelled, soonest first, with its registration counts. */
export async function coordinatorSessions(
  prisma: PrismaClient,
  query: { from: Date; offset: number; limit: number },
): Promise<{ total: number; sessions: CoordinatorListItem[] }> {
  const where: Prisma.SessionWhereInput = { startsAt: { gte: query.from }, cancelledAt: null };
  const [total, rows] = await Promise.all([
    prisma.session.count({ where }),
    prisma.session.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: query.offset,
      take: query.limit,
      select: {
        ...{ id: true, titleFi: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true },
        ...{ seriesId: true, detached: true, capacity: true },
        hostLibrary: { select: { nameFi: true, nameSv: true } },
        network: { select: { nameFi: true, nameSv: true, nameEn: true } },
      },
    }),
  ]);
  const counts = await prisma.registration.groupBy({
    by: ["sessionId", "status"],
    where: { sessionId: { in: rows.map((row) => row.id) }, status: { in: ["REGISTERED", "WAITLISTED"] } },
    _count: { _all: true },
  });
  const count = (id: string, status: string) =>
    counts.find((c) => c.sessionId === id && c.status === status)?._count._all ?? 0;
  const sessions = rows.map((row) => ({
    ...row,
    registered: count(row.id, "REGISTERED"),
    waitlisted: count(row.id, "WAITLISTED"),
  }));
  return { total, sessions };
}

/** A session with what its edit form shows, and its series' rule when it belongs to one. */
export async function sessionForEdit(prisma: Db, id: string) {
  const session = await prisma.session.findUnique({
    where: { id },
    include: { series: { select: { id: true, rule: true, hostRotation: true, registrationClosesHoursBefore: true } } },
  });
  if (!session) return undefined;
  const rule = session.series ? RecurrenceRuleSchema.safeParse(session.series.rule) : undefined;
  return { ...session, rule: rule?.success ? rule.data : null };
}

export type SessionForEdit = NonNullable<Awaited<ReturnType<typeof sessionForEdit>>>;

/** How many will be told of a change: the registered and the waitlisted. */
export function registrantCount(prisma: Db, sessionId: string): Promise<number> {
  return prisma.registration.count({ where: { sessionId, status: { in: ["REGISTERED", "WAITLISTED"] } } });
}
