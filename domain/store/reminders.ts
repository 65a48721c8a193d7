// The reminder planner: turns the sessions of the coming ten days into outbox rows, one per
// (kind, slot, session, user, start time). It runs every 15 minutes and at start
// (bot/schedule.ts); the unique key makes a repeat run, a second instance or a restart
// add nothing, and puts the start time in the key so that a moved session gets fresh
// rows. Whether a planned reminder still holds (cancelled, unregistered, switched off)
// is decided at send time (bot/features/reminders/notify.ts), not here.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import {
  DEFAULT_TIMING,
  REMINDER_NOTIFICATION,
  type ReminderSlot,
  type ReminderTiming,
  reminderInstants,
  type SessionReminderKind,
} from "../reminders.ts";
import { type PlannedNotification, planNotifications } from "./outbox.ts";
import { reminderTiming } from "./reminder-timing.ts";

/**
 * Far enough ahead for the earliest reminder: the core group's seven days before, which
 * for a meeting on a Saturday or Sunday moves to the Friday before (up to nine days,
 * plus the hours of the day). With eight days a Sunday meeting's would never be planned.
 */
export const PLANNING_HORIZON_DAYS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export { REMINDER_NOTIFICATION } from "../reminders.ts";

export interface ReminderPayload {
  kind: SessionReminderKind;
  sessionId: string;
  slot: ReminderSlot;
  /** the start the reminder was planned for (ISO): a moved session no longer matches */
  startsAt: string;
  /** the timing it was planned with, for its text ("in 30 minutes", "in 3 days") */
  minutesBefore: number;
  daysBefore: number;
}

export function reminderKey(
  kind: SessionReminderKind,
  slot: ReminderSlot,
  sessionId: string,
  userId: string,
  startsAt: Date,
) {
  return `reminder:${kind}:${slot}:${sessionId}:${userId}:${startsAt.toISOString()}`;
}

/** The reminders due for one session and its recipients of one kind. */
export function remindersFor(
  kind: SessionReminderKind,
  session: { id: string; startsAt: Date },
  userIds: Iterable<string>,
  now: Date,
  timing: ReminderTiming = DEFAULT_TIMING,
): PlannedNotification[] {
  const instants = reminderInstants(kind, session.startsAt, now, timing);
  return [...new Set(userIds)].flatMap((userId) =>
    instants.map(({ slot, at }) => {
      const payload: ReminderPayload = {
        kind,
        sessionId: session.id,
        slot,
        startsAt: session.startsAt.toISOString(),
        minutesBefore: timing.minutesBefore,
        daysBefore: timing.coreGroupDaysBefore,
      };
      return {
        key: reminderKey(kind, slot, session.id, userId, session.startsAt),
        userId,
        kind: REMINDER_NOTIFICATION[kind],
        payload: payload as unknown as Prisma.InputJsonValue,
        notBefore: at,
      };
    }),
  );
}

/** Plans every reminder of sessions starting within the horizon; returns how many rows were new. */
export async function planReminders(prisma: PrismaClient, now: Date, timing?: ReminderTiming): Promise<number> {
  timing ??= await reminderTiming(prisma);
  const until = new Date(now.getTime() + PLANNING_HORIZON_DAYS * DAY_MS);
  const sessions = await prisma.session.findMany({
    where: { startsAt: { gt: now, lte: until }, cancelledAt: null },
    select: {
      id: true,
      kind: true,
      networkId: true,
      startsAt: true,
      registrations: { where: { status: "REGISTERED" }, select: { userId: true } },
      interests: { select: { userId: true } },
    },
  });
  const networks = [
    ...new Set(sessions.flatMap((s) => (s.kind === "CORE_GROUP_MEETING" && s.networkId ? [s.networkId] : []))),
  ];
  const members = await prisma.coreGroupMember.findMany({
    where: { networkId: { in: networks } },
    select: { networkId: true, userId: true },
  });
  const planned: PlannedNotification[] = [];
  for (const session of sessions) {
    const core =
      session.kind === "CORE_GROUP_MEETING"
        ? new Set(members.filter((m) => m.networkId === session.networkId).map((m) => m.userId))
        : new Set<string>();
    // a core-group member who also asked to be reminded gets the core group's reminders only
    const attendees = [...session.registrations, ...session.interests]
      .map((r) => r.userId)
      .filter((id) => !core.has(id));
    planned.push(...remindersFor("session", session, attendees, now, timing));
    planned.push(...remindersFor("coreGroup", session, core, now, timing));
  }
  let created = 0;
  // in slices: one createMany per few hundred rows keeps each statement small
  for (let i = 0; i < planned.length; i += 500) {
    created += await planNotifications(prisma, planned.slice(i, i + 500));
  }
  return created;
}
