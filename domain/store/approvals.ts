// Data access for approvals: one mechanism for every request a coordinator decides on
// (kit bookings, staff visits). A decision is one conditional UPDATE of a PENDING row:
// of two coordinators deciding at once the first stands and the second reads who
// decided; a repeated click finds the row decided and changes nothing. Every change
// raises `version`, writes an audit entry and plans the edits of every card posted for
// the approval, so the cards show the same state for everyone, on both platforms.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { audit } from "./audit.ts";
import { type PlannedNotification, planNotifications } from "./outbox.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/** The outbox kinds of approval cards; rendered by bot/approvals. */
export const APPROVAL_CARD_KIND = "approvals.card";
export const APPROVAL_DECIDED_KIND = "approvals.decided";
export const APPROVAL_ASSIGNED_KIND = "approvals.assigned";

export type Decision = "APPROVED" | "REJECTED" | "CHANGES_REQUESTED";

export const APPROVAL_SELECT = {
  id: true,
  subjectType: true,
  subjectId: true,
  status: true,
  requesterId: true,
  assigneeId: true,
  decidedAt: true,
  reason: true,
  version: true,
  createdAt: true,
  assignee: { select: { id: true, displayName: true } },
  decidedBy: { select: { id: true, displayName: true } },
  requester: { select: { id: true, displayName: true } },
} as const;

export type ApprovalRecord = Prisma.ApprovalGetPayload<{ select: typeof APPROVAL_SELECT }>;

export function findApproval(db: Db, id: string): Promise<ApprovalRecord | null> {
  return db.approval.findUnique({ where: { id }, select: APPROVAL_SELECT });
}

export function approvalOf(db: Db, subjectType: string, subjectId: string): Promise<ApprovalRecord | null> {
  return db.approval.findUnique({
    where: { subjectType_subjectId: { subjectType, subjectId } },
    select: APPROVAL_SELECT,
  });
}

/** Pending approvals, oldest first (the order coordinators work through them). */
export function pendingApprovals(db: Db, take = 20): Promise<ApprovalRecord[]> {
  return db.approval.findMany({
    where: { status: "PENDING" },
    orderBy: { createdAt: "asc" },
    take,
    select: APPROVAL_SELECT,
  });
}

export function countPending(db: Db): Promise<number> {
  return db.approval.count({ where: { status: "PENDING" } });
}

/**
 * Where a new approval's card goes: every coordinators' channel; on a platform without
 * one, every coordinator of that platform in their personal chat.
 */
async function cardDestinations(db: Db): Promise<({ channelKey: string } | { userId: string })[]> {
  const channels = await db.chatChannel.findMany({
    where: { coordinators: true },
    select: { key: true, platform: true },
  });
  const covered = new Set(channels.map((c) => c.platform));
  const coordinators = await db.user.findMany({
    where: { role: "COORDINATOR", platform: { notIn: [...covered] } },
    select: { id: true },
  });
  return [...channels.map((c) => ({ channelKey: c.key })), ...coordinators.map((u) => ({ userId: u.id }))];
}

function postKey(approvalId: string, to: { channelKey: string } | { userId: string }): string {
  return `approval:${approvalId}:post:${"channelKey" in to ? to.channelKey : `user:${to.userId}`}`;
}

/**
 * Opens the approval of a new request, in the transaction that stores the request, and
 * plans its card for the coordinators.
 */
export async function openApproval(
  tx: Prisma.TransactionClient,
  request: { subjectType: string; subjectId: string; requesterId: string; now: Date },
): Promise<ApprovalRecord> {
  const approval = await tx.approval.create({
    data: {
      subjectType: request.subjectType,
      subjectId: request.subjectId,
      requesterId: request.requesterId,
      // the bot's clock, not the database's: what the card shows as "requested"
      createdAt: request.now,
    },
    select: APPROVAL_SELECT,
  });
  await audit(tx, {
    actorUserId: request.requesterId,
    action: "approval.requested",
    subjectType: request.subjectType,
    subjectId: request.subjectId,
    details: { approvalId: approval.id },
  });
  const destinations = await cardDestinations(tx);
  await planNotifications(
    tx,
    destinations.map((to) => ({
      key: postKey(approval.id, to),
      ...to,
      kind: APPROVAL_CARD_KIND,
      payload: { approvalId: approval.id },
      notBefore: request.now,
    })),
  );
  return approval;
}

/**
 * Plans an edit of every card already planned for the approval, for this version: the
 * edit renders the state as it is when it is sent, and an edit planned for an older
 * version is skipped by the renderer (a newer one follows).
 */
async function planCardEdits(tx: Prisma.TransactionClient, approval: { id: string; version: number }, now: Date) {
  const posts = await tx.notification.findMany({
    where: { kind: APPROVAL_CARD_KIND, editsId: null, key: { startsWith: `approval:${approval.id}:post:` } },
    select: { id: true, userId: true, channelKey: true },
  });
  const edits: PlannedNotification[] = posts.map((post) => ({
    key: `approval:${approval.id}:edit:${post.id}:v${approval.version}`,
    ...(post.channelKey ? { channelKey: post.channelKey } : { userId: post.userId ?? "" }),
    editsId: post.id,
    kind: APPROVAL_CARD_KIND,
    payload: { approvalId: approval.id, version: approval.version },
    notBefore: now,
  }));
  await planNotifications(tx, edits);
}

export type DecideResult =
  | { ok: true; approval: ApprovalRecord }
  /** decided already (by someone else, or by this click before): nothing changed */
  | { ok: false; approval: ApprovalRecord };

/**
 * Records a decision if the approval is still pending. `apply` runs in the same
 * transaction and carries the decision to the subject (a booking approved or freed);
 * if it throws, nothing of the decision is kept.
 */
export async function decideApproval(
  prisma: PrismaClient,
  decision: { approvalId: string; actorId: string; outcome: Decision; reason?: string | undefined; now: Date },
  apply: (tx: Prisma.TransactionClient, approval: ApprovalRecord) => Promise<void>,
): Promise<DecideResult> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.approval.updateMany({
      where: { id: decision.approvalId, status: "PENDING" },
      data: {
        status: decision.outcome,
        decidedById: decision.actorId,
        decidedAt: decision.now,
        reason: decision.reason ?? null,
        version: { increment: 1 },
      },
    });
    const approval = await tx.approval.findUniqueOrThrow({
      where: { id: decision.approvalId },
      select: APPROVAL_SELECT,
    });
    if (count === 0) return { ok: false, approval };
    await apply(tx, approval);
    await audit(tx, {
      actorUserId: decision.actorId,
      action: `approval.${decision.outcome.toLowerCase()}`,
      subjectType: approval.subjectType,
      subjectId: approval.subjectId,
      details: { approvalId: approval.id, ...(decision.reason ? { reason: decision.reason } : {}) },
    });
    await planCardEdits(tx, approval, decision.now);
    await planNotifications(tx, [
      {
        key: `approval:${approval.id}:decided:v${approval.version}`,
        userId: approval.requesterId,
        kind: APPROVAL_DECIDED_KIND,
        payload: { approvalId: approval.id, version: approval.version },
        notBefore: decision.now,
      },
    ]);
    return { ok: true, approval };
  });
}

/**
 * The requester changed what a coordinator asked them to: the approval is pending
 * again, and its cards say so. In the transaction that stores the change.
 */
export async function reopenApproval(
  tx: Prisma.TransactionClient,
  approvalId: string,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.approval.updateMany({
    where: { id: approvalId, status: "CHANGES_REQUESTED" },
    data: { status: "PENDING", decidedById: null, decidedAt: null, version: { increment: 1 } },
  });
  if (count === 0) return false;
  const approval = await tx.approval.findUniqueOrThrow({ where: { id: approvalId }, select: APPROVAL_SELECT });
  await audit(tx, {
    actorUserId: actorId,
    action: "approval.resubmitted",
    subjectType: approval.subjectType,
    subjectId: approval.subjectId,
    details: { approvalId },
  });
  await planCardEdits(tx, approval, now);
  return true;
}

/**
 * The request was withdrawn or cancelled elsewhere (the requester cancelled the booking):
 * a pending approval is closed so that nobody decides on it, and its cards say so.
 */
export async function withdrawApproval(
  tx: Prisma.TransactionClient,
  subject: { subjectType: string; subjectId: string },
  actorId: string | null,
  now: Date,
): Promise<void> {
  const approval = await approvalOf(tx, subject.subjectType, subject.subjectId);
  if (!approval || (approval.status !== "PENDING" && approval.status !== "CHANGES_REQUESTED")) return;
  const withdrawn = await tx.approval.update({
    where: { id: approval.id },
    data: { status: "WITHDRAWN", version: { increment: 1 } },
    select: { id: true, version: true },
  });
  await audit(tx, {
    actorUserId: actorId,
    action: "approval.withdrawn",
    ...subject,
    details: { approvalId: approval.id },
  });
  await planCardEdits(tx, withdrawn, now);
}

/** Hands a pending approval to another coordinator, who gets the card in their own chat. */
export async function handOverApproval(
  prisma: PrismaClient,
  handover: { approvalId: string; actorId: string; assigneeId: string; now: Date },
): Promise<DecideResult> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.approval.updateMany({
      where: { id: handover.approvalId, status: "PENDING" },
      data: { assigneeId: handover.assigneeId, version: { increment: 1 } },
    });
    const approval = await tx.approval.findUniqueOrThrow({
      where: { id: handover.approvalId },
      select: APPROVAL_SELECT,
    });
    if (count === 0) return { ok: false, approval };
    await audit(tx, {
      actorUserId: handover.actorId,
      action: "approval.handed_over",
      subjectType: approval.subjectType,
      subjectId: approval.subjectId,
      details: { approvalId: approval.id, assigneeId: handover.assigneeId },
    });
    await planCardEdits(tx, approval, handover.now);
    // the assignee's own copy of the card: posted like the others, edited like them
    await planNotifications(tx, [
      {
        key: postKey(approval.id, { userId: handover.assigneeId }),
        userId: handover.assigneeId,
        kind: APPROVAL_CARD_KIND,
        payload: { approvalId: approval.id },
        notBefore: handover.now,
      },
    ]);
    return { ok: true, approval };
  });
}

/** Coordinators one could hand an approval to. */
export function coordinatorsForHandover(db: Db, exceptUserId: string) {
  return db.user.findMany({
    where: { role: "COORDINATOR", id: { not: exceptUserId } },
    select: { id: true, displayName: true, platform: true },
    orderBy: { displayName: "asc" },
    take: 50,
  });
}

/** The approvals' audit trail, newest first. */
export function approvalAudit(db: Db, take = 20) {
  return db.auditEntry.findMany({
    where: { action: { startsWith: "approval." } },
    orderBy: { createdAt: "desc" },
    take,
  });
}
