// `verkostot`: every network with its next sessions and a Follow button; `verkosto severi`:
// one network's purpose, coming sessions, core group and coordinator contact. Sessions
// are only those the user may see (core-group meetings for the core group only).
import {
  coreGroupMembers,
  isFollowing,
  listNetworks,
  type NetworkRecord,
  type NetworkSession,
  upcomingNetworkSessions,
} from "../../../domain/store/networks.ts";
import { COMMANDS, commandWord } from "../../commands.ts";
import { formatSessionTime, localized } from "../../format.ts";
import { type FeatureTranslate, featureTranslator, type Language } from "../../i18n/index.ts";
import type { Block, ButtonAction, Reply } from "../../reply.ts";
import type { Turn } from "../../turn.ts";

/** Sessions shown per network in the list, and in one network's card. */
const LIST_SESSIONS = 2;
const DETAIL_SESSIONS = 5;

type NT = FeatureTranslate<"networks">;

export function networksT(turn: Turn): NT {
  return featureTranslator(turn.language, "networks");
}

export function networkName(network: Pick<NetworkRecord, "nameFi" | "nameSv" | "nameEn">, language: Language) {
  return localized(network, "name", language);
}

/** "verkosto severi", "network severi": the singular reads naturally with one network ("nätverk" is both). */
export function networkExample(language: Language, id = "severi"): string {
  const names = COMMANDS.networks[language];
  return `${language === "sv" ? names[0] : names[1]} ${id}`;
}

function viewer(turn: Turn) {
  return { userId: turn.user.id, role: turn.user.role };
}

function sessionLine(turn: Turn, nt: NT, session: NetworkSession, template: "list" | "detail"): string {
  const title = localized(session, "title", turn.language);
  const when = formatSessionTime(session.startsAt, session.endsAt, turn.language);
  const line = template === "list" ? nt("list.next", { title, when }) : `${when} – ${title}`;
  if (session.registration === "REGISTERED") return `${line} (${nt("session.registered")})`;
  if (session.registration === "WAITLISTED") return `${line} (${nt("session.waitlisted")})`;
  return line;
}

/** Follow or Unfollow; `view` says which card the click should come back as. */
export function followButton(nt: NT, networkId: string, followed: boolean, view: "list" | "detail"): ButtonAction {
  const args: Record<string, string> = view === "detail" ? { n: networkId, v: "d" } : { n: networkId };
  return followed
    ? { type: "button", label: nt("unfollow"), action: { verb: "networks.unfollow", args } }
    : { type: "button", label: nt("follow"), action: { verb: "networks.follow", args }, style: "primary" };
}

export async function networksListReply(turn: Turn): Promise<Reply> {
  const { deps, language } = turn;
  const nt = networksT(turn);
  const networks = (await listNetworks(deps.prisma, turn.user.id)).sort((a, b) =>
    networkName(a, language).localeCompare(networkName(b, language), language),
  );
  const sessions = await upcomingNetworkSessions(
    deps.prisma,
    viewer(turn),
    networks.map((n) => n.id),
    deps.now(),
    LIST_SESSIONS,
  );
  const title = nt("list.title");
  const blocks: Block[] = [
    { type: "header", text: title },
    { type: "context", text: nt("list.intro", { example: networkExample(language) }) },
  ];
  for (const network of networks) {
    const next = sessions.get(network.id) ?? [];
    const lines = [
      localized(network, "summary", language),
      ...(next.length > 0 ? next.map((s) => sessionLine(turn, nt, s, "list")) : [nt("list.noSessions")]),
      ...(network.followed ? [nt("following")] : []),
    ];
    blocks.push({
      type: "item",
      title: networkName(network, language),
      lines,
      actions: [
        followButton(nt, network.id, network.followed, "list"),
        { type: "button", label: nt("list.details"), action: { verb: "networks.show", args: { n: network.id } } },
      ],
    });
  }
  const followed = networks.filter((n) => n.followed).map((n) => networkName(n, language));
  const summary = followed.length > 0 ? `${title} (${nt("following")}: ${followed.join(", ")})` : title;
  return { summary, blocks };
}

export async function networkDetailReply(turn: Turn, network: NetworkRecord): Promise<Reply> {
  const { deps, language } = turn;
  const nt = networksT(turn);
  const sessionsById = await upcomingNetworkSessions(
    deps.prisma,
    viewer(turn),
    [network.id],
    deps.now(),
    DETAIL_SESSIONS,
  );
  const members = await coreGroupMembers(deps.prisma, network.id);
  const followed = await isFollowing(deps.prisma, turn.user.id, network.id);
  const sessions = sessionsById.get(network.id) ?? [];
  const name = networkName(network, language);
  const memberLines = members.map((m) => {
    const person = m.displayName ?? m.platformUserId.split(":").pop() ?? "?";
    const library = m.library ? (language === "sv" ? m.library.nameSv : m.library.nameFi) : nt("detail.noLibrary");
    return `${person} – ${library}`;
  });
  const contact = network.contact?.trim() || nt("detail.noContact", { command: commandWord("coordinators", language) });
  const blocks: Block[] = [
    { type: "header", text: name },
    { type: "text", text: localized(network, "summary", language) },
    { type: "context", text: followed ? nt("detail.following") : nt("detail.notFollowing") },
    {
      type: "item",
      title: nt("detail.upcoming"),
      lines: sessions.length > 0 ? sessions.map((s) => sessionLine(turn, nt, s, "detail")) : [nt("detail.noSessions")],
      actions: [],
    },
    {
      type: "item",
      title: nt("detail.coreGroup"),
      lines: memberLines.length > 0 ? memberLines : [nt("detail.coreGroupEmpty")],
      actions: [],
    },
    { type: "item", title: nt("detail.contact"), lines: [contact], actions: [] },
    {
      type: "actions",
      actions: [
        followButton(nt, network.id, followed, "detail"),
        // the registrations feature owns this verb: the network's sessions with register buttons
        {
          type: "button",
          label: nt("detail.showSessions"),
          action: { verb: "registrations.list", args: { n: network.id } },
        },
      ],
    },
  ];
  return { summary: `${name} – ${localized(network, "summary", language)}`, blocks };
}
