// Where proactive messages go, and where they must not. A ConversationRef row holds the
// Teams conversation reference of a user's personal chat ("teams:user:<from.id>") or of
// a channel ("teams:channel:<id>"), captured from incoming activities. A target the
// platform refused for good (Teams 403, a Slack user that no longer exists) gets a block
// mark, so later sends stop without asking the platform again; a Slack target may be a
// row with only the mark ("slack:user:<T…:U…>").
//
// The mark lives inside the `reference` JSON under "_blocked" because the schema has no
// column for it yet (see the delivery report: blockedAt/blockedReason columns). A new
// capture replaces the reference and with it the mark: a user who writes to the bot
// again has unblocked it.
import type { Prisma, PrismaClient } from "../../prisma/generated/client.ts";

type Db = PrismaClient | Prisma.TransactionClient;

const BLOCK = "_blocked";

export interface BlockMark {
  reason: string;
  /** ISO instant it was recorded */
  at: string;
  /** ISO instant after which one send may try again; absent: until a new capture */
  until?: string;
}

export interface StoredConversation {
  key: string;
  userId: string | null;
  /** the platform's reference (for Teams a ConversationReference), without the mark */
  reference: Record<string, unknown>;
  blocked?: BlockMark;
}

export function teamsUserKey(platformUserId: string): string {
  return `teams:user:${platformUserId}`;
}

/** Channel messages arrive in a thread ("19:…@thread.tacv2;messageid=…"): the key is the channel. */
export function teamsChannelKey(conversationId: string): string {
  return `teams:channel:${conversationId.split(";")[0]}`;
}

export interface Capture {
  key: string;
  reference: Record<string, unknown>;
  /** links the row to this Teams user when the user row exists */
  teamsUserId?: string | undefined;
  now: Date;
}

/**
 * One statement, whatever the state: insert or replace the reference (clearing a block
 * mark), linking the user row if it exists by then. Returns whether a user is linked.
 */
export async function captureConversation(db: Db, capture: Capture): Promise<boolean> {
  const { key, reference, teamsUserId, now } = capture;
  const rows = await db.$queryRaw<{ linked: boolean }[]>`
    INSERT INTO "ConversationRef" (key, "userId", reference, "updatedAt")
    VALUES (
      ${key},
      (SELECT id FROM "User" WHERE platform = 'TEAMS' AND "platformUserId" = ${teamsUserId ?? null}),
      ${JSON.stringify(reference)}::jsonb,
      ${now}
    )
    ON CONFLICT (key) DO UPDATE SET
      reference = EXCLUDED.reference,
      "userId" = COALESCE(EXCLUDED."userId", "ConversationRef"."userId"),
      "updatedAt" = EXCLUDED."updatedAt"
    RETURNING "userId" IS NOT NULL AS linked`;
  return rows[0]?.linked ?? false;
}

export async function findConversation(db: Db, key: string): Promise<StoredConversation | undefined> {
  const row = await db.conversationRef.findUnique({
    where: { key },
    select: { key: true, userId: true, reference: true },
  });
  if (!row) return undefined;
  const { [BLOCK]: mark, ...reference } = (row.reference ?? {}) as Record<string, unknown>;
  const blocked = isBlockMark(mark) ? mark : undefined;
  return { key: row.key, userId: row.userId, reference, ...(blocked ? { blocked } : {}) };
}

/** The block that applies at `now`, if any. */
export function activeBlock(conversation: StoredConversation | undefined, now: Date): BlockMark | undefined {
  const mark = conversation?.blocked;
  if (!mark) return undefined;
  return mark.until && Date.parse(mark.until) <= now.getTime() ? undefined : mark;
}

/** Records that the platform refused this target for good (kept with the reference). */
export async function markConversationBlocked(db: Db, key: string, mark: BlockMark, now: Date): Promise<void> {
  const json = JSON.stringify({ [BLOCK]: mark });
  await db.$executeRaw`
    INSERT INTO "ConversationRef" (key, reference, "updatedAt")
    VALUES (${key}, ${json}::jsonb, ${now})
    ON CONFLICT (key) DO UPDATE SET
      reference = "ConversationRef".reference || EXCLUDED.reference,
      "updatedAt" = EXCLUDED."updatedAt"`;
}

function isBlockMark(value: unknown): value is BlockMark {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as BlockMark).reason === "string" &&
    typeof (value as BlockMark).at === "string"
  );
}
