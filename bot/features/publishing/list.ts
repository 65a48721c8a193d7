// `julkaise lista`: the coordinator's list of coming sessions, a page at a time, each
// with Edit and Cancel. Shows every session (core-group meetings too): coordinators see all.
import { PAGE_SIZE } from "../../../domain/meetups.ts";
import { type CoordinatorListItem, coordinatorSessions } from "../../../domain/store/publishing.ts";
import { formatSessionTime, localized } from "../../format.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import { publishingT } from "./form.ts";

export const MAX_OFFSET = 10_000;

export async function coordinatorListReply(turn: Turn, offset = 0): Promise<Reply> {
  requireCoordinator(turn);
  const pt = publishingT(turn);
  const { total, sessions } = await coordinatorSessions(turn.deps.prisma, {
    from: turn.deps.now(),
    offset,
    limit: PAGE_SIZE,
  });
  const title = pt("list.title");
  const create: CardAction = {
    type: "button",
    label: pt("list.create"),
    style: "primary",
    action: { verb: "publishing.new", args: {} },
  };
  if (sessions.length === 0) {
    return {
      summary: pt("list.empty"),
      blocks: [
        { type: "header", text: title },
        { type: "text", text: pt("list.empty") },
        { type: "actions", actions: [create] },
      ],
    };
  }
  const page = pt("list.page", { from: offset + 1, to: offset + sessions.length, total });
  const paging: CardAction[] = [];
  if (offset > 0) paging.push(pageButton(pt("list.previous"), Math.max(0, offset - PAGE_SIZE)));
  if (offset + sessions.length < total) paging.push(pageButton(pt("list.more"), offset + PAGE_SIZE));
  const blocks: Block[] = [
    { type: "header", text: title },
    { type: "context", text: page },
    ...sessions.map((session) => item(turn, session)),
    { type: "actions", actions: [...paging, create] },
  ];
  return { summary: `${title} – ${page}`, blocks };
}

function pageButton(label: string, offset: number): CardAction {
  return { type: "button", label, action: { verb: "publishing.list", args: { o: String(offset) } } };
}

function item(turn: Turn, session: CoordinatorListItem): Block {
  const pt = publishingT(turn);
  const { language } = turn;
  const lines = [formatSessionTime(session.startsAt, session.endsAt, language)];
  const where = [
    session.network ? localized(session.network, "name", language) : undefined,
    session.hostLibrary ? (language === "sv" ? session.hostLibrary.nameSv : session.hostLibrary.nameFi) : undefined,
    session.seriesId ? pt(session.detached ? "list.detached" : "list.inSeries") : undefined,
  ].filter(Boolean);
  if (where.length > 0) lines.push(where.join(" · "));
  if (session.capacity !== null) {
    lines.push(pt("list.registered", { ...counts(session), capacity: session.capacity }));
  } else if (session.registered + session.waitlisted > 0) {
    lines.push(pt("list.registeredOpen", counts(session)));
  }
  const args = { s: session.id };
  return {
    type: "item",
    title: localized(session, "title", language),
    lines,
    actions: [
      { type: "button", label: pt("list.edit"), action: { verb: "publishing.edit", args } },
      { type: "button", label: pt("list.cancel"), style: "danger", action: { verb: "publishing.cancel", args } },
    ],
  };
}

const counts = (s: CoordinatorListItem) => ({ registered: s.registered, waitlisted: s.waitlisted });
