// "A seat opened up": rendered by the outbox dispatcher in the recipient's language,
// possibly long after the cancellation that caused it, from the payload alone.
import { z } from "zod";
import type { PromotionPayload } from "../../../domain/registration.ts";
import { formatSessionTime, localized } from "../../format.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import type { PayloadContext } from "../types.ts";
import { cancelButton, registrationsT } from "./items.ts";

const PromotionPayloadSchema = z.object({
  sessionId: z.string().min(1),
  titleFi: z.string(),
  titleSv: z.string(),
  titleEn: z.string(),
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  joinUrl: z.string().nullable(),
  place: z.string().nullable(),
}) satisfies z.ZodType<PromotionPayload>;

// Typed with PayloadContext: it needs nothing from the store, and tests call it directly.
export const renderPromoted = ({ language, t, publicUrl }: PayloadContext, raw: unknown): Reply => {
  // a malformed payload is a bug: throwing lets the dispatcher mark the row failed
  const payload = PromotionPayloadSchema.parse(raw);
  const rt = registrationsT(language);
  const title = localized(payload, "title", language);
  const when = formatSessionTime(new Date(payload.startsAt), new Date(payload.endsAt), language);
  const text = rt("promoted", { title, when });
  const actions: CardAction[] = [];
  if (payload.joinUrl) actions.push({ type: "link", label: t("meetups.join"), url: payload.joinUrl });
  actions.push({
    type: "link",
    label: t("meetups.addToCalendar"),
    url: `${publicUrl}/calendar/sessions/${payload.sessionId}.ics?lang=${language}`,
  });
  actions.push(cancelButton(rt, payload.sessionId, false));
  const blocks: Block[] = [{ type: "text", text }];
  if (payload.place) blocks.push({ type: "context", text: rt("item.place", { place: payload.place }) });
  blocks.push({ type: "context", text: rt("promotedHint") }, { type: "actions", actions });
  return { summary: text, blocks };
};
