// `hyväksynnät` / `godkännanden` / `approvals` (coordinators only): what waits for a
// decision, oldest first; `… kanava` in a channel makes it the coordinators' channel of
// its platform; `… loki` reads the audit log. And the requester's notice of a decision.
import {
  approvalAudit,
  countPending,
  type Decision,
  findApproval,
  pendingApprovals,
} from "../../../domain/store/approvals.ts";
import { coordinatorChannels, setCoordinatorChannel } from "../../../domain/store/channels.ts";
import { displayNames } from "../../../domain/store/users.ts";
import { commandWord } from "../../commands.ts";
import { formatInstant } from "../../format.ts";
import type { Language } from "../../i18n/index.ts";
import { type Block, type Reply, textReply } from "../../reply.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { CommandContext, NotificationContext } from "../types.ts";
import { approvalsT, stateLine } from "./card.ts";
import { subjectOf } from "./subjects.ts";

const LIST_SIZE = 10;
const LOG_SIZE = 20;
const PLATFORM_LABEL = { teams: "Teams", slack: "Slack" } as const;
const LANGUAGE_LABEL: Record<Language, Record<Language, string>> = {
  fi: { fi: "suomi", sv: "ruotsi", en: "englanti" },
  sv: { fi: "finska", sv: "svenska", en: "engelska" },
  en: { fi: "Finnish", sv: "Swedish", en: "English" },
};

export function approvalWords(language: Language) {
  return {
    channel: { fi: "kanava", sv: "kanal", en: "channel" }[language],
    log: { fi: "loki", sv: "logg", en: "log" }[language],
  };
}

const CHANNEL_WORDS = new Set(["kanava", "kanal", "channel"]);
const LOG_WORDS = new Set(["loki", "logg", "log"]);

export async function approvalsCommand(turn: Turn, command: CommandContext): Promise<Reply> {
  requireCoordinator(turn);
  const word = command.args[0];
  if (word && CHANNEL_WORDS.has(word)) return setChannel(turn, command);
  if (word && LOG_WORDS.has(word)) return auditLog(turn);
  return pendingList(turn);
}

function context(turn: Turn) {
  return { language: turn.language, t: turn.t, publicUrl: turn.deps.publicUrl };
}

async function pendingList(turn: Turn): Promise<Reply> {
  const { prisma } = turn.deps;
  const t = approvalsT(turn.language);
  const [pending, count, channels] = await Promise.all([
    pendingApprovals(prisma, LIST_SIZE),
    countPending(prisma),
    coordinatorChannels(prisma),
  ]);
  const blocks: Block[] = [{ type: "header", text: t("list.title", { count }) }];
  if (pending.length === 0) blocks.push({ type: "text", text: t("list.empty") });
  for (const approval of pending) {
    const summary = await subjectOf(approval.subjectType).describe(prisma, approval.subjectId, context(turn));
    blocks.push({
      type: "item",
      title: summary?.title ?? t("card.gone"),
      lines: [
        `${t("card.requestedAt")}: ${formatInstant(approval.createdAt, turn.language)}`,
        ...(approval.assignee ? [`${t("card.assignee")}: ${approval.assignee.displayName ?? ""}`] : []),
      ],
      actions: [
        { type: "button", label: t("list.open"), action: { verb: "approvals.open", args: { a: approval.id } } },
      ],
    });
  }
  if (count > pending.length) blocks.push({ type: "context", text: t("list.more", { count: pending.length }) });
  const platform = turn.requester.platform;
  if (!channels.some((c) => c.platform === (platform === "teams" ? "TEAMS" : "SLACK"))) {
    const command = `${commandWord("approvals", turn.language)} ${approvalWords(turn.language).channel}`;
    blocks.push({ type: "context", text: t("list.noChannel", { platform: PLATFORM_LABEL[platform], command }) });
  }
  return { summary: t("list.title", { count }), blocks };
}

async function setChannel(turn: Turn, command: CommandContext): Promise<Reply> {
  const t = approvalsT(turn.language);
  const conversation = command.conversation;
  if (conversation?.kind !== "channel") {
    const word = `${commandWord("approvals", turn.language)} ${approvalWords(turn.language).channel}`;
    return textReply(t("list.channelOnlyInChannel", { command: word }));
  }
  const platform = turn.requester.platform;
  await setCoordinatorChannel(turn.deps.prisma, {
    key: conversation.key,
    platform: platform === "teams" ? "TEAMS" : "SLACK",
    language: turn.language,
  });
  return textReply(
    t("list.channelSet", {
      platform: PLATFORM_LABEL[platform],
      language: LANGUAGE_LABEL[turn.language][turn.language],
    }),
  );
}

async function auditLog(turn: Turn): Promise<Reply> {
  const { prisma } = turn.deps;
  const t = approvalsT(turn.language);
  const entries = await approvalAudit(prisma, LOG_SIZE);
  if (entries.length === 0) return textReply(t("list.logEmpty"));
  const names = await displayNames(
    prisma,
    entries.flatMap((e) => {
      const assigneeId = (e.details as { assigneeId?: unknown }).assigneeId;
      return [...(e.actorUserId ? [e.actorUserId] : []), ...(typeof assigneeId === "string" ? [assigneeId] : [])];
    }),
  );
  const people = new Map([...names].map(([id, name]) => [id, name ?? t("card.someone")]));
  const titles = new Map<string, string>();
  const lines: string[] = [];
  for (const entry of entries) {
    const subjectKey = `${entry.subjectType}:${entry.subjectId}`;
    if (!titles.has(subjectKey)) {
      const summary = await subjectOf(entry.subjectType)
        .describe(prisma, entry.subjectId, context(turn))
        .catch(() => null);
      titles.set(subjectKey, summary?.title ?? t("card.gone"));
    }
    const details = entry.details as { reason?: string; assigneeId?: string };
    const verb = entry.action.replace(/^approval\./, "") as keyof typeof ACTION_KEYS;
    const action = ACTION_KEYS[verb]
      ? t(ACTION_KEYS[verb], { name: people.get(details.assigneeId ?? "") ?? "" })
      : entry.action;
    lines.push(
      t("list.logLine", {
        at: formatInstant(entry.createdAt, turn.language),
        who: people.get(entry.actorUserId ?? "") ?? t("card.someone"),
        action: details.reason ? `${action}: ${details.reason}` : action,
        subject: titles.get(subjectKey) ?? "",
      }),
    );
  }
  return {
    summary: t("list.logTitle"),
    blocks: [
      { type: "header", text: t("list.logTitle") },
      { type: "text", text: lines.join("\n") },
    ],
  };
}

const ACTION_KEYS = {
  requested: "actions.requested",
  approved: "actions.approved",
  rejected: "actions.rejected",
  changes_requested: "actions.changes_requested",
  resubmitted: "actions.resubmitted",
  handed_over: "actions.handed_over",
  withdrawn: "actions.withdrawn",
} as const;

/** The requester's notice of a decision, in their language, with the subject's buttons. */
export async function decidedNotice(context: NotificationContext, raw: unknown): Promise<Reply | null> {
  const payload = raw as { approvalId?: string; version?: number };
  const approval = payload.approvalId ? await findApproval(context.prisma, payload.approvalId) : null;
  // gone, or changed again since (the requester already acted on it): nothing to say
  if (!approval || approval.version !== payload.version) return null;
  if (approval.status === "PENDING" || approval.status === "WITHDRAWN") return null;
  const subject = subjectOf(approval.subjectType);
  const summary = await subject.describe(context.prisma, approval.subjectId, context);
  if (!summary) return null;
  const t = approvalsT(context.language);
  const outcome: Decision = approval.status;
  const text = t(`notice.${outcome}`, {
    name: approval.decidedBy?.displayName ?? t("card.someone"),
    title: summary.title,
    reason: approval.reason ?? "",
  });
  const actions = subject.requesterActions?.(approval.subjectId, outcome, context) ?? [];
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "facts", facts: summary.facts },
      { type: "context", text: stateLine(approval, context.language) },
      ...(actions.length > 0 ? [{ type: "actions" as const, actions }] : []),
    ],
  };
}
