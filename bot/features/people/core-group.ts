// `ydinryhmä severi`: the members of a network's core group, visible to everyone;
// coordinators add and remove members with `ydinryhmä severi lisää @Maija` / `poista @Maija`.
// Membership decides who sees the network's core-group meetings (domain/store/visibility.ts).
import {
  addCoreGroupMember,
  coreGroupMembers,
  listNetworks,
  matchNetwork,
  type NetworkRecord,
  removeCoreGroupMember,
} from "../../../domain/store/networks.ts";
import { commandWord } from "../../commands.ts";
import { localized } from "../../format.ts";
import { featureTranslator } from "../../i18n/index.ts";
import { type Block, type Reply, textReply } from "../../reply.ts";
import { isCoordinator, requireCoordinator, type Turn } from "../../turn.ts";
import type { CommandContext } from "../types.ts";
import { libraryName } from "./library.ts";
import { mentionedPeople, personName, splitVerb, VERB_WORDS } from "./membership.ts";

const ECHO_LIMIT = 40;

function pt(turn: Turn) {
  return featureTranslator(turn.language, "people");
}

/** "ydinryhmä severi lisää" in the user's language, for hints. */
export function coreGroupCommands(turn: Turn, networkId = "severi") {
  const command = `${commandWord("coreGroup", turn.language)} ${networkId}`;
  return {
    list: command,
    add: `${command} ${VERB_WORDS.add[turn.language]}`,
    remove: `${command} ${VERB_WORDS.remove[turn.language]}`,
  };
}

async function membersBlocks(turn: Turn, network: NetworkRecord): Promise<Block[]> {
  const t = pt(turn);
  const members = await coreGroupMembers(turn.deps.prisma, network.id);
  const lines = members.map((m) => {
    const library = m.library ? libraryName(m.library, turn.language) : t("coreGroup.noLibrary");
    return `${personName(m)} – ${library}`;
  });
  const blocks: Block[] = [
    { type: "header", text: t("coreGroup.title", { network: localized(network, "name", turn.language) }) },
    { type: "context", text: t("coreGroup.intro") },
    { type: "text", text: lines.length > 0 ? lines.join("\n") : t("coreGroup.empty") },
  ];
  if (isCoordinator(turn)) {
    blocks.push({ type: "context", text: t("coreGroup.manageHint", coreGroupCommands(turn, network.id)) });
  }
  return blocks;
}

export async function coreGroupCommand(turn: Turn, { args, mentions }: CommandContext): Promise<Reply> {
  const t = pt(turn);
  const { words, verb } = splitVerb(args);
  // before anything else, so that a refused request reads and creates nothing
  if (verb) requireCoordinator(turn);
  const networks = await listNetworks(turn.deps.prisma, turn.user.id);
  const known = networks.map((n) => n.id).join(", ");
  const query = words.join(" ").trim();
  if (query === "") return textReply(t("coreGroup.which", { example: coreGroupCommands(turn).list, known }));
  const network = matchNetwork(networks, query);
  if (!network) return textReply(t("coreGroup.unknown", { word: query.slice(0, ECHO_LIMIT), known }));
  const title = t("coreGroup.title", { network: localized(network, "name", turn.language) });
  if (!verb) return { summary: title, blocks: await membersBlocks(turn, network) };

  if (mentions.length === 0) {
    return textReply(t("mentionNeeded", { example: `${coreGroupCommands(turn, network.id)[verb]} @Maija` }));
  }
  const networkName = localized(network, "name", turn.language);
  const lines: string[] = [];
  for (const person of await mentionedPeople(turn, mentions)) {
    const name = personName(person);
    const change = { networkId: network.id, userId: person.id, actorUserId: turn.user.id, name };
    const result =
      verb === "add"
        ? await addCoreGroupMember(turn.deps.prisma, change)
        : await removeCoreGroupMember(turn.deps.prisma, change);
    const key = { added: "added", existed: "existed", removed: "removed", absent: "absent" } as const;
    lines.push(t(`coreGroup.${key[result]}`, { name, network: networkName }));
  }
  const text = lines.join("\n");
  return { summary: text, blocks: [{ type: "text", text }, ...(await membersBlocks(turn, network))] };
}
