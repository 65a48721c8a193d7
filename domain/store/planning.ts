// Every planner of what the bot sends on its own, run together at start and every
// quarter of an hour (bot/schedule.ts). Each only adds outbox rows that are absent, so a
// repeated tick, a restart or a second instance adds nothing.
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { planKitReminders } from "./kit-reminders.ts";
import { reminderTiming } from "./reminder-timing.ts";
import { planReminders } from "./reminders.ts";
import { planWeeklyDigest } from "./subscriptions.ts";

export interface PlanningCounts {
  sessions: number;
  kits: number;
  digest: number;
}

export async function planEverything(prisma: PrismaClient, now: Date): Promise<PlanningCounts> {
  // read once for both planners that depend on it
  const timing = await reminderTiming(prisma);
  return {
    sessions: await planReminders(prisma, now, timing),
    kits: await planKitReminders(prisma, now),
    digest: await planWeeklyDigest(prisma, now, timing.morning),
  };
}
