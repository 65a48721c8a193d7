// Kit reminders (issues 4 and 6): on the working day a library should send a kit on,
// "send it today" at 09:00 to whoever booked it there; if it has not left a working day
// later, "return overdue" at 09:00. Planned with the other reminders (bot/schedule.ts),
// once per booking and date (the outbox key); whether each still holds — the kit may
// have left, or stay for the library's next booking — is decided when it is sent.

import type { PrismaClient } from "../../prisma/generated/client.ts";
import { sendOnDay } from "../kits/routing.ts";
import { addWorkingDays } from "../kits/working-days.ts";
import { helsinkiInstant } from "../time.ts";
import { fromDbDate } from "./kits.ts";
import { type PlannedNotification, planNotifications } from "./outbox.ts";

export const KIT_SEND_TODAY_KIND = "kits.sendToday";
export const KIT_RETURN_OVERDUE_KIND = "kits.returnOverdue";
const MORNING = "09:00";

export async function planKitReminders(prisma: PrismaClient, now: Date): Promise<number> {
  const held = await prisma.kitBooking.findMany({
    where: { status: "RECEIVED", purpose: "LOAN", requesterId: { not: null } },
    select: { id: true, useEnd: true, requesterId: true },
  });
  const planned: PlannedNotification[] = [];
  for (const booking of held) {
    if (!booking.requesterId) continue;
    const shipOn = sendOnDay(fromDbDate(booking.useEnd));
    const overdueOn = addWorkingDays(shipOn, 1);
    const reminders = [
      { kind: KIT_SEND_TODAY_KIND, at: helsinkiInstant(shipOn, MORNING), key: `kit:sendToday:${booking.id}:${shipOn}` },
      {
        kind: KIT_RETURN_OVERDUE_KIND,
        at: helsinkiInstant(overdueOn, MORNING),
        key: `kit:overdue:${booking.id}:${shipOn}`,
      },
    ];
    for (const reminder of reminders) {
      // a day late is still worth saying (the kit is still there); a week late the overdue one says it
      if (reminder.kind === KIT_SEND_TODAY_KIND && reminder.at.getTime() < now.getTime() - 12 * 3_600_000) continue;
      planned.push({
        key: reminder.key,
        userId: booking.requesterId,
        kind: reminder.kind,
        payload: { bookingId: booking.id, dueBy: shipOn },
        notBefore: reminder.at,
      });
    }
  }
  return planNotifications(prisma, planned);
}
