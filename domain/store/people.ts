// Data access for "who is who" (issue 3): the user's library and the AKE coordinators.
// Role changes are written together with their audit entry, in one transaction.
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { audit } from "./audit.ts";
import type { PersonRecord } from "./users.ts";

export interface LibraryRecord {
  id: string;
  municipality: string;
  municipalitySv: string;
  nameFi: string;
  nameSv: string;
}

const LIBRARY_SELECT = { id: true, municipality: true, municipalitySv: true, nameFi: true, nameSv: true } as const;

/** The libraries of the 26 municipalities: the only ones a user can choose. */
export async function listLibraries(prisma: PrismaClient): Promise<LibraryRecord[]> {
  return prisma.library.findMany({ select: LIBRARY_SELECT, orderBy: { municipality: "asc" } });
}

export async function findLibraries(prisma: PrismaClient, ids: readonly string[]): Promise<LibraryRecord[]> {
  return prisma.library.findMany({ where: { id: { in: [...ids] } }, select: LIBRARY_SELECT });
}

export async function findLibrary(prisma: PrismaClient, id: string): Promise<LibraryRecord | null> {
  return prisma.library.findUnique({ where: { id }, select: LIBRARY_SELECT });
}

/**
 * Stores the user's library. Only a listed library: an unknown id (a forged button, a
 * library removed by an import meanwhile) changes nothing and returns null.
 */
export async function setUserLibrary(
  prisma: PrismaClient,
  userId: string,
  libraryId: string,
): Promise<LibraryRecord | null> {
  const library = await findLibrary(prisma, libraryId);
  if (!library) return null;
  try {
    await prisma.user.update({ where: { id: userId }, data: { libraryId: library.id } });
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2003") return null;
    throw error;
  }
  return library;
}

export interface CoordinatorRecord {
  id: string;
  platform: "TEAMS" | "SLACK";
  platformUserId: string;
  displayName: string | null;
}

export async function listCoordinators(prisma: PrismaClient): Promise<CoordinatorRecord[]> {
  return prisma.user.findMany({
    where: { role: "COORDINATOR" },
    select: { id: true, platform: true, platformUserId: true, displayName: true },
    orderBy: [{ displayName: "asc" }, { createdAt: "asc" }],
  });
}

export interface RoleChange {
  target: PersonRecord;
  actorUserId: string;
  /** written into the audit entry, so the log reads without joins */
  name: string;
}

function auditDetails(change: RoleChange) {
  const { target, name } = change;
  return { platform: target.platform, platformUserId: target.platformUserId, name };
}

/** Makes a user a coordinator; a second add (double click, retry) changes nothing. */
export async function addCoordinator(prisma: PrismaClient, change: RoleChange): Promise<"added" | "existed"> {
  return prisma.$transaction(async (tx) => {
    // conditional update: of two concurrent adds, only one sees role = STAFF
    const { count } = await tx.user.updateMany({
      where: { id: change.target.id, role: "STAFF" },
      data: { role: "COORDINATOR" },
    });
    if (count === 0) return "existed";
    await audit(tx, {
      actorUserId: change.actorUserId,
      action: "coordinator.added",
      subjectType: "user",
      subjectId: change.target.id,
      details: auditDetails(change),
    });
    return "added";
  });
}

/**
 * Removes a coordinator, never the last one: someone must be left to add others. The
 * coordinators' rows are locked first, so two coordinators removing each other at the
 * same moment cannot both succeed and leave nobody.
 */
export async function removeCoordinator(
  prisma: PrismaClient,
  change: RoleChange,
): Promise<"removed" | "not_coordinator" | "last"> {
  return prisma.$transaction(async (tx) => {
    const coordinators = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "User" WHERE role = 'COORDINATOR' ORDER BY id FOR UPDATE`;
    if (!coordinators.some((row) => row.id === change.target.id)) return "not_coordinator";
    if (coordinators.length <= 1) return "last";
    await tx.user.update({ where: { id: change.target.id }, data: { role: "STAFF" } });
    await audit(tx, {
      actorUserId: change.actorUserId,
      action: "coordinator.removed",
      subjectType: "user",
      subjectId: change.target.id,
      details: auditDetails(change),
    });
    return "removed";
  });
}
