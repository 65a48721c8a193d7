// The reminders feature (issue 6, first slice): the reminders the planner puts in the
// outbox (domain/store/reminders.ts), rendered and checked at send time, and the
// user's own settings: `muistutukset` / `påminnelser` / `reminders`.
import { isReminderKind } from "../../../domain/reminders.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import type { Feature } from "../types.ts";
import { reminderNotifications, remindersT } from "./notify.ts";
import { remindersCommand, resumeAction, setKindAction } from "./settings.ts";

export const remindersFeature: Feature = {
  name: "reminders",
  commands: {
    reminders: (turn, { args }) => remindersCommand(turn, args),
  },
  actions: {
    // From the settings card the card is redrawn in place; from a reminder's "Stop these
    // reminders" the reminder stays and the answer comes as a new message.
    "reminders.set": async (turn, { args }) => {
      const kind = args.k ?? "";
      if (!isReminderKind(kind) || (args.on !== "0" && args.on !== "1")) throw new InvalidAction("bad reminder kind");
      const reply = await setKindAction(turn, kind, args.on === "1");
      return { reply, mode: args.r === "1" ? "replace" : "new" };
    },
    "reminders.resume": async (turn) => ({ reply: await resumeAction(turn), mode: "replace" }),
  },
  notifications: reminderNotifications,
  help: ({ language }) => {
    const command = commandWord("reminders", language);
    const example = `${command} ${{ fi: "tauko 2vk", sv: "paus 2v", en: "pause 2w" }[language]}`;
    return [remindersT(language)("help.reminders", { command, example })];
  },
};
