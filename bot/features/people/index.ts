// The people feature (issue 3, "who is who"): the user's library, AKE's coordinators and
// the networks' core groups. Changing coordinators or core groups is for coordinators only.
import { commandWord } from "../../commands.ts";
import { featureTranslator } from "../../i18n/index.ts";
import { isCoordinator } from "../../turn.ts";
import type { Feature } from "../types.ts";
import { coordinatorCommands, coordinatorsCommand } from "./coordinators.ts";
import { coreGroupCommand, coreGroupCommands } from "./core-group.ts";
import { libraryCommand, setLibraryAction } from "./library.ts";

export { askLibraryBlocks } from "./library.ts";

export const peopleFeature: Feature = {
  name: "people",
  commands: {
    library: (turn, { args }) => libraryCommand(turn, args),
    coordinators: (turn, command) => coordinatorsCommand(turn, command),
    coreGroup: (turn, command) => coreGroupCommand(turn, command),
  },
  actions: {
    "people.setLibrary": setLibraryAction,
  },
  help: (turn) => {
    const { language } = turn;
    const t = featureTranslator(language, "people");
    const library = commandWord("library", language);
    const lines: string[] = [
      t("help.library", { command: library, example: `${library} ${language === "sv" ? "borgå" : "porvoo"}` }),
      t("help.coordinators", { command: commandWord("coordinators", language) }),
      t("help.coreGroup", { example: coreGroupCommands(turn).list }),
    ];
    if (isCoordinator(turn)) {
      lines.push(t("help.coordinatorsManage", coordinatorCommands(turn)));
      lines.push(t("help.coreGroupManage", coreGroupCommands(turn)));
    }
    return lines;
  },
};
