// The outbox: messages the bot sends on its own. Features plan a delivery here, in
// the same transaction as the change that causes it; the dispatcher (bot/delivery)
// claims, renders in the recipient's language and sends. A key names the delivery,
// so planning the same one twice (a retry, a double click) adds nothing.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export interface PlannedNotification {
  /** unique per delivery, e.g. "waitlist.promoted:<registrationId>:<seq>" */
  key: string;
  userId: string;
  /** a kind some feature renders (Feature.notifications) */
  kind: string;
  /** what the renderer needs; stored as JSON */
  payload: Prisma.InputJsonValue;
  /** not before this instant (default: now) */
  notBefore?: Date;
}

/** Plans deliveries; returns how many were new. */
export async function planNotifications(db: Db, notifications: readonly PlannedNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const { count } = await db.notification.createMany({
    data: notifications.map((n) => ({ ...n, notBefore: n.notBefore ?? new Date() })),
    skipDuplicates: true,
  });
  return count;
}
