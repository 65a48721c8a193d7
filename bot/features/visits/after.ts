// After the visit: the day after, the visitor is asked for the actual costs and a few
// lines with consent to publish; the reimbursement is then to be paid, and a coordinator
// marks it paid. Also the user's own visits (`vierailu omat`).
import {
  CANCELLABLE,
  cancelVisit,
  findVisit,
  markVisitPaid,
  reportVisit,
  type VisitRecord,
  visitsOfUser,
} from "../../../domain/store/visits.ts";
import { addCalendarDays, helsinkiDate } from "../../../domain/time.ts";
import { formatEuros, LIMITS, parseEuros, reimbursementCents, type VisitFieldError } from "../../../domain/visits.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { type Block, formReply, noticeReply, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext, NotificationContext } from "../types.ts";
import { amountField, errorTexts, eurosValue } from "./request.ts";
import { hostName, personName, SHOWN, visitDates, visitsT } from "./shared.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The visit's first day may be no later than this for the visit to be over today. */
function latestFirstDay(visit: Pick<VisitRecord, "days">, now: Date): string {
  return addCalendarDays(helsinkiDate(now), -visit.days);
}

export async function reportNotice(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { visitId?: string };
  const visit = payload.visitId ? await findVisit(context.prisma, payload.visitId) : null;
  if (visit?.status !== "CONFIRMED" || !visit.confirmedDate) return null;
  // moved to a later day since: the report notice of that day asks
  if (visit.confirmedDate > latestFirstDay(visit, context.now)) return null;
  const t = visitsT(context.language);
  const text = t("report.ask", { host: hostName(visit.host, context.language) });
  return noticeReply(text, [
    {
      type: "button",
      label: t("report.open"),
      style: "primary",
      action: { verb: "visits.reportForm", args: { v: visit.id } },
    },
  ]);
}

async function visitorsVisit(turn: Turn, args: Record<string, string>): Promise<VisitRecord | Reply> {
  const id = args.v ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no visit");
  const visit = await findVisit(turn.deps.prisma, id);
  if (!visit || visit.visitorId !== turn.user.id) throw new InvalidAction("not the visitor's visit");
  const t = visitsT(turn.language);
  if (visit.status !== "CONFIRMED" || !visit.confirmedDate) {
    return textReply(t("report.notOpen", { status: t(`status.${visit.status}`) }));
  }
  if (visit.confirmedDate > latestFirstDay(visit, turn.deps.now())) return textReply(t("report.notYet"));
  return visit;
}

function reportForm(
  turn: Turn,
  visit: VisitRecord,
  values: Record<string, string>,
  errors?: Record<string, string>,
): Reply {
  const { language } = turn;
  const t = visitsT(language);
  const title = t("report.title");
  const amount = (id: "travel" | "accommodation") => amountField(id, t(`report.${id}`), values[id], language);
  return formReply({
    title,
    intro: t("report.intro", {
      travel: formatEuros(visit.travelCents, language),
      accommodation: formatEuros(visit.accommodationCents, language),
    }),
    fields: [
      amount("travel"),
      amount("accommodation"),
      {
        type: "text",
        id: "experience",
        label: t("report.experience"),
        value: values.experience ?? "",
        multiline: true,
        maxLength: LIMITS.experience,
      },
      { type: "toggle", id: "consent", label: t("report.consent"), value: values.consent === "true" },
    ],
    submit: { label: t("report.send"), action: { verb: "visits.report", args: { v: visit.id } } },
    ...(errors ? { errors } : {}),
  });
}

export async function reportFormAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const visit = await visitorsVisit(turn, args);
  if (!("id" in visit)) return { mode: "new", reply: visit };
  const values = {
    travel: eurosValue(visit.travelCents, turn.language),
    accommodation: eurosValue(visit.accommodationCents, turn.language),
  };
  return { mode: "form", reply: reportForm(turn, visit, values) };
}

export async function reportAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  const visit = await visitorsVisit(turn, args);
  if (!("id" in visit)) return { mode: "new", reply: visit };
  const t = visitsT(turn.language);
  const errors: Record<string, VisitFieldError> = {};
  const cents = (field: "travel" | "accommodation"): number => {
    const raw = (inputs[field] ?? "").trim();
    if (raw === "") return 0;
    const value = parseEuros(raw);
    if (value === null) errors[field] = { code: "badAmount" };
    else if (value < 0) errors[field] = { code: "negativeAmount" };
    else if (value > LIMITS.maxCostCents)
      errors[field] = { code: "tooLarge", params: { max: LIMITS.maxCostCents / 100 } };
    return value ?? 0;
  };
  const travelCents = cents("travel");
  const accommodationCents = cents("accommodation");
  const experience = (inputs.experience ?? "").trim();
  if (Array.from(experience).length > LIMITS.experience) {
    errors.experience = { code: "tooLong", params: { max: LIMITS.experience } };
  }
  if (Object.keys(errors).length > 0) {
    return { mode: "form", reply: reportForm(turn, visit, inputs, errorTexts(t, errors)) };
  }
  const now = turn.deps.now();
  const result = await reportVisit(turn.deps.prisma, {
    visitId: visit.id,
    visitorId: turn.user.id,
    travelCents,
    accommodationCents,
    experience,
    publishConsent: inputs.consent === "true" && experience !== "",
    now,
    latestFirstDay: latestFirstDay(visit, now),
  });
  if (!result.ok) {
    const status = result.visit ? t(`status.${result.visit.status}`) : "—";
    return { mode: "new", reply: textReply(t("report.notOpen", { status })) };
  }
  const amount = formatEuros(reimbursementCents(result.visit).total, turn.language);
  return { mode: "replace", reply: textReply(t("report.done", { amount })) };
}

export async function markPaidAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const id = args.v ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no visit");
  const t = visitsT(turn.language);
  const result = await markVisitPaid(turn.deps.prisma, { visitId: id, actorId: turn.user.id, now: turn.deps.now() });
  if (!result.visit) throw new InvalidAction("no such visit");
  if (!result.ok)
    return { mode: "new", reply: textReply(t("overview.notToPay", { status: t(`status.${result.visit.status}`) })) };
  const text = t("overview.markedPaid", {
    visitor: personName(result.visit.visitor),
    host: hostName(result.visit.host, turn.language),
    amount: formatEuros(reimbursementCents(result.visit).total, turn.language),
  });
  return { mode: "new", reply: textReply(text) };
}

/** `vierailu omat`: the visits the user makes or hosts. */
export async function mineReply(turn: Turn): Promise<Reply> {
  const { language } = turn;
  const t = visitsT(language);
  const visits = await visitsOfUser(turn.deps.prisma, turn.user.id);
  if (visits.length === 0) {
    return textReply(t("mine.empty", { command: `${commandWord("visit", language)} ${SHOWN.request[language]}` }));
  }
  const blocks: Block[] = [{ type: "header", text: t("mine.title") }];
  const today = helsinkiDate(turn.deps.now());
  for (const visit of visits) {
    const host = hostName(visit.host, language);
    const title =
      visit.visitorId === turn.user.id
        ? t("mine.asVisitor", { host })
        : t("mine.asHost", { visitor: personName(visit.visitor), host });
    const cancellable =
      visit.visitorId === turn.user.id &&
      (CANCELLABLE as readonly string[]).includes(visit.status) &&
      (!visit.confirmedDate || visit.confirmedDate > today);
    blocks.push({
      type: "item",
      title,
      lines: [visitDates(visit, language), `${t("card.status")}: ${t(`status.${visit.status}`)}`],
      actions: cancellable
        ? [
            {
              type: "button",
              label: t("mine.cancel"),
              style: "danger",
              action: { verb: "visits.cancel", args: { v: visit.id } },
            },
          ]
        : [],
    });
  }
  return { summary: t("mine.title"), blocks };
}

/** "Cancel the visit" in `vierailu omat`: the visitor's own, before it starts. */
export async function cancelAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const id = args.v ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no visit");
  const now = turn.deps.now();
  const result = await cancelVisit(turn.deps.prisma, {
    visitId: id,
    visitorId: turn.user.id,
    now,
    today: helsinkiDate(now),
  });
  if (!result.visit || result.visit.visitorId !== turn.user.id) throw new InvalidAction("not the visitor's visit");
  const t = visitsT(turn.language);
  if (!result.ok) {
    return { mode: "new", reply: textReply(t("mine.notCancellable", { status: t(`status.${result.visit.status}`) })) };
  }
  return {
    mode: "replace",
    reply: textReply(t("mine.cancelled", { host: hostName(result.visit.host, turn.language) })),
  };
}

/** To the host contact who had been asked or had agreed. */
export async function cancelledNotice(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { visitId?: string };
  const visit = payload.visitId ? await findVisit(context.prisma, payload.visitId) : null;
  if (visit?.status !== "CANCELLED") return null;
  const { language } = context;
  const text = visitsT(language)("mine.hostCancelled", {
    visitor: personName(visit.visitor),
    host: hostName(visit.host, language),
    dates: visitDates(visit, language),
  });
  return textReply(text);
}
