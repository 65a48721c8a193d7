// "/ake kahvit severi sv 8vk": which short remote meetups a user asked for. Pure: the
// vocabulary (network ids and names, theme tags) comes from the store.
import type { Language } from "../bot/i18n/index.ts";

/** Kinds that the plan calls short remote meetups (§3.2, §3.7): no registration needed. */
export const MEETUP_KINDS = ["REMOTE_COFFEE", "NETWORK_COFFEE", "TUTKITTUA", "BOOKMOBILE_QUARTER"] as const;

export const DEFAULT_SPAN_WEEKS = 4;
export const MAX_SPAN_WEEKS = 26;
export const PAGE_SIZE = 8;

export interface FilterVocabulary {
  networks: { id: string; names: string[] }[];
  tags: string[];
}

export interface MeetupFilter {
  weeks: number;
  /** the user named a span ("8vk"); otherwise the default applies */
  explicitSpan: boolean;
  networkIds: string[];
  tags: string[];
  language?: Language | undefined;
  /** the filter words as the user typed them, for titles and paging */
  words: string[];
}

export type FilterResult =
  | { ok: true; filter: MeetupFilter }
  | { ok: false; reason: "unknown_word"; word: string; known: string[] }
  | { ok: false; reason: "span_too_long"; max: number };

const LANGUAGE_WORDS: Record<string, Language> = {
  fi: "fi",
  suomi: "fi",
  finska: "fi",
  finnish: "fi",
  sv: "sv",
  svenska: "sv",
  ruotsi: "sv",
  swedish: "sv",
  en: "en",
  english: "en",
  englanti: "en",
  engelska: "en",
};

/** "8vk", "8 vk", "8v", "8w", "8wk", "8weeks", "8veckor", "8viikkoa" */
const SPAN = /^(\d{1,3})(vk|v|viikkoa|viikko|w|wk|wks|weeks?|veckor|vecka|veckan)$/;

function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function parseMeetupFilter(args: readonly string[], vocabulary: FilterVocabulary): FilterResult {
  const filter: MeetupFilter = { weeks: DEFAULT_SPAN_WEEKS, explicitSpan: false, networkIds: [], tags: [], words: [] };
  // "8 vk" arrives as two words: join a number with the unit after it.
  const words: string[] = [];
  for (const word of args) {
    const previous = words.at(-1);
    if (previous !== undefined && /^\d+$/.test(previous) && SPAN.test(`${previous}${word}`)) {
      words[words.length - 1] = `${previous}${word}`;
    } else {
      words.push(word);
    }
  }
  for (const word of words) {
    const folded = fold(word);
    const span = SPAN.exec(folded);
    if (span) {
      const weeks = Number(span[1]);
      if (weeks > MAX_SPAN_WEEKS) return { ok: false, reason: "span_too_long", max: MAX_SPAN_WEEKS };
      filter.weeks = Math.max(1, weeks);
      filter.explicitSpan = true;
      filter.words.push(word);
      continue;
    }
    const language = LANGUAGE_WORDS[folded];
    if (language) {
      filter.language = language;
      filter.words.push(word);
      continue;
    }
    const network = vocabulary.networks.find(
      (candidate) => fold(candidate.id) === folded || candidate.names.some((name) => fold(name) === folded),
    );
    if (network) {
      filter.networkIds.push(network.id);
      filter.words.push(word);
      continue;
    }
    const tag = vocabulary.tags.find((candidate) => fold(candidate) === folded);
    if (tag) {
      filter.tags.push(tag);
      filter.words.push(word);
      continue;
    }
    const known = [...vocabulary.networks.map((candidate) => candidate.id), ...vocabulary.tags].sort();
    return { ok: false, reason: "unknown_word", word, known };
  }
  return { ok: true, filter };
}
