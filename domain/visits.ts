// Staff visits (§3.8): the rules of a visit request, free of the store and of any
// platform. The form sends strings; `validateVisitRequest` turns them into a request or
// into field errors (codes the bot translates). Money is integer cents; dates are
// Helsinki calendar dates "YYYY-MM-DD", compared as strings.
import { addCalendarDays, helsinkiDate, isCalendarDate } from "./time.ts";

/** What a visitor can see or take part in; "whole" is the whole library. */
export const AREAS = [
  "children",
  "seniors",
  "customer",
  "collections",
  "events",
  "digital",
  "bookmobile",
  "makerspace",
  "volunteers",
  "management",
] as const;
export type Area = (typeof AREAS)[number];
export const WHOLE_LIBRARY = "whole";

export const TRAVEL_MODES = ["public", "car", "bike", "other"] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export const HOST_LANGUAGES = ["FI", "SV", "BOTH"] as const;
export type HostLanguages = (typeof HOST_LANGUAGES)[number];

export const LIMITS = {
  maxDates: 3,
  maxDays: 10,
  /** a request no later than a year ahead */
  maxDaysAhead: 366,
  message: 1000,
  note: 500,
  notes: 1000,
  name: 120,
  /** above this, a visit inside Uusimaa asks the visitor to confirm the costs */
  confirmAboveCents: 200_000,
  /** above this, one cost is refused outright (a typo, not a visit) */
  maxCostCents: 2_000_000,
  experience: 2000,
} as const;

/** The plan's budget lines (Appendix 1) that staff-visit reimbursements come out of. */
export const BUDGET_CENTS = { travel: 900_000, accommodation: 700_000 } as const;

export type VisitErrorCode =
  | "required"
  | "badDate"
  | "pastDate"
  | "tooFarDate"
  | "duplicateDate"
  | "badDays"
  | "unknownHost"
  | "ownLibrary"
  | "badChoice"
  | "badAmount"
  | "negativeAmount"
  | "tooLarge"
  | "confirmCosts"
  | "tooLong"
  | "hostExists";

export interface VisitFieldError {
  code: VisitErrorCode;
  params?: Record<string, string | number>;
}

/** "12", "12.5", "12,50", "1 200" euros → cents; null when it is not an amount. */
export function parseEuros(text: string | undefined): number | null {
  const cleaned = (text ?? "").replace(/[\s\u00a0€]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const cents = Math.round(Number(cleaned) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

/** 123456 → "1 234,56 €" (fi, sv) or "€1,234.56" (en). */
export function formatEuros(cents: number, language: "fi" | "sv" | "en"): string {
  const locale = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[language];
  return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** A valid calendar date "YYYY-MM-DD" (also "5.1.2027"), else null. */
export function parseLocalDate(text: string | undefined): string | null {
  const value = (text ?? "").trim();
  if (value === "") return null;
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = finnish ? `${finnish[3]}-${finnish[2]?.padStart(2, "0")}-${finnish[1]?.padStart(2, "0")}` : value;
  return isCalendarDate(iso) ? iso : null;
}

/** The last day of a visit that starts on `first` and lasts `days` days. */
export function lastDay(first: string, days: number): string {
  return addCalendarDays(first, Math.max(1, days) - 1);
}

/** A date the visit may start on: after today, not more than a year ahead. */
export function checkFutureDate(date: string, now: Date): VisitFieldError | null {
  const today = helsinkiDate(now);
  if (date <= today) return { code: "pastDate" };
  if (date > addCalendarDays(today, LIMITS.maxDaysAhead)) return { code: "tooFarDate" };
  return null;
}

export interface HostChoice {
  id: string;
  libraryId: string | null;
  inUusimaa: boolean;
}

export interface VisitRequest {
  hostId: string;
  dates: string[];
  days: number;
  focus: string;
  languagePractice: boolean;
  travelMode: TravelMode;
  travelCents: number;
  accommodationCents: number;
  costsConfirmed: boolean;
  message: string;
}

export type VisitValidation =
  | { ok: true; request: VisitRequest }
  | { ok: false; errors: Record<string, VisitFieldError>; needsConfirmation: boolean };

export const DATE_FIELDS = ["date1", "date2", "date3"] as const;

function amount(values: Record<string, string>, field: string, errors: Record<string, VisitFieldError>): number {
  const raw = (values[field] ?? "").trim();
  if (raw === "") return 0;
  const cents = parseEuros(raw);
  if (cents === null) errors[field] = { code: "badAmount" };
  else if (cents < 0) errors[field] = { code: "negativeAmount" };
  else if (cents > LIMITS.maxCostCents)
    errors[field] = { code: "tooLarge", params: { max: LIMITS.maxCostCents / 100 } };
  return cents ?? 0;
}

/**
 * Checks a submitted request. `hosts` are the listed hosts (a forged id is "unknown");
 * `ownLibraryId` is the visitor's library (a visit there is refused).
 */
export function validateVisitRequest(
  values: Record<string, string>,
  context: { now: Date; hosts: readonly HostChoice[]; ownLibraryId: string | null },
): VisitValidation {
  const errors: Record<string, VisitFieldError> = {};
  const host = context.hosts.find((h) => h.id === values.host);
  if (!values.host) errors.host = { code: "required" };
  else if (!host) errors.host = { code: "unknownHost" };
  else if (host.libraryId && host.libraryId === context.ownLibraryId) errors.host = { code: "ownLibrary" };

  const dates: string[] = [];
  for (const field of DATE_FIELDS) {
    const raw = (values[field] ?? "").trim();
    if (raw === "") {
      if (field === "date1") errors[field] = { code: "required" };
      continue;
    }
    const date = parseLocalDate(raw);
    if (!date) {
      errors[field] = { code: "badDate" };
      continue;
    }
    const problem = checkFutureDate(date, context.now);
    if (problem) errors[field] = problem;
    else if (dates.includes(date)) errors[field] = { code: "duplicateDate" };
    else dates.push(date);
  }

  const days = Number((values.days ?? "").trim() || "1");
  if (!Number.isInteger(days) || days < 1 || days > LIMITS.maxDays) {
    errors.days = { code: "badDays", params: { max: LIMITS.maxDays } };
  }
  const focus = values.focus || WHOLE_LIBRARY;
  if (focus !== WHOLE_LIBRARY && !(AREAS as readonly string[]).includes(focus)) errors.focus = { code: "badChoice" };
  const travelMode = (values.travelMode || "public") as TravelMode;
  if (!TRAVEL_MODES.includes(travelMode)) errors.travelMode = { code: "badChoice" };
  const travelCents = amount(values, "travel", errors);
  const accommodationCents = amount(values, "accommodation", errors);
  const message = (values.message ?? "").trim();
  if (Array.from(message).length > LIMITS.message)
    errors.message = { code: "tooLong", params: { max: LIMITS.message } };

  const costsConfirmed = values.confirmCosts === "true";
  let needsConfirmation = false;
  if (!errors.travel && !errors.accommodation && host?.inUusimaa) {
    needsConfirmation = travelCents + accommodationCents > LIMITS.confirmAboveCents;
    if (needsConfirmation && !costsConfirmed) {
      errors.confirmCosts = { code: "confirmCosts", params: { limit: LIMITS.confirmAboveCents / 100 } };
    }
  }
  if (Object.keys(errors).length > 0 || !host) return { ok: false, errors, needsConfirmation };
  return {
    ok: true,
    request: {
      hostId: host.id,
      dates,
      days,
      focus,
      languagePractice: values.languagePractice === "true",
      travelMode,
      travelCents,
      accommodationCents,
      costsConfirmed: needsConfirmation && costsConfirmed,
      message,
    },
  };
}

/**
 * The reimbursement AKE expects to pay: travel and accommodation as estimated (or, once
 * reported, as they were).
 */
export function reimbursementCents(visit: {
  travelCents: number;
  accommodationCents: number;
  actualTravelCents?: number | null;
  actualAccommodationCents?: number | null;
}): { travel: number; accommodation: number; total: number } {
  const travel = visit.actualTravelCents ?? visit.travelCents;
  const accommodation = visit.actualAccommodationCents ?? visit.accommodationCents;
  return { travel, accommodation, total: travel + accommodation };
}

/** Host directory filters from the command's words. */
export interface HostFilter {
  /** "BOTH": bilingual hosts only (language practice); "FI"/"SV": hosts working in it */
  language?: HostLanguages;
  area?: Area;
  /** folded words that must match the municipality or library name */
  places: string[];
}

/** Folded (lower case, no accents) filter words and what they mean. */
const LANGUAGE_WORDS: Record<string, HostLanguages> = {
  kielikylpy: "BOTH",
  sprakbad: "BOTH",
  language: "BOTH",
  kaksikielinen: "BOTH",
  tvasprakig: "BOTH",
  bilingual: "BOTH",
  suomi: "FI",
  finska: "FI",
  finnish: "FI",
  fi: "FI",
  ruotsi: "SV",
  svenska: "SV",
  swedish: "SV",
  sv: "SV",
};

const AREA_WORDS: Record<string, Area> = {
  lapset: "children",
  nuoret: "children",
  barn: "children",
  unga: "children",
  children: "children",
  youth: "children",
  seniorit: "seniors",
  senioorit: "seniors",
  seniorer: "seniors",
  seniors: "seniors",
  asiakaspalvelu: "customer",
  kundtjanst: "customer",
  customer: "customer",
  kokoelmat: "collections",
  samlingar: "collections",
  collections: "collections",
  tapahtumat: "events",
  evenemang: "events",
  events: "events",
  digituki: "digital",
  digi: "digital",
  digistod: "digital",
  digital: "digital",
  kirjastoauto: "bookmobile",
  bokbuss: "bookmobile",
  bookmobile: "bookmobile",
  paja: "makerspace",
  makerspace: "makerspace",
  vapaaehtoiset: "volunteers",
  vapaaehtoistyo: "volunteers",
  frivilliga: "volunteers",
  volunteers: "volunteers",
  johtaminen: "management",
  ledarskap: "management",
  management: "management",
};

export function foldWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

export function parseHostFilter(words: readonly string[]): HostFilter {
  const filter: HostFilter = { places: [] };
  for (const word of words.map(foldWord).filter(Boolean)) {
    const language = LANGUAGE_WORDS[word];
    const area = AREA_WORDS[word];
    if (language) filter.language = language;
    else if (area) filter.area = area;
    else filter.places.push(word);
  }
  return filter;
}

export interface FilterableHost {
  languages: HostLanguages;
  areas: readonly string[];
  /** every name the place goes by: municipality and library in Finnish and Swedish */
  names: readonly string[];
}

export function matchesHostFilter(host: FilterableHost, filter: HostFilter): boolean {
  if (filter.language === "BOTH" && host.languages !== "BOTH") return false;
  if (filter.language && filter.language !== "BOTH" && host.languages !== filter.language && host.languages !== "BOTH")
    return false;
  if (filter.area && !host.areas.includes(filter.area)) return false;
  const names = host.names.map(foldWord);
  return filter.places.every((word) => names.some((name) => name.startsWith(word) || name.includes(word)));
}

/** The "library" choice of a host outside Uusimaa. */
export const OTHER_LIBRARY = "other";

export interface HostInput {
  libraryId: string | null;
  name: string;
  municipality: string;
  languages: HostLanguages;
  areas: string[];
  notes: string;
}

/**
 * Checks the host form. `libraryIds`: the Uusimaa libraries one may choose; `editing`:
 * the library is fixed (an edit changes the rest).
 */
export function validateHost(
  values: Record<string, string>,
  context: { libraryIds: readonly string[]; editing?: { libraryId: string | null } },
): { ok: true; host: HostInput } | { ok: false; errors: Record<string, VisitFieldError> } {
  const errors: Record<string, VisitFieldError> = {};
  const text = (field: string, max: number, required: boolean): string => {
    const value = (values[field] ?? "").trim();
    if (required && value === "") errors[field] = { code: "required" };
    else if (Array.from(value).length > max) errors[field] = { code: "tooLong", params: { max } };
    return value;
  };
  let libraryId: string | null;
  if (context.editing) libraryId = context.editing.libraryId;
  else if (!values.library) {
    errors.library = { code: "required" };
    libraryId = null;
  } else if (values.library === OTHER_LIBRARY) libraryId = null;
  else if (context.libraryIds.includes(values.library)) libraryId = values.library;
  else {
    errors.library = { code: "badChoice" };
    libraryId = null;
  }
  const outside = libraryId === null && !errors.library;
  const name = outside ? text("name", LIMITS.name, true) : "";
  const municipality = outside ? text("municipality", LIMITS.name, true) : "";
  const languages = values.languages as HostLanguages;
  if (!HOST_LANGUAGES.includes(languages)) errors.languages = { code: "badChoice" };
  const areas = (values.areas ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (areas.some((a) => !(AREAS as readonly string[]).includes(a))) errors.areas = { code: "badChoice" };
  const notes = text("notes", LIMITS.notes, false);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, host: { libraryId, name, municipality, languages, areas: [...new Set(areas)], notes } };
}

export interface BudgetLine {
  /** approved visits not yet reported: their estimates */
  estimated: number;
  /** reported (to be paid or paid): the actual costs */
  confirmed: number;
  paid: number;
  budget: number;
}

type BudgetVisit = Parameters<typeof reimbursementCents>[0] & { status: string };

const ESTIMATED = new Set(["AWAITING_HOST", "HOST_PROPOSED", "CONFIRMED"]);
const CONFIRMED = new Set(["TO_BE_PAID", "PAID"]);

/** A year's reimbursements against the plan's budget lines, in cents. */
export function budgetSummary(visits: readonly BudgetVisit[]): { travel: BudgetLine; accommodation: BudgetLine } {
  const line = (budget: number): BudgetLine => ({ estimated: 0, confirmed: 0, paid: 0, budget });
  const summary = { travel: line(BUDGET_CENTS.travel), accommodation: line(BUDGET_CENTS.accommodation) };
  for (const visit of visits) {
    const money = reimbursementCents(visit);
    for (const key of ["travel", "accommodation"] as const) {
      if (ESTIMATED.has(visit.status)) summary[key].estimated += money[key];
      if (CONFIRMED.has(visit.status)) summary[key].confirmed += money[key];
      if (visit.status === "PAID") summary[key].paid += money[key];
    }
  }
  return summary;
}

/** "over": the confirmed total passes the line; "wouldPass": with the estimates it would. */
export function budgetWarning(line: BudgetLine): "over" | "wouldPass" | null {
  if (line.confirmed > line.budget) return "over";
  if (line.confirmed + line.estimated > line.budget) return "wouldPass";
  return null;
}

/** One CSV field: quoted when needed, and a leading =, +, - or @ neutralised for spreadsheets. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
