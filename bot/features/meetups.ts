import { commandWord } from "../commands.ts";
import { InvalidAction } from "../errors.ts";
import { meetupsReply, remindAction } from "../handlers/meetups.ts";
import { textReply } from "../reply.ts";
import type { Feature } from "./types.ts";

export const meetupsFeature: Feature = {
  name: "meetups",
  commands: {
    meetups: (turn, { args }) => meetupsReply(turn, args),
  },
  actions: {
    "meetups.page": async (turn, { args }) => {
      const { words, offset } = pageOf(args);
      return { reply: await meetupsReply(turn, words, offset), mode: "replace" };
    },
    // The card is redrawn in place with the bell on the session and the confirmation
    // on top: one answer, where the user clicked (not a second message).
    "meetups.remind": async (turn, { args }) => {
      if (!args.s) throw new InvalidAction("no session");
      const { recorded, text } = await remindAction(turn, args.s);
      if (!recorded) return { reply: textReply(text), mode: "new" };
      const { words, offset } = pageOf(args);
      return { reply: await meetupsReply(turn, words, offset, text), mode: "replace" };
    },
  },
  help: ({ t, language }) => {
    const meetups = commandWord("meetups", language);
    const examples = [`${meetups} severi`, `${meetups} sv`, `${meetups} 8vk`].join(" · ");
    return [t("help.meetups", { command: meetups, examples })];
  },
};

/** The filter words and offset a list button carries (old cards without them: the first page). */
function pageOf(args: Record<string, string>): { words: string[]; offset: number } {
  const offset = Number.parseInt(args.o ?? "0", 10);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > 10_000) throw new InvalidAction("bad offset");
  return { words: (args.q ?? "").split(/\s+/).filter(Boolean), offset };
}
