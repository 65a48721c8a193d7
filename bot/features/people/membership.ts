// What `koordinaattorit lisää @Maija` and `ydinryhmä severi poista @Maija` share: the
// add/remove words in any of the three languages, and the @mentioned people as stored users.
import { foldText } from "../../../domain/store/networks.ts";
import { findOrCreateMentionedUser, type PersonRecord } from "../../../domain/store/users.ts";
import type { Language } from "../../i18n/index.ts";
import type { Mention } from "../../requests.ts";
import type { Turn } from "../../turn.ts";

export type MembershipVerb = "add" | "remove";

/** Folded word sequences; like the command names, every language works for everyone. */
const VERBS: readonly [string[], MembershipVerb][] = [
  [["lisaa"], "add"],
  [["add"], "add"],
  [["lagg", "till"], "add"],
  [["poista"], "remove"],
  [["remove"], "remove"],
  [["ta", "bort"], "remove"],
];

export const VERB_WORDS: Record<MembershipVerb, Record<Language, string>> = {
  add: { fi: "lisää", sv: "lägg till", en: "add" },
  remove: { fi: "poista", sv: "ta bort", en: "remove" },
};

/** At most this many people per command: a pasted channel roster is not a request. */
const MAX_MENTIONS = 10;

/**
 * Splits "severi lisää" into the words before the verb and the verb. Mention leftovers
 * ("@Maija" typed without picking the person, Slack's "<@U1>") are not words.
 */
export function splitVerb(args: readonly string[]): { words: string[]; verb: MembershipVerb | undefined } {
  const words = args.filter((word) => !/^(@|<[@#])/.test(word));
  const folded = words.map(foldText);
  for (let index = 0; index < folded.length; index++) {
    for (const [phrase, verb] of VERBS) {
      if (phrase.every((part, offset) => folded[index + offset] === part)) {
        return { words: words.slice(0, index), verb };
      }
    }
  }
  return { words, verb: undefined };
}

/** How a person is named in replies: their name, else the bare platform id. */
export function personName(person: { displayName: string | null; platformUserId: string }): string {
  return person.displayName?.trim() || (person.platformUserId.split(":").pop() ?? person.platformUserId);
}

/** The mentioned people, once each, created as users if they have never written to the bot. */
export async function mentionedPeople(turn: Turn, mentions: readonly Mention[]): Promise<PersonRecord[]> {
  const sane = mentions.filter((m) => m.userId.trim() !== "" && m.userId.length <= 200);
  const unique = [...new Map(sane.map((m) => [m.userId, m])).values()].slice(0, MAX_MENTIONS);
  const people: PersonRecord[] = [];
  // one at a time: the embedded store serialises anyway, and the order of replies follows the message
  for (const mention of unique) {
    people.push(await findOrCreateMentionedUser(turn.deps.prisma, turn.requester.platform, mention));
  }
  return people;
}
