// The notices a subscription brings, rendered when sent from the sessions as they are
// then: a new session of a followed network, and the weekly digest of remote coffees.
// A user who unfollowed the network, switched the kind off or paused all reminders, and
// a channel that unsubscribed meanwhile, get nothing.
import { MEETUP_KINDS } from "../../../domain/meetups.ts";
import type { ReminderKind } from "../../../domain/reminders.ts";
import { findNetwork, isFollowing } from "../../../domain/store/networks.ts";
import { wantsReminders } from "../../../domain/store/reminder-settings.ts";
import { findUpcomingSessions } from "../../../domain/store/sessions.ts";
import {
  comingSessionsOf,
  DIGEST_KIND,
  DIGEST_TOPIC,
  isSubscribed,
  NEW_SESSION_KIND,
  networkTopic,
} from "../../../domain/store/subscriptions.ts";
import { helsinkiInstant, inHelsinki } from "../../../domain/time.ts";
import { commandWord } from "../../commands.ts";
import { formatSessionTime, localized } from "../../format.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import type { NotificationContext, NotificationRenderer } from "../types.ts";
import { subscriptionsT } from "./channel.ts";

const DIGEST_SIZE = 12;
const WEEK_MS = 7 * 24 * 3_600_000;

/** Whether the recipient still wants this: a user's settings, or a channel's subscription. */
async function wanted(context: NotificationContext, kind: ReminderKind, topic: string): Promise<boolean> {
  const { prisma, userId, channelKey, now } = context;
  if (channelKey) return isSubscribed(prisma, channelKey, topic);
  return userId ? wantsReminders(prisma, userId, kind, now) : false;
}

function stopButton(context: NotificationContext, kind: ReminderKind, topic: string, label: string): CardAction {
  // a user switches the kind off for themselves; a channel unsubscribes the topic
  return context.channelKey
    ? { type: "button", label, action: { verb: "subscriptions.set", args: { t: topic, on: "0" } } }
    : { type: "button", label, action: { verb: "reminders.set", args: { k: kind, on: "0" } } };
}

async function newSession(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { sessionId?: string; seriesId?: string; networkId?: string };
  const { prisma, language, now, userId, channelKey } = context;
  if (!payload.networkId) return null;
  const topic = networkTopic(payload.networkId);
  if (!(await wanted(context, "newSession", topic))) return null;
  if (userId && !channelKey && !(await isFollowing(prisma, userId, payload.networkId))) return null;
  const network = await findNetwork(prisma, payload.networkId);
  const sessions = await comingSessionsOf(prisma, payload, now);
  const [first] = sessions;
  if (!first || !network) return null;
  const t = subscriptionsT(language);
  const values = {
    network: localized(network, "name", language),
    title: localized(first, "title", language),
    when: formatSessionTime(first.startsAt, first.endsAt, language),
    count: sessions.length,
  };
  const text = t(payload.seriesId && sessions.length > 1 ? "newSession.series" : "newSession.session", values);
  const actions: CardAction[] = [];
  if (first.joinUrl) actions.push({ type: "link", label: t("newSession.join"), url: first.joinUrl });
  actions.push({
    type: "link",
    label: t("newSession.calendar"),
    url: `${context.publicUrl}/calendar/sessions/${first.id}.ics?lang=${language}`,
  });
  actions.push(stopButton(context, "newSession", topic, t("newSession.stop")));
  const blocks: Block[] = [{ type: "text", text }];
  if (first.registrationRequired)
    blocks.push({ type: "context", text: t("newSession.events", { command: commandWord("events", language) }) });
  blocks.push({ type: "actions", actions });
  return { summary: text, blocks };
}

async function digest(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { week?: string };
  const { prisma, language, now } = context;
  if (!payload.week || !(await wanted(context, "digest", DIGEST_TOPIC))) return null;
  const weekStart = helsinkiInstant(payload.week, "00:00");
  const weekEnd = new Date(weekStart.getTime() + WEEK_MS + 3_600_000); // a DST week is an hour longer at most
  const from = now > weekStart ? now : weekStart;
  const { sessions, total } = await findUpcomingSessions(prisma, {
    from,
    to: weekEnd,
    kinds: MEETUP_KINDS,
    networkIds: [],
    tags: [],
    language: undefined,
    offset: 0,
    limit: DIGEST_SIZE,
    userId: context.userId ?? "",
  });
  const inWeek = sessions.filter((s) => s.startsAt < weekEnd);
  if (inWeek.length === 0) return null;
  const t = subscriptionsT(language);
  const title = t("digest.title", { week: inHelsinki(weekStart).weekNumber });
  const blocks: Block[] = [{ type: "header", text: title }];
  for (const session of inWeek) {
    const network = session.network ? localized(session.network, "name", language) : undefined;
    blocks.push({
      type: "item",
      title: localized(session, "title", language),
      lines: [formatSessionTime(session.startsAt, session.endsAt, language), ...(network ? [network] : [])],
      actions: session.joinUrl ? [{ type: "link", label: t("newSession.join"), url: session.joinUrl }] : [],
    });
  }
  if (total > inWeek.length) {
    blocks.push({
      type: "context",
      text: t("digest.more", { count: total - inWeek.length, command: commandWord("meetups", language) }),
    });
  }
  blocks.push({ type: "actions", actions: [stopButton(context, "digest", DIGEST_TOPIC, t("digest.stop"))] });
  return { summary: title, blocks };
}

export const subscriptionNotifications: Record<string, NotificationRenderer> = {
  [NEW_SESSION_KIND]: newSession,
  [DIGEST_KIND]: digest,
};
