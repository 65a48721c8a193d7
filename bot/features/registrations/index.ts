// The registrations feature (issue 3, item 2): `tilaisuudet` lists the sessions that
// take registration, Register / Cancel registration act on one, `omat` lists the
// user's own, and a cancellation's "a seat opened up" reaches the next in line.
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import type { Feature } from "../types.ts";
import { cancelAction, registerAction, unremindAction } from "./actions.ts";
import { registrationsT } from "./items.ts";
import { eventsReply } from "./list.ts";
import { mineReply } from "./mine.ts";
import { renderPromoted } from "./notify.ts";

/** A session id from a button: our ids are UUIDs; anything else is an old or forged card. */
function sessionArg(args: Record<string, string>): string {
  const id = args.s;
  if (!id || !/^[\w-]{1,64}$/.test(id)) throw new InvalidAction("no session");
  return id;
}

// `satisfies`, not a type annotation: tests call the promotion renderer with its own narrow type
export const registrationsFeature = {
  name: "registrations",
  commands: {
    events: (turn, { args }) => eventsReply(turn, args),
    mine: (turn) => mineReply(turn),
  },
  actions: {
    "registrations.page": async (turn, { args }) => {
      const offset = Number.parseInt(args.o ?? "0", 10);
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > 10_000) throw new InvalidAction("bad offset");
      const words = (args.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
      return { reply: await eventsReply(turn, words, offset), mode: "replace" };
    },
    // the networks card's "Show sessions": one network's sessions, as a new message beside the card
    "registrations.list": async (turn, { args }) => {
      const network = args.n ?? "";
      if (!/^[\w-]{1,64}$/.test(network)) throw new InvalidAction("no network");
      return { reply: await eventsReply(turn, [network.toLowerCase()]), mode: "new" };
    },
    "registrations.register": async (turn, { args }) => ({
      reply: await registerAction(turn, sessionArg(args)),
      mode: "new",
    }),
    "registrations.cancel": async (turn, { args }) => ({
      reply: await cancelAction(turn, sessionArg(args)),
      mode: "new",
    }),
    "registrations.unremind": async (turn, { args }) => ({
      reply: await unremindAction(turn, sessionArg(args)),
      mode: "new",
    }),
  },
  notifications: { "registrations.promoted": renderPromoted },
  help: ({ language }) => {
    const rt = registrationsT(language);
    const events = commandWord("events", language);
    return [
      rt("help.events", { command: events, example: `${events} severi` }),
      rt("help.mine", { command: commandWord("mine", language) }),
    ];
  },
} satisfies Feature;
