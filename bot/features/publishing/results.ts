// What a coordinator sees after publishing, saving or cancelling: a short summary card in
// their language, with the way back to the coordinator list.

import type { PublishedFields } from "../../../domain/publishing.ts";
import { MATERIALIZE_WEEKS, type PublishingChoices } from "../../../domain/store/publishing.ts";
import type { ChangeResult } from "../../../domain/store/publishing-changes.ts";
import { commandWord } from "../../commands.ts";
import { formatSessionTime, localized } from "../../format.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import { textReply } from "../../reply.ts";
import type { Turn } from "../../turn.ts";
import { publishingT } from "./form.ts";

type Titled = Pick<PublishedFields, "titleFi" | "titleSv" | "titleEn" | "startsAt" | "endsAt">;

export function listButton(turn: Turn): CardAction {
  return {
    type: "button",
    label: publishingT(turn)("result.toList"),
    action: { verb: "publishing.list", args: { o: "0" } },
  };
}

export function goneReply(turn: Turn): Reply {
  return textReply(publishingT(turn)("result.gone"));
}

export function publishedReply(
  turn: Turn,
  choices: PublishingChoices,
  fields: PublishedFields,
  created: { created: boolean; sessions: number },
): Reply {
  const pt = publishingT(turn);
  const { language } = turn;
  if (!created.created) {
    return {
      summary: pt("result.already"),
      blocks: [
        { type: "text", text: pt("result.already") },
        { type: "actions", actions: [listButton(turn)] },
      ],
    };
  }
  const title = pt("result.published", { title: localized(fields, "title", language) });
  const hosts = fields.hostRotation
    .map((id) => choices.hosts.find((h) => h.id === id))
    .map((h) => (h ? (language === "sv" ? h.nameSv : h.nameFi) : ""))
    .filter(Boolean);
  const facts: { label: string; value: string }[] = [
    { label: pt("result.when"), value: formatSessionTime(fields.startsAt, fields.endsAt, language) },
  ];
  const where = fields.joinUrl ?? fields.place;
  if (where) facts.push({ label: pt("result.where"), value: where });
  if (hosts.length > 0) facts.push({ label: pt("result.host"), value: hosts.join(" → ") });
  const blocks: Block[] = [
    { type: "header", text: title },
    { type: "facts", facts },
  ];
  if (created.sessions > 1) {
    blocks.push({
      type: "text",
      text: pt("result.publishedSeries", { count: created.sessions, weeks: MATERIALIZE_WEEKS }),
    });
  }
  blocks.push({ type: "actions", actions: [listButton(turn)] });
  return { summary: title, blocks };
}

export function changedReply(
  turn: Turn,
  titled: Titled,
  outcome: ChangeResult,
  kind: "saved" | "cancelled" = "saved",
): Reply {
  const pt = publishingT(turn);
  if (!outcome.ok) {
    if (outcome.reason === "gone") return goneReply(turn);
    return textReply(pt("result.stale", { command: commandWord("publish", turn.language), list: pt("listWord") }));
  }
  const name = localized(titled, "title", turn.language);
  const lines: string[] = [];
  if (kind === "saved") {
    if (outcome.changed === 0 && outcome.cancelled === 0) lines.push(pt("result.nothingChanged"));
    if (outcome.changed > 0) lines.push(pt("result.changed", { count: outcome.changed }));
    if (outcome.cancelled > 0) lines.push(pt("result.dropped", { count: outcome.cancelled }));
  }
  if (outcome.notified > 0) lines.push(pt("result.notified", { count: outcome.notified }));
  const title = pt(kind === "saved" ? "result.saved" : "result.cancelled", { title: name });
  const blocks: Block[] = [{ type: "header", text: title }];
  if (lines.length > 0) blocks.push({ type: "text", text: lines.join("\n") });
  blocks.push({ type: "actions", actions: [listButton(turn)] });
  return { summary: title, blocks };
}
