// What a coordinator's publishing form means: raw form strings → the fields of a session
// and, for a series, its recurrence rule. Pure (the clock and the allowed networks and
// host libraries are parameters); errors are codes per field that bot/ translates.
import { z } from "zod";
import type { SessionKind } from "../prisma/generated/enums.ts";
import { isDate, listOf, seriesRule } from "./publishing-rule.ts";
import type { RecurrenceRule } from "./recurrence.ts";
import { helsinkiDate, helsinkiInstant } from "./time.ts";

export { recurrenceOf, samePattern } from "./publishing-rule.ts";

export const SESSION_KINDS = [
  "REMOTE_COFFEE",
  "NETWORK_COFFEE",
  "TUTKITTUA",
  "BOOKMOBILE_QUARTER",
  "NETWORK_DAY",
  "TRAINING",
  "CORE_GROUP_MEETING",
] as const satisfies readonly SessionKind[];
export { RECURRENCES, type Recurrence } from "./publishing-rule.ts";
export const SESSION_LANGUAGES = ["fi", "sv", "en"] as const;
export const LIMITS = { title: 200, description: 2000, place: 200, link: 1000, reason: 500, deadlineHours: 720 };
export const NO_NETWORK = "none";
export const NO_HOST = "none";

export const ERROR_CODES = [
  ...["required", "tooLong", "badDate", "badTime", "pastDate", "endBeforeStart", "tooLongDuration", "badLink"],
  ...["placeOrLink", "capacityTooSmall", "badNumber", "needsRegistration", "badChoice", "untilBeforeDate"],
  ...["badExceptions", "notLastWeekday"],
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface FieldError {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

export interface PublishedFields {
  kind: SessionKind;
  networkId: string | null;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  descriptionFi: string;
  descriptionSv: string;
  languages: string[];
  /** Helsinki wall clock: YYYY-MM-DD, HH:mm */
  date: string;
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
  joinUrl: string | null;
  place: string | null;
  capacity: number | null;
  registrationRequired: boolean;
  deadlineHours: number | null;
  /** host libraries in the order chosen; a one-off session is hosted by the first */
  hostRotation: string[];
}

export interface ValidationContext {
  now: Date;
  networkIds: readonly string[];
  /** the AKE libraries that may host */
  hostIds: readonly string[];
  /** false for a one-off session or one occurrence: the recurrence fields are not read */
  recurring: boolean;
  /** kept from an edited series (the form does not show them) */
  skipMonths?: number[];
}

export type Validation =
  | { ok: true; fields: PublishedFields; rule: RecurrenceRule | null }
  | { ok: false; errors: Record<string, FieldError> };

/** "9:00" and "09:00:00" (some Teams clients add seconds) → "09:00" */
function normalTime(value: string): string | undefined {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)(?::00)?$/.exec(value);
  return match ? `${match[1]?.padStart(2, "0")}:${match[2]}` : undefined;
}
/** Control characters (but newlines) would break the cards or Slack's text objects; a tab becomes a space. */
function withoutControls(value: string): string {
  return Array.from(value)
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code === 9) return " ";
      return code === 10 || (code >= 32 && code !== 127) ? ch : "";
    })
    .join("");
}

const text = (max: number) =>
  z
    .string()
    .default("")
    .transform((value) => withoutControls(value).trim())
    .refine((value) => value.length <= max, "tooLong");
const required = (max: number) => text(max).refine((value) => value.length > 0, "required");
const optionalInt = z
  .string()
  .default("")
  .transform((value) => value.trim())
  // "3.0": some Teams clients send whole numbers that way
  .refine((value) => value === "" || /^-?\d{1,6}(\.0*)?$/.test(value), "badNumber")
  .transform((value) => (value === "" ? null : Math.trunc(Number(value))));

const FormSchema = z.object({
  titleFi: required(LIMITS.title),
  titleSv: required(LIMITS.title),
  titleEn: text(LIMITS.title),
  kind: z
    .string()
    .default("")
    .pipe(z.enum(SESSION_KINDS, { message: "required" })),
  network: text(100),
  date: text(20)
    .refine((value) => value === "" || isDate(value), "badDate")
    .refine(Boolean, "required"),
  start: text(20)
    .refine(Boolean, "required")
    .refine((value) => normalTime(value) !== undefined, "badTime"),
  end: text(20)
    .refine(Boolean, "required")
    .refine((value) => normalTime(value) !== undefined, "badTime"),
  languages: text(100),
  joinUrl: text(LIMITS.link).refine((value) => value === "" || isLink(value), "badLink"),
  place: text(LIMITS.place),
  capacity: optionalInt.refine((value) => value === null || value >= 1, "capacityTooSmall"),
  registration: text(10).transform((value) => value === "true" || value === "on"),
  deadline: optionalInt.refine((value) => value === null || (value >= 0 && value <= LIMITS.deadlineHours), "badNumber"),
  descFi: text(LIMITS.description),
  descSv: text(LIMITS.description),
  recurrence: text(20).transform((value) => value || "none"),
  until: text(20).refine((value) => value === "" || isDate(value), "badDate"),
  exceptions: text(2000),
  hosts: text(1000),
  /** the host of one session (edit forms); `hosts` is a series' rotation */
  host: text(100),
});
type FormValues = z.output<typeof FormSchema>;

function isLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

const MAX_PARAMS: Record<string, number> = {
  titleFi: LIMITS.title,
  titleSv: LIMITS.title,
  titleEn: LIMITS.title,
  descFi: LIMITS.description,
  descSv: LIMITS.description,
  place: LIMITS.place,
  joinUrl: LIMITS.link,
};

export function validatePublishing(inputs: Record<string, string>, context: ValidationContext): Validation {
  const errors: Record<string, FieldError> = {};
  const fail = (field: string, code: ErrorCode, params?: FieldError["params"]) => {
    errors[field] ??= params ? { code, params } : { code };
  };
  // Field by field, so that one form submit reports every mistake at once.
  const values: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(FormSchema.shape)) {
    const parsed = schema.safeParse(inputs[field]);
    // a refused field gets a neutral value, so the checks across fields still run
    values[field] = parsed.success ? parsed.data : field === "capacity" || field === "deadline" ? null : "";
    for (const issue of parsed.error?.issues ?? []) {
      const known = (ERROR_CODES as readonly string[]).includes(issue.message);
      const code = (known ? issue.message : "required") as ErrorCode;
      fail(field, code, code === "tooLong" ? { max: MAX_PARAMS[field] ?? 0 } : undefined);
    }
  }
  const form = values as FormValues;
  if (errors.date || errors.start || errors.end) return { ok: false, errors };
  const start = normalTime(form.start) ?? "00:00";
  const end = normalTime(form.end) ?? "00:00";
  const startsAt = helsinkiInstant(form.date, start);
  const endsAt = helsinkiInstant(form.date, end);
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (form.date < helsinkiDate(context.now)) fail("date", "pastDate");
  else if (startsAt <= context.now) fail("start", "pastDate");
  if (minutes < 5) fail("end", "endBeforeStart");
  if (minutes > 12 * 60) fail("end", "tooLongDuration", { hours: 12 });
  const networkId = form.network === "" || form.network === NO_NETWORK ? null : form.network;
  if (networkId !== null && !context.networkIds.includes(networkId)) fail("network", "badChoice");
  const languages = listOf(form.languages);
  if (languages.length === 0) fail("languages", "required");
  if (languages.some((code) => !(SESSION_LANGUAGES as readonly string[]).includes(code)))
    fail("languages", "badChoice");
  if (form.joinUrl === "" && form.place === "") fail("joinUrl", "placeOrLink");
  if (!form.registration && form.capacity !== null) fail("capacity", "needsRegistration");
  if (!form.registration && form.deadline !== null) fail("deadline", "needsRegistration");
  const single = !context.recurring && form.host !== "";
  const hostRotation = single ? [form.host].filter((id) => id !== NO_HOST) : listOf(form.hosts);
  if (hostRotation.some((id) => !context.hostIds.includes(id))) fail(single ? "host" : "hosts", "badChoice");
  const rule = context.recurring
    ? seriesRule({ ...form, time: start, minutes, skipMonths: context.skipMonths ?? [] }, fail)
    : null;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const fields: PublishedFields = {
    kind: form.kind,
    networkId,
    titleFi: form.titleFi,
    titleSv: form.titleSv,
    // the plan wants the most important information in English too; until a
    // coordinator writes one, English readers see the Finnish title
    titleEn: form.titleEn || form.titleFi,
    descriptionFi: form.descFi,
    descriptionSv: form.descSv,
    languages,
    date: form.date,
    start,
    end,
    startsAt,
    endsAt,
    joinUrl: form.joinUrl || null,
    place: form.place || null,
    capacity: form.capacity,
    registrationRequired: form.registration,
    deadlineHours: form.deadline,
    hostRotation,
  };
  return { ok: true, fields, rule: rule ?? null };
}

/** The cancel form: an optional reason. */
export function validateReason(inputs: Record<string, string>): { ok: true; reason: string | null } | { ok: false } {
  const reason = withoutControls(inputs.reason ?? "").trim();
  return reason.length > LIMITS.reason ? { ok: false } : { ok: true, reason: reason || null };
}
