// Coordinators' actions on an approval card: approve; reject or ask for a change (each
// with a required reason, from a form); hand over to another coordinator. Every action
// checks on the server that the clicker is a coordinator and that the approval exists;
// the decision itself is conditional (domain/store/approvals.ts), so a double click, a
// Slack retry or a second coordinator a moment later changes nothing and is told who
// decided.
import {
  type ApprovalRecord,
  coordinatorsForHandover,
  type Decision,
  decideApproval,
  findApproval,
  handOverApproval,
} from "../../../domain/store/approvals.ts";
import { channelLanguage } from "../../../domain/store/channels.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { formatInstant } from "../../format.ts";
import { isLanguage, type Language, translator } from "../../i18n/index.ts";
import { formReply, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome, Conversation } from "../../requests.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import { approvalCard, approvalsT } from "./card.ts";
import { DecisionRefused } from "./subject.ts";
import { subjectOf } from "./subjects.ts";

/** What a reason may hold; Slack's modal inputs and Teams' both take this much. */
export const MAX_REASON = 500;

async function approvalFor(turn: Turn, args: Record<string, string>): Promise<ApprovalRecord> {
  requireCoordinator(turn);
  const id = args.a;
  const approval = id && id.length <= 64 ? await findApproval(turn.deps.prisma, id) : null;
  if (!approval) throw new InvalidAction("no such approval");
  return approval;
}

function context(turn: Turn, language: Language = turn.language) {
  return { language, t: translator(language), publicUrl: turn.deps.publicUrl };
}

/**
 * The card as it stands now, for everyone who sees it: in a channel the bot posts to,
 * in that channel's language (as the card was posted), not the clicker's.
 */
async function cardOutcome(turn: Turn, approval: ApprovalRecord, conversation?: Conversation): Promise<ActionOutcome> {
  const stored =
    conversation && conversation.kind !== "personal"
      ? await channelLanguage(turn.deps.prisma, conversation.key)
      : undefined;
  const language = stored && isLanguage(stored) ? stored : turn.language;
  return { reply: await approvalCard(turn.deps.prisma, approval, context(turn, language)), mode: "replaceForAll" };
}

/** Told to the one who clicked too late (or twice): the card itself is edited by the outbox. */
function alreadyDecided(turn: Turn, approval: ApprovalRecord): ActionOutcome {
  const t = approvalsT(turn.language);
  const status = t(`status.${approval.status}`);
  if (approval.status === "PENDING" || !approval.decidedAt) {
    return { reply: textReply(t("answer.notPending", { status })), mode: "new" };
  }
  const at = formatInstant(approval.decidedAt, turn.language);
  const mine = approval.decidedBy?.id === turn.user.id;
  const name = approval.decidedBy?.displayName ?? t("card.someone");
  return {
    reply: textReply(mine ? t("answer.alreadyMine", { at, status }) : t("answer.alreadyDecided", { name, at, status })),
    mode: "new",
  };
}

async function decide(
  turn: Turn,
  approval: ApprovalRecord,
  outcome: Decision,
  conversation: Conversation | undefined,
  reason?: string,
): Promise<ActionOutcome> {
  const now = turn.deps.now();
  const subject = subjectOf(approval.subjectType);
  try {
    const result = await decideApproval(
      turn.deps.prisma,
      { approvalId: approval.id, actorId: turn.user.id, outcome, reason, now },
      (tx, decided) => subject.applyDecision(tx, decided.subjectId, outcome, { now, actorId: turn.user.id }),
    );
    return result.ok ? await cardOutcome(turn, result.approval, conversation) : alreadyDecided(turn, result.approval);
  } catch (error) {
    if (!(error instanceof DecisionRefused)) throw error;
    const t = approvalsT(turn.language);
    const key = error.messageKey === "gone" ? "answer.refusedGone" : "answer.refusedConflict";
    return { reply: textReply(t(key)), mode: "new" };
  }
}

export async function approveAction(turn: Turn, { args, conversation }: ActionContext): Promise<ActionOutcome> {
  const approval = await approvalFor(turn, args);
  if (approval.status !== "PENDING") return alreadyDecided(turn, approval);
  return decide(turn, approval, "APPROVED", conversation);
}

type ReasonKind = "reject" | "change";

function reasonForm(turn: Turn, approval: ApprovalRecord, kind: ReasonKind, value?: string, error?: string): Reply {
  const t = approvalsT(turn.language);
  const title = t(kind === "reject" ? "form.rejectTitle" : "form.changeTitle");
  return formReply({
    title,
    intro: t(kind === "reject" ? "form.rejectIntro" : "form.changeIntro"),
    fields: [
      {
        type: "text",
        id: "reason",
        label: t(kind === "reject" ? "form.reason" : "form.comment"),
        multiline: true,
        maxLength: MAX_REASON,
        required: true,
        ...(value ? { value } : {}),
      },
    ],
    submit: {
      label: t("form.send"),
      action: { verb: kind === "reject" ? "approvals.reject" : "approvals.change", args: { a: approval.id } },
    },
    ...(error ? { errors: { reason: error } } : {}),
  });
}

export function reasonFormAction(kind: ReasonKind) {
  return async (turn: Turn, { args }: ActionContext): Promise<ActionOutcome> => {
    const approval = await approvalFor(turn, args);
    if (approval.status !== "PENDING") return alreadyDecided(turn, approval);
    return { reply: reasonForm(turn, approval, kind), mode: "form" };
  };
}

export function reasonSubmitAction(kind: ReasonKind) {
  return async (turn: Turn, { args, inputs, conversation }: ActionContext): Promise<ActionOutcome> => {
    const approval = await approvalFor(turn, args);
    if (approval.status !== "PENDING") return alreadyDecided(turn, approval);
    const t = approvalsT(turn.language);
    const reason = (inputs?.reason ?? "").trim();
    if (!reason) {
      const error = t(kind === "reject" ? "form.reasonRequired" : "form.commentRequired");
      return { reply: reasonForm(turn, approval, kind, undefined, error), mode: "form" };
    }
    // a forged or pasted text longer than the form allows is cut, not refused
    const shown = Array.from(reason).slice(0, MAX_REASON).join("");
    return decide(turn, approval, kind === "reject" ? "REJECTED" : "CHANGES_REQUESTED", conversation, shown);
  };
}

async function handOverForm(turn: Turn, approval: ApprovalRecord, error?: string): Promise<ActionOutcome> {
  const t = approvalsT(turn.language);
  const others = await coordinatorsForHandover(turn.deps.prisma, turn.user.id);
  if (others.length === 0) {
    return {
      reply: textReply(t("form.noOtherCoordinators", { command: commandWord("coordinators", turn.language) })),
      mode: "new",
    };
  }
  const options = others.map((c) => ({
    value: c.id,
    label: `${c.displayName ?? c.id} (${c.platform === "TEAMS" ? "Teams" : "Slack"})`,
  }));
  const reply: Reply = formReply({
    title: t("form.handOverTitle"),
    intro: t("form.handOverIntro"),
    fields: [{ type: "select", id: "to", label: t("form.coordinator"), options, required: true }],
    submit: { label: t("form.handOverSubmit"), action: { verb: "approvals.handOver", args: { a: approval.id } } },
    ...(error ? { errors: { to: error } } : {}),
  });
  return { reply, mode: "form" };
}

export async function handOverFormAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const approval = await approvalFor(turn, args);
  if (approval.status !== "PENDING") return alreadyDecided(turn, approval);
  return handOverForm(turn, approval);
}

export async function handOverAction(
  turn: Turn,
  { args, inputs, conversation }: ActionContext,
): Promise<ActionOutcome> {
  const approval = await approvalFor(turn, args);
  if (approval.status !== "PENDING") return alreadyDecided(turn, approval);
  const t = approvalsT(turn.language);
  const others = await coordinatorsForHandover(turn.deps.prisma, turn.user.id);
  // only a coordinator from the list: a forged id of a staff member is refused like an empty choice
  const to = others.find((c) => c.id === inputs?.to);
  if (!to) return handOverForm(turn, approval, t("form.coordinatorRequired"));
  const result = await handOverApproval(turn.deps.prisma, {
    approvalId: approval.id,
    actorId: turn.user.id,
    assigneeId: to.id,
    now: turn.deps.now(),
  });
  if (!result.ok) return alreadyDecided(turn, result.approval);
  // the card (everyone's copy) now names the one it was handed to
  return cardOutcome(turn, result.approval, conversation);
}

/** "Open" in the pending list: the full card, as a new message. */
export async function openAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const approval = await approvalFor(turn, args);
  return { reply: await approvalCard(turn.deps.prisma, approval, context(turn)), mode: "new" };
}
