// `lainaa` / `låna` / `borrow`: the kits with their description, limits and the next 3
// months at a glance; a kit's own card adds its contents and week-by-week availability.
import { type WeekAvailability, weeklyAvailability } from "../../../domain/kits/availability.ts";
import { todayInHelsinki } from "../../../domain/kits/working-days.ts";
import { findItem, type LoanItemRecord, listItems, occupiedBetween } from "../../../domain/store/kits.ts";
import { addCalendarDays } from "../../../domain/time.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { formatLocalDate, localized } from "../../format.ts";
import type { Language } from "../../i18n/index.ts";
import type { Block, CardAction, Reply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import { isCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import { itemName, kitsT } from "./shared.ts";

/** About three months of ISO weeks. */
export const AVAILABILITY_WEEKS = 13;

export async function availabilityOf(
  prisma: PrismaClient,
  item: LoanItemRecord,
  now: Date,
): Promise<WeekAvailability[]> {
  const from = todayInHelsinki(now);
  const occupied = await occupiedBetween(
    prisma,
    item.id,
    addCalendarDays(from, -7),
    addCalendarDays(from, AVAILABILITY_WEEKS * 7 + 7),
  );
  return weeklyAvailability({ from, weeks: AVAILABILITY_WEEKS, occupied });
}

/** "free: wk 49–51, 2–4 · taken: wk 52–1": runs of weeks, compact enough for a list. */
function weekRuns(weeks: readonly WeekAvailability[], state: WeekAvailability["state"]): string {
  const runs: string[] = [];
  let start: number | undefined;
  let last: number | undefined;
  const close = () => {
    if (start !== undefined) runs.push(start === last ? `${start}` : `${start}–${last}`);
    start = undefined;
  };
  for (const week of weeks) {
    if (week.state === state) {
      if (start === undefined) start = week.isoWeek;
      last = week.isoWeek;
    } else close();
  }
  close();
  return runs.join(", ");
}

function summaryLine(weeks: readonly WeekAvailability[], language: Language): string {
  const t = kitsT(language);
  if (weeks.every((w) => w.state === "free")) return t("catalogue.allFree");
  if (weeks.every((w) => w.state === "taken")) return t("catalogue.allTaken");
  const parts = (["free", "partly", "taken"] as const)
    .map((state) => [state, weekRuns(weeks, state)] as const)
    .filter(([, runs]) => runs)
    .map(
      ([state, runs]) => `${t(`item.${state}`)} ${language === "sv" ? "v." : language === "fi" ? "vk" : "wk"} ${runs}`,
    );
  return t("catalogue.freeWeeks", { weeks: parts.join(" · ") });
}

function itemButtons(turn: Turn, item: LoanItemRecord, withDetails: boolean): CardAction[] {
  const t = kitsT(turn.language);
  const actions: CardAction[] = [];
  if (!item.retiredAt) {
    actions.push({
      type: "button",
      label: t("catalogue.book"),
      style: "primary",
      action: { verb: "kits.bookForm", args: { i: item.id } },
    });
  }
  if (withDetails)
    actions.push({
      type: "button",
      label: t("catalogue.details"),
      action: { verb: "kits.item", args: { i: item.id } },
    });
  return actions;
}

export async function catalogueReply(turn: Turn): Promise<Reply> {
  const { prisma, now } = turn.deps;
  const { language } = turn;
  const t = kitsT(language);
  const coordinator = isCoordinator(turn);
  const items = await listItems(prisma, { includeRetired: coordinator });
  if (items.length === 0)
    return { summary: t("catalogue.empty"), blocks: [{ type: "text", text: t("catalogue.empty") }] };
  const blocks: Block[] = [{ type: "header", text: t("catalogue.title") }];
  for (const item of items) {
    const weeks = await availabilityOf(prisma, item, now());
    blocks.push({
      type: "item",
      title: item.retiredAt ? `${itemName(item, language)} (${t("catalogue.retired")})` : itemName(item, language),
      lines: [
        localized(item, "description", language),
        t("catalogue.limits", { max: item.maxLoanDays, transit: item.transitDays }),
        summaryLine(weeks, language),
      ],
      actions: itemButtons(turn, item, true),
    });
  }
  const mine = `${commandWord("borrow", language)} ${commandWord("mine", language)}`;
  blocks.push({ type: "context", text: t("catalogue.mine", { command: mine }) });
  if (coordinator) {
    blocks.push({
      type: "actions",
      actions: [{ type: "button", label: t("admin.add"), action: { verb: "kits.addForm", args: {} } }],
    });
  }
  return { summary: t("catalogue.title"), blocks };
}

/** A kit's own card: description, contents, limits, the weeks; coordinators' tools. */
export async function itemReply(turn: Turn, item: LoanItemRecord): Promise<Reply> {
  const { language } = turn;
  const t = kitsT(language);
  const weeks = await availabilityOf(turn.deps.prisma, item, turn.deps.now());
  const contents = localized(
    {
      contentsFi: item.contentsFi.join("\n"),
      contentsSv: item.contentsSv.join("\n"),
      contentsEn: item.contentsEn.join("\n"),
    },
    "contents",
    language,
  );
  const weekLines = weeks.map(
    (w) =>
      `${w.state === "free" ? "🟢" : w.state === "partly" ? "🟡" : "🔴"} ${t("item.week", { week: w.isoWeek, date: formatLocalDate(w.weekStart, language) })}: ${t(`item.${w.state}`)}`,
  );
  const blocks: Block[] = [
    { type: "header", text: itemName(item, language) },
    { type: "text", text: localized(item, "description", language) },
    {
      type: "facts",
      facts: [
        {
          label: t("item.contents"),
          value: contents
            .split("\n")
            .map((line) => `☐ ${line}`)
            .join("\n"),
        },
      ],
    },
    { type: "context", text: t("catalogue.limits", { max: item.maxLoanDays, transit: item.transitDays }) },
    { type: "text", text: `${t("item.weeks")}\n${weekLines.join("\n")}` },
    { type: "context", text: t("item.legend") },
  ];
  const actions = itemButtons(turn, item, false);
  if (isCoordinator(turn)) {
    actions.push(
      { type: "button", label: t("admin.edit"), action: { verb: "kits.editItemForm", args: { i: item.id } } },
      { type: "button", label: t("admin.block"), action: { verb: "kits.blockForm", args: { i: item.id } } },
      item.retiredAt
        ? { type: "button", label: t("admin.restore"), action: { verb: "kits.retire", args: { i: item.id, on: "0" } } }
        : {
            type: "button",
            label: t("admin.retire"),
            style: "danger",
            action: { verb: "kits.retire", args: { i: item.id, on: "1" } },
          },
    );
  }
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  return { summary: itemName(item, language), blocks };
}

export async function itemAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const item = args.i ? await findItem(turn.deps.prisma, args.i) : null;
  if (!item) throw new InvalidAction("no such item");
  return { mode: "new", reply: await itemReply(turn, item) };
}
