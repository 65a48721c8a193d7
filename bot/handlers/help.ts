import { commandWord } from "../commands.ts";
import type { Reply } from "../reply.ts";
import type { Turn } from "../turn.ts";

export function helpReply({ t, language }: Turn): Reply {
  const meetups = commandWord("meetups", language);
  const examples = [`${meetups} severi`, `${meetups} sv`, `${meetups} 8vk`].join(" · ");
  const lines = [
    t("help.meetups", { command: meetups, examples }),
    t("help.language", { command: commandWord("language", language), current: t(`language.names.${language}`) }),
    t("help.help", { command: commandWord("help", language) }),
  ];
  return {
    summary: t("help.title"),
    blocks: [
      { type: "header", text: t("help.title") },
      { type: "text", text: t("help.intro") },
      { type: "text", text: lines.map((line) => `• ${line}`).join("\n") },
      { type: "context", text: t("help.howToAsk") },
    ],
  };
}
