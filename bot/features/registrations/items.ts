// One session as an item of any registrations list (`tilaisuudet`, `omat`): time, kind,
// network, language, place, seats, deadline and the user's own status, with the buttons
// that make sense for it. Times are on the Helsinki clock whatever the server's zone.
import { DateTime } from "luxon";
import type { ListedSession } from "../../../domain/store/registration-lists.ts";
import { HELSINKI } from "../../../domain/time.ts";
import { formatSessionTime, localized } from "../../format.ts";
import { type FeatureTranslate, FORMAT_LOCALE, featureTranslator, type Language } from "../../i18n/index.ts";
import type { Block, CardAction } from "../../reply.ts";
import type { Turn } from "../../turn.ts";

export type RegistrationsT = FeatureTranslate<"registrations">;

export function registrationsT(language: Language): RegistrationsT {
  return featureTranslator(language, "registrations");
}

/** "ti 3.11. klo 16.00", "tis 3.11 kl. 16.00", "Tue 3 Nov, 16:00" */
export function formatInstant(instant: Date, language: Language): string {
  const local = DateTime.fromJSDate(instant, { zone: HELSINKI }).setLocale(FORMAT_LOCALE[language]);
  const time = local.toLocaleString({
    hour: language === "en" ? "2-digit" : "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  });
  if (language === "en")
    return `${local.toLocaleString({ weekday: "short", day: "numeric", month: "short" })}, ${time}`;
  const day = local.toLocaleString({ weekday: "short", day: "numeric", month: "numeric" });
  return `${day} ${language === "fi" ? "klo" : "kl."} ${time}`;
}

/** Title and time of a session as the answers quote them. */
export function titleAndTime(
  session: { titleFi: string; titleSv: string; titleEn: string; startsAt: Date; endsAt: Date },
  language: Language,
) {
  return {
    title: localized(session, "title", language),
    when: formatSessionTime(session.startsAt, session.endsAt, language),
  };
}

export function calendarLink(turn: Pick<Turn, "deps" | "language" | "t">, sessionId: string): CardAction {
  const url = `${turn.deps.publicUrl}/calendar/sessions/${sessionId}.ics?lang=${turn.language}`;
  return { type: "link", label: turn.t("meetups.addToCalendar"), url };
}

export function cancelButton(rt: RegistrationsT, sessionId: string, waitlisted: boolean): CardAction {
  return {
    type: "button",
    label: waitlisted ? rt("buttons.leaveWaitlist") : rt("buttons.cancel"),
    action: { verb: "registrations.cancel", args: { s: sessionId } },
    style: "danger",
  };
}

function seatLines(rt: RegistrationsT, session: ListedSession, now: Date, language: Language): string[] {
  if (!session.registrationRequired) return [rt("item.noRegistration")];
  // Someone with a seat or a place in line needs neither "you can join the waitlist" nor the deadline.
  if (session.mark) {
    const left = session.capacity === null ? 0 : session.capacity - session.registered;
    return left > 0 ? [rt("item.seatsLeft", { left, capacity: session.capacity })] : [];
  }
  const lines: string[] = [];
  if (session.capacity === null) lines.push(rt("item.open"));
  else if (session.registered < session.capacity)
    lines.push(rt("item.seatsLeft", { left: session.capacity - session.registered, capacity: session.capacity }));
  else lines.push(rt("item.full"));
  const deadline = session.registrationDeadline;
  if (deadline) {
    const shown = formatInstant(deadline, language);
    lines.push(deadline > now ? rt("item.deadline", { deadline: shown }) : rt("item.closed", { deadline: shown }));
  }
  return lines;
}

/** Registration is still possible (the rules in domain/registration.ts decide for certain on click). */
function registrationOpen(session: ListedSession, now: Date): boolean {
  const deadline = session.registrationDeadline;
  return session.registrationRequired && session.startsAt > now && (!deadline || deadline > now);
}

export function sessionItem(turn: Turn, session: ListedSession): Block {
  const { t, language, deps } = turn;
  const rt = registrationsT(language);
  const now = deps.now();
  const network = session.network ? localized(session.network, "name", language) : undefined;
  const languages = session.languages.map((code) =>
    code === "fi" || code === "sv" || code === "en" ? t(`language.names.${code}`) : code,
  );
  const lines = [
    formatSessionTime(session.startsAt, session.endsAt, language),
    [t(`kinds.${session.kind}`), network, t("meetups.languageLine", { languages: languages.join(", ") })]
      .filter(Boolean)
      .join(" · "),
  ];
  if (session.place) lines.push(rt("item.place", { place: session.place }));
  if (session.hostLibrary) {
    const host = language === "sv" ? session.hostLibrary.nameSv : session.hostLibrary.nameFi;
    lines.push(t("meetups.hostLine", { host }));
  }
  // The user's own status outranks the seat count: "registered" must show in every list.
  if (session.mark?.status === "REGISTERED") lines.push(rt("item.registered"));
  else if (session.mark) lines.push(rt("item.waitlisted", { position: session.mark.position ?? 1 }));
  lines.push(...seatLines(rt, session, now, language));
  if (session.reminded) lines.push(t("meetups.reminderOn"));

  const actions: CardAction[] = [];
  if (session.joinUrl) actions.push({ type: "link", label: t("meetups.join"), url: session.joinUrl });
  actions.push(calendarLink(turn, session.id));
  if (session.mark) {
    if (session.startsAt > now) actions.push(cancelButton(rt, session.id, session.mark.status === "WAITLISTED"));
  } else if (registrationOpen(session, now)) {
    const full = session.capacity !== null && session.registered >= session.capacity;
    actions.push({
      type: "button",
      label: full ? rt("buttons.joinWaitlist") : rt("buttons.register"),
      action: { verb: "registrations.register", args: { s: session.id } },
      style: "primary",
    });
  } else if (!session.registrationRequired && session.reminded) {
    actions.push({
      type: "button",
      label: rt("buttons.forget"),
      action: { verb: "registrations.unremind", args: { s: session.id } },
    });
  } else if (!session.registrationRequired && session.startsAt > now) {
    // Sessions without registration get the meetups feature's "Remind me" verb.
    actions.push({
      type: "button",
      label: t("meetups.remindMe"),
      action: { verb: "meetups.remind", args: { s: session.id } },
    });
  }
  return { type: "item", title: localized(session, "title", language), lines, actions };
}
