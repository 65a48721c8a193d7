// Data access for staff visits (§3.8): a visit's way from the request to the paid
// reimbursement (the host directory is in visit-hosts.ts). Every change of a visit's state is one conditional
// update (of the state it expects), so a double click or two people at once change it
// once; the notifications it causes are planned in the same transaction.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { daytimeFrom } from "../reminders.ts";
import { addCalendarDays, helsinkiInstant } from "../time.ts";
import type { VisitRequest } from "../visits.ts";
import { lastDay } from "../visits.ts";
import { approvalOf, type Decision, openApproval, reopenApproval, withdrawApproval } from "./approvals.ts";
import { audit } from "./audit.ts";
import { planNotifications } from "./outbox.ts";
import { HOST_SELECT } from "./visit-hosts.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export const VISIT_SUBJECT = "visit";

/** Outbox kinds, rendered by bot/features/visits. */
export const VISIT_KINDS = {
  hostAsk: "visits.hostAsk",
  hostProposed: "visits.hostProposed",
  confirmed: "visits.confirmed",
  report: "visits.report",
  cancelled: "visits.cancelled",
} as const;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

export const VISIT_SELECT = {
  id: true,
  visitorId: true,
  hostId: true,
  dates: true,
  days: true,
  focus: true,
  languagePractice: true,
  travelMode: true,
  travelCents: true,
  accommodationCents: true,
  costsConfirmed: true,
  message: true,
  status: true,
  proposedDate: true,
  hostNote: true,
  confirmedDate: true,
  actualTravelCents: true,
  actualAccommodationCents: true,
  experience: true,
  publishConsent: true,
  reportedAt: true,
  paidAt: true,
  sequence: true,
  createdAt: true,
  updatedAt: true,
  visitor: {
    select: {
      id: true,
      displayName: true,
      platformUserId: true,
      library: { select: { nameFi: true, nameSv: true } },
    },
  },
  host: { select: HOST_SELECT },
} as const satisfies Prisma.VisitSelect;

export type VisitRecord = Prisma.VisitGetPayload<{ select: typeof VISIT_SELECT }>;

export function findVisit(db: Db, id: string): Promise<VisitRecord | null> {
  return db.visit.findUnique({ where: { id }, select: VISIT_SELECT });
}

export type CreateVisitResult = { ok: true; visit: VisitRecord } | { ok: false; reason: "duplicate" };

/**
 * Stores a request and opens its approval in one transaction: the coordinators' cards
 * are planned with it, and a request never exists without its approval (or vice versa).
 * The form's id is the visit's id, so a double submit stores one request.
 */
export async function createVisitRequest(
  prisma: PrismaClient,
  input: { id: string; visitorId: string; request: VisitRequest; now: Date },
): Promise<CreateVisitResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.visit.create({ data: { id: input.id, visitorId: input.visitorId, ...input.request } });
      await openApproval(tx, {
        subjectType: VISIT_SUBJECT,
        subjectId: input.id,
        requesterId: input.visitorId,
        now: input.now,
      });
      return {
        ok: true as const,
        visit: await tx.visit.findUniqueOrThrow({ where: { id: input.id }, select: VISIT_SELECT }),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "duplicate" };
    throw error;
  }
}

/**
 * A coordinator's decision, inside the approval's transaction: approved, the host
 * contact is asked to choose a date; rejected, the request ends. False when the visit
 * is not waiting for a decision (withdrawn or gone meanwhile).
 */
export async function applyVisitDecision(
  tx: Prisma.TransactionClient,
  visitId: string,
  outcome: Decision,
  context: { now: Date; actorId: string },
): Promise<boolean> {
  const visit = await tx.visit.findUnique({
    where: { id: visitId },
    select: { status: true, host: { select: { contactId: true } } },
  });
  if (!visit || visit.status !== "REQUESTED") return false;
  if (outcome === "CHANGES_REQUESTED") return true;
  const status = outcome === "APPROVED" ? "AWAITING_HOST" : "REJECTED";
  const updated = await tx.visit.update({
    where: { id: visitId },
    data: { status, sequence: { increment: 1 } },
    select: { sequence: true },
  });
  if (status === "AWAITING_HOST" && visit.host.contactId) {
    await planNotifications(tx, [
      {
        key: `visit:${visitId}:hostAsk:${updated.sequence}`,
        userId: visit.host.contactId,
        kind: VISIT_KINDS.hostAsk,
        payload: { visitId, sequence: updated.sequence },
        notBefore: context.now,
      },
    ]);
  }
  return true;
}

/**
 * The requester changed their request after a coordinator asked for a change: the new
 * fields and the approval pending again, in one transaction (or neither).
 */
export async function resubmitVisitRequest(
  prisma: PrismaClient,
  input: { visitId: string; visitorId: string; request: VisitRequest; now: Date },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const approval = await approvalOf(tx, VISIT_SUBJECT, input.visitId);
    if (!approval || approval.status !== "CHANGES_REQUESTED") return false;
    const { count } = await tx.visit.updateMany({
      where: { id: input.visitId, visitorId: input.visitorId, status: "REQUESTED" },
      data: { ...input.request, sequence: { increment: 1 } },
    });
    if (count !== 1) return false;
    return reopenApproval(tx, approval.id, input.visitorId, input.now);
  });
}

export type StepResult = { ok: true; visit: VisitRecord } | { ok: false; visit: VisitRecord | null };

async function step(
  prisma: PrismaClient,
  change: {
    visitId: string;
    where: Prisma.VisitWhereInput;
    data: Prisma.VisitUpdateManyMutationInput;
    actorId: string;
    action: string;
    details?: Prisma.InputJsonValue;
  },
  after: (tx: Prisma.TransactionClient, visit: VisitRecord) => Promise<void>,
): Promise<StepResult> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.visit.updateMany({
      where: { id: change.visitId, ...change.where },
      data: { ...change.data, sequence: { increment: 1 } },
    });
    const visit = await findVisit(tx, change.visitId);
    if (count === 0 || !visit) return { ok: false as const, visit };
    await audit(tx, {
      actorUserId: change.actorId,
      action: change.action,
      subjectType: VISIT_SUBJECT,
      subjectId: change.visitId,
      ...(change.details ? { details: change.details } : {}),
    });
    await after(tx, visit);
    return { ok: true as const, visit };
  });
}

/** Both said yes: the plan to both, and the report request for the day after the visit. */
async function planConfirmed(tx: Prisma.TransactionClient, visit: VisitRecord, now: Date): Promise<void> {
  const date = visit.confirmedDate ?? "";
  const recipients = [visit.visitorId, ...(visit.host.contactId ? [visit.host.contactId] : [])];
  const dayAfter = addCalendarDays(lastDay(date, visit.days), 1);
  await planNotifications(tx, [
    ...recipients.map((userId) => ({
      key: `visit:${visit.id}:confirmed:${visit.sequence}:${userId}`,
      userId,
      kind: VISIT_KINDS.confirmed,
      payload: { visitId: visit.id, sequence: visit.sequence },
      notBefore: now,
    })),
    {
      key: `visit:${visit.id}:report:${date}`,
      userId: visit.visitorId,
      kind: VISIT_KINDS.report,
      payload: { visitId: visit.id },
      // no reminders at weekends: a visit ending on a Friday is asked about on Monday
      notBefore: daytimeFrom(helsinkiInstant(dayAfter, "09:00")),
    },
  ]);
}

/** The host contact accepts one of the proposed dates. */
export function hostAcceptDate(
  prisma: PrismaClient,
  input: { visitId: string; date: string; contactId: string; now: Date },
): Promise<StepResult> {
  return step(
    prisma,
    {
      visitId: input.visitId,
      where: { status: "AWAITING_HOST", dates: { has: input.date }, host: { contactId: input.contactId } },
      data: { status: "CONFIRMED", confirmedDate: input.date },
      actorId: input.contactId,
      action: "visit.hostAccepted",
      details: { date: input.date },
    },
    (tx, visit) => planConfirmed(tx, visit, input.now),
  );
}

/** The host contact proposes another date; the visitor is asked to accept it. */
export function hostProposeDate(
  prisma: PrismaClient,
  input: { visitId: string; date: string; note: string; contactId: string; now: Date },
): Promise<StepResult> {
  return step(
    prisma,
    {
      visitId: input.visitId,
      where: { status: "AWAITING_HOST", host: { contactId: input.contactId } },
      data: { status: "HOST_PROPOSED", proposedDate: input.date, hostNote: input.note },
      actorId: input.contactId,
      action: "visit.hostProposed",
      details: { date: input.date },
    },
    async (tx, visit) => {
      await planNotifications(tx, [
        {
          key: `visit:${visit.id}:hostProposed:${visit.sequence}`,
          userId: visit.visitorId,
          kind: VISIT_KINDS.hostProposed,
          payload: { visitId: visit.id, sequence: visit.sequence },
          notBefore: input.now,
        },
      ]);
    },
  );
}

/** The visitor accepts the host's date. */
export async function visitorAcceptProposal(
  prisma: PrismaClient,
  input: { visitId: string; visitorId: string; now: Date },
): Promise<StepResult> {
  const current = await prisma.visit.findUnique({ where: { id: input.visitId }, select: { proposedDate: true } });
  const date = current?.proposedDate;
  if (!date) return { ok: false, visit: await findVisit(prisma, input.visitId) };
  return step(
    prisma,
    {
      visitId: input.visitId,
      where: { status: "HOST_PROPOSED", visitorId: input.visitorId, proposedDate: date },
      data: { status: "CONFIRMED", confirmedDate: date },
      actorId: input.visitorId,
      action: "visit.visitorAccepted",
      details: { date },
    },
    (tx, visit) => planConfirmed(tx, visit, input.now),
  );
}

/** After the visit: the actual costs and the experience; the reimbursement is to be paid. */
export function reportVisit(
  prisma: PrismaClient,
  input: {
    visitId: string;
    visitorId: string;
    travelCents: number;
    accommodationCents: number;
    experience: string;
    publishConsent: boolean;
    now: Date;
    /** the visit's first day no later than this: its last day is over */
    latestFirstDay: string;
  },
): Promise<StepResult> {
  return step(
    prisma,
    {
      visitId: input.visitId,
      where: { status: "CONFIRMED", visitorId: input.visitorId, confirmedDate: { lte: input.latestFirstDay } },
      data: {
        status: "TO_BE_PAID",
        actualTravelCents: input.travelCents,
        actualAccommodationCents: input.accommodationCents,
        experience: input.experience,
        publishConsent: input.publishConsent,
        reportedAt: input.now,
      },
      actorId: input.visitorId,
      action: "visit.reported",
    },
    async () => {},
  );
}

/** A coordinator marks the reimbursement paid. */
export function markVisitPaid(
  prisma: PrismaClient,
  input: { visitId: string; actorId: string; now: Date },
): Promise<StepResult> {
  return step(
    prisma,
    {
      visitId: input.visitId,
      where: { status: "TO_BE_PAID" },
      data: { status: "PAID", paidAt: input.now },
      actorId: input.actorId,
      action: "visit.paid",
    },
    async () => {},
  );
}

/** The visits a user takes part in, as visitor or host contact, newest first. */
export function visitsOfUser(db: Db, userId: string, take = 20): Promise<VisitRecord[]> {
  return db.visit.findMany({
    where: { OR: [{ visitorId: userId }, { host: { contactId: userId } }] },
    orderBy: { createdAt: "desc" },
    take,
    select: VISIT_SELECT,
  });
}

/** Every visit requested, confirmed or reported in a year (by the first proposed or agreed day). */
export function visitsOfYear(db: Db, year: number): Promise<VisitRecord[]> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  return db.visit.findMany({
    where: {
      OR: [
        { confirmedDate: { gte: from, lt: to } },
        { confirmedDate: null, createdAt: { gte: helsinkiInstant(from, "00:00"), lt: helsinkiInstant(to, "00:00") } },
      ],
    },
    orderBy: [{ createdAt: "asc" }],
    take: 2000,
    select: VISIT_SELECT,
  });
}

/** What a visitor may still cancel: anything not yet over, reported or decided against. */
export const CANCELLABLE = ["REQUESTED", "AWAITING_HOST", "HOST_PROPOSED", "CONFIRMED"] as const;

/**
 * The visitor cancels: a pending approval is withdrawn (its cards say so), and a host
 * who was already asked or had agreed is told.
 */
export function cancelVisit(
  prisma: PrismaClient,
  input: { visitId: string; visitorId: string; now: Date; today: string },
): Promise<StepResult> {
  return step(
    prisma,
    {
      visitId: input.visitId,
      where: {
        visitorId: input.visitorId,
        status: { in: [...CANCELLABLE] },
        OR: [{ confirmedDate: null }, { confirmedDate: { gt: input.today } }],
      },
      data: { status: "CANCELLED" },
      actorId: input.visitorId,
      action: "visit.cancelled",
    },
    async (tx, visit) => {
      await withdrawApproval(tx, { subjectType: VISIT_SUBJECT, subjectId: visit.id }, input.visitorId, input.now);
      // approved by AKE: the host was asked, or had agreed
      const approval = await approvalOf(tx, VISIT_SUBJECT, visit.id);
      if (approval?.status === "APPROVED" && visit.host.contactId) {
        await planNotifications(tx, [
          {
            key: `visit:${visit.id}:cancelled`,
            userId: visit.host.contactId,
            kind: VISIT_KINDS.cancelled,
            payload: { visitId: visit.id },
            notBefore: input.now,
          },
        ]);
      }
    },
  );
}
