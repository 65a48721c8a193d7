// The networks feature (issue 3): `verkostot` lists the regional networks, `verkosto severi`
// shows one, `seuraa severi` / `lopeta severi` and the card buttons follow and unfollow.
import {
  findNetwork,
  followNetwork,
  listNetworks,
  matchNetwork,
  type NetworkRecord,
  unfollowNetwork,
} from "../../../domain/store/networks.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import type { Turn } from "../../turn.ts";
import type { ActionContext, Feature } from "../types.ts";
import { networkDetailReply, networkExample, networkName, networksListReply, networksT } from "./cards.ts";

/** How much of an unknown word is echoed back. */
const ECHO_LIMIT = 40;

type Lookup = { network: NetworkRecord } | { reply: Reply };

/** The network the argument words name, or the reply that explains which exist. */
async function lookup(turn: Turn, args: readonly string[], example: string): Promise<Lookup> {
  const nt = networksT(turn);
  const networks = await listNetworks(turn.deps.prisma, turn.user.id);
  const known = networks.map((n) => n.id).join(", ");
  const words = args.join(" ").trim();
  if (words === "") return { reply: textReply(nt("which", { example, known })) };
  const network = matchNetwork(networks, words);
  if (network) return { network };
  return { reply: textReply(nt("unknown", { word: words.slice(0, ECHO_LIMIT), known })) };
}

async function networksCommand(turn: Turn, args: readonly string[]): Promise<Reply> {
  if (args.length === 0) return networksListReply(turn);
  const found = await lookup(turn, args, networkExample(turn.language));
  return "reply" in found ? found.reply : networkDetailReply(turn, found.network);
}

async function followCommand(turn: Turn, args: readonly string[], follow: boolean): Promise<Reply> {
  const { deps, language } = turn;
  const nt = networksT(turn);
  const found = await lookup(turn, args, `${commandWord(follow ? "follow" : "unfollow", language)} severi`);
  if ("reply" in found) return found.reply;
  const network = networkName(found.network, language);
  if (follow) {
    const result = await followNetwork(deps.prisma, turn.user.id, found.network.id);
    if (result === "unknown_network") return goneReply(turn);
    return textReply(nt(result === "created" ? "followed" : "alreadyFollowing", { network }));
  }
  const result = await unfollowNetwork(deps.prisma, turn.user.id, found.network.id);
  return textReply(nt(result === "removed" ? "unfollowed" : "wasNotFollowing", { network }));
}

function goneReply(turn: Turn): Reply {
  return textReply(networksT(turn)("gone", { command: commandWord("networks", turn.language) }));
}

/** A network id from a button: a slug, as the catalogue allows; anything else is forged. */
function networkIdArg(args: Record<string, string>): string {
  const id = args.n;
  if (typeof id !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || id.length > 60) {
    throw new InvalidAction("bad network id");
  }
  return id;
}

/**
 * A Follow/Unfollow click: the change, then the card it came from drawn again with the
 * new state. An id that names no network (an old card, a forged payload) stores nothing.
 */
async function toggleAction(turn: Turn, { args }: ActionContext, follow: boolean): Promise<ActionOutcome> {
  const id = networkIdArg(args);
  const network = await findNetwork(turn.deps.prisma, id);
  if (!network) return { reply: goneReply(turn), mode: "new" };
  if (follow) {
    if ((await followNetwork(turn.deps.prisma, turn.user.id, id)) === "unknown_network") {
      return { reply: goneReply(turn), mode: "new" };
    }
  } else {
    await unfollowNetwork(turn.deps.prisma, turn.user.id, id);
  }
  const reply = args.v === "d" ? await networkDetailReply(turn, network) : await networksListReply(turn);
  return { reply, mode: "replace" };
}

export const networksFeature: Feature = {
  name: "networks",
  commands: {
    networks: (turn, { args }) => networksCommand(turn, args),
    follow: (turn, { args }) => followCommand(turn, args, true),
    unfollow: (turn, { args }) => followCommand(turn, args, false),
  },
  actions: {
    "networks.follow": (turn, action) => toggleAction(turn, action, true),
    "networks.unfollow": (turn, action) => toggleAction(turn, action, false),
    "networks.show": async (turn, { args }) => {
      const network = await findNetwork(turn.deps.prisma, networkIdArg(args));
      return { reply: network ? await networkDetailReply(turn, network) : goneReply(turn), mode: "new" };
    },
  },
  help: (turn) => {
    const { language } = turn;
    const nt = networksT(turn);
    return [
      nt("help.list", { command: commandWord("networks", language), example: networkExample(language) }),
      nt("help.follow", { follow: commandWord("follow", language), unfollow: commandWord("unfollow", language) }),
    ];
  },
};
