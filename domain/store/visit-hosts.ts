// Data access for the libraries that receive visiting staff (§3.8): listed by
// `vierailu`, added by coordinators, edited by them or the host's contact.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";
import type { HostInput } from "../visits.ts";
import { audit } from "./audit.ts";

type Db = PrismaClient | Prisma.TransactionClient;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

export const HOST_SELECT = {
  id: true,
  libraryId: true,
  name: true,
  municipality: true,
  languages: true,
  areas: true,
  contactId: true,
  notes: true,
  active: true,
  library: { select: { id: true, nameFi: true, nameSv: true, municipality: true, municipalitySv: true } },
  contact: { select: { id: true, displayName: true, platformUserId: true } },
} as const satisfies Prisma.VisitHostSelect;

export type HostRecord = Prisma.VisitHostGetPayload<{ select: typeof HOST_SELECT }>;

export function listHosts(db: Db): Promise<HostRecord[]> {
  return db.visitHost.findMany({ where: { active: true }, select: HOST_SELECT, take: 200 });
}

export function findHost(db: Db, id: string): Promise<HostRecord | null> {
  return db.visitHost.findUnique({ where: { id }, select: HOST_SELECT });
}

export function findHostOfLibrary(db: Db, libraryId: string): Promise<HostRecord | null> {
  return db.visitHost.findUnique({ where: { libraryId }, select: HOST_SELECT });
}

/** The hosts a user is the contact of. */
export function hostsOfContact(db: Db, userId: string): Promise<HostRecord[]> {
  return db.visitHost.findMany({ where: { contactId: userId, active: true }, select: HOST_SELECT });
}

/** What a host entry holds besides its contact: the checked form (domain/visits.ts validateHost). */
export type HostFields = HostInput;

/** Adds a host; a Uusimaa library listed already is "exists" (its entry is edited instead). */
export async function createHost(
  prisma: PrismaClient,
  input: { id: string; fields: HostFields; contactId: string | null; actorId: string },
): Promise<{ ok: true; host: HostRecord } | { ok: false; reason: "exists" }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const host = await tx.visitHost.create({
        data: { id: input.id, ...input.fields, contactId: input.contactId },
        select: HOST_SELECT,
      });
      await audit(tx, {
        actorUserId: input.actorId,
        action: "visitHost.added",
        subjectType: "visitHost",
        subjectId: host.id,
      });
      return { ok: true as const, host };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "exists" };
    throw error;
  }
}

export async function updateHost(
  prisma: PrismaClient,
  input: { id: string; fields: Omit<HostFields, "libraryId">; actorId: string },
): Promise<HostRecord | null> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.visitHost.updateMany({ where: { id: input.id }, data: input.fields });
    if (count === 0) return null;
    await audit(tx, {
      actorUserId: input.actorId,
      action: "visitHost.edited",
      subjectType: "visitHost",
      subjectId: input.id,
    });
    return tx.visitHost.findUniqueOrThrow({ where: { id: input.id }, select: HOST_SELECT });
  });
}
