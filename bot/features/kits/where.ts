// `missä` / `var` / `where` (coordinators): where every kit is now — at AKE, on its way,
// or at a library since when — with a warning when a return is overdue.
import { sendOnDay } from "../../../domain/kits/routing.ts";
import { todayInHelsinki } from "../../../domain/kits/working-days.ts";
import { fromDbDate, kitsAway, listItems, nextToSend } from "../../../domain/store/kits.ts";
import { formatLocalDate } from "../../format.ts";
import type { Block, Reply } from "../../reply.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import { bookingBlocks } from "./bookings.ts";
import { bookingLibraryName, itemName, kitsT } from "./shared.ts";

export async function whereReply(turn: Turn): Promise<Reply> {
  requireCoordinator(turn);
  const { prisma, now } = turn.deps;
  const { language } = turn;
  const t = kitsT(language);
  const today = todayInHelsinki(now());
  const [items, away, next] = await Promise.all([listItems(prisma), kitsAway(prisma), nextToSend(prisma)]);
  const byItem = new Map(away.map((b) => [b.itemId, b]));
  const nextByItem = new Map(next.map((b) => [b.itemId, b]));
  const blocks: Block[] = [{ type: "header", text: t("where.title") }];
  for (const item of items) {
    const booking = byItem.get(item.id);
    if (!booking) {
      const title = `${itemName(item, language)}: ${t("where.atAke")}`;
      const upcoming = nextByItem.get(item.id);
      // at AKE with an approved loan ahead: its card carries the button to mark it sent
      if (upcoming)
        blocks.push(
          ...(await bookingBlocks(turn, upcoming)).map((block) =>
            block.type === "item" ? { ...block, title } : block,
          ),
        );
      else blocks.push({ type: "text", text: title });
      continue;
    }
    const library = bookingLibraryName(booking, language);
    const place =
      booking.status === "SENT"
        ? t("where.toLibrary", { library })
        : booking.status === "RECEIVED"
          ? t("where.atLibrary", {
              library,
              since: formatLocalDate(booking.statusAt.toISOString().slice(0, 10), language),
            })
          : t("where.toAke", { library });
    // overdue once the day it should have left is past
    const due = sendOnDay(fromDbDate(booking.useEnd));
    const overdue =
      booking.status === "RECEIVED" && today > due
        ? ` ${t("where.overdue", { date: formatLocalDate(due, language) })}`
        : "";
    blocks.push(
      ...(await bookingBlocks(turn, booking)).map((block) =>
        block.type === "item" ? { ...block, title: `${itemName(item, language)}: ${place}${overdue}` } : block,
      ),
    );
  }
  return { summary: t("where.title"), blocks };
}
