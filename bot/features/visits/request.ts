// The visit request form: host, 1–3 preferred days, length, focus, language practice,
// travel mode and estimated costs. A refused submit comes back with its errors in the
// user's language and stores nothing; an accepted one stores the request and opens its
// approval in one transaction. Also the requester's change after "ask for a change".
import { randomUUID } from "node:crypto";
import { approvalOf } from "../../../domain/store/approvals.ts";
import { type HostRecord, listHosts } from "../../../domain/store/visit-hosts.ts";
import {
  createVisitRequest,
  findVisit,
  resubmitVisitRequest,
  VISIT_SUBJECT,
  type VisitRecord,
} from "../../../domain/store/visits.ts";
import {
  AREAS,
  DATE_FIELDS,
  formatEuros,
  LIMITS,
  reimbursementCents,
  TRAVEL_MODES,
  type VisitFieldError,
  type VisitRequest,
  validateVisitRequest,
  WHOLE_LIBRARY,
} from "../../../domain/visits.ts";
import { InvalidAction } from "../../errors.ts";
import type { Language } from "../../i18n/index.ts";
import type { FormField, Reply } from "../../reply.ts";
import { formReply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import type { Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import { areaLabel, hostMunicipality, hostName, type VisitsT, visitFacts, visitsT } from "./shared.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function errorTexts(t: VisitsT, errors: Record<string, VisitFieldError>): Record<string, string> {
  const translate = t as unknown as (key: string, params?: object) => string;
  return Object.fromEntries(
    Object.entries(errors).map(([field, e]) => [field, translate(`errors.${e.code}`, e.params)]),
  );
}

/** Euros as a form shows them: "45,50" (fi, sv) or "45.50" (en) for 4550 cents, "" for nothing. */
export function eurosValue(cents: number, language: Language): string {
  if (cents === 0) return "";
  const text = (cents / 100).toFixed(2);
  return language === "en" ? text : text.replace(".", ",");
}

/**
 * An amount in euros: a text input, not a number one, so that cents can be typed on
 * Slack too (its number inputs take whole numbers) and a wrong amount gets our message.
 */
export function amountField(id: string, label: string, value: string | undefined, language: Language): FormField {
  return {
    type: "text",
    id,
    label,
    value: value ?? "",
    maxLength: 12,
    placeholder: language === "en" ? "0.00" : "0,00",
  };
}

interface RequestFormOptions {
  hosts: HostRecord[];
  values: Record<string, string>;
  errors?: Record<string, VisitFieldError> | undefined;
  submit: { verb: string; args: Record<string, string> };
  change?: boolean;
}

function requestForm(turn: Turn, options: RequestFormOptions): Reply {
  const { language } = turn;
  const t = visitsT(language);
  const v = options.values;
  const hostOptions = options.hosts
    .filter((h) => h.libraryId === null || h.libraryId !== turn.user.libraryId)
    .map((h) => ({ value: h.id, label: `${hostName(h, language)} (${hostMunicipality(h, language)})` }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  const amount = (id: "travel" | "accommodation"): FormField => amountField(id, t(`request.${id}`), v[id], language);
  const fields: FormField[] = [
    { type: "select", id: "host", label: t("request.host"), options: hostOptions, value: v.host ?? "", required: true },
    ...DATE_FIELDS.map(
      (id): FormField => ({
        type: "date",
        id,
        label: t(`request.${id}`),
        value: v[id] ?? "",
        required: id === "date1",
      }),
    ),
    {
      type: "number",
      id: "days",
      label: t("request.days"),
      value: Number(v.days) || 1,
      min: 1,
      max: 10,
      required: true,
    },
    {
      type: "select",
      id: "focus",
      label: t("request.focus"),
      options: [WHOLE_LIBRARY, ...AREAS].map((area) => ({ value: area, label: areaLabel(t, area) })),
      value: v.focus || WHOLE_LIBRARY,
      required: true,
    },
    {
      type: "toggle",
      id: "languagePractice",
      label: t("request.languagePractice"),
      value: v.languagePractice === "true",
    },
    {
      type: "select",
      id: "travelMode",
      label: t("request.travelMode"),
      options: TRAVEL_MODES.map((mode) => ({ value: mode, label: t(`travel.${mode}`) })),
      value: v.travelMode || "public",
      required: true,
    },
    amount("travel"),
    amount("accommodation"),
  ];
  // always there: on Slack a refused submit can only show errors beside the modal's own blocks
  fields.push({
    type: "toggle",
    id: "confirmCosts",
    label: t("request.confirmCosts", { limit: formatEuros(LIMITS.confirmAboveCents, language) }),
    value: v.confirmCosts === "true",
  });
  fields.push({
    type: "text",
    id: "message",
    label: t("request.message"),
    value: v.message ?? "",
    multiline: true,
    maxLength: 1000,
  });
  const title = t(options.change ? "request.changeTitle" : "request.title");
  return formReply({
    title,
    intro: t("request.intro"),
    fields,
    submit: { label: t("request.send"), action: options.submit },
    ...(options.errors ? { errors: errorTexts(t, options.errors) } : {}),
  });
}

/** `vierailu hae`, or "Request a visit" on a host: an empty form (the host chosen). */
export async function requestFormReply(turn: Turn, hostId?: string): Promise<Reply> {
  const hosts = await listHosts(turn.deps.prisma);
  if (hosts.length === 0) return textReply(visitsT(turn.language)("request.noHosts"));
  const values: Record<string, string> = {};
  if (hostId && hosts.some((h) => h.id === hostId)) values.host = hostId;
  return requestForm(turn, { hosts, values, submit: { verb: "visits.request", args: { n: randomUUID() } } });
}

function validate(turn: Turn, hosts: HostRecord[], inputs: Record<string, string>) {
  return validateVisitRequest(inputs, {
    now: turn.deps.now(),
    hosts: hosts.map((h) => ({ id: h.id, libraryId: h.libraryId, inUusimaa: h.libraryId !== null })),
    ownLibraryId: turn.user.libraryId,
  });
}

function sentReply(turn: Turn, visit: VisitRecord, key: "request.sent" | "request.resubmitted"): Reply {
  const { language } = turn;
  const t = visitsT(language);
  const text = t(key, {
    host: hostName(visit.host, language),
    amount: formatEuros(reimbursementCents(visit).total, language),
  });
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "facts", facts: visitFacts(visit, language) },
    ],
  };
}

export async function requestAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  const id = args.n ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no form id");
  const { prisma } = turn.deps;
  const hosts = await listHosts(prisma);
  const result = validate(turn, hosts, inputs);
  if (!result.ok) {
    const reply = requestForm(turn, {
      hosts,
      values: inputs,
      errors: result.errors,
      submit: { verb: "visits.request", args: { n: id } },
    });
    return { mode: "form", reply };
  }
  const created = await createVisitRequest(prisma, {
    id,
    visitorId: turn.user.id,
    request: result.request,
    now: turn.deps.now(),
  });
  if (!created.ok) return { mode: "replace", reply: textReply(visitsT(turn.language)("request.duplicate")) };
  return { mode: "replace", reply: sentReply(turn, created.visit, "request.sent") };
}

// ── A change the coordinator asked for ──

function valuesOf(visit: VisitRecord, language: Language): Record<string, string> {
  const values: Record<string, string> = {
    host: visit.hostId,
    days: String(visit.days),
    focus: visit.focus,
    languagePractice: String(visit.languagePractice),
    travelMode: visit.travelMode,
    travel: eurosValue(visit.travelCents, language),
    accommodation: eurosValue(visit.accommodationCents, language),
    confirmCosts: String(visit.costsConfirmed),
    message: visit.message,
  };
  visit.dates.forEach((date, index) => {
    const field = DATE_FIELDS[index];
    if (field) values[field] = date;
  });
  return values;
}

async function changeable(turn: Turn, args: Record<string, string>): Promise<VisitRecord | Reply> {
  const id = args.v ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no visit");
  const { prisma } = turn.deps;
  const visit = await findVisit(prisma, id);
  if (!visit || visit.visitorId !== turn.user.id) throw new InvalidAction("not the requester's visit");
  const approval = await approvalOf(prisma, VISIT_SUBJECT, visit.id);
  if (visit.status !== "REQUESTED" || approval?.status !== "CHANGES_REQUESTED") {
    const t = visitsT(turn.language);
    return textReply(t("request.notChangeable", { status: t(`status.${visit.status}`) }));
  }
  return visit;
}

export async function changeFormAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const visit = await changeable(turn, args);
  if (!("id" in visit)) return { mode: "new", reply: visit };
  const hosts = await listHosts(turn.deps.prisma);
  const reply = requestForm(turn, {
    hosts,
    values: valuesOf(visit, turn.language),
    submit: { verb: "visits.resubmit", args: { v: visit.id } },
    change: true,
  });
  return { mode: "form", reply };
}

export async function resubmitAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  const visit = await changeable(turn, args);
  if (!("id" in visit)) return { mode: "new", reply: visit };
  const { prisma } = turn.deps;
  const hosts = await listHosts(prisma);
  const result = validate(turn, hosts, inputs);
  if (!result.ok) {
    const reply = requestForm(turn, {
      hosts,
      values: inputs,
      errors: result.errors,
      submit: { verb: "visits.resubmit", args: { v: visit.id } },
      change: true,
    });
    return { mode: "form", reply };
  }
  const request: VisitRequest = result.request;
  const done = await resubmitVisitRequest(prisma, {
    visitId: visit.id,
    visitorId: turn.user.id,
    request,
    now: turn.deps.now(),
  });
  const changed = done ? await findVisit(prisma, visit.id) : null;
  if (!changed) {
    const t = visitsT(turn.language);
    return { mode: "new", reply: textReply(t("request.notChangeable", { status: t(`status.${visit.status}`) })) };
  }
  return { mode: "replace", reply: sentReply(turn, changed, "request.resubmitted") };
}
