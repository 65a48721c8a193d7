import { setUserLanguage } from "../../domain/store/users.ts";
import { commandWord } from "../commands.ts";
import { isLanguage, translator } from "../i18n/index.ts";
import { type Reply, textReply } from "../reply.ts";
import type { Turn } from "../turn.ts";

const NAMES: Record<string, string> = { suomi: "fi", svenska: "sv", ruotsi: "sv", english: "en", englanti: "en" };

/** `kieli sv`: stores the choice; `kieli` alone tells the current language. */
export async function languageReply(turn: Turn, args: readonly string[]): Promise<Reply> {
  const { t, language } = turn;
  const word = args[0];
  if (word === undefined) {
    return textReply(
      t("language.current", { language: t(`language.names.${language}`), command: commandWord("language", language) }),
    );
  }
  const chosen = NAMES[word] ?? word;
  if (!isLanguage(chosen)) return textReply(t("language.unknown", { word: word.slice(0, 40) }));
  await setUserLanguage(turn.deps.prisma, turn.user.id, chosen);
  // Confirmed in the new language, so the user sees the change at once.
  return textReply(translator(chosen)("language.changed"));
}
