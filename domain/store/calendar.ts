// Data access for calendars: one session's download, and each user's personal feed —
// its secret token (created on first ask, replaced to revoke a leaked address) and the
// sessions it lists.
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { RegistrationStatus } from "../../prisma/generated/enums.ts";
import type { CalendarSession } from "../calendar.ts";
import { type Viewer, visibleSessionsWhere } from "./visibility.ts";

const CALENDAR_SELECT = {
  id: true,
  titleFi: true,
  titleSv: true,
  titleEn: true,
  descriptionFi: true,
  descriptionSv: true,
  descriptionEn: true,
  startsAt: true,
  endsAt: true,
  joinUrl: true,
  place: true,
  sequence: true,
  cancelledAt: true,
  updatedAt: true,
} as const satisfies Prisma.SessionSelect;

export async function findCalendarSession(prisma: PrismaClient, id: string): Promise<CalendarSession | null> {
  return prisma.session.findUnique({ where: { id }, select: CALENDAR_SELECT });
}

/** 32 random bytes, base64url: 43 characters nobody can guess or enumerate. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The user's feed token, created on first ask. Two first asks at once agree on one token. */
export async function ensureCalendarToken(prisma: PrismaClient, userId: string): Promise<string> {
  await prisma.user.updateMany({ where: { id: userId, calendarToken: null }, data: { calendarToken: newToken() } });
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { calendarToken: true } });
  if (!user.calendarToken) throw new Error("calendar token was not stored");
  return user.calendarToken;
}

/** A new token; the old address answers 404 from now on. */
export async function renewCalendarToken(prisma: PrismaClient, userId: string): Promise<string> {
  const calendarToken = newToken();
  await prisma.user.update({ where: { id: userId }, data: { calendarToken } });
  return calendarToken;
}

/** Stops the feed: no token, so no address works until the user asks for a new one. */
export async function revokeCalendarToken(prisma: PrismaClient, userId: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { calendarToken: null } });
}

export interface FeedOwner extends Viewer {
  language: string | null;
  platformLocale: string | null;
}

export async function findFeedOwner(prisma: PrismaClient, token: string): Promise<FeedOwner | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const user = await prisma.user.findUnique({
    where: { calendarToken: token },
    select: { id: true, role: true, language: true, platformLocale: true },
  });
  return user
    ? { userId: user.id, role: user.role, language: user.language, platformLocale: user.platformLocale }
    : null;
}

/** How far back the feed reaches: last month's sessions stay in the calendar as a record. */
export const FEED_PAST_DAYS = 30;
/** A bound on one response; far more than a year of every network's sessions. */
const FEED_LIMIT = 2000;

export interface FeedSession extends CalendarSession {
  /** the user is on the waitlist, not registered */
  waitlisted: boolean;
}

/**
 * The sessions of a user's feed: those they registered to or are waitlisted for, asked
 * to be reminded of, or that belong to a network they follow — only those visible to
 * them (a core-group meeting only to its core group). Cancelled ones stay in, marked
 * CANCELLED by the .ics, so that calendars remove them in place.
 */
export async function findFeedSessions(prisma: PrismaClient, viewer: Viewer, now: Date): Promise<FeedSession[]> {
  const { userId } = viewer;
  const live = { in: [RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED] };
  const rows = await prisma.session.findMany({
    where: {
      AND: [
        await visibleSessionsWhere(prisma, viewer),
        { endsAt: { gte: new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000) } },
        {
          OR: [
            { registrations: { some: { userId, status: live } } },
            { interests: { some: { userId } } },
            { network: { followers: { some: { userId } } } },
          ],
        },
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: FEED_LIMIT,
    select: {
      ...CALENDAR_SELECT,
      registrations: { where: { userId, status: live }, select: { status: true } },
    },
  });
  return rows.map(({ registrations, ...session }) => ({
    ...session,
    waitlisted: registrations[0]?.status === RegistrationStatus.WAITLISTED,
  }));
}
