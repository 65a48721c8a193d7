// The platform-neutral bot: parses a command or a button click, dispatches it to the
// feature that owns it, answers in the user's language, and never lets an error reach
// the user as silence or a stack trace.
import { type CommandName, commandWord, commandWords, parseCommand } from "./commands.ts";
import { InvalidAction, isStoreUnavailable, NotAllowed } from "./errors.ts";
import { FEATURES } from "./features/index.ts";
import type { ActionHandler, CommandHandler, Feature } from "./features/types.ts";
import { helpReply } from "./handlers/help.ts";
import { languageReply } from "./handlers/language.ts";
import { type Reply, textReply } from "./reply.ts";
import type { ActionOutcome, ActionRequest, BotCore, MessageRequest, Requester } from "./requests.ts";
import { type BotDependencies, fallbackTranslator, startTurn, type Turn } from "./turn.ts";

export type { BotDependencies } from "./turn.ts";

/** How much of an unknown command is echoed back. */
const ECHO_LIMIT = 40;

const basicsFeature: Feature = {
  name: "basics",
  commands: {
    help: async (turn) => helpReply(turn, FEATURES),
    language: (turn, { args }) => languageReply(turn, args),
  },
};

/** Command and verb tables of every feature; a name claimed twice is a programming error. */
export function dispatchTables(features: readonly Feature[]) {
  const commands = new Map<CommandName, CommandHandler>();
  const actions = new Map<string, ActionHandler>();
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.commands ?? {}) as [CommandName, CommandHandler][]) {
      if (commands.has(name)) throw new Error(`command ${name} is claimed by two features`);
      commands.set(name, handler);
    }
    for (const [verb, handler] of Object.entries(feature.actions ?? {})) {
      if (actions.has(verb)) throw new Error(`action ${verb} is claimed by two features`);
      actions.set(verb, handler);
    }
  }
  return { commands, actions };
}

export function createBot(deps: BotDependencies, features: readonly Feature[] = FEATURES): BotCore {
  const tables = dispatchTables([basicsFeature, ...features]);

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

  async function answerText(turn: Turn, request: MessageRequest): Promise<Reply> {
    const parsed = parseCommand(request.text);
    const { t, language } = turn;
    const help = commandWord("help", language);
    const handler = parsed.kind === "command" ? tables.commands.get(parsed.command) : undefined;
    if (parsed.kind === "command" && handler) {
      try {
        const rawArgs = commandWords(request.text).slice(1);
        return await handler(turn, {
          args: parsed.args,
          rawArgs,
          mentions: request.mentions ?? [],
          conversation: request.conversation,
        });
      } catch (error) {
        if (error instanceof NotAllowed) return textReply(t("errors.notAllowed"));
        throw error;
      }
    }
    const word = parsed.kind === "unknown" ? parsed.word : commandWord(parsed.command, language);
    const shown = word.length > ECHO_LIMIT ? `${word.slice(0, ECHO_LIMIT)}…` : word;
    const suggestion = parsed.kind === "unknown" ? parsed.suggestion : undefined;
    return suggestion && tables.commands.has(suggestion)
      ? textReply(t("unknown.suggestion", { text: shown, suggestion: commandWord(suggestion, language), help }))
      : textReply(t("unknown.noSuggestion", { text: shown, help }));
  }

  async function answerAction(turn: Turn, request: ActionRequest): Promise<ActionOutcome> {
    const { verb, args } = request.action;
    const handler = tables.actions.get(verb);
    try {
      if (handler) return await handler(turn, { args, inputs: request.inputs, conversation: request.conversation });
    } catch (error) {
      if (error instanceof NotAllowed) return { reply: textReply(turn.t("errors.notAllowed")), mode: "new" };
      if (!(error instanceof InvalidAction)) throw error;
    }
    turn.deps.log.warn({ verb }, "unknown or malformed action");
    const command = commandWord("help", turn.language);
    return { reply: textReply(turn.t("errors.invalidAction", { command })), mode: "new" };
  }

  return {
    handleMessage(request: MessageRequest): Promise<Reply> {
      return guarded(
        request.requester,
        (reply) => reply,
        async () => answerText(await startTurn(deps, request.requester), request),
      );
    },
    handleAction(request: ActionRequest): Promise<ActionOutcome> {
      return guarded(
        request.requester,
        (reply): ActionOutcome => ({ reply, mode: "new" }),
        async () => answerAction(await startTurn(deps, request.requester), request),
      );
    },
  };
}
