// The messages registrants get when a coordinator changes or cancels their session,
// rendered from the outbox payload alone, in each recipient's language.
import { z } from "zod";
import { SESSION_CANCELLED, SESSION_CHANGED } from "../../../domain/store/publishing-changes.ts";
import { formatSessionTime, localized } from "../../format.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import type { PayloadContext } from "../types.ts";
import { publishingT } from "./form.ts";

const instant = z
  .string()
  .datetime({ offset: true })
  .transform((value) => new Date(value));

const PayloadSchema = z.object({
  sessionId: z.string().min(1),
  titleFi: z.string(),
  titleSv: z.string(),
  titleEn: z.string(),
  oldStartsAt: instant,
  oldEndsAt: instant,
  startsAt: instant,
  endsAt: instant,
  joinUrl: z.string().nullable(),
  place: z.string().nullable(),
  reason: z.string().nullable(),
});

function render(kind: "changed" | "cancelled", context: PayloadContext, payload: unknown): Reply {
  // a malformed row is a bug: throwing lets the dispatcher record it as failed
  const p = PayloadSchema.parse(payload);
  const { language, publicUrl } = context;
  const pt = publishingT(context);
  const title = localized(p, "title", language);
  const when = formatSessionTime(p.startsAt, p.endsAt, language);
  const was = formatSessionTime(p.oldStartsAt, p.oldEndsAt, language);
  const moved = p.startsAt.getTime() !== p.oldStartsAt.getTime() || p.endsAt.getTime() !== p.oldEndsAt.getTime();
  const header = kind === "cancelled" ? pt("notice.cancelledTitle", { title }) : pt("notice.changedTitle", { title });
  const body =
    kind === "cancelled"
      ? pt("notice.cancelledBody", { title, was })
      : moved
        ? pt("notice.movedBody", { when, was })
        : pt("notice.changedBody", { when });
  const blocks: Block[] = [
    { type: "header", text: header },
    { type: "text", text: body },
  ];
  if (p.reason) blocks.push({ type: "text", text: pt("notice.reason", { reason: p.reason }) });
  if (kind === "changed" && p.place) blocks.push({ type: "context", text: p.place });
  const actions: CardAction[] = [];
  if (kind === "changed" && p.joinUrl) actions.push({ type: "link", label: pt("notice.join"), url: p.joinUrl });
  // the .ics carries the raised SEQUENCE: importing it updates (or cancels) the event in place
  const ics = `${publicUrl}/calendar/sessions/${encodeURIComponent(p.sessionId)}.ics?lang=${language}`;
  actions.push({ type: "link", label: pt("notice.calendar"), url: ics });
  blocks.push({ type: "actions", actions });
  return { summary: `${header} – ${kind === "cancelled" ? was : when}`, blocks };
}

// Rendered from the payload alone (PayloadContext): tests call these directly.
export const publishingNotifications: Record<string, (context: PayloadContext, payload: unknown) => Reply> = {
  [SESSION_CHANGED]: (context, payload) => render("changed", context, payload),
  [SESSION_CANCELLED]: (context, payload) => render("cancelled", context, payload),
};
