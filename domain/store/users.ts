// Data access for chat users. A user is one person on one platform.
import type { Requester } from "../../bot/requests.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { Platform } from "../../prisma/generated/enums.ts";

export interface UserRecord {
  id: string;
  language: string | null;
  platformLocale: string | null;
}

const SELECT = { id: true, language: true, platformLocale: true } as const;

const PLATFORM = { teams: Platform.TEAMS, slack: Platform.SLACK } as const;

/** The stored user for a requester, created on first contact. */
export async function findOrCreateUser(prisma: PrismaClient, requester: Requester): Promise<UserRecord> {
  const key = { platform: PLATFORM[requester.platform], platformUserId: requester.userId };
  const found = await prisma.user.findUnique({ where: { platform_platformUserId: key }, select: SELECT });
  if (found) {
    if (requester.platformLocale && requester.platformLocale !== found.platformLocale) {
      return prisma.user.update({
        where: { id: found.id },
        data: { platformLocale: requester.platformLocale },
        select: SELECT,
      });
    }
    return found;
  }
  // upsert, not create: two first requests of one user may arrive together.
  return prisma.user.upsert({
    where: { platform_platformUserId: key },
    create: { ...key, displayName: requester.displayName ?? null, platformLocale: requester.platformLocale ?? null },
    update: {},
    select: SELECT,
  });
}

export async function setUserLanguage(prisma: PrismaClient, userId: string, language: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { language } });
}

export async function setPlatformLocale(prisma: PrismaClient, userId: string, locale: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { platformLocale: locale } });
}
