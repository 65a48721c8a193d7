// `muistutukset`: the user's own reminder settings, each kind on or off, and a pause of
// all of them (`muistutukset tauko 2vk`, `jatka`). Every change is for the user of the
// turn only: no argument names anyone else, so core-group reminders, too, can be
// switched off only for oneself.
import { DateTime } from "luxon";
import { REMINDER_KINDS, type ReminderKind } from "../../../domain/reminders.ts";
import { pauseReminders, reminderSettings, setReminderKind } from "../../../domain/store/reminder-settings.ts";
import { HELSINKI } from "../../../domain/time.ts";
import { commandWord } from "../../commands.ts";
import { FORMAT_LOCALE, type Language } from "../../i18n/index.ts";
import type { Block } from "../../reply.ts";
import { type Reply, textReply } from "../../reply.ts";
import type { Turn } from "../../turn.ts";
import { remindersT, switchButton } from "./notify.ts";

const PAUSE_WORDS = new Set(["tauko", "paus", "pause", "snooze"]);
const RESUME_WORDS = new Set(["jatka", "fortsätt", "fortsatt", "resume"]);
const PAUSE_EXAMPLE: Record<Language, string> = { fi: "tauko 2vk", sv: "paus 2v", en: "pause 2w" };
const RESUME_WORD: Record<Language, string> = { fi: "jatka", sv: "fortsätt", en: "resume" };
const MAX_PAUSE_DAYS = 8 * 7;

const DAY_UNITS = /^(pv|pvä|päivä|päivää|paiva|paivaa|d|dag|dagar|day|days)$/;
const WEEK_UNITS = /^(vk|vko|viikko|viikkoa|v|vecka|veckor|w|wk|week|weeks)$/;

/** "2vk", "2 vk", "14 päivää", "2v", "3 dagar", "2w", "10 days" → days; undefined when not 1 day to 8 weeks. */
export function parsePauseDays(words: readonly string[]): number | undefined {
  const match = /^(\d{1,3})\s*(\p{L}+)$/u.exec(words.join(" ").trim().toLowerCase());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? "";
  const days = DAY_UNITS.test(unit) ? amount : WEEK_UNITS.test(unit) ? amount * 7 : Number.NaN;
  return days >= 1 && days <= MAX_PAUSE_DAYS ? days : undefined;
}

function formatUntil(until: Date, language: Language): string {
  return DateTime.fromJSDate(until, { zone: HELSINKI })
    .setLocale(FORMAT_LOCALE[language])
    .toLocaleString({ day: "numeric", month: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

export async function remindersCommand(turn: Turn, args: readonly string[]): Promise<Reply> {
  const { deps, user, language } = turn;
  const rt = remindersT(language);
  const [first, ...rest] = args;
  if (first && PAUSE_WORDS.has(first)) {
    const days = parsePauseDays(rest);
    if (days === undefined) {
      return textReply(
        rt("answer.badPause", { example: `${commandWord("reminders", language)} ${PAUSE_EXAMPLE[language]}` }),
      );
    }
    // calendar days on the Helsinki clock, so a pause across a DST change ends at the same hour
    const until = DateTime.fromJSDate(deps.now(), { zone: HELSINKI }).plus({ days }).toJSDate();
    await pauseReminders(deps.prisma, user.id, until);
    return settingsReply(turn, rt("answer.pausedUntil", { until: formatUntil(until, language) }));
  }
  if (first && RESUME_WORDS.has(first)) {
    await pauseReminders(deps.prisma, user.id, null);
    return settingsReply(turn, rt("answer.resumed"));
  }
  return settingsReply(turn);
}

/** Switches one kind for the clicking user; the answer is the settings card again. */
export async function setKindAction(turn: Turn, kind: ReminderKind, enabled: boolean): Promise<Reply> {
  const rt = remindersT(turn.language);
  await setReminderKind(turn.deps.prisma, turn.user.id, kind, enabled);
  const name = rt(`kinds.${kind}`);
  const confirmation = enabled
    ? rt("answer.switchedOn", { kind: name })
    : rt("answer.switchedOff", { kind: name, command: commandWord("reminders", turn.language) });
  return settingsReply(turn, confirmation);
}

export async function resumeAction(turn: Turn): Promise<Reply> {
  await pauseReminders(turn.deps.prisma, turn.user.id, null);
  return settingsReply(turn, remindersT(turn.language)("answer.resumed"));
}

async function settingsReply(turn: Turn, confirmation?: string): Promise<Reply> {
  const { deps, user, language } = turn;
  const rt = remindersT(language);
  const settings = await reminderSettings(deps.prisma, user.id);
  const blocks: Block[] = [];
  if (confirmation) blocks.push({ type: "text", text: confirmation });
  blocks.push({ type: "header", text: rt("settings.title") });
  for (const kind of REMINDER_KINDS) {
    const on = settings.enabled[kind];
    blocks.push({
      type: "item",
      title: rt(`kinds.${kind}`),
      lines: [on ? `✅ ${rt("settings.on")}` : `🔕 ${rt("settings.off")}`],
      actions: [switchButton(kind, !on, on ? rt("settings.turnOff") : rt("settings.turnOn"), true)],
    });
  }
  if (settings.pausedUntil && settings.pausedUntil > deps.now()) {
    blocks.push(
      { type: "text", text: rt("settings.paused", { until: formatUntil(settings.pausedUntil, language) }) },
      {
        type: "actions",
        actions: [{ type: "button", label: rt("settings.resume"), action: { verb: "reminders.resume", args: {} } }],
      },
    );
  }
  const command = commandWord("reminders", language);
  blocks.push({
    type: "context",
    text: rt("settings.pauseHint", {
      pause: `${command} ${PAUSE_EXAMPLE[language]}`,
      resume: `${command} ${RESUME_WORD[language]}`,
    }),
  });
  return { summary: confirmation ?? rt("settings.title"), blocks };
}
