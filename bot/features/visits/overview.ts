// `vierailu yhteenveto` (coordinators): this year's visits by status, the reimbursements
// (estimated, confirmed, paid) against the budget lines for travel and accommodation with
// a warning when a line would be passed, what is to be paid (with "Mark paid"), the
// experiences shared with consent, and `… csv`: the year's visits for accounting.
import { visitsOfYear } from "../../../domain/store/visits.ts";
import { helsinkiDate } from "../../../domain/time.ts";
import {
  budgetSummary,
  budgetWarning,
  csvField,
  formatEuros,
  lastDay,
  reimbursementCents,
} from "../../../domain/visits.ts";
import { commandWord } from "../../commands.ts";
import type { Block, Reply } from "../../reply.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import { areaLabel, hostMunicipality, hostName, personName, SHOWN, visitDates, visitsT } from "./shared.ts";

const STATUS_ORDER = [
  "REQUESTED",
  "AWAITING_HOST",
  "HOST_PROPOSED",
  "CONFIRMED",
  "TO_BE_PAID",
  "PAID",
  "REJECTED",
  "CANCELLED",
] as const;

export async function overviewReply(turn: Turn): Promise<Reply> {
  requireCoordinator(turn);
  const { language } = turn;
  const t = visitsT(language);
  const year = Number(helsinkiDate(turn.deps.now()).slice(0, 4));
  const visits = await visitsOfYear(turn.deps.prisma, year);
  const title = t("overview.title", { year });
  const blocks: Block[] = [{ type: "header", text: title }];
  if (visits.length === 0) {
    blocks.push({ type: "text", text: t("overview.none") });
    return { summary: title, blocks };
  }
  const counts = STATUS_ORDER.map((status) => [status, visits.filter((v) => v.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${t(`status.${status}`)} ${count}`)
    .join(" · ");
  blocks.push({ type: "text", text: t("overview.byStatus", { counts }) });

  const money = (cents: number) => formatEuros(cents, language);
  const summary = budgetSummary(visits);
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const key of ["travel", "accommodation"] as const) {
    const line = summary[key];
    const name = t(`overview.${key}`);
    lines.push(
      t("overview.line", {
        line: name,
        estimated: money(line.estimated),
        confirmed: money(line.confirmed),
        paid: money(line.paid),
        budget: money(line.budget),
      }),
    );
    const warning = budgetWarning(line);
    if (warning === "over")
      warnings.push(t("overview.over", { line: name, confirmed: money(line.confirmed), budget: money(line.budget) }));
    if (warning === "wouldPass") {
      warnings.push(
        t("overview.wouldPass", {
          line: name,
          total: money(line.confirmed + line.estimated),
          budget: money(line.budget),
        }),
      );
    }
  }
  blocks.push({ type: "text", text: lines.join("\n") });
  for (const warning of warnings) blocks.push({ type: "text", text: `⚠️ ${warning}` });

  const toPay = visits.filter((v) => v.status === "TO_BE_PAID");
  if (toPay.length > 0) blocks.push({ type: "header", text: t("overview.toPay") });
  for (const visit of toPay.slice(0, 20)) {
    blocks.push({
      type: "item",
      title: `${personName(visit.visitor)} → ${hostName(visit.host, language)}`,
      lines: [visitDates(visit, language), money(reimbursementCents(visit).total)],
      actions: [
        {
          type: "button",
          label: t("overview.paid"),
          style: "primary",
          action: { verb: "visits.paid", args: { v: visit.id } },
        },
      ],
    });
  }
  const shared = visits.filter((v) => v.publishConsent && v.experience);
  if (shared.length > 0) {
    blocks.push({ type: "header", text: t("overview.experiences") });
    for (const visit of shared.slice(0, 10)) {
      blocks.push({
        type: "item",
        title: `${personName(visit.visitor)} → ${hostName(visit.host, language)}`,
        lines: [visit.experience ?? ""],
        actions: [],
      });
    }
  }
  const command = `${commandWord("visit", language)} ${SHOWN.overview[language]} ${SHOWN.csv[language]}`;
  blocks.push({ type: "context", text: `${t("overview.csv")}: ${command}` });
  return { summary: title, blocks };
}

const CSV_HEADER = [
  "id",
  "status",
  "visitor",
  "host",
  "municipality",
  "first_day",
  "last_day",
  "days",
  "focus",
  "travel_mode",
  "travel_estimate_eur",
  "accommodation_estimate_eur",
  "travel_actual_eur",
  "accommodation_actual_eur",
  "paid_at",
];

const euros = (cents: number | null) => (cents === null ? "" : (cents / 100).toFixed(2));

/** `vierailu yhteenveto csv`: the year's visits, one row each, for accounting. */
export async function csvReply(turn: Turn): Promise<Reply> {
  requireCoordinator(turn);
  const { language } = turn;
  const t = visitsT(language);
  const year = Number(helsinkiDate(turn.deps.now()).slice(0, 4));
  const visits = await visitsOfYear(turn.deps.prisma, year);
  const rows = visits.map((v) => {
    const first = v.confirmedDate ?? v.dates[0] ?? "";
    return [
      v.id,
      v.status,
      personName(v.visitor),
      hostName(v.host, language),
      hostMunicipality(v.host, language),
      first,
      first ? lastDay(first, v.days) : "",
      v.days,
      areaLabel(t, v.focus),
      v.travelMode,
      euros(v.travelCents),
      euros(v.accommodationCents),
      euros(v.actualTravelCents),
      euros(v.actualAccommodationCents),
      v.paidAt ? v.paidAt.toISOString() : "",
    ]
      .map(csvField)
      .join(",");
  });
  const csv = [CSV_HEADER.join(","), ...rows].join("\n");
  const title = `${t("overview.csv")} ${year}`;
  return {
    summary: title,
    blocks: [
      { type: "header", text: title },
      { type: "text", text: csv },
    ],
  };
}
