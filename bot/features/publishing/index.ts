// The publishing feature (issue 3, item 6): coordinators publish, edit and cancel sessions
// and recurring series from a form (Teams: in the card; Slack: a modal). `julkaise` opens
// the form, `julkaise lista` lists the coming sessions with Edit and Cancel.
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { textReply } from "../../reply.ts";
import { isCoordinator, requireCoordinator, type Turn } from "../../turn.ts";
import type { Feature } from "../types.ts";
import { cancelAction, cancelConfirmAction, createAction, createFormReply, editAction, saveAction } from "./actions.ts";
import { publishingT } from "./form.ts";
import { coordinatorListReply, MAX_OFFSET } from "./list.ts";
import { publishingNotifications } from "./notices.ts";

/** "lista" (fi, sv) or "list" (en); any of them works in every language. */
const LIST_WORDS = new Set(["lista", "list", "listan", "listaa"]);

async function publishCommand(turn: Turn, args: readonly string[]) {
  requireCoordinator(turn);
  if (args.length === 0) return createFormReply(turn);
  if (LIST_WORDS.has(args[0] ?? "")) return coordinatorListReply(turn);
  const pt = publishingT(turn);
  return textReply(pt("usage", { command: commandWord("publish", turn.language), list: pt("listWord") }));
}

// `satisfies`, not a type annotation: tests call the notice renderers with their own narrow type
export const publishingFeature = {
  name: "publishing",
  commands: {
    publish: (turn, { args }) => publishCommand(turn, args),
  },
  actions: {
    "publishing.new": async (turn) => ({ mode: "form", reply: await createFormReply(turn) }),
    "publishing.create": createAction,
    "publishing.list": async (turn, { args }) => {
      const offset = Number.parseInt(args.o ?? "0", 10);
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new InvalidAction("bad offset");
      return { mode: "replace", reply: await coordinatorListReply(turn, offset) };
    },
    "publishing.edit": editAction,
    "publishing.save": saveAction,
    "publishing.cancel": cancelAction,
    "publishing.cancelConfirm": cancelConfirmAction,
  },
  notifications: publishingNotifications,
  help: (turn) => {
    if (!isCoordinator(turn)) return [];
    const pt = publishingT(turn);
    const command = commandWord("publish", turn.language);
    return [pt("help.publish", { command }), pt("help.list", { command, list: pt("listWord") })];
  },
} satisfies Feature;
