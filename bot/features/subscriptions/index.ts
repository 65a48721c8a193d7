// Subscriptions (issue 6): what reaches people and channels about the networks without
// asking — new sessions of followed networks and the weekly digest of remote coffees —
// and `tilaa` / `prenumerera` / `subscribe` for channels.
import { commandWord } from "../../commands.ts";
import type { Feature } from "../types.ts";
import { setAction, subscribeCommand, subscriptionsT } from "./channel.ts";
import { subscriptionNotifications } from "./notify.ts";

export const subscriptionsFeature: Feature = {
  name: "subscriptions",
  commands: {
    subscribe: (turn, command) => subscribeCommand(turn, command),
  },
  actions: {
    "subscriptions.set": setAction,
  },
  notifications: subscriptionNotifications,
  help: ({ language }) => {
    const command = commandWord("subscribe", language);
    return [subscriptionsT(language)("help.subscribe", { command, example: `${command} severi` })];
  },
};
