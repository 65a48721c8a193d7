// The command table: every command has a Finnish, a Swedish and an English name,
// and any of them works whatever the user's language. Parsing turns the text a user
// typed (in Slack after "/ake", in Teams the whole message) into a command and its
// argument words. What each command does lives in bot/features/.
import { closest, distance } from "fastest-levenshtein";
import type { Language } from "./i18n/index.ts";

export const COMMANDS = {
  meetups: { fi: ["kahvit"], sv: ["kaffe"], en: ["coffees"] },
  help: { fi: ["apua", "ohje"], sv: ["hjälp"], en: ["help"] },
  language: { fi: ["kieli"], sv: ["språk"], en: ["language"] },
  // networks and their sessions (issue 3)
  networks: { fi: ["verkostot", "verkosto"], sv: ["nätverk", "nätverket"], en: ["networks", "network"] },
  follow: { fi: ["seuraa"], sv: ["följ"], en: ["follow"] },
  unfollow: { fi: ["lopeta"], sv: ["sluta"], en: ["unfollow"] },
  events: { fi: ["tilaisuudet"], sv: ["evenemang"], en: ["events"] },
  mine: { fi: ["omat"], sv: ["mina"], en: ["mine"] },
  calendar: { fi: ["kalenteri"], sv: ["kalender"], en: ["calendar"] },
  library: { fi: ["kirjasto"], sv: ["bibliotek"], en: ["library"] },
  coreGroup: { fi: ["ydinryhmä"], sv: ["kärngrupp"], en: ["coregroup"] },
  coordinators: { fi: ["koordinaattorit"], sv: ["koordinatorer"], en: ["coordinators"] },
  publish: { fi: ["julkaise"], sv: ["publicera"], en: ["publish"] },
  import: { fi: ["tuo"], sv: ["importera"], en: ["import"] },
  // reminder settings, pause and resume (issue 6)
  reminders: { fi: ["muistutukset"], sv: ["påminnelser"], en: ["reminders"] },
  // loanable kits and the coordinators' approvals (issue 4)
  borrow: { fi: ["lainaa", "lainat"], sv: ["låna", "lån"], en: ["borrow", "kits"] },
  approvals: { fi: ["hyväksynnät"], sv: ["godkännanden"], en: ["approvals"] },
  where: { fi: ["missä"], sv: ["var"], en: ["where"] },
  // channel subscriptions (issue 6)
  subscribe: { fi: ["tilaa"], sv: ["prenumerera"], en: ["subscribe"] },
  // staff visits to another library (issue 5)
  visit: { fi: ["vierailu", "vierailut"], sv: ["besök"], en: ["visit", "visits"] },
} as const satisfies Record<string, Record<Language, readonly string[]>>;

export type CommandName = keyof typeof COMMANDS;

/** The name to show a user for a command: the first alias in their language. */
export function commandWord(command: CommandName, language: Language): string {
  return COMMANDS[command][language][0];
}

const ALIASES = new Map<string, CommandName>(
  (Object.entries(COMMANDS) as [CommandName, Record<Language, readonly string[]>][]).flatMap(([command, names]) =>
    Object.values(names)
      .flat()
      .map((alias) => [alias, command] as const),
  ),
);
/** Common extra spellings that are not typos worth a suggestion. */
for (const [alias, command] of [
  ["coffee", "meetups"],
  ["hjalp", "help"],
  ["sprak", "language"],
  ["ydinryhma", "coreGroup"],
  ["karngrupp", "coreGroup"],
  ["core-group", "coreGroup"],
  ["folj", "follow"],
  ["natverk", "networks"],
  ["?", "help"],
  ["paminnelser", "reminders"],
  ["hyvaksynnat", "approvals"],
  ["godkannanden", "approvals"],
  ["missa", "where"],
  ["lana", "borrow"],
  ["besok", "visit"],
] as const) {
  ALIASES.set(alias, command);
}

/** Longest text we look at; anything beyond is ignored rather than echoed. */
export const MAX_COMMAND_TEXT = 500;

export type ParsedCommand =
  | { kind: "command"; command: CommandName; args: string[] }
  | { kind: "unknown"; word: string; suggestion: CommandName | undefined };

/** Splits into words, drops an "ake" or "/ake" prefix and surrounding noise. Words keep their case. */
export function commandWords(text: string): string[] {
  const words = text
    .slice(0, MAX_COMMAND_TEXT)
    .normalize("NFC")
    .replace(/[\u00a0\u200b-\u200d\ufeff]/g, " ")
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  while (/^[/@]?ake$/i.test(words[0] ?? "")) words.shift();
  if (words[0]?.startsWith("/")) words[0] = words[0].slice(1);
  return words;
}

export function parseCommand(text: string): ParsedCommand {
  const [first, ...args] = commandWords(text);
  if (first === undefined) return { kind: "command", command: "help", args: [] };
  const word = first.toLowerCase();
  const command = ALIASES.get(word);
  if (command)
    return { kind: "command", command, args: args.map((arg) => (/^<@|^<#/.test(arg) ? arg : arg.toLowerCase())) };
  return { kind: "unknown", word, suggestion: suggestCommand(word) };
}

/** The command whose name is nearest to a mistyped word, if it is near enough. */
export function suggestCommand(word: string): CommandName | undefined {
  const candidates = [...ALIASES.keys()].filter((alias) => alias.length > 1);
  const nearest = closest(word, candidates);
  const allowed = word.length <= 4 ? 1 : 2;
  if (distance(word, nearest) <= allowed) return ALIASES.get(nearest);
  // "kah" or "coff": a clear prefix of one command
  const byPrefix = candidates.filter((alias) => word.length >= 3 && alias.startsWith(word));
  const commands = new Set(byPrefix.map((alias) => ALIASES.get(alias)));
  return commands.size === 1 ? [...commands][0] : undefined;
}
