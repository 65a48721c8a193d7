// Data access for the regional networks (issue 3): the list, following, the sessions
// a viewer may see, and core-group membership. Every list of sessions goes through
// visibleSessionsWhere, so a core-group meeting never leaks to a non-member.
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { audit } from "./audit.ts";
import { registrationStatuses, type UserRegistrationStatus, type Viewer, visibleSessionsWhere } from "./visibility.ts";

const NETWORK_SELECT = {
  id: true,
  nameFi: true,
  nameSv: true,
  nameEn: true,
  summaryFi: true,
  summarySv: true,
  summaryEn: true,
  contact: true,
} as const;

export interface NetworkRecord {
  id: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  summaryFi: string;
  summarySv: string;
  summaryEn: string;
  contact: string | null;
}

/** Lower case without diacritics, punctuation as spaces: "Träskända" and "traskanda" meet. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The network a user named: its id or any of its names ("severi", "SEVERI – seniorityön
 * verkosto", "nylands bokbussnätverk"), else the one network whose id or name has a word
 * starting with the query ("bokbuss"). Undefined when none or several fit.
 */
export function matchNetwork<T extends Pick<NetworkRecord, "id" | "nameFi" | "nameSv" | "nameEn">>(
  networks: readonly T[],
  query: string,
): T | undefined {
  const q = foldText(query);
  if (q === "") return undefined;
  const names = (n: T) => [n.id, n.nameFi, n.nameSv, n.nameEn].map(foldText);
  // "SEVERI – ..." is also known by the part before the dash
  const shortNames = (n: T) => [n.nameFi, n.nameSv, n.nameEn].map((name) => foldText(name.split(/\s[–-]\s/)[0] ?? ""));
  const exact = networks.filter((n) => [...names(n), ...shortNames(n)].includes(q));
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
  const partial = networks.filter((n) => names(n).some((name) => name.startsWith(q) || name.includes(` ${q}`)));
  return partial.length === 1 ? partial[0] : undefined;
}

/** Every network, with whether this user follows it. */
export async function listNetworks(
  prisma: PrismaClient,
  userId: string,
): Promise<(NetworkRecord & { followed: boolean })[]> {
  const rows = await prisma.network.findMany({
    select: { ...NETWORK_SELECT, followers: { where: { userId }, select: { userId: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map(({ followers, ...network }) => ({ ...network, followed: followers.length > 0 }));
}

export async function findNetwork(prisma: PrismaClient, id: string): Promise<NetworkRecord | null> {
  return prisma.network.findUnique({ where: { id }, select: NETWORK_SELECT });
}

export interface NetworkSession {
  id: string;
  kind: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  startsAt: Date;
  endsAt: Date;
  /** this viewer's live registration, if any */
  registration: UserRegistrationStatus | undefined;
}

/** The next `limit` sessions of each network that this viewer may see, soonest first. */
export async function upcomingNetworkSessions(
  prisma: PrismaClient,
  viewer: Viewer,
  networkIds: readonly string[],
  now: Date,
  limit: number,
): Promise<Map<string, NetworkSession[]>> {
  const visible = await visibleSessionsWhere(prisma, viewer);
  // One small query per network: a LIMIT per group, so one busy network cannot crowd out
  // the rest. One after another, not in parallel: the embedded store serialises queries
  // anyway, and parallel connections there interleave (see networks-concurrency.test.ts).
  const perNetwork: Omit<NetworkSession, "registration">[][] = [];
  for (const networkId of networkIds) {
    perNetwork.push(
      await prisma.session.findMany({
        where: { AND: [visible, { networkId, cancelledAt: null, startsAt: { gte: now } }] },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: limit,
        select: { id: true, kind: true, titleFi: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true },
      }),
    );
  }
  const statuses = await registrationStatuses(
    prisma,
    viewer.userId,
    perNetwork.flat().map((s) => s.id),
  );
  return new Map(
    networkIds.map((id, index) => [
      id,
      (perNetwork[index] ?? []).map((s) => ({ ...s, registration: statuses.get(s.id) })),
    ]),
  );
}

export async function isFollowing(prisma: PrismaClient, userId: string, networkId: string): Promise<boolean> {
  const row = await prisma.networkFollow.findUnique({
    where: { userId_networkId: { userId, networkId } },
    select: { userId: true },
  });
  return row !== null;
}

export type FollowResult = "created" | "existed" | "unknown_network";

/**
 * Follows a network. Atomic and idempotent through the primary key (ON CONFLICT DO
 * NOTHING): a double click or a Slack retry leaves one row.
 */
export async function followNetwork(prisma: PrismaClient, userId: string, networkId: string): Promise<FollowResult> {
  if (!(await prisma.network.findUnique({ where: { id: networkId }, select: { id: true } }))) return "unknown_network";
  try {
    const { count } = await prisma.networkFollow.createMany({ data: [{ userId, networkId }], skipDuplicates: true });
    return count === 1 ? "created" : "existed";
  } catch (error) {
    // the network was deleted (a catalogue import) between the check and the insert
    if ((error as { code?: unknown }).code === "P2003") return "unknown_network";
    throw error;
  }
}

export async function unfollowNetwork(
  prisma: PrismaClient,
  userId: string,
  networkId: string,
): Promise<"removed" | "absent"> {
  const { count } = await prisma.networkFollow.deleteMany({ where: { userId, networkId } });
  return count > 0 ? "removed" : "absent";
}

export interface CoreGroupMemberRecord {
  userId: string;
  displayName: string | null;
  platformUserId: string;
  library: { nameFi: string; nameSv: string } | null;
}

export async function coreGroupMembers(prisma: PrismaClient, networkId: string): Promise<CoreGroupMemberRecord[]> {
  const rows = await prisma.coreGroupMember.findMany({
    where: { networkId },
    orderBy: { createdAt: "asc" },
    select: {
      user: {
        select: {
          id: true,
          displayName: true,
          platformUserId: true,
          library: { select: { nameFi: true, nameSv: true } },
        },
      },
    },
  });
  return rows.map(({ user }) => ({
    userId: user.id,
    displayName: user.displayName,
    platformUserId: user.platformUserId,
    library: user.library,
  }));
}

export interface MembershipChange {
  networkId: string;
  userId: string;
  actorUserId: string;
  /** written into the audit entry, so the log reads without joins */
  name: string;
}

/** Adds a core-group member; a second add changes nothing and writes no audit entry. */
export async function addCoreGroupMember(prisma: PrismaClient, change: MembershipChange): Promise<"added" | "existed"> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.coreGroupMember.createMany({
      data: [{ networkId: change.networkId, userId: change.userId, addedById: change.actorUserId }],
      skipDuplicates: true,
    });
    if (count === 0) return "existed";
    await audit(tx, {
      actorUserId: change.actorUserId,
      action: "coreGroup.memberAdded",
      subjectType: "network",
      subjectId: change.networkId,
      details: { userId: change.userId, name: change.name },
    });
    return "added";
  });
}

export async function removeCoreGroupMember(
  prisma: PrismaClient,
  change: MembershipChange,
): Promise<"removed" | "absent"> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.coreGroupMember.deleteMany({
      where: { networkId: change.networkId, userId: change.userId },
    });
    if (count === 0) return "absent";
    await audit(tx, {
      actorUserId: change.actorUserId,
      action: "coreGroup.memberRemoved",
      subjectType: "network",
      subjectId: change.networkId,
      details: { userId: change.userId, name: change.name },
    });
    return "removed";
  });
}
