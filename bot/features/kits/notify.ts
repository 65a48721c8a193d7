// What the bot tells a library on its own about a kit booking: a coordinator cancelled
// or moved it; the day to send the kit on; a return that is overdue. Rendered in the
// recipient's language when sent, from the booking as it is then: a booking that moved
// on meanwhile sends nothing.
import { KIT_RETURN_OVERDUE_KIND, KIT_SEND_TODAY_KIND } from "../../../domain/store/kit-reminders.ts";
import { findBooking, KIT_CHANGED_KIND } from "../../../domain/store/kits.ts";
import { wantsReminders } from "../../../domain/store/reminder-settings.ts";
import { formatLocalDate } from "../../format.ts";
import type { Reply } from "../../reply.ts";
import { noticeReply } from "../../reply.ts";
import type { NotificationContext, NotificationRenderer } from "../types.ts";
import { bookingLibraryName, itemName, kitsT, legsOf, period, placeNames } from "./shared.ts";

async function changed(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { bookingId?: string; change?: "cancelled" | "moved"; reason?: string };
  const booking = payload.bookingId ? await findBooking(context.prisma, payload.bookingId) : null;
  if (!booking || !payload.change) return null;
  const { language } = context;
  const t = kitsT(language);
  const text = t(payload.change === "cancelled" ? "notice.cancelled" : "notice.moved", {
    item: itemName(booking.item, language),
    library: bookingLibraryName(booking, language),
    period: period(booking, language),
    reason: payload.reason ?? "",
  }).trim();
  return { summary: text, blocks: [{ type: "text", text }] };
}

/** The recipient switched kit reminders off, or paused all. */
async function silenced(context: NotificationContext): Promise<boolean> {
  return !context.userId || !(await wantsReminders(context.prisma, context.userId, "kit", context.now));
}

async function sendToday(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { bookingId?: string };
  const booking = payload.bookingId ? await findBooking(context.prisma, payload.bookingId) : null;
  // sent already, or cancelled: nothing to remind of
  if (booking?.status !== "RECEIVED" || (await silenced(context))) return null;
  const { language } = context;
  const t = kitsT(language);
  const legs = await legsOf(context.prisma, booking);
  const onward = legs.find((leg) => leg.bookingId === booking.id && leg.direction === "onward");
  if (!onward) return null;
  const name = await placeNames(context.prisma, legs, language);
  const text = t("notice.sendToday", { item: itemName(booking.item, language), to: name(onward.to) });
  const label = onward.to.kind === "ake" ? t("booking.returned") : t("booking.sentOn", { to: name(onward.to) });
  return noticeReply(text, [
    { type: "button", label, style: "primary", action: { verb: "kits.sendOn", args: { b: booking.id } } },
  ]);
}

async function returnOverdue(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { bookingId?: string; dueBy?: string };
  const booking = payload.bookingId ? await findBooking(context.prisma, payload.bookingId) : null;
  if (booking?.status !== "RECEIVED" || !payload.dueBy || (await silenced(context))) return null;
  const { language } = context;
  const t = kitsT(language);
  // the kit stays where it is for the library's next booking: nothing is overdue
  const legs = await legsOf(context.prisma, booking);
  if (!legs.some((leg) => leg.bookingId === booking.id && leg.direction === "onward")) return null;
  const text = t("notice.returnOverdue", {
    item: itemName(booking.item, language),
    date: formatLocalDate(payload.dueBy, language),
  });
  return noticeReply(text, [
    {
      type: "button",
      label: t("booking.returned"),
      style: "primary",
      action: { verb: "kits.sendOn", args: { b: booking.id } },
    },
  ]);
}

export const kitNotifications: Record<string, NotificationRenderer> = {
  [KIT_CHANGED_KIND]: changed,
  [KIT_SEND_TODAY_KIND]: sendToday,
  [KIT_RETURN_OVERDUE_KIND]: returnOverdue,
};
