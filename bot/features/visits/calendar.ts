// Agreed visits as calendar events: the .ics of one, for GET /calendar/visits/<id>.ics?lang=xx,
// and the events of a user's personal feed (both served by adapters/http.ts), in the
// reader's language. Only an agreed visit has one; the id is a random UUID, as a
// session's is for its download.
import { findVisit, type VisitRecord, visitsOfUser } from "../../../domain/store/visits.ts";
import { type CalendarVisit, visitToIcs } from "../../../domain/visits-calendar.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { Language } from "../../i18n/index.ts";
import { areaLabel, hostMunicipality, hostName, personName, visitsT } from "./shared.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AGREED = new Set(["CONFIRMED", "TO_BE_PAID", "PAID", "CANCELLED"]);

/** An agreed visit as a calendar event in `language`; null for one not (yet) agreed. */
function calendarVisit(visit: VisitRecord, language: Language): CalendarVisit | null {
  if (!visit.confirmedDate || !AGREED.has(visit.status)) return null;
  const t = visitsT(language);
  const host = hostName(visit.host, language);
  return {
    id: visit.id,
    firstDay: visit.confirmedDate,
    days: visit.days,
    sequence: visit.sequence,
    updatedAt: visit.updatedAt,
    cancelled: visit.status === "CANCELLED",
    summary: t("plan.event", { visitor: personName(visit.visitor), host }),
    description: [
      `${t("card.focus")}: ${areaLabel(t, visit.focus)}`,
      t("plan.contacts", { visitor: personName(visit.visitor), contact: personName(visit.host.contact) }),
    ].join("\n"),
    location: `${host}, ${hostMunicipality(visit.host, language)}`,
  };
}

export async function visitCalendarFile(prisma: PrismaClient, id: string, language: Language): Promise<string | null> {
  if (!UUID.test(id)) return null;
  const visit = await findVisit(prisma, id);
  const event = visit ? calendarVisit(visit, language) : null;
  return event ? visitToIcs(event, language) : null;
}

/** The agreed visits of a user's personal calendar feed: as the visitor or the host's contact. */
export async function feedVisits(prisma: PrismaClient, userId: string, language: Language): Promise<CalendarVisit[]> {
  const visits = await visitsOfUser(prisma, userId, 100);
  return visits.flatMap((visit) => calendarVisit(visit, language) ?? []);
}
