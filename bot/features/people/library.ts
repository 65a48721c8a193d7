// `kirjasto`: the user's library, from the list of the 26 municipalities' libraries. It
// feeds the region's coverage figures (the plan's "share of municipalities whose staff
// took part"). askLibraryBlocks is what other features show "the first time it matters".
import { foldText } from "../../../domain/store/networks.ts";
import { findLibrary, type LibraryRecord, listLibraries, setUserLibrary } from "../../../domain/store/people.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { featureTranslator, type Language } from "../../i18n/index.ts";
import { type Block, type ButtonAction, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import type { Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";

/** More matches than this are not offered as buttons: the user narrows the search. */
const MAX_CHOICES = 12;
/** Buttons per row: Teams folds long action sets into "…", Slack allows 25. */
const BUTTONS_PER_ROW = 4;
const ECHO_LIMIT = 40;

function pt(turn: Turn) {
  return featureTranslator(turn.language, "people");
}

/** A library's name in the user's language (there are no English names: Finnish is official). */
export function libraryName(library: Pick<LibraryRecord, "nameFi" | "nameSv">, language: Language): string {
  return language === "sv" ? library.nameSv : library.nameFi;
}

function example(language: Language): string {
  return `${commandWord("library", language)} ${language === "sv" ? "borgå" : "porvoo"}`;
}

/**
 * The libraries a search names, by municipality or library name in Finnish or Swedish,
 * without regard to case or diacritics ("borgå", "jarvenpaa", "träskända"). A full name
 * wins over partial ones, so "lohja" is Lohja even if another name began with it; else
 * every library with a name or a word in it starting with the query ("porvoon", "borg").
 */
export function searchLibraries<T extends LibraryRecord>(libraries: readonly T[], query: string): T[] {
  const q = foldText(query);
  if (q.length < 2) return [];
  const names = (l: T) => [l.id, l.municipality, l.municipalitySv, l.nameFi, l.nameSv].map(foldText);
  const exact = libraries.filter((l) => names(l).includes(q));
  if (exact.length > 0) return exact;
  return libraries.filter((l) => names(l).some((name) => name.startsWith(q) || name.includes(` ${q}`)));
}

function savedReply(turn: Turn, library: LibraryRecord): Reply {
  const t = pt(turn);
  return textReply(`${t("library.saved", { library: libraryName(library, turn.language) })} ${t("library.why")}`);
}

function chooseButton(turn: Turn, library: LibraryRecord): ButtonAction {
  const label = libraryName(library, turn.language);
  return { type: "button", label, action: { verb: "people.setLibrary", args: { l: library.id } } };
}

export async function libraryCommand(turn: Turn, args: readonly string[]): Promise<Reply> {
  const { deps, language } = turn;
  const t = pt(turn);
  const howTo = { command: commandWord("library", language), example: example(language) };
  if (args.length === 0) {
    const current = turn.user.libraryId ? await findLibrary(deps.prisma, turn.user.libraryId) : null;
    const text = current
      ? `${t("library.current", { library: libraryName(current, language) })} ${t("library.howToChange", howTo)}`
      : `${t("library.none")} ${t("library.howToSet", howTo)}`;
    return textReply(text);
  }
  const query = args.join(" ").slice(0, ECHO_LIMIT);
  const matches = searchLibraries(await listLibraries(deps.prisma), args.join(" "));
  const [only] = matches;
  if (only && matches.length === 1) {
    const saved = await setUserLibrary(deps.prisma, turn.user.id, only.id);
    return saved ? savedReply(turn, saved) : textReply(t("library.notListed"));
  }
  if (matches.length === 0) return textReply(t("library.noMatch", { query, example: howTo.example }));
  if (matches.length > MAX_CHOICES) {
    return textReply(t("library.tooMany", { number: matches.length, query, example: howTo.example }));
  }
  const text = t("library.choose", { query });
  const buttons = matches.map((library) => chooseButton(turn, library));
  const rows: Block[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: "actions", actions: buttons.slice(i, i + BUTTONS_PER_ROW) });
  }
  return { summary: text, blocks: [{ type: "text", text }, ...rows] };
}

/** A choice button: the id must name a listed library; nothing else can be stored. */
export async function setLibraryAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const id = args.l;
  if (typeof id !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || id.length > 60) {
    throw new InvalidAction("bad library id");
  }
  const saved = await setUserLibrary(turn.deps.prisma, turn.user.id, id);
  if (!saved) return { reply: textReply(pt(turn)("library.notListed")), mode: "new" };
  return { reply: savedReply(turn, saved), mode: "replace" };
}

/**
 * The question other features add to a reply when the user's library is not known yet
 * (e.g. after a first registration): one line to ask, one to say how to answer.
 * A text answer rather than a form, so that it works in any reply on both platforms.
 */
export async function askLibraryBlocks(turn: Turn): Promise<Block[]> {
  const t = pt(turn);
  const { language } = turn;
  return [
    { type: "text", text: t("library.ask") },
    {
      type: "context",
      text: `${t("library.askHint", { command: commandWord("library", language), example: example(language) })} ${t("library.why")}`,
    },
  ];
}
