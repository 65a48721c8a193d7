// The reminders feature (issue 6, first slice): the reminders the planner puts in the
// outbox (domain/store/reminders.ts), rendered and checked at send time, and the
// user's own settings: `muistutukset` / `påminnelser` / `reminders`.
import { isReminderKind } from "../../../domain/reminders.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { isCoordinator } from "../../turn.ts";
import type { Feature } from "../types.ts";
import { DELIVERY_WORDS, deliveryReply, sessionDeliveryAction } from "./delivery.ts";
import { reminderNotifications, remindersT } from "./notify.ts";
import { remindersCommand, resumeAction, setKindAction } from "./settings.ts";
import { TIMING_WORDS, timingAction, timingReply } from "./timing.ts";

export const remindersFeature: Feature = {
  name: "reminders",
  commands: {
    reminders: (turn, { args }) =>
      args[0] && DELIVERY_WORDS.has(args[0])
        ? deliveryReply(turn)
        : args[0] && TIMING_WORDS.has(args[0])
          ? timingReply(turn)
          : remindersCommand(turn, args),
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
    "reminders.delivery": sessionDeliveryAction,
    "reminders.timing": timingAction,
  },
  notifications: reminderNotifications,
  help: (turn) => {
    const { language } = turn;
    const command = commandWord("reminders", language);
    const example = `${command} ${{ fi: "tauko 2vk", sv: "paus 2v", en: "pause 2w" }[language]}`;
    const lines = [remindersT(language)("help.reminders", { command, example })];
    if (isCoordinator(turn)) {
      const word = { fi: "toimitus", sv: "leverans", en: "delivery" }[language];
      lines.push(remindersT(language)("help.delivery", { command: `${command} ${word}` }));
      const timing = { fi: "ajat", sv: "tider", en: "timing" }[language];
      lines.push(remindersT(language)("help.timing", { command: `${command} ${timing}` }));
    }
    return lines;
  },
};
