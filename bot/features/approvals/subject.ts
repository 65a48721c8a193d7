// What the approvals mechanism needs from a feature whose requests coordinators decide
// on (kit bookings, staff visits). The mechanism (cards, decisions, hand-overs, the
// audit log) is written once in this folder; a subject only describes its request and
// carries a decision to it.
import type { Decision } from "../../../domain/store/approvals.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type { CardAction } from "../../reply.ts";
import type { PayloadContext } from "../types.ts";

export interface SubjectSummary {
  /** e.g. "Kit booking: Escape game 1 for Porvoo" */
  title: string;
  facts: { label: string; value: string }[];
  /** warnings for the coordinator (a host outside Uusimaa, a budget line passed) */
  flags: string[];
}

export interface ApprovalSubject {
  /** Approval.subjectType */
  type: string;
  /** the request as a reader sees it, in their language; null when it is gone */
  describe(prisma: PrismaClient, subjectId: string, context: PayloadContext): Promise<SubjectSummary | null>;
  /**
   * Carries a decision to the subject inside the decision's transaction. Throwing a
   * DecisionRefused keeps the approval pending and tells the coordinator why.
   */
  applyDecision(
    tx: Prisma.TransactionClient,
    subjectId: string,
    outcome: Decision,
    context: { now: Date; actorId: string },
  ): Promise<void>;
  /** buttons on the requester's notice of a decision ("change my request") */
  requesterActions?(subjectId: string, outcome: Decision, context: PayloadContext): CardAction[];
}

/** The subject cannot take this decision now (e.g. the request was cancelled meanwhile). */
export class DecisionRefused extends Error {
  override name = "DecisionRefused";
  constructor(readonly messageKey: "gone" | "conflict") {
    super(messageKey);
  }
}
