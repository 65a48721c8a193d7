// "/ake omat": the user's own coming registrations and waitlist places, then the
// sessions they asked to be reminded of, each with the button that takes it back.
import { findMine } from "../../../domain/store/registration-lists.ts";
import { commandWord } from "../../commands.ts";
import type { Block, Reply } from "../../reply.ts";
import type { Turn } from "../../turn.ts";
import { registrationsT, sessionItem } from "./items.ts";

export async function mineReply(turn: Turn): Promise<Reply> {
  const { language, deps } = turn;
  const rt = registrationsT(language);
  const viewer = { userId: turn.user.id, role: turn.user.role };
  const { registrations, reminders, more } = await findMine(deps.prisma, viewer, deps.now());
  const title = rt("mine.title");
  if (registrations.length === 0 && reminders.length === 0) {
    const text = rt("mine.empty", {
      events: commandWord("events", language),
      meetups: commandWord("meetups", language),
    });
    return {
      summary: text,
      blocks: [
        { type: "header", text: title },
        { type: "text", text },
      ],
    };
  }
  const blocks: Block[] = [{ type: "header", text: title }];
  if (registrations.length > 0) {
    blocks.push({ type: "context", text: rt("mine.registrations") });
    blocks.push(...registrations.map((session) => sessionItem(turn, session)));
  }
  if (reminders.length > 0) {
    blocks.push({ type: "context", text: rt("mine.reminders") });
    blocks.push(...reminders.map((session) => sessionItem(turn, session)));
  }
  if (more > 0) blocks.push({ type: "context", text: rt("mine.more", { n: more }) });
  return { summary: title, blocks };
}
