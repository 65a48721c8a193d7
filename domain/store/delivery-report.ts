// What the outbox did, for coordinators (issue 6 item 6): by kind and status over a
// window around now, by session for the sessions' reminders and notices, and the latest
// failures with their recorded reason and recipient.
import type { PrismaClient } from "../../prisma/generated/client.ts";

const DAY_MS = 24 * 3_600_000;

export type DeliveryCounts = Record<"planned" | "sent" | "failed" | "skipped", number>;

function empty(): DeliveryCounts {
  return { planned: 0, sent: 0, failed: 0, skipped: 0 };
}

function bucket(status: string): keyof DeliveryCounts {
  if (status === "SENT") return "sent";
  if (status === "FAILED") return "failed";
  if (status === "SKIPPED") return "skipped";
  return "planned"; // PENDING and SENDING: not out yet
}

export interface DeliveryReport {
  byKind: { kind: string; counts: DeliveryCounts }[];
  bySession: {
    sessionId: string;
    title: { fi: string; sv: string; en: string };
    startsAt: Date;
    counts: DeliveryCounts;
  }[];
  failures: { kind: string; at: Date; reason: string; recipient: string | null; channelKey: string | null }[];
}

/** Deliveries due from `days` ago to `days` ahead of `now`. */
export async function deliveryReport(prisma: PrismaClient, now: Date, days = 7): Promise<DeliveryReport> {
  const from = new Date(now.getTime() - days * DAY_MS);
  const to = new Date(now.getTime() + days * DAY_MS);
  const [kinds, sessions, failures] = await Promise.all([
    prisma.notification.groupBy({
      by: ["kind", "status"],
      where: { notBefore: { gte: from, lte: to } },
      _count: { _all: true },
    }),
    prisma.$queryRaw<{ sessionId: string; status: string; count: bigint }[]>`
      SELECT payload->>'sessionId' AS "sessionId", status::text AS status, count(*) AS count
      FROM "Notification"
      WHERE payload ? 'sessionId' AND "notBefore" BETWEEN ${from} AND ${to}
      GROUP BY 1, 2`,
    prisma.notification.findMany({
      where: { status: "FAILED", notBefore: { gte: from, lte: to } },
      orderBy: { notBefore: "desc" },
      take: 10,
      select: {
        kind: true,
        notBefore: true,
        lastError: true,
        channelKey: true,
        user: { select: { displayName: true } },
      },
    }),
  ]);
  const byKind = new Map<string, DeliveryCounts>();
  for (const row of kinds) {
    const counts = byKind.get(row.kind) ?? empty();
    counts[bucket(row.status)] += row._count._all;
    byKind.set(row.kind, counts);
  }
  const bySessionId = new Map<string, DeliveryCounts>();
  for (const row of sessions) {
    const counts = bySessionId.get(row.sessionId) ?? empty();
    counts[bucket(row.status)] += Number(row.count);
    bySessionId.set(row.sessionId, counts);
  }
  const rows = await prisma.session.findMany({
    where: { id: { in: [...bySessionId.keys()] } },
    select: { id: true, titleFi: true, titleSv: true, titleEn: true, startsAt: true },
    orderBy: { startsAt: "asc" },
  });
  return {
    byKind: [...byKind.entries()]
      .map(([kind, counts]) => ({ kind, counts }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
    bySession: rows.map((s) => ({
      sessionId: s.id,
      title: { fi: s.titleFi, sv: s.titleSv, en: s.titleEn },
      startsAt: s.startsAt,
      counts: bySessionId.get(s.id) ?? empty(),
    })),
    failures: failures.map((f) => ({
      kind: f.kind,
      at: f.notBefore,
      reason: f.lastError ?? "",
      recipient: f.user?.displayName ?? null,
      channelKey: f.channelKey,
    })),
  };
}

/** One session's deliveries: every row with its recipient and outcome. */
export async function sessionDeliveries(prisma: PrismaClient, sessionId: string) {
  return prisma.$queryRaw<
    {
      kind: string;
      status: string;
      notBefore: Date;
      lastError: string | null;
      recipient: string | null;
      channelKey: string | null;
    }[]
  >`
    SELECT n.kind, n.status::text AS status, n."notBefore", n."lastError", u."displayName" AS recipient, n."channelKey"
    FROM "Notification" n LEFT JOIN "User" u ON u.id = n."userId"
    WHERE n.payload->>'sessionId' = ${sessionId}
    ORDER BY n."notBefore", n.kind
    LIMIT 200`;
}
