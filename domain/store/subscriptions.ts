// What people and channels get about the networks without asking each time: a notice when
// a network they follow (a channel: subscribed to) publishes a session, and the weekly
// digest of the coming week's remote coffees on Monday at 09:00. Both are outbox rows
// (one per recipient and subject, by key); the renderers read the sessions as they are
// when the row is sent, and check a user's reminder settings then.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { Platform } from "../../prisma/generated/enums.ts";
import { daytimeFrom, nextMondayMorning } from "../reminders.ts";
import { audit } from "./audit.ts";
import { type PlannedNotification, planNotifications } from "./outbox.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export const NEW_SESSION_KIND = "subscriptions.newSession";
export const DIGEST_KIND = "subscriptions.digest";
export const DIGEST_TOPIC = "digest";

export function networkTopic(networkId: string): string {
  return `network:${networkId}`;
}

export async function isSubscribed(db: Db, channelKey: string, topic: string): Promise<boolean> {
  return (await db.channelSubscription.count({ where: { channelKey, topic } })) > 0;
}

/** The coming, not cancelled sessions a new-session notice is about: the one, or the series'. */
export function comingSessionsOf(db: Db, subject: { sessionId?: string; seriesId?: string }, now: Date) {
  return db.session.findMany({
    where: {
      ...(subject.seriesId ? { seriesId: subject.seriesId } : { id: subject.sessionId ?? "" }),
      cancelledAt: null,
      startsAt: { gt: now },
    },
    orderBy: { startsAt: "asc" },
  });
}

export function channelSubscriptions(db: Db, channelKey: string) {
  return db.channelSubscription.findMany({ where: { channelKey }, select: { topic: true } });
}

/** Subscribes (on) or unsubscribes (off) a channel; the channel row is made on first use. */
export async function setChannelSubscription(
  prisma: PrismaClient,
  change: { channelKey: string; platform: Platform; language: string; topic: string; on: boolean; actorId: string },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await tx.chatChannel.upsert({
      where: { key: change.channelKey },
      create: { key: change.channelKey, platform: change.platform, language: change.language },
      update: {},
    });
    const where = { channelKey_topic: { channelKey: change.channelKey, topic: change.topic } };
    const existing = await tx.channelSubscription.findUnique({ where });
    if (change.on === Boolean(existing)) return false;
    if (change.on) {
      await tx.channelSubscription.create({
        data: { channelKey: change.channelKey, topic: change.topic, createdById: change.actorId },
      });
    } else await tx.channelSubscription.delete({ where });
    await audit(tx, {
      actorUserId: change.actorId,
      action: change.on ? "channel.subscribed" : "channel.unsubscribed",
      subjectType: "ChatChannel",
      subjectId: change.channelKey,
      details: { topic: change.topic },
    });
    return true;
  });
}

type Subject = { sessionId: string } | { seriesId: string };

/**
 * A network published a session or a series: one notice to each follower and each
 * subscribed channel, in the publishing transaction, in daytime (08–18 on weekdays).
 */
export async function planNewSessionNotices(
  tx: Prisma.TransactionClient,
  notice: { networkId: string; subject: Subject; actorId: string | null; now: Date },
): Promise<number> {
  const [followers, channels] = await Promise.all([
    tx.networkFollow.findMany({ where: { networkId: notice.networkId }, select: { userId: true } }),
    tx.channelSubscription.findMany({ where: { topic: networkTopic(notice.networkId) }, select: { channelKey: true } }),
  ]);
  const subjectKey =
    "sessionId" in notice.subject ? `session:${notice.subject.sessionId}` : `series:${notice.subject.seriesId}`;
  const notBefore = daytimeFrom(notice.now);
  const payload = { ...notice.subject, networkId: notice.networkId };
  const rows: PlannedNotification[] = [
    // the one who published it knows already
    ...followers
      .filter((f) => f.userId !== notice.actorId)
      .map((f) => ({
        key: `newSession:${subjectKey}:user:${f.userId}`,
        userId: f.userId,
        kind: NEW_SESSION_KIND,
        payload,
        notBefore,
      })),
    ...channels.map((c) => ({
      key: `newSession:${subjectKey}:channel:${c.channelKey}`,
      channelKey: c.channelKey,
      kind: NEW_SESSION_KIND,
      payload,
      notBefore,
    })),
  ];
  return planNotifications(tx, rows);
}

/**
 * The coming Monday's digest for everyone who follows a network and every channel that
 * subscribed. Run with the other planners every quarter of an hour: the key holds one
 * row per Monday and recipient, so a new follower is added by the next run.
 */
export async function planWeeklyDigest(prisma: PrismaClient, now: Date, morning?: string): Promise<number> {
  const { at, date } = nextMondayMorning(now, morning);
  const [followers, channels] = await Promise.all([
    prisma.networkFollow.findMany({ distinct: ["userId"], select: { userId: true } }),
    prisma.channelSubscription.findMany({ where: { topic: DIGEST_TOPIC }, select: { channelKey: true } }),
  ]);
  const payload = { week: date };
  const rows: PlannedNotification[] = [
    ...followers.map((f) => ({
      key: `digest:${date}:user:${f.userId}`,
      userId: f.userId,
      kind: DIGEST_KIND,
      payload,
      notBefore: at,
    })),
    ...channels.map((c) => ({
      key: `digest:${date}:channel:${c.channelKey}`,
      channelKey: c.channelKey,
      kind: DIGEST_KIND,
      payload,
      notBefore: at,
    })),
  ];
  let created = 0;
  for (let i = 0; i < rows.length; i += 500) created += await planNotifications(prisma, rows.slice(i, i + 500));
  return created;
}
