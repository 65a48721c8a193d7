// A user's reminder choices: each kind on or off (no row = on, so nobody has to opt in),
// and a pause of all kinds until an instant. Read again at send time, so a change made
// after a reminder was planned is honoured by that reminder too.
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { REMINDER_KINDS, type ReminderKind } from "../reminders.ts";

export interface ReminderSettings {
  enabled: Record<ReminderKind, boolean>;
  /** null, or an instant that may already be past (then nothing is paused) */
  pausedUntil: Date | null;
}

export async function reminderSettings(prisma: PrismaClient, userId: string): Promise<ReminderSettings> {
  const [rows, user] = await Promise.all([
    prisma.reminderSetting.findMany({ where: { userId }, select: { kind: true, enabled: true } }),
    prisma.user.findUnique({ where: { id: userId }, select: { remindersPausedUntil: true } }),
  ]);
  const enabled = Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, true])) as Record<ReminderKind, boolean>;
  for (const row of rows) if (row.kind in enabled) enabled[row.kind as ReminderKind] = row.enabled;
  return { enabled, pausedUntil: user?.remindersPausedUntil ?? null };
}

/** Whether a user wants reminders of `kind` at `now`: switched on, and not paused. */
export async function wantsReminders(
  prisma: PrismaClient,
  userId: string,
  kind: ReminderKind,
  now: Date,
): Promise<boolean> {
  const settings = await reminderSettings(prisma, userId);
  return settings.enabled[kind] && !(settings.pausedUntil && settings.pausedUntil > now);
}

/** Only ever the user's own setting: the caller passes the user of the turn. */
export async function setReminderKind(
  prisma: PrismaClient,
  userId: string,
  kind: ReminderKind,
  enabled: boolean,
): Promise<void> {
  await prisma.reminderSetting.upsert({
    where: { userId_kind: { userId, kind } },
    create: { userId, kind, enabled },
    update: { enabled },
  });
}

/** `until` null resumes. */
export async function pauseReminders(prisma: PrismaClient, userId: string, until: Date | null): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { remindersPausedUntil: until } });
}

/** What the send-time check needs about one reminder: the session now, and the user's relation to it. */
export interface ReminderState {
  session: {
    id: string;
    titleFi: string;
    titleSv: string;
    titleEn: string;
    startsAt: Date;
    endsAt: Date;
    joinUrl: string | null;
    cancelledAt: Date | null;
    networkId: string | null;
    kind: string;
  } | null;
  registered: boolean;
  interested: boolean;
  coreMember: boolean;
  settings: ReminderSettings;
}

export async function reminderState(prisma: PrismaClient, userId: string, sessionId: string): Promise<ReminderState> {
  const [session, registration, interest, settings] = await Promise.all([
    prisma.session.findUnique({
      where: { id: sessionId },
      select: {
        id: true,
        titleFi: true,
        titleSv: true,
        titleEn: true,
        startsAt: true,
        endsAt: true,
        joinUrl: true,
        cancelledAt: true,
        networkId: true,
        kind: true,
      },
    }),
    prisma.registration.findUnique({ where: { sessionId_userId: { sessionId, userId } }, select: { status: true } }),
    prisma.sessionInterest.findUnique({ where: { userId_sessionId: { userId, sessionId } }, select: { userId: true } }),
    reminderSettings(prisma, userId),
  ]);
  const coreMember = session?.networkId
    ? (await prisma.coreGroupMember.count({ where: { networkId: session.networkId, userId } })) > 0
    : false;
  return {
    session,
    registered: registration?.status === "REGISTERED",
    interested: interest !== null,
    coreMember,
    settings,
  };
}
