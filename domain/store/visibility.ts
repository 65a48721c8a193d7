// Who may see which sessions: core-group meetings only to that network's core group
// and to coordinators (issue 3); everything else to everyone. Every query that lists
// or opens sessions for a user adds this condition.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import { RegistrationStatus } from "../../prisma/generated/enums.ts";

export interface Viewer {
  userId: string;
  role: "STAFF" | "COORDINATOR";
}

export async function visibleSessionsWhere(prisma: PrismaClient, viewer: Viewer): Promise<Prisma.SessionWhereInput> {
  if (viewer.role === "COORDINATOR") return {};
  const memberships = await prisma.coreGroupMember.findMany({
    where: { userId: viewer.userId },
    select: { networkId: true },
  });
  return {
    OR: [{ kind: { not: "CORE_GROUP_MEETING" } }, { networkId: { in: memberships.map((m) => m.networkId) } }],
  };
}

export type UserRegistrationStatus = "REGISTERED" | "WAITLISTED";

/** The user's live registrations among these sessions, for marking them in any list. */
export async function registrationStatuses(
  prisma: PrismaClient,
  userId: string,
  sessionIds: readonly string[],
): Promise<Map<string, UserRegistrationStatus>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await prisma.registration.findMany({
    where: {
      userId,
      sessionId: { in: [...sessionIds] },
      status: { in: [RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED] },
    },
    select: { sessionId: true, status: true },
  });
  return new Map(rows.map((row) => [row.sessionId, row.status as UserRegistrationStatus]));
}
