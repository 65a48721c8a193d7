// The filter words of the session lists (`kahvit severi sv 8vk`, `tilaisuudet severi`):
// parsed against the store's networks and themes, or explained to the user.
import { type MeetupFilter, parseMeetupFilter } from "../domain/meetups.ts";
import { filterVocabulary } from "../domain/store/sessions.ts";
import { type Reply, textReply } from "./reply.ts";
import type { Turn } from "./turn.ts";

export async function parseListFilter(
  turn: Turn,
  words: readonly string[],
): Promise<{ ok: true; filter: MeetupFilter } | { ok: false; reply: Reply }> {
  const { t, deps } = turn;
  const parsed = parseMeetupFilter(words, await filterVocabulary(deps.prisma));
  if (parsed.ok) return parsed;
  return {
    ok: false,
    reply:
      parsed.reason === "span_too_long"
        ? textReply(t("meetups.spanTooLong", { max: parsed.max }))
        : textReply(t("meetups.unknownFilter", { word: parsed.word.slice(0, 40), known: parsed.known.join(", ") })),
  };
}
