// Dates and times in the user's language, always on the Helsinki clock.
import { DateTime } from "luxon";
import { HELSINKI } from "../domain/time.ts";
import { FORMAT_LOCALE, type Language } from "./i18n/index.ts";

function local(instant: Date, language: Language): DateTime {
  return DateTime.fromJSDate(instant, { zone: HELSINKI }).setLocale(FORMAT_LOCALE[language]);
}

/** "ti 1.12. klo 9.00–9.30", "tis 1.12. kl. 09:00–09:30", "Tue 1 Dec, 09:00–09:30" */
export function formatSessionTime(startsAt: Date, endsAt: Date, language: Language): string {
  const start = local(startsAt, language);
  const end = local(endsAt, language);
  const day = start.toLocaleString({ weekday: "short", day: "numeric", month: "numeric" });
  const dayEn = start.toLocaleString({ weekday: "short", day: "numeric", month: "short" });
  // Finnish and Swedish in Finland write "9.00"; English gets a 24-hour "09:00".
  const hour = language === "en" ? "2-digit" : "numeric";
  const time = (dt: DateTime) => dt.toLocaleString({ hour, minute: "2-digit", hourCycle: "h23" });
  const span = `${time(start)}–${time(end)}`;
  switch (language) {
    case "fi":
      return `${day} klo ${span}`;
    case "sv":
      return `${day} kl. ${span}`;
    case "en":
      return `${dayEn}, ${span}`;
  }
}

/** Picks the field of a bilingual (trilingual) record in the user's language. */
export function localized<T extends Record<`${K}${"Fi" | "Sv" | "En"}`, string>, K extends string>(
  record: T,
  key: K,
  language: Language,
): string {
  const suffix = language === "fi" ? "Fi" : language === "sv" ? "Sv" : "En";
  return record[`${key}${suffix}` as `${K}${"Fi" | "Sv" | "En"}`];
}

/** An instant on the Helsinki clock: "26.11.2026 klo 14.32", "26.11.2026 kl. 14:32", "26 Nov 2026, 14:32". */
export function formatInstant(instant: Date, language: Language): string {
  const dt = local(instant, language);
  const date =
    language === "en"
      ? dt.toLocaleString({ day: "numeric", month: "short", year: "numeric" })
      : dt.toLocaleString({ day: "numeric", month: "numeric", year: "numeric" });
  const time = dt.toLocaleString({
    hour: language === "en" ? "2-digit" : "numeric",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return { fi: `${date} klo ${time}`, sv: `${date} kl. ${time}`, en: `${date}, ${time}` }[language];
}

/** A calendar date (YYYY-MM-DD): "ma 7.12.2026", "mån 7.12.2026", "Mon 7 Dec 2026". */
export function formatLocalDate(date: string, language: Language): string {
  const dt = DateTime.fromISO(date, { zone: HELSINKI }).setLocale(FORMAT_LOCALE[language]);
  return language === "en"
    ? dt.toLocaleString({ weekday: "short", day: "numeric", month: "short", year: "numeric" })
    : dt.toLocaleString({ weekday: "short", day: "numeric", month: "numeric", year: "numeric" });
}

/** "ma 7.12.2026 – pe 11.12.2026" */
export function formatDateRange(start: string, end: string, language: Language): string {
  return start === end
    ? formatLocalDate(start, language)
    : `${formatLocalDate(start, language)} – ${formatLocalDate(end, language)}`;
}
