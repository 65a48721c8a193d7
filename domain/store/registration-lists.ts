// Reading registrations for lists: the sessions `tilaisuudet` shows, seats taken, the
// user's own marks (registered / waitlisted with position) and `omat`. Writes live in
// registrations.ts, under the session lock; these reads need no lock.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { RegistrationStatus } from "../../prisma/generated/enums.ts";
import { EVENT_KINDS } from "../registration.ts";
import type { LiveStatus } from "./registrations.ts";
import { listFilterWhere, SESSION_SELECT } from "./sessions.ts";
import { type Viewer, visibleSessionsWhere } from "./visibility.ts";

const EVENT_SELECT = {
  ...SESSION_SELECT,
  registrationRequired: true,
  capacity: true,
  registrationDeadline: true,
} as const satisfies Prisma.SessionSelect;

export type EventSession = Prisma.SessionGetPayload<{ select: typeof EVENT_SELECT }>;

export interface Mark {
  status: LiveStatus;
  /** 1 for the first in line; only when waitlisted */
  position?: number;
}

/** A session with what a list shows about it for one user. */
export interface ListedSession extends EventSession {
  /** seats taken (REGISTERED), for "seats left" */
  registered: number;
  mark?: Mark | undefined;
  /** the user asked "Remind me" */
  reminded: boolean;
}

export interface EventQuery {
  viewer: Viewer;
  from: Date;
  /** exclusive; none: everything ahead */
  to?: Date | undefined;
  networkIds: readonly string[];
  tags: readonly string[];
  language?: string | undefined;
  offset: number;
  limit: number;
}

/** Upcoming sessions that take registration, and every network day, training and core-group meeting. */
export async function findEventSessions(
  prisma: PrismaClient,
  query: EventQuery,
): Promise<{ total: number; sessions: ListedSession[] }> {
  const where: Prisma.SessionWhereInput = {
    AND: [
      await visibleSessionsWhere(prisma, query.viewer),
      { OR: [{ registrationRequired: true }, { kind: { in: [...EVENT_KINDS] } }] },
    ],
    startsAt: { gte: query.from, ...(query.to ? { lt: query.to } : {}) },
    cancelledAt: null,
    ...listFilterWhere(query),
  };
  const [total, rows] = await Promise.all([
    prisma.session.count({ where }),
    prisma.session.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: query.offset,
      take: query.limit,
      select: EVENT_SELECT,
    }),
  ]);
  return { total, sessions: await withMarks(prisma, query.viewer.userId, rows) };
}

/** Adds seats taken, the user's registration (with waitlist position) and "Remind me" to each session. */
export async function withMarks(prisma: PrismaClient, userId: string, rows: EventSession[]): Promise<ListedSession[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [counts, mine, interests] = await Promise.all([
    prisma.registration.groupBy({
      by: ["sessionId"],
      where: { sessionId: { in: ids }, status: RegistrationStatus.REGISTERED },
      _count: { _all: true },
    }),
    prisma.registration.findMany({
      where: { userId, sessionId: { in: ids }, status: { not: RegistrationStatus.CANCELLED } },
      select: { sessionId: true, status: true, seq: true },
    }),
    prisma.sessionInterest.findMany({ where: { userId, sessionId: { in: ids } }, select: { sessionId: true } }),
  ]);
  const marks = new Map<string, Mark>();
  await Promise.all(
    mine.map(async (row) => {
      const status = row.status as LiveStatus;
      if (status === "REGISTERED") return void marks.set(row.sessionId, { status });
      const position = await prisma.registration.count({
        where: { sessionId: row.sessionId, status: RegistrationStatus.WAITLISTED, seq: { lte: row.seq } },
      });
      marks.set(row.sessionId, { status, position });
    }),
  );
  const registered = new Map(counts.map((c) => [c.sessionId, c._count._all]));
  const reminded = new Set(interests.map((i) => i.sessionId));
  return rows.map((row) => ({
    ...row,
    registered: registered.get(row.id) ?? 0,
    mark: marks.get(row.id),
    reminded: reminded.has(row.id),
  }));
}

/** How many of the user's own items `omat` shows at most (Slack allows 50 blocks a message). */
export const MINE_LIMIT = { registrations: 12, reminders: 8 } as const;

export interface MineResult {
  registrations: ListedSession[];
  reminders: ListedSession[];
  /** items beyond the limits, for "and N more" */
  more: number;
}

/** The user's registrations and waitlist places, and "Remind me" sessions, that have not ended yet. */
export async function findMine(prisma: PrismaClient, viewer: Viewer, now: Date): Promise<MineResult> {
  const visible = await visibleSessionsWhere(prisma, viewer);
  const upcoming: Prisma.SessionWhereInput = { AND: [visible], endsAt: { gt: now }, cancelledAt: null };
  const registeredWhere: Prisma.SessionWhereInput = {
    ...upcoming,
    registrations: { some: { userId: viewer.userId, status: { not: RegistrationStatus.CANCELLED } } },
  };
  const remindedWhere: Prisma.SessionWhereInput = {
    ...upcoming,
    interests: { some: { userId: viewer.userId } },
    // a session the user also registered to is listed once, with its registration
    NOT: { registrations: { some: { userId: viewer.userId, status: { not: RegistrationStatus.CANCELLED } } } },
  };
  const order = [{ startsAt: "asc" as const }, { id: "asc" as const }];
  const [registered, reminded, registeredTotal, remindedTotal] = await Promise.all([
    prisma.session.findMany({
      where: registeredWhere,
      orderBy: order,
      take: MINE_LIMIT.registrations,
      select: EVENT_SELECT,
    }),
    prisma.session.findMany({ where: remindedWhere, orderBy: order, take: MINE_LIMIT.reminders, select: EVENT_SELECT }),
    prisma.session.count({ where: registeredWhere }),
    prisma.session.count({ where: remindedWhere }),
  ]);
  const [registrations, reminders] = await Promise.all([
    withMarks(prisma, viewer.userId, registered),
    withMarks(prisma, viewer.userId, reminded),
  ]);
  return { registrations, reminders, more: registeredTotal + remindedTotal - registered.length - reminded.length };
}

/** Takes back "Remind me"; false when there was nothing to take back. */
export async function forgetInterest(prisma: PrismaClient, userId: string, sessionId: string): Promise<boolean> {
  const { count } = await prisma.sessionInterest.deleteMany({ where: { userId, sessionId } });
  return count > 0;
}

/** Title and time of a session for answering a click, if it exists and the viewer may see it. */
export async function findVisibleSession(prisma: PrismaClient, viewer: Viewer, sessionId: string) {
  return prisma.session.findFirst({
    where: { AND: [await visibleSessionsWhere(prisma, viewer), { id: sessionId }] },
    select: { ...EVENT_SELECT, cancelledAt: true },
  });
}
