// Data access for calendar downloads.
import type { PrismaClient } from "../../prisma/generated/client.ts";
import type { CalendarSession } from "../calendar.ts";

export async function findCalendarSession(prisma: PrismaClient, id: string): Promise<CalendarSession | null> {
  return prisma.session.findUnique({
    where: { id },
    select: {
      id: true,
      titleFi: true,
      titleSv: true,
      titleEn: true,
      descriptionFi: true,
      descriptionSv: true,
      descriptionEn: true,
      startsAt: true,
      endsAt: true,
      joinUrl: true,
      place: true,
      sequence: true,
      cancelledAt: true,
      updatedAt: true,
    },
  });
}
