// `koordinaattorit`: who AKE's coordinators are; a coordinator adds or removes another
// with `koordinaattorit lisää @Maija` / `poista @Maija`. The role is checked here, on the
// server, before anything is read or created for the mentioned people.
import { addCoordinator, listCoordinators, removeCoordinator } from "../../../domain/store/people.ts";
import { commandWord } from "../../commands.ts";
import { featureTranslator } from "../../i18n/index.ts";
import type { Block, Reply } from "../../reply.ts";
import { isCoordinator, requireCoordinator, type Turn } from "../../turn.ts";
import type { CommandContext } from "../types.ts";
import { mentionedPeople, personName, splitVerb, VERB_WORDS } from "./membership.ts";

const PLATFORM_NAMES = { TEAMS: "Teams", SLACK: "Slack" } as const;

function pt(turn: Turn) {
  return featureTranslator(turn.language, "people");
}

/** "koordinaattorit lisää" in the user's language, for hints. */
export function coordinatorCommands(turn: Turn) {
  const command = commandWord("coordinators", turn.language);
  return {
    add: `${command} ${VERB_WORDS.add[turn.language]}`,
    remove: `${command} ${VERB_WORDS.remove[turn.language]}`,
  };
}

async function listBlocks(turn: Turn, manager = isCoordinator(turn)): Promise<Block[]> {
  const t = pt(turn);
  const coordinators = await listCoordinators(turn.deps.prisma);
  const lines = coordinators.map((c) => `${personName(c)} (${PLATFORM_NAMES[c.platform]})`);
  const blocks: Block[] = [
    { type: "header", text: t("coordinators.title") },
    { type: "text", text: lines.length > 0 ? lines.join("\n") : t("coordinators.none") },
  ];
  if (manager) {
    blocks.push({ type: "context", text: t("coordinators.manageHint", coordinatorCommands(turn)) });
  }
  return blocks;
}

export async function coordinatorsCommand(turn: Turn, { args, mentions }: CommandContext): Promise<Reply> {
  const t = pt(turn);
  const { verb } = splitVerb(args);
  if (!verb) {
    return { summary: t("coordinators.title"), blocks: await listBlocks(turn) };
  }
  requireCoordinator(turn);
  const commands = coordinatorCommands(turn);
  if (mentions.length === 0) {
    const text = t("mentionNeeded", { example: `${commands[verb]} @Maija` });
    return { summary: text, blocks: [{ type: "text", text }] };
  }
  const lines: string[] = [];
  let removedSelf = false;
  for (const person of await mentionedPeople(turn, mentions)) {
    const name = personName(person);
    const change = { target: person, actorUserId: turn.user.id, name };
    if (verb === "add") {
      const result = await addCoordinator(turn.deps.prisma, change);
      lines.push(t(result === "added" ? "coordinators.added" : "coordinators.existed", { name }));
    } else {
      const result = await removeCoordinator(turn.deps.prisma, change);
      removedSelf ||= result === "removed" && person.id === turn.user.id;
      const key = { removed: "removed", not_coordinator: "notCoordinator", last: "last" } as const;
      lines.push(t(`coordinators.${key[result]}`, { name }));
    }
  }
  const text = lines.join("\n");
  return { summary: text, blocks: [{ type: "text", text }, ...(await listBlocks(turn, !removedSelf))] };
}
