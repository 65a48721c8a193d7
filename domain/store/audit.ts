// The audit log: who did what, for coordinators to read in chat.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditRecord {
  actorUserId: string | null;
  /** e.g. "coordinator.added", "session.cancelled" */
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Prisma.InputJsonValue;
}

export async function audit(db: Db, record: AuditRecord): Promise<void> {
  await db.auditEntry.create({ data: { ...record, details: record.details ?? {} } });
}

export async function auditTrail(db: Db, subjectType: string, subjectId: string, take = 50) {
  return db.auditEntry.findMany({ where: { subjectType, subjectId }, orderBy: { createdAt: "desc" }, take });
}
