// The neutral forms of publishing: create or edit a session or series, and cancel one.
// Values are the strings the form sends back (prefilled on edit, or as the coordinator
// typed them when a submit was refused), so one builder serves every case.
import type { FieldError } from "../../../domain/publishing.ts";
import {
  LIMITS,
  NO_HOST,
  NO_NETWORK,
  RECURRENCES,
  recurrenceOf,
  SESSION_KINDS,
  SESSION_LANGUAGES,
} from "../../../domain/publishing.ts";
import type { PublishingChoices, SessionForEdit } from "../../../domain/store/publishing.ts";
import { helsinkiDate, inHelsinki } from "../../../domain/time.ts";
import { localized } from "../../format.ts";
import { type FeatureTranslate, featureTranslator } from "../../i18n/index.ts";
import type { ActionPayload, FormField, Reply } from "../../reply.ts";
import { formReply } from "../../reply.ts";
import type { Turn } from "../../turn.ts";

export type PublishingT = FeatureTranslate<"publishing">;
export const publishingT = (turn: Pick<Turn, "language">): PublishingT =>
  featureTranslator(turn.language, "publishing");

export type FormValues = Record<string, string>;
type TextField = Extract<FormField, { type: "text" }>;
const RECURRENCE_LABEL = {
  none: "form.recurrenceNone",
  weekly: "form.weekly",
  biweekly: "form.biweekly",
  monthly: "form.monthly",
  monthlyLast: "form.monthlyLast",
} as const;

export interface SessionFormOptions {
  /** "create"; "single": a one-off session; "occurrence": one of a series (asks this one / all coming) */
  mode: "create" | "single" | "occurrence";
  values: FormValues;
  errors?: Record<string, FieldError> | undefined;
  submit: ActionPayload;
  /** the edited session's title and time, shown above the fields */
  intro?: string;
}

const translate = (pt: PublishingT) => pt as unknown as (key: string, params?: object) => string;

/** Field errors in the user's language, by field id. */
export function errorTexts(pt: PublishingT, errors: Record<string, FieldError>): Record<string, string> {
  return Object.fromEntries(
    // the codes are the keys of `errors` in messages-en.ts; params fill their placeholders
    Object.entries(errors).map(([field, error]) => [field, translate(pt)(`errors.${error.code}`, error.params)]),
  );
}

export function sessionFormReply(turn: Turn, choices: PublishingChoices, options: SessionFormOptions): Reply {
  const { t, language } = turn;
  const pt = publishingT(turn);
  const v = options.values;
  const text = (id: string, max: number, required = false, multiline = false): TextField => ({
    type: "text",
    id,
    label: pt(`form.${id as "titleFi"}`),
    value: v[id] ?? "",
    maxLength: max,
    ...(required ? { required } : {}),
    ...(multiline ? { multiline } : {}),
  });
  const libraryName = (l: PublishingChoices["hosts"][number]) => (language === "sv" ? l.nameSv : l.nameFi);
  const hostOptions = choices.hosts.map((l) => ({ value: l.id, label: libraryName(l) }));
  const fields: FormField[] = [];
  if (options.mode === "occurrence") {
    fields.push({
      type: "select",
      id: "scope",
      label: pt("form.scope"),
      options: [
        { value: "one", label: pt("form.scopeOne") },
        { value: "all", label: pt("form.scopeAll") },
      ],
      value: v.scope || "one",
      required: true,
    });
  }
  fields.push(
    text("titleFi", LIMITS.title, true),
    text("titleSv", LIMITS.title, true),
    text("titleEn", LIMITS.title),
    {
      type: "select",
      id: "kind",
      label: pt("form.kind"),
      options: SESSION_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) })),
      value: v.kind ?? "",
      required: true,
    },
    {
      type: "select",
      id: "network",
      label: pt("form.network"),
      options: [
        { value: NO_NETWORK, label: pt("form.noNetwork") },
        ...choices.networks.map((n) => ({ value: n.id, label: localized(n, "name", language) })),
      ],
      value: v.network || NO_NETWORK,
    },
    { type: "date", id: "date", label: pt("form.date"), value: v.date ?? "", required: true },
    { type: "time", id: "start", label: pt("form.start"), value: v.start ?? "", required: true },
    { type: "time", id: "end", label: pt("form.end"), value: v.end ?? "", required: true },
    {
      type: "select",
      id: "languages",
      label: pt("form.languages"),
      options: SESSION_LANGUAGES.map((code) => ({ value: code, label: t(`language.names.${code}`) })),
      value: v.languages ?? "",
      multiple: true,
      required: true,
    },
    { ...text("joinUrl", LIMITS.link), placeholder: "https://teams.microsoft.com/…" },
    text("place", LIMITS.place),
    { type: "toggle", id: "registration", label: pt("form.registration"), value: v.registration === "true" },
    { type: "number", id: "capacity", label: pt("form.capacity"), ...num(v.capacity), min: 1, max: 100_000 },
    {
      type: "number",
      id: "deadline",
      label: pt("form.deadline"),
      ...num(v.deadline),
      min: 0,
      max: LIMITS.deadlineHours,
    },
    text("descFi", LIMITS.description, false, true),
    text("descSv", LIMITS.description, false, true),
  );
  if (options.mode !== "create") {
    // the host of this session; a series' rotation is the separate field below
    fields.push({
      type: "select",
      id: "host",
      label: pt("form.host"),
      options: [{ value: NO_HOST, label: pt("form.noHost") }, ...hostOptions],
      value: v.host || NO_HOST,
    });
  }
  if (options.mode !== "single") {
    fields.push(
      {
        type: "select",
        id: "recurrence",
        label: pt("form.recurrence"),
        options: RECURRENCES.map((r) => ({ value: r, label: pt(RECURRENCE_LABEL[r]) })),
        value: v.recurrence || "none",
      },
      { type: "date", id: "until", label: pt("form.until"), value: v.until ?? "" },
      { ...text("exceptions", 2000), placeholder: "2026-12-29, 5.1.2027" },
      {
        type: "select",
        id: "hosts",
        label: pt("form.hosts"),
        options: hostOptions,
        value: v.hosts ?? "",
        multiple: true,
      },
    );
  }
  const title = pt(options.mode === "create" ? "form.createTitle" : "form.editTitle");
  const intro = options.intro ?? pt("form.createIntro");
  return formReply({
    title,
    intro,
    fields,
    submit: { label: pt(options.mode === "create" ? "form.publish" : "form.save"), action: options.submit },
    ...(options.errors ? { errors: errorTexts(pt, options.errors) } : {}),
  });
}

function num(value: string | undefined): { value?: number } {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(n) ? { value: n } : {};
}

/** The cancel form: an optional reason for those registered. */
export function cancelFormReply(turn: Turn, intro: string, submit: ActionPayload, reason = "", error?: string): Reply {
  const pt = publishingT(turn);
  const title = pt("form.cancelTitle");
  const field: FormField = {
    type: "text",
    id: "reason",
    label: pt("form.reason"),
    value: reason,
    multiline: true,
    maxLength: LIMITS.reason,
  };
  return formReply({
    title,
    intro,
    fields: [field],
    submit: { label: pt("form.confirmCancel"), action: submit },
    ...(error ? { errors: { reason: error } } : {}),
  });
}

/** HH:mm on the Helsinki clock. */
const clock = (instant: Date) => inHelsinki(instant).toFormat("HH:mm");

/** What an edit form shows for a stored session (and its series). */
export function valuesOf(session: SessionForEdit): FormValues {
  const rule = session.rule;
  const deadline = session.registrationDeadline
    ? Math.round((session.startsAt.getTime() - session.registrationDeadline.getTime()) / 3_600_000)
    : null;
  return {
    titleFi: session.titleFi,
    titleSv: session.titleSv,
    titleEn: session.titleEn === session.titleFi ? "" : session.titleEn,
    kind: session.kind,
    network: session.networkId ?? NO_NETWORK,
    date: helsinkiDate(session.startsAt),
    start: clock(session.startsAt),
    end: clock(session.endsAt),
    languages: session.languages.join(","),
    joinUrl: session.joinUrl ?? "",
    place: session.place ?? "",
    registration: String(session.registrationRequired),
    capacity: session.capacity === null ? "" : String(session.capacity),
    deadline: deadline === null ? "" : String(deadline),
    descFi: session.descriptionFi,
    descSv: session.descriptionSv,
    host: session.hostLibraryId ?? NO_HOST,
    recurrence: recurrenceOf(rule),
    until: rule?.until ?? "",
    exceptions: rule?.exceptions.join(", ") ?? "",
    hosts: session.series?.hostRotation.join(",") ?? "",
  };
}
