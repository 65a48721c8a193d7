// Loanable kits (issue 4): the catalogue with availability, booking requests approved by
// coordinators in chat (bot/features/approvals), the kit's travels from library to
// library with who pays each leg, `missä` for coordinators, and coordinators' tools.
import { commandWord } from "../../commands.ts";
import { isCoordinator } from "../../turn.ts";
import type { Feature } from "../types.ts";
import { addFormAction, blockFormAction, editItemFormAction, moveFormAction, retireAction } from "./admin.ts";
import { backAction, cancelAction, mineReply, receivedAction, sendAction, sendOnAction } from "./bookings.ts";
import { catalogueReply, itemAction } from "./catalogue.ts";
import { kitNotifications } from "./notify.ts";
import { bookFormAction, editAction, editFormAction, requestAction } from "./request.ts";
import { kitsT } from "./shared.ts";
import { whereReply } from "./where.ts";

const MINE_WORDS = new Set(["omat", "mina", "mine", "my"]);

export const kitsFeature: Feature = {
  name: "kits",
  commands: {
    borrow: async (turn, { args }) =>
      args[0] && MINE_WORDS.has(args[0].normalize("NFD").replace(/\p{M}/gu, ""))
        ? mineReply(turn)
        : catalogueReply(turn),
    where: (turn) => whereReply(turn),
  },
  actions: {
    "kits.item": itemAction,
    "kits.bookForm": bookFormAction,
    "kits.request": requestAction,
    "kits.editForm": editFormAction,
    "kits.edit": editAction,
    "kits.send": sendAction,
    "kits.received": receivedAction,
    "kits.sendOn": sendOnAction,
    "kits.back": backAction,
    "kits.cancel": cancelAction,
    "kits.editItemForm": editItemFormAction,
    "kits.retire": retireAction,
    "kits.blockForm": blockFormAction,
    "kits.addForm": addFormAction,
    "kits.moveForm": moveFormAction,
  },
  notifications: kitNotifications,
  help: (turn) => {
    const { language } = turn;
    const t = kitsT(language);
    const borrow = commandWord("borrow", language);
    const lines = [t("help.borrow", { command: borrow, mine: `${borrow} ${commandWord("mine", language)}` })];
    if (isCoordinator(turn)) {
      lines.push(t("help.where", { command: commandWord("where", language) }));
      lines.push(t("help.admin", { add: borrow }));
    }
    return lines;
  },
};
