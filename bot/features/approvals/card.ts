// The approval card: the request as its subject describes it, who asked and when, the
// state (who decided, when, why) and, while it waits, the coordinators' buttons. The
// same card is posted to the coordinators' channels and chats and edited in place for
// everyone after every change (domain/store/approvals.ts plans the edits).
import type { ApprovalRecord } from "../../../domain/store/approvals.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import { formatInstant } from "../../format.ts";
import { featureTranslator, type Language } from "../../i18n/index.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import type { PayloadContext } from "../types.ts";
import { subjectOf } from "./subjects.ts";

export function approvalsT(language: Language) {
  return featureTranslator(language, "approvals");
}

function nameOf(person: { displayName: string | null } | null, language: Language): string {
  return person?.displayName ?? approvalsT(language)("card.someone");
}

/** One line saying where the approval stands. */
export function stateLine(approval: ApprovalRecord, language: Language): string {
  const t = approvalsT(language);
  const decided = {
    name: nameOf(approval.decidedBy, language),
    at: approval.decidedAt ? formatInstant(approval.decidedAt, language) : "",
    reason: approval.reason ?? "",
  };
  switch (approval.status) {
    case "PENDING":
      return t("card.pending");
    case "APPROVED":
      return t("card.approved", decided);
    case "REJECTED":
      return t("card.rejected", decided);
    case "CHANGES_REQUESTED":
      return t("card.changesRequested", decided);
    case "WITHDRAWN":
      return t("card.withdrawn");
  }
}

function decisionButtons(approval: ApprovalRecord, language: Language): CardAction[] {
  const t = approvalsT(language);
  const a = { a: approval.id };
  return [
    { type: "button", label: t("card.approve"), style: "primary", action: { verb: "approvals.approve", args: a } },
    { type: "button", label: t("card.reject"), style: "danger", action: { verb: "approvals.rejectForm", args: a } },
    { type: "button", label: t("card.askChange"), action: { verb: "approvals.changeForm", args: a } },
    { type: "button", label: t("card.handOver"), action: { verb: "approvals.handOverForm", args: a } },
  ];
}

export async function approvalCard(
  prisma: PrismaClient,
  approval: ApprovalRecord,
  context: PayloadContext,
): Promise<Reply> {
  const { language } = context;
  const t = approvalsT(language);
  const summary = await subjectOf(approval.subjectType).describe(prisma, approval.subjectId, context);
  if (!summary) return { summary: t("card.gone"), blocks: [{ type: "text", text: t("card.gone") }] };
  const state = stateLine(approval, language);
  const facts = [
    ...summary.facts,
    { label: t("card.requester"), value: nameOf(approval.requester, language) },
    { label: t("card.requestedAt"), value: formatInstant(approval.createdAt, language) },
    ...(approval.assignee ? [{ label: t("card.assignee"), value: nameOf(approval.assignee, language) }] : []),
  ];
  const blocks: Block[] = [
    { type: "header", text: summary.title },
    { type: "facts", facts },
    ...summary.flags.map((flag): Block => ({ type: "text", text: `⚠️ ${flag}` })),
    { type: "text", text: state },
  ];
  if (approval.status === "PENDING") blocks.push({ type: "actions", actions: decisionButtons(approval, language) });
  return { summary: `${summary.title} — ${state}`, blocks };
}
