// A staff visit as coordinators approve it (bot/features/approvals): the request's facts
// with the flags a coordinator should see (a host outside Uusimaa, costs the requester
// confirmed over the limit), and what a decision does: approved, the host contact is
// asked for a day; rejected, the request ends; a change request waits for the requester.
import { applyVisitDecision, findVisit, VISIT_SUBJECT } from "../../../domain/store/visits.ts";
import type { ApprovalSubject } from "../approvals/subject.ts";
import { DecisionRefused } from "../approvals/subject.ts";
import { visitFacts, visitFlags, visitsT, visitTitle } from "./shared.ts";

export const visitSubject: ApprovalSubject = {
  type: VISIT_SUBJECT,
  async describe(prisma, subjectId, { language }) {
    const visit = await findVisit(prisma, subjectId);
    if (!visit) return null;
    return {
      title: visitTitle(visit, language),
      facts: visitFacts(visit, language),
      flags: visitFlags(visit, language),
    };
  },
  async applyDecision(tx, subjectId, outcome, context) {
    if (!(await applyVisitDecision(tx, subjectId, outcome, context))) throw new DecisionRefused("gone");
  },
  requesterActions(subjectId, outcome, { language }) {
    if (outcome !== "CHANGES_REQUESTED") return [];
    return [
      {
        type: "button",
        label: visitsT(language)("request.change"),
        style: "primary",
        action: { verb: "visits.changeForm", args: { v: subjectId } },
      },
    ];
  },
};
