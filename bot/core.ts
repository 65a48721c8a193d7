// The platform-neutral bot: parses a command or a button click, answers in the
// user's language, and never lets an error reach the user as silence or a stack trace.
import { commandWord, parseCommand } from "./commands.ts";
import { isStoreUnavailable } from "./errors.ts";
import { helpReply } from "./handlers/help.ts";
import { languageReply } from "./handlers/language.ts";
import { meetupsReply, remindAction } from "./handlers/meetups.ts";
import { type Reply, textReply } from "./reply.ts";
import type { ActionOutcome, ActionRequest, BotCore, MessageRequest, Requester } from "./requests.ts";
import { type BotDependencies, fallbackTranslator, startTurn, type Turn } from "./turn.ts";

export type { BotDependencies } from "./turn.ts";

/** How much of an unknown command is echoed back. */
const ECHO_LIMIT = 40;

export function createBot(deps: BotDependencies): BotCore {
  async function guarded<T>(requester: Requester, wrap: (reply: Reply) => T, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const t = await fallbackTranslator(requester);
      if (isStoreUnavailable(error)) {
        deps.log.warn({ err: error }, "store unavailable");
        return wrap(textReply(t("errors.unavailable")));
      }
      deps.log.error({ err: error }, "unexpected error in the bot core");
      return wrap(textReply(t("errors.unexpected")));
    }
  }

  return {
    handleMessage(request: MessageRequest): Promise<Reply> {
      return guarded(
        request.requester,
        (reply) => reply,
        async () => {
          const turn = await startTurn(deps, request.requester);
          return answerText(turn, request.text);
        },
      );
    },
    handleAction(request: ActionRequest): Promise<ActionOutcome> {
      return guarded(
        request.requester,
        (reply): ActionOutcome => ({ reply, mode: "new" }),
        async () => {
          const turn = await startTurn(deps, request.requester);
          return answerAction(turn, request.action.verb, request.action.args);
        },
      );
    },
  };
}

async function answerText(turn: Turn, text: string): Promise<Reply> {
  const parsed = parseCommand(text);
  const { t, language } = turn;
  if (parsed.kind === "unknown") {
    const shown = parsed.word.length > ECHO_LIMIT ? `${parsed.word.slice(0, ECHO_LIMIT)}…` : parsed.word;
    const help = commandWord("help", language);
    return parsed.suggestion
      ? textReply(t("unknown.suggestion", { text: shown, suggestion: commandWord(parsed.suggestion, language), help }))
      : textReply(t("unknown.noSuggestion", { text: shown, help }));
  }
  switch (parsed.command) {
    case "meetups":
      return meetupsReply(turn, parsed.args);
    case "help":
      return helpReply(turn);
    case "language":
      return languageReply(turn, parsed.args);
  }
}

async function answerAction(turn: Turn, verb: string, args: Record<string, string>): Promise<ActionOutcome> {
  switch (verb) {
    case "meetups.page": {
      const offset = Number.parseInt(args.o ?? "0", 10);
      const words = (args.q ?? "").split(/\s+/).filter(Boolean);
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > 10_000) break;
      return { reply: await meetupsReply(turn, words, offset), mode: "replace" };
    }
    case "meetups.remind":
      if (!args.s) break;
      return { reply: await remindAction(turn, args.s), mode: "new" };
  }
  turn.deps.log.warn({ verb }, "unknown or malformed action");
  return {
    reply: textReply(turn.t("errors.invalidAction", { command: commandWord("meetups", turn.language) })),
    mode: "new",
  };
}
