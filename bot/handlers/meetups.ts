// "/ake kahvit [network|theme|language|span]": the coming short remote meetups, a page
// at a time, each with its join link, an .ics download and "remind me".

import { MAX_SPAN_WEEKS, MEETUP_KINDS, PAGE_SIZE } from "../../domain/meetups.ts";
import {
  findSession,
  findUpcomingSessions,
  recordInterest,
  type UpcomingSession,
} from "../../domain/store/sessions.ts";
import { commandWord } from "../commands.ts";
import { parseListFilter } from "../filters.ts";
import { formatSessionTime, localized } from "../format.ts";
import type { Block, CardAction, Reply } from "../reply.ts";
import type { Turn } from "../turn.ts";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One page of the list. `notice` (e.g. "I'll remind you of X") goes at the top, so a
 * click that redraws the card also confirms what it did.
 */
export async function meetupsReply(turn: Turn, args: readonly string[], offset = 0, notice?: string): Promise<Reply> {
  const { t, deps } = turn;
  const parsed = await parseListFilter(turn, args);
  if (!parsed.ok) return parsed.reply;
  const { filter } = parsed;
  const now = deps.now();
  const query = (weeks: number, limit: number) =>
    findUpcomingSessions(deps.prisma, {
      from: now,
      to: new Date(now.getTime() + weeks * WEEK_MS),
      kinds: MEETUP_KINDS,
      networkIds: filter.networkIds,
      tags: filter.tags,
      language: filter.language,
      offset: limit === 1 ? 0 : offset,
      limit,
      userId: turn.user.id,
    });
  const { total, sessions } = await query(filter.weeks, PAGE_SIZE);
  const span = t("meetups.span", { count: filter.weeks });
  const words = filter.words.join(" ");
  const title = words ? t("meetups.titleFiltered", { filter: words }) : t("meetups.title");
  if (total === 0 || sessions.length === 0) {
    const text = words ? t("meetups.emptyFiltered", { filter: words, span }) : t("meetups.empty", { span });
    const blocks: Block[] = [{ type: "header", text: title }, ...noticeBlocks(notice), { type: "text", text }];
    // A quiet month (the summer break): rather than nothing, show the next one ahead.
    const next = filter.explicitSpan ? undefined : (await query(MAX_SPAN_WEEKS, 1)).sessions[0];
    if (next)
      blocks.push({ type: "context", text: t("meetups.nextLater") }, sessionItem(turn, next, { q: words, o: 0 }));
    return { summary: notice ?? text, blocks };
  }
  const blocks: Block[] = [
    { type: "header", text: title },
    ...noticeBlocks(notice),
    { type: "context", text: t("meetups.page", { from: offset + 1, to: offset + sessions.length, total, span }) },
    ...sessions.map((session) => sessionItem(turn, session, { q: words, o: offset })),
  ];
  const paging: CardAction[] = [];
  if (offset > 0) paging.push(pageButton(t("meetups.previous"), words, Math.max(0, offset - PAGE_SIZE)));
  if (offset + sessions.length < total) paging.push(pageButton(t("meetups.more"), words, offset + PAGE_SIZE));
  if (paging.length > 0) blocks.push({ type: "actions", actions: paging });
  const summary = `${title} – ${t("meetups.page", { from: offset + 1, to: offset + sessions.length, total, span })}`;
  return { summary: notice ?? summary, blocks };
}

function noticeBlocks(notice: string | undefined): Block[] {
  return notice ? [{ type: "text", text: notice }] : [];
}

function pageButton(label: string, query: string, offset: number): CardAction {
  return { type: "button", label, action: { verb: "meetups.page", args: { q: query, o: String(offset) } } };
}

/** Where the item is shown (filter words, page offset), so "Remind me" can redraw that page. */
interface PageRef {
  q: string;
  o: number;
}

function sessionItem(turn: Turn, session: UpcomingSession, page: PageRef): Block {
  const { t, language, deps } = turn;
  const kind = t(`kinds.${session.kind}`);
  const network = session.network ? localized(session.network, "name", language) : undefined;
  const languages = session.languages.map((code) =>
    code === "fi" || code === "sv" || code === "en" ? t(`language.names.${code}`) : code,
  );
  const lines = [
    formatSessionTime(session.startsAt, session.endsAt, language),
    [network ?? kind, t("meetups.languageLine", { languages: languages.join(", ") })].join(" · "),
  ];
  if (session.hostLibrary) {
    lines.push(
      t("meetups.hostLine", { host: language === "sv" ? session.hostLibrary.nameSv : session.hostLibrary.nameFi }),
    );
  }
  if (session.reminded) lines.push(t("meetups.reminderOn"));
  const actions: CardAction[] = [];
  if (session.joinUrl) actions.push({ type: "link", label: t("meetups.join"), url: session.joinUrl });
  actions.push({
    type: "link",
    label: t("meetups.addToCalendar"),
    url: `${deps.publicUrl}/calendar/sessions/${session.id}.ics?lang=${language}`,
  });
  if (!session.reminded) {
    actions.push({
      type: "button",
      label: t("meetups.remindMe"),
      action: { verb: "meetups.remind", args: { s: session.id, q: page.q, o: String(page.o) } },
    });
  }
  return { type: "item", title: localized(session, "title", language), lines, actions };
}

/**
 * "Remind me": recorded now; the reminders work delivers it. Repeated clicks change
 * nothing. Returns the confirmation, or why nothing was recorded.
 */
export async function remindAction(turn: Turn, sessionId: string): Promise<{ recorded: boolean; text: string }> {
  const { t, language, deps } = turn;
  const session = await findSession(deps.prisma, sessionId);
  if (!session || session.cancelledAt) {
    return { recorded: false, text: t("meetups.sessionGone", { command: commandWord("meetups", language) }) };
  }
  const title = localized(session, "title", language);
  if (session.startsAt <= deps.now()) return { recorded: false, text: t("meetups.sessionPast", { title }) };
  const when = formatSessionTime(session.startsAt, session.endsAt, language);
  const result = await recordInterest(deps.prisma, turn.user.id, session.id);
  const key = result === "created" ? "meetups.remindConfirmed" : "meetups.remindAlready";
  return { recorded: true, text: t(key, { title, when }) };
}
