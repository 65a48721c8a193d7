import { commandWord } from "../commands.ts";
import { InvalidAction } from "../errors.ts";
import { meetupsReply, remindAction } from "../handlers/meetups.ts";
import type { Feature } from "./types.ts";

export const meetupsFeature: Feature = {
  name: "meetups",
  commands: {
    meetups: (turn, { args }) => meetupsReply(turn, args),
  },
  actions: {
    "meetups.page": async (turn, { args }) => {
      const offset = Number.parseInt(args.o ?? "0", 10);
      const words = (args.q ?? "").split(/\s+/).filter(Boolean);
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > 10_000) throw new InvalidAction("bad offset");
      return { reply: await meetupsReply(turn, words, offset), mode: "replace" };
    },
    "meetups.remind": async (turn, { args }) => {
      if (!args.s) throw new InvalidAction("no session");
      return { reply: await remindAction(turn, args.s), mode: "new" };
    },
  },
  help: ({ t, language }) => {
    const meetups = commandWord("meetups", language);
    const examples = [`${meetups} severi`, `${meetups} sv`, `${meetups} 8vk`].join(" · ");
    return [t("help.meetups", { command: meetups, examples })];
  },
};
