// "/ake kalenteri": the user's personal calendar feed address, how to subscribe to it in
// Outlook, and buttons to replace it (the old address stops working) or turn it off.
import { ensureCalendarToken, renewCalendarToken, revokeCalendarToken } from "../../../domain/store/calendar.ts";
import { commandWord } from "../../commands.ts";
import { featureTranslator } from "../../i18n/index.ts";
import type { Block, Reply } from "../../reply.ts";
import { textReply } from "../../reply.ts";
import type { Turn } from "../../turn.ts";

export function feedUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/calendar/feed/${token}.ics`;
}

export async function calendarReply(turn: Turn): Promise<Reply> {
  const token = await ensureCalendarToken(turn.deps.prisma, turn.user.id);
  return feedCard(turn, token);
}

export async function renewAction(turn: Turn): Promise<Reply> {
  const token = await renewCalendarToken(turn.deps.prisma, turn.user.id);
  return feedCard(turn, token, featureTranslator(turn.language, "calendar")("feed.renewed"));
}

export async function revokeAction(turn: Turn): Promise<Reply> {
  await revokeCalendarToken(turn.deps.prisma, turn.user.id);
  const t = featureTranslator(turn.language, "calendar");
  return textReply(t("feed.revoked", { command: commandWord("calendar", turn.language) }));
}

function feedCard(turn: Turn, token: string, lead?: string): Reply {
  const t = featureTranslator(turn.language, "calendar");
  const url = feedUrl(turn.deps.publicUrl, token);
  const blocks: Block[] = [{ type: "header", text: t("feed.title") }];
  if (lead) blocks.push({ type: "text", text: lead });
  blocks.push(
    { type: "text", text: t("feed.intro") },
    { type: "text", text: `${t("feed.address")}\n${url}` },
    { type: "text", text: `${t("feed.outlookTitle")}\n${t("feed.outlook")}` },
    { type: "context", text: t("feed.others") },
    { type: "context", text: t("feed.secret") },
    {
      type: "actions",
      actions: [
        { type: "button", label: t("feed.renew"), action: { verb: "calendar.renew", args: {} } },
        { type: "button", label: t("feed.revoke"), action: { verb: "calendar.revoke", args: {} }, style: "danger" },
      ],
    },
  );
  return { summary: `${t("feed.title")}: ${url}`, blocks };
}
