// The second yes: after AKE's approval the host contact gets a card to accept one of
// the proposed days or to propose another (which the visitor then accepts). When both
// agree, the visitor and the host each get the plan and the practical-arrangements
// checklist in their own language, with the visit as an .ics for their calendars.
import {
  findVisit,
  hostAcceptDate,
  hostProposeDate,
  type StepResult,
  type VisitRecord,
  visitorAcceptProposal,
} from "../../../domain/store/visits.ts";
import { checkFutureDate, LIMITS, parseLocalDate, type VisitFieldError } from "../../../domain/visits.ts";
import { InvalidAction } from "../../errors.ts";
import { formatLocalDate } from "../../format.ts";
import type { Language } from "../../i18n/index.ts";
import { type Block, type CardAction, formReply, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import type { Turn } from "../../turn.ts";
import type { ActionContext, NotificationContext } from "../types.ts";
import { errorTexts } from "./request.ts";
import { hostName, personName, visitDates, visitFacts, visitorLibrary, visitsT } from "./shared.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The .ics of a visit; served by the HTTP server (see calendar.ts). */
export function visitCalendarUrl(publicUrl: string, visitId: string, language: Language): string {
  return `${publicUrl}/calendar/visits/${visitId}.ics?lang=${language}`;
}

type Payload = { visitId?: string; sequence?: number };

async function current(context: NotificationContext, raw: unknown): Promise<VisitRecord | null> {
  const payload = raw as Payload;
  if (!payload.visitId) return null;
  const visit = await findVisit(context.prisma, payload.visitId);
  // changed since it was planned: a newer notification says what holds now
  if (!visit || (payload.sequence !== undefined && visit.sequence !== payload.sequence)) return null;
  return visit;
}

// ── The host contact's card ──

function hostAskReply(visit: VisitRecord, language: Language): Reply {
  const t = visitsT(language);
  const text = t("host.ask", { visitor: personName(visit.visitor), library: visitorLibrary(visit, language) });
  const actions: CardAction[] = visit.dates.map((date) => ({
    type: "button",
    label: t("host.accept", { date: formatLocalDate(date, language) }),
    style: "primary",
    action: { verb: "visits.hostAccept", args: { v: visit.id, d: date } },
  }));
  actions.push({
    type: "button",
    label: t("host.propose"),
    action: { verb: "visits.proposeForm", args: { v: visit.id } },
  });
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "facts", facts: visitFacts(visit, language) },
      { type: "actions", actions },
    ],
  };
}

export async function hostAskNotice(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const visit = await current(context, raw);
  if (visit?.status !== "AWAITING_HOST") return null;
  return hostAskReply(visit, context.language);
}

/** The host contact's action on a visit waiting for them; the reason as a reply otherwise. */
async function hostsVisit(turn: Turn, args: Record<string, string>): Promise<VisitRecord | Reply> {
  const id = args.v ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no visit");
  const visit = await findVisit(turn.deps.prisma, id);
  if (!visit) throw new InvalidAction("no such visit");
  const t = visitsT(turn.language);
  // a coordinator is not the host: AKE's yes is given on the approval card
  if (visit.host.contactId !== turn.user.id) return textReply(t("host.notYours"));
  if (visit.status !== "AWAITING_HOST") return textReply(t("host.notWaiting", { status: t(`status.${visit.status}`) }));
  return visit;
}

function stepFailed(turn: Turn, result: StepResult): ActionOutcome {
  const t = visitsT(turn.language);
  const status = result.visit ? t(`status.${result.visit.status}`) : "—";
  return { mode: "new", reply: textReply(t("host.notWaiting", { status })) };
}

function agreedReply(visit: VisitRecord, language: Language, text: string): Reply {
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "facts", facts: visitFacts(visit, language) },
    ],
  };
}

export async function hostAcceptAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const visit = await hostsVisit(turn, args);
  if (!("id" in visit)) return { mode: "new", reply: visit };
  const t = visitsT(turn.language);
  const date = args.d ?? "";
  if (!visit.dates.includes(date)) throw new InvalidAction("not a proposed day");
  if (checkFutureDate(date, turn.deps.now())) return { mode: "new", reply: textReply(t("errors.pastDate")) };
  const result = await hostAcceptDate(turn.deps.prisma, {
    visitId: visit.id,
    date,
    contactId: turn.user.id,
    now: turn.deps.now(),
  });
  if (!result.ok) return stepFailed(turn, result);
  const text = t("host.accepted", {
    visitor: personName(result.visit.visitor),
    dates: visitDates(result.visit, turn.language),
  });
  return { mode: "replace", reply: agreedReply(result.visit, turn.language, text) };
}

function proposeForm(
  turn: Turn,
  visit: VisitRecord,
  values: Record<string, string> = {},
  errors?: Record<string, string>,
): Reply {
  const t = visitsT(turn.language);
  const title = t("host.proposeTitle");
  return formReply({
    title,
    intro: t("host.proposeIntro", { visitor: personName(visit.visitor) }),
    fields: [
      { type: "date", id: "date", label: t("host.proposeDate"), value: values.date ?? "", required: true },
      {
        type: "text",
        id: "note",
        label: t("host.note"),
        value: values.note ?? "",
        multiline: true,
        maxLength: LIMITS.note,
      },
    ],
    submit: { label: t("host.send"), action: { verb: "visits.propose", args: { v: visit.id } } },
    ...(errors ? { errors } : {}),
  });
}

export async function proposeFormAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const visit = await hostsVisit(turn, args);
  if (!("id" in visit)) return { mode: "new", reply: visit };
  return { mode: "form", reply: proposeForm(turn, visit) };
}

export async function proposeAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  const visit = await hostsVisit(turn, args);
  if (!("id" in visit)) return { mode: "new", reply: visit };
  const t = visitsT(turn.language);
  const now = turn.deps.now();
  const date = parseLocalDate(inputs.date);
  const note = (inputs.note ?? "").trim();
  const errors: Record<string, VisitFieldError> = {};
  if (!inputs.date?.trim()) errors.date = { code: "required" };
  else if (!date) errors.date = { code: "badDate" };
  else {
    const problem = checkFutureDate(date, now);
    if (problem) errors.date = problem;
  }
  if (Array.from(note).length > LIMITS.note) errors.note = { code: "tooLong", params: { max: LIMITS.note } };
  if (!date || Object.keys(errors).length > 0) {
    return { mode: "form", reply: proposeForm(turn, visit, inputs, errorTexts(t, errors)) };
  }
  const result = await hostProposeDate(turn.deps.prisma, {
    visitId: visit.id,
    date,
    note,
    contactId: turn.user.id,
    now,
  });
  if (!result.ok) return stepFailed(turn, result);
  const text = t("host.proposed", { visitor: personName(visit.visitor), date: formatLocalDate(date, turn.language) });
  return { mode: "replace", reply: textReply(text) };
}

// ── The visitor's answer to another day ──

export async function hostProposedNotice(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const visit = await current(context, raw);
  if (visit?.status !== "HOST_PROPOSED" || !visit.proposedDate) return null;
  const { language } = context;
  const t = visitsT(language);
  const date = formatLocalDate(visit.proposedDate, language);
  const text = t("visitor.proposed", { host: hostName(visit.host, language), date, note: visit.hostNote }).trim();
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "facts", facts: visitFacts(visit, language) },
      {
        type: "actions",
        actions: [
          {
            type: "button",
            label: t("visitor.accept", { date }),
            style: "primary",
            action: { verb: "visits.acceptProposal", args: { v: visit.id } },
          },
        ],
      },
    ],
  };
}

export async function acceptProposalAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const id = args.v ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no visit");
  const result = await visitorAcceptProposal(turn.deps.prisma, {
    visitId: id,
    visitorId: turn.user.id,
    now: turn.deps.now(),
  });
  if (!result.ok) {
    if (result.visit?.visitorId !== turn.user.id) throw new InvalidAction("not the visitor's visit");
    return stepFailed(turn, result);
  }
  const t = visitsT(turn.language);
  const text = t("visitor.accepted", {
    host: hostName(result.visit.host, turn.language),
    dates: visitDates(result.visit, turn.language),
  });
  return { mode: "replace", reply: agreedReply(result.visit, turn.language, text) };
}

// ── The plan, to both ──

export async function confirmedNotice(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const visit = await current(context, raw);
  if (visit?.status !== "CONFIRMED" || !visit.confirmedDate) return null;
  const { language } = context;
  const t = visitsT(language);
  const isVisitor = context.userId === visit.visitorId;
  const title = t("plan.title", {
    visitor: personName(visit.visitor),
    host: hostName(visit.host, language),
    dates: visitDates(visit, language),
  });
  const blocks: Block[] = [
    { type: "header", text: title },
    { type: "facts", facts: visitFacts(visit, language) },
    {
      type: "context",
      text: t("plan.contacts", { visitor: personName(visit.visitor), contact: personName(visit.host.contact) }),
    },
    {
      type: "text",
      text: `${t("plan.checklistTitle")}\n${t(isVisitor ? "plan.checklistVisitor" : "plan.checklistHost")}`,
    },
    {
      type: "actions",
      actions: [
        { type: "link", label: t("plan.calendar"), url: visitCalendarUrl(context.publicUrl, visit.id, language) },
      ],
    },
  ];
  return { summary: title, blocks };
}
