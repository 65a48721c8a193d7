// What the visits' cards share: names of hosts and people in the reader's language, the
// facts of a visit, and the sub-command words (any language works for everyone).

import type { HostRecord } from "../../../domain/store/visit-hosts.ts";
import type { VisitRecord } from "../../../domain/store/visits.ts";
import { formatEuros, LIMITS, lastDay, reimbursementCents } from "../../../domain/visits.ts";
import { formatDateRange, formatLocalDate } from "../../format.ts";
import { type FeatureTranslate, featureTranslator, type Language } from "../../i18n/index.ts";

export type VisitsT = FeatureTranslate<"visits">;

export function visitsT(language: Language): VisitsT {
  return featureTranslator(language, "visits");
}

/** Sub-commands of `vierailu`, by folded word; the first of each language is shown. */
export const WORDS = {
  request: { fi: ["hae", "hakemus", "pyynto"], sv: ["ansok", "ansokan"], en: ["request", "apply"] },
  host: { fi: ["isanta", "kirjasto"], sv: ["vard"], en: ["host"] },
  mine: { fi: ["omat"], sv: ["mina"], en: ["mine"] },
  overview: { fi: ["yhteenveto", "seuranta"], sv: ["oversikt"], en: ["overview"] },
  add: { fi: ["lisaa"], sv: ["lagg"], en: ["add"] },
  csv: { fi: ["csv"], sv: ["csv"], en: ["csv"] },
} as const;
export type SubCommand = keyof typeof WORDS;

/** The words as shown to a reader of `language` (with their letters back). */
export const SHOWN: Record<SubCommand, Record<Language, string>> = {
  request: { fi: "hae", sv: "ansök", en: "request" },
  host: { fi: "isäntä", sv: "värd", en: "host" },
  mine: { fi: "omat", sv: "mina", en: "mine" },
  overview: { fi: "yhteenveto", sv: "översikt", en: "overview" },
  add: { fi: "lisää", sv: "lägg till", en: "add" },
  csv: { fi: "csv", sv: "csv", en: "csv" },
};

export function subCommandOf(folded: string): SubCommand | undefined {
  for (const [command, words] of Object.entries(WORDS) as [SubCommand, Record<Language, readonly string[]>][]) {
    if (Object.values(words).some((list) => list.includes(folded))) return command;
  }
  return undefined;
}

type HostNaming = Pick<HostRecord, "name" | "municipality" | "library">;

export function hostName(host: HostNaming, language: Language): string {
  if (host.library) return language === "sv" ? host.library.nameSv : host.library.nameFi;
  return host.name;
}

export function hostMunicipality(host: HostNaming, language: Language): string {
  if (host.library) return language === "sv" ? host.library.municipalitySv : host.library.municipality;
  return host.municipality;
}

export function inUusimaa(host: Pick<HostRecord, "libraryId">): boolean {
  return host.libraryId !== null;
}

export function personName(
  person: { displayName: string | null; platformUserId: string } | null,
  fallback = "—",
): string {
  if (!person) return fallback;
  return person.displayName?.trim() || (person.platformUserId.split(":").pop() ?? person.platformUserId);
}

export function areaLabel(t: VisitsT, area: string): string {
  return t(`areas.${area as "whole"}`, { defaultValue: area });
}

export function visitorLibrary(visit: VisitRecord, language: Language): string {
  const library = visit.visitor.library;
  return library ? (language === "sv" ? library.nameSv : library.nameFi) : "—";
}

/** The agreed days, or the preferred ones: "ma 7.12.2026 – ti 8.12.2026". */
export function visitDates(visit: Pick<VisitRecord, "confirmedDate" | "dates" | "days">, language: Language): string {
  if (visit.confirmedDate)
    return formatDateRange(visit.confirmedDate, lastDay(visit.confirmedDate, visit.days), language);
  return visit.dates.map((d) => formatLocalDate(d, language)).join(", ");
}

/** The facts of a visit as every party sees them. */
export function visitFacts(visit: VisitRecord, language: Language): { label: string; value: string }[] {
  const t = visitsT(language);
  const money = reimbursementCents(visit);
  const facts = [
    { label: t("card.host"), value: `${hostName(visit.host, language)}, ${hostMunicipality(visit.host, language)}` },
    { label: t("card.visitorLibrary"), value: visitorLibrary(visit, language) },
    visit.confirmedDate
      ? { label: t("card.date"), value: visitDates(visit, language) }
      : { label: t("card.dates"), value: visitDates(visit, language) },
    { label: t("card.length"), value: t("card.days", { count: visit.days }) },
    { label: t("card.focus"), value: areaLabel(t, visit.focus) },
    { label: t("card.languagePractice"), value: t(visit.languagePractice ? "card.yes" : "card.no") },
    {
      label: t("card.travelMode"),
      value: t(`travel.${visit.travelMode as "public"}`, { defaultValue: visit.travelMode }),
    },
    { label: t("card.travel"), value: formatEuros(money.travel, language) },
    { label: t("card.accommodation"), value: formatEuros(money.accommodation, language) },
    { label: t("card.estimate"), value: formatEuros(money.total, language) },
  ];
  if (visit.message) facts.push({ label: t("card.message"), value: visit.message });
  return facts;
}

/** Warnings for the coordinator deciding on a request. */
export function visitFlags(visit: VisitRecord, language: Language): string[] {
  const t = visitsT(language);
  const flags: string[] = [];
  if (!inUusimaa(visit.host))
    flags.push(t("card.flagOutside", { municipality: hostMunicipality(visit.host, language) }));
  if (visit.costsConfirmed) flags.push(t("card.flagCosts", { limit: LIMITS.confirmAboveCents / 100 }));
  if (!visit.host.contactId) flags.push(t("card.flagNoContact"));
  return flags;
}

export function visitTitle(visit: VisitRecord, language: Language): string {
  return visitsT(language)("card.title", { visitor: personName(visit.visitor), host: hostName(visit.host, language) });
}
