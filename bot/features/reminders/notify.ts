// A reminder as the recipient reads it, rendered at send time by the outbox dispatcher.
// Unlike renderers that live off their payload, this one reads the store first: the
// row was planned up to eight days ago, and what changed since (a cancellation, an
// unregistration, a switched-off kind, a pause, a move) must win. Returning null makes
// the row SKIPPED.
import { z } from "zod";
import {
  isSessionReminderKind,
  type ReminderKind,
  reminderSkipReason,
  type SessionReminderKind,
} from "../../../domain/reminders.ts";
import { reminderState } from "../../../domain/store/reminder-settings.ts";
import { REMINDER_NOTIFICATION } from "../../../domain/store/reminders.ts";
import { formatSessionTime, localized } from "../../format.ts";
import { featureTranslator, type Language } from "../../i18n/index.ts";
import type { CardAction, Reply } from "../../reply.ts";
import type { NotificationContext, NotificationRenderer } from "../types.ts";

const PayloadSchema = z.object({
  kind: z.string().refine(isSessionReminderKind),
  sessionId: z.string().min(1),
  slot: z.enum(["dayBefore", "minutes15", "weekBefore"]),
  startsAt: z.string().datetime({ offset: true }),
  // rows planned before the timing could be changed carry neither
  minutesBefore: z.number().int().positive().default(15),
  daysBefore: z.number().int().positive().default(7),
});

export function remindersT(language: Language) {
  return featureTranslator(language, "reminders");
}

/** The button that switches a kind off or on; `replace` when clicked on the settings card itself. */
export function switchButton(kind: ReminderKind, on: boolean, label: string, replace: boolean): CardAction {
  return {
    type: "button",
    label,
    action: { verb: "reminders.set", args: { k: kind, on: on ? "1" : "0", ...(replace ? { r: "1" } : {}) } },
    ...(on ? { style: "primary" as const } : {}),
  };
}

async function renderReminder(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  // a malformed payload is a bug: throwing lets the dispatcher record it
  const payload = PayloadSchema.parse(raw);
  const kind = payload.kind as SessionReminderKind;
  const { language, prisma, userId, now } = context;
  if (!userId) return null; // reminders go to people, never to channels
  const state = await reminderState(prisma, userId, payload.sessionId);
  const facts = {
    ...state,
    enabled: state.settings.enabled[kind],
    pausedUntil: state.settings.pausedUntil,
  };
  if (reminderSkipReason(kind, payload.startsAt, facts, now, payload.slot) !== null || !state.session) return null;
  const { session } = state;
  const rt = remindersT(language);
  const title = localized(session, "title", language);
  const when = formatSessionTime(session.startsAt, session.endsAt, language);
  const key =
    kind === "session"
      ? payload.slot === "minutes15"
        ? "notice.minutes15"
        : "notice.dayBefore"
      : payload.slot === "weekBefore"
        ? "notice.weekBefore"
        : "notice.coreDayBefore";
  const text = rt(key, { title, when, minutes: payload.minutesBefore, days: payload.daysBefore });
  const actions: CardAction[] = [];
  if (session.joinUrl) actions.push({ type: "link", label: rt("notice.join"), url: session.joinUrl });
  if (state.registered) {
    actions.push({
      type: "button",
      label: rt("notice.cancel"),
      action: { verb: "registrations.cancel", args: { s: session.id } },
      style: "danger",
    });
  }
  actions.push(switchButton(kind, false, rt("notice.stop"), false));
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "actions", actions },
    ],
  };
}

export const reminderNotifications: Record<string, NotificationRenderer> = {
  [REMINDER_NOTIFICATION.session]: renderReminder,
  [REMINDER_NOTIFICATION.coreGroup]: renderReminder,
};
