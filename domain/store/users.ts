// Data access for chat users. A user is one person on one platform.
import type { Requester } from "../../bot/requests.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { Platform } from "../../prisma/generated/enums.ts";

export interface UserRecord {
  id: string;
  language: string | null;
  platformLocale: string | null;
  role: "STAFF" | "COORDINATOR";
  libraryId: string | null;
  displayName: string | null;
}

const SELECT = {
  id: true,
  language: true,
  platformLocale: true,
  role: true,
  libraryId: true,
  displayName: true,
} as const;

const PLATFORM = { teams: Platform.TEAMS, slack: Platform.SLACK } as const;

/** The stored user for a requester, created on first contact. */
export async function findOrCreateUser(prisma: PrismaClient, requester: Requester): Promise<UserRecord> {
  const key = { platform: PLATFORM[requester.platform], platformUserId: requester.userId };
  const found = await prisma.user.findUnique({ where: { platform_platformUserId: key }, select: SELECT });
  if (found) {
    const changes = {
      ...(requester.platformLocale && requester.platformLocale !== found.platformLocale
        ? { platformLocale: requester.platformLocale }
        : {}),
      // a user first known from a mention gets their name when they write themselves
      ...(requester.displayName && !found.displayName ? { displayName: requester.displayName } : {}),
    };
    if (Object.keys(changes).length > 0) {
      return prisma.user.update({ where: { id: found.id }, data: changes, select: SELECT });
    }
    return found;
  }
  // Two first requests of one user may arrive together: insert-or-ignore, then read.
  // (Prisma's upsert reads first and can lose that race with a unique violation.)
  await prisma.user.createMany({
    data: [{ ...key, displayName: requester.displayName ?? null, platformLocale: requester.platformLocale ?? null }],
    skipDuplicates: true,
  });
  return prisma.user.findUniqueOrThrow({ where: { platform_platformUserId: key }, select: SELECT });
}

export async function setUserLanguage(prisma: PrismaClient, userId: string, language: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { language } });
}

export async function setPlatformLocale(prisma: PrismaClient, userId: string, locale: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { platformLocale: locale } });
}

/**
 * The users named in COORDINATORS ("slack:T1:U1,teams:29:abc") become coordinators,
 * created if they have not written to the bot yet. Coordinators added in chat stay.
 */
export async function ensureCoordinators(
  prisma: PrismaClient,
  coordinators: readonly { platform: Requester["platform"]; userId: string }[],
): Promise<void> {
  for (const { platform, userId } of coordinators) {
    const key = { platform: PLATFORM[platform], platformUserId: userId };
    await prisma.user.upsert({
      where: { platform_platformUserId: key },
      create: { ...key, role: "COORDINATOR" },
      update: { role: "COORDINATOR" },
    });
  }
}

/** Someone a user @mentioned: enough to name them and to change their role or groups. */
export interface PersonRecord {
  id: string;
  platform: "TEAMS" | "SLACK";
  platformUserId: string;
  displayName: string | null;
  role: "STAFF" | "COORDINATOR";
}

/**
 * The stored user behind a mention, created if they have never written to the bot (so
 * that a coordinator can add a colleague before the colleague first says hello). The
 * mention's name fills a missing display name; a name the user already has stays.
 */
export async function findOrCreateMentionedUser(
  prisma: PrismaClient,
  platform: Requester["platform"],
  mention: { userId: string; name?: string | undefined },
): Promise<PersonRecord> {
  const key = { platform: PLATFORM[platform], platformUserId: mention.userId };
  const select = { id: true, platform: true, platformUserId: true, displayName: true, role: true } as const;
  const name = mention.name?.trim().slice(0, 200) || null;
  // ON CONFLICT DO NOTHING, then read: the same mention in two requests at once (a
  // double send) must not fail on the unique key, as a read-then-create upsert can.
  await prisma.user.createMany({ data: [{ ...key, displayName: name }], skipDuplicates: true });
  const user = await prisma.user.findUniqueOrThrow({ where: { platform_platformUserId: key }, select });
  if (name && !user.displayName) {
    return prisma.user.update({ where: { id: user.id }, data: { displayName: name }, select });
  }
  return user;
}

/** Display names of users by id, for lists that name many people (an audit log). */
export async function displayNames(prisma: PrismaClient, ids: readonly string[]): Promise<Map<string, string | null>> {
  const users = await prisma.user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, displayName: true },
  });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export async function findPerson(prisma: PrismaClient, id: string): Promise<PersonRecord | null> {
  return prisma.user.findUnique({
    where: { id },
    select: { id: true, platform: true, platformUserId: true, displayName: true, role: true },
  });
}
