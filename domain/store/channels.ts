// Data access for the channels the bot posts to on its own: the coordinators' channel
// of each platform (approval cards go there).
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { Platform } from "../../prisma/generated/enums.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/** Makes `key` the coordinators' channel of its platform; a platform has one. */
export async function setCoordinatorChannel(
  prisma: PrismaClient,
  channel: { key: string; platform: Platform; language: string },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.chatChannel.updateMany({
      where: { platform: channel.platform, coordinators: true, key: { not: channel.key } },
      data: { coordinators: false },
    });
    await tx.chatChannel.upsert({
      where: { key: channel.key },
      create: { ...channel, coordinators: true },
      update: { coordinators: true, language: channel.language },
    });
  });
}

export function coordinatorChannels(db: Db) {
  return db.chatChannel.findMany({
    where: { coordinators: true },
    select: { key: true, platform: true, language: true },
  });
}

/** The language the bot writes in a channel it knows; undefined for any other conversation. */
export async function channelLanguage(db: Db, key: string): Promise<string | undefined> {
  const channel = await db.chatChannel.findUnique({ where: { key }, select: { language: true } });
  return channel?.language;
}
