// The reminder timing coordinators set (`muistutukset ajat`). Saving it re-times what is
// already planned: the planned, not yet claimed session reminders are deleted with the
// change, and planned again with the new times; their keys are the same, so none is
// planned twice. A row a worker has already claimed goes out as it was.
import { z } from "zod";
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { DEFAULT_TIMING, REMINDER_NOTIFICATION, type ReminderTiming, TIMING_LIMITS } from "../reminders.ts";
import { audit } from "./audit.ts";
import { DIGEST_KIND } from "./subscriptions.ts";

type Db = PrismaClient | Prisma.TransactionClient;
const KEY = "reminderTiming";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const TimingSchema = z.object({
  morning: z
    .string()
    .regex(TIME)
    .refine((t) => t >= TIMING_LIMITS.morning.earliest && t <= TIMING_LIMITS.morning.latest),
  minutesBefore: z.number().int().min(TIMING_LIMITS.minutesBefore.min).max(TIMING_LIMITS.minutesBefore.max),
  coreGroupDaysBefore: z
    .number()
    .int()
    .min(TIMING_LIMITS.coreGroupDaysBefore.min)
    .max(TIMING_LIMITS.coreGroupDaysBefore.max),
});

/** The stored timing, or the defaults when none is stored (or it no longer validates). */
export async function reminderTiming(db: Db): Promise<ReminderTiming> {
  const row = await db.botSetting.findUnique({ where: { key: KEY } });
  const parsed = TimingSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_TIMING;
}

/**
 * Stores the timing and removes the planned, unclaimed session reminders and digests;
 * the caller plans them again (planEverything) with the new times. Returns how many.
 */
export async function saveReminderTiming(
  prisma: PrismaClient,
  change: { timing: ReminderTiming; actorId: string },
): Promise<number> {
  const timing = TimingSchema.parse(change.timing);
  return prisma.$transaction(async (tx) => {
    await tx.botSetting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: timing, updatedById: change.actorId },
      update: { value: timing, updatedById: change.actorId },
    });
    await audit(tx, {
      actorUserId: change.actorId,
      action: "settings.reminderTiming",
      subjectType: "BotSetting",
      subjectId: KEY,
      details: timing,
    });
    const { count } = await tx.notification.deleteMany({
      where: { status: "PENDING", kind: { in: [...Object.values(REMINDER_NOTIFICATION), DIGEST_KIND] } },
    });
    return count;
  });
}
