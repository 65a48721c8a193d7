import { commandWord } from "../commands.ts";
import type { Feature } from "../features/types.ts";
import type { Reply } from "../reply.ts";
import type { Turn } from "../turn.ts";

export function helpReply(turn: Turn, features: readonly Feature[]): Reply {
  const { t, language } = turn;
  const lines = [
    ...features.flatMap((feature) => feature.help?.(turn) ?? []),
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
