// "/ake tilaisuudet [network|theme|language|span]": the coming sessions that take
// registration, and every network day, training and core-group meeting the user may
// see, a page at a time, each marked with the user's own registration.

import { PAGE_SIZE } from "../../../domain/meetups.ts";
import { findEventSessions } from "../../../domain/store/registration-lists.ts";
import { parseListFilter } from "../../filters.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import type { Turn } from "../../turn.ts";
import { registrationsT, sessionItem } from "./items.ts";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The list for the filter words a user typed (or a page button carried). */
export async function eventsReply(turn: Turn, words: readonly string[], offset = 0): Promise<Reply> {
  const { language, deps } = turn;
  const rt = registrationsT(language);
  // The same filter words as `kahvit`; a span only narrows when the user names one,
  // since network days and trainings are rare and announced months ahead.
  const parsed = await parseListFilter(turn, words);
  if (!parsed.ok) return parsed.reply;
  const { filter } = parsed;
  const now = deps.now();
  const { total, sessions } = await findEventSessions(deps.prisma, {
    viewer: { userId: turn.user.id, role: turn.user.role },
    from: now,
    to: filter.explicitSpan ? new Date(now.getTime() + filter.weeks * WEEK_MS) : undefined,
    networkIds: filter.networkIds,
    tags: filter.tags,
    language: filter.language,
    offset,
    limit: PAGE_SIZE,
  });
  const query = filter.words.join(" ");
  const title = query ? rt("titleFiltered", { filter: query }) : rt("title");
  if (sessions.length === 0) {
    const text = query ? rt("emptyFiltered", { filter: query }) : rt("empty");
    return {
      summary: text,
      blocks: [
        { type: "header", text: title },
        { type: "text", text },
      ],
    };
  }
  const page = rt("page", { from: offset + 1, to: offset + sessions.length, total });
  const blocks: Block[] = [
    { type: "header", text: title },
    { type: "context", text: page },
    ...sessions.map((session) => sessionItem(turn, session)),
  ];
  const paging: CardAction[] = [];
  if (offset > 0) paging.push(pageButton(rt("previous"), query, Math.max(0, offset - PAGE_SIZE)));
  if (offset + sessions.length < total) paging.push(pageButton(rt("more"), query, offset + PAGE_SIZE));
  if (paging.length > 0) blocks.push({ type: "actions", actions: paging });
  return { summary: `${title} – ${page}`, blocks };
}

function pageButton(label: string, query: string, offset: number): CardAction {
  return { type: "button", label, action: { verb: "registrations.page", args: { q: query, o: String(offset) } } };
}
