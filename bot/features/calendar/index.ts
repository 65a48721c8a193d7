// The calendar feature (issue 3, items 3 and 7): each user's personal calendar feed
// (`kalenteri`), and the coordinators' session import from a CSV or .ics file (`tuo`).
// The feed itself is served by adapters/http.ts (GET /calendar/feed/<token>.ics).
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { featureTranslator } from "../../i18n/index.ts";
import { isCoordinator } from "../../turn.ts";
import type { Feature } from "../types.ts";
import { calendarReply, renewAction, revokeAction } from "./feed.ts";
import { DRY_RUN_WORD, importAction, importCommand } from "./import.ts";

export const calendarFeature: Feature = {
  name: "calendar",
  commands: {
    calendar: (turn) => calendarReply(turn),
    import: (turn, command) => importCommand(turn, command),
  },
  actions: {
    "calendar.renew": async (turn) => ({ reply: await renewAction(turn), mode: "replace" }),
    "calendar.revoke": async (turn) => ({ reply: await revokeAction(turn), mode: "replace" }),
    "calendar.import": async (turn, { args }) => {
      if (!args.u) throw new InvalidAction("no address");
      return { reply: await importAction(turn, args.u), mode: "replace" };
    },
  },
  help: (turn) => {
    const t = featureTranslator(turn.language, "calendar");
    const lines: string[] = [t("help.calendar", { command: commandWord("calendar", turn.language) })];
    if (isCoordinator(turn)) {
      const command = commandWord("import", turn.language);
      lines.push(t("help.import", { command, dryRun: DRY_RUN_WORD[turn.language] }));
    }
    return lines;
  },
};
