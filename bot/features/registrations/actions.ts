// What a user is told after clicking Register, Cancel registration or Cancel reminder:
// always a sentence in their language, never silence, whatever the outcome.
import { needsCoreGroup } from "../../../domain/registration.ts";
import { findVisibleSession, forgetInterest } from "../../../domain/store/registration-lists.ts";
import { cancel, register } from "../../../domain/store/registrations.ts";
import { commandWord } from "../../commands.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import { textReply } from "../../reply.ts";
import { isCoordinator, type Turn } from "../../turn.ts";
import { askLibraryBlocks } from "../people/library.ts";
import { calendarLink, cancelButton, formatInstant, registrationsT, titleAndTime } from "./items.ts";

function answer(text: string, actions: CardAction[] = [], extra: Block[] = []): Reply {
  const blocks: Block[] = [{ type: "text", text }];
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  return { summary: text, blocks: [...blocks, ...extra] };
}

export async function registerAction(turn: Turn, sessionId: string): Promise<Reply> {
  const { language, deps } = turn;
  const rt = registrationsT(language);
  const result = await register(deps.prisma, {
    sessionId,
    userId: turn.user.id,
    now: deps.now(),
    isCoordinator: isCoordinator(turn),
  });
  if (!result.ok && result.reason === "not_found") {
    return textReply(rt("refused.not_found", { command: commandWord("events", language) }));
  }
  const { session } = result;
  const quoted = titleAndTime(session, language);
  if (result.ok) {
    const waitlisted = result.status === "WAITLISTED";
    const text = waitlisted
      ? rt("answer.waitlisted", { ...quoted, position: result.position })
      : rt("answer.registered", quoted);
    const actions = [...(waitlisted ? [] : [calendarLink(turn, session.id)]), cancelButton(rt, session.id, waitlisted)];
    // "The first time it matters" (issue 3, item 4): a registration is when the library counts.
    const library = turn.user.libraryId === null ? await askLibraryBlocks(turn) : [];
    return answer(text, actions, library);
  }
  switch (result.reason) {
    case "already":
      return result.status === "REGISTERED"
        ? answer(rt("answer.alreadyRegistered", quoted), [
            calendarLink(turn, session.id),
            cancelButton(rt, session.id, false),
          ])
        : answer(rt("answer.alreadyWaitlisted", { ...quoted, position: result.position ?? 1 }), [
            cancelButton(rt, session.id, true),
          ]);
    case "core_group_only":
      // not even the title: the meeting is not the user's to see
      return textReply(rt("refused.core_group_only"));
    case "deadline_passed":
      return textReply(
        rt("refused.deadline_passed", {
          title: quoted.title,
          deadline: session.registrationDeadline ? formatInstant(session.registrationDeadline, language) : "",
        }),
      );
    case "no_registration":
      return answer(rt("refused.no_registration", quoted), [
        {
          type: "button",
          label: turn.t("meetups.remindMe"),
          action: { verb: "meetups.remind", args: { s: session.id } },
        },
      ]);
    case "cancelled":
    case "started":
      return textReply(rt(`refused.${result.reason}`, quoted));
  }
}

export async function cancelAction(turn: Turn, sessionId: string): Promise<Reply> {
  const { language, deps } = turn;
  const rt = registrationsT(language);
  const result = await cancel(deps.prisma, { sessionId, userId: turn.user.id, now: deps.now() });
  if (!result.ok && result.reason === "not_found") {
    return textReply(rt("refused.not_found", { command: commandWord("events", language) }));
  }
  // a forged id of a core-group meeting the user is not in: not even its title
  if (!result.ok && needsCoreGroup(result.session) && !isCoordinator(turn) && result.reason === "not_registered") {
    return textReply(rt("refused.not_found", { command: commandWord("events", language) }));
  }
  const quoted = titleAndTime(result.session, language);
  if (result.ok) return textReply(rt(result.was === "WAITLISTED" ? "answer.leftWaitlist" : "answer.cancelled", quoted));
  return textReply(rt(result.reason === "started" ? "answer.cancelStarted" : "answer.notRegistered", quoted));
}

export async function unremindAction(turn: Turn, sessionId: string): Promise<Reply> {
  const { language, deps } = turn;
  const rt = registrationsT(language);
  const viewer = { userId: turn.user.id, role: turn.user.role };
  const session = await findVisibleSession(deps.prisma, viewer, sessionId);
  if (!session) return textReply(rt("refused.not_found", { command: commandWord("mine", language) }));
  const forgotten = await forgetInterest(deps.prisma, turn.user.id, session.id);
  const { title } = titleAndTime(session, language);
  return textReply(rt(forgotten ? "answer.forgotten" : "answer.notReminded", { title }));
}
