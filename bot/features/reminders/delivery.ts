// `muistutukset toimitus` / `påminnelser leverans` / `reminders delivery` (coordinators):
// what the bot sent on its own around now — by kind, by session, the latest failures and
// why — and one session's deliveries in full from its "Details" button.
import { type DeliveryCounts, deliveryReport, sessionDeliveries } from "../../../domain/store/delivery-report.ts";
import { findSession } from "../../../domain/store/sessions.ts";
import { InvalidAction } from "../../errors.ts";
import { formatInstant, formatSessionTime, localized } from "../../format.ts";
import type { Language } from "../../i18n/index.ts";
import type { Block, Reply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import { remindersT } from "./notify.ts";

export const DELIVERY_WORDS = new Set(["toimitus", "leverans", "delivery"]);
const WINDOW_DAYS = 7;
const SESSIONS_SHOWN = 10;

/** Known kinds by a name coordinators recognise; others by their code. */
const KIND_NAMES: Record<string, Record<Language, string>> = {
  "reminders.session": { fi: "tilaisuusmuistutus", sv: "evenemangspåminnelse", en: "session reminder" },
  "reminders.coreGroup": { fi: "ydinryhmämuistutus", sv: "kärngruppspåminnelse", en: "core-group reminder" },
  "registrations.promoted": { fi: "paikka vapautui", sv: "plats frigjordes", en: "seat freed" },
  "publishing.sessionChanged": { fi: "muutosilmoitus", sv: "ändringsmeddelande", en: "change notice" },
  "publishing.sessionCancelled": { fi: "peruutusilmoitus", sv: "inställningsmeddelande", en: "cancellation notice" },
  "subscriptions.newSession": { fi: "uusi tilaisuus", sv: "nytt evenemang", en: "new session" },
  "subscriptions.digest": { fi: "viikkokooste", sv: "veckosammandrag", en: "weekly digest" },
  "approvals.card": { fi: "hyväksyntäkortti", sv: "godkännandekort", en: "approval card" },
  "approvals.decided": { fi: "päätösilmoitus", sv: "beslutsmeddelande", en: "decision notice" },
  "kits.sendToday": { fi: "välineen lähetyspäivä", sv: "utrustningens sändningsdag", en: "kit send-on day" },
  "kits.returnOverdue": { fi: "välineen palautus myöhässä", sv: "försenad återlämning", en: "kit return overdue" },
  "kits.changed": { fi: "varauksen muutos", sv: "bokningsändring", en: "booking change" },
};

function kindName(kind: string, language: Language): string {
  return KIND_NAMES[kind]?.[language] ?? kind;
}

/** The recorded reason in words where it is a known one, the code otherwise. */
function reasonText(reason: string, language: Language): string {
  const t = remindersT(language);
  if (reason.startsWith("no_conversation")) return t("delivery.reasons.no_conversation");
  if (reason.startsWith("blocked:") || reason.startsWith("http_403")) return t("delivery.reasons.blocked");
  if (/(user|channel)_not_found|account_inactive|is_archived|http_404/.test(reason))
    return t("delivery.reasons.not_found");
  if (reason.startsWith("gave_up_after"))
    return `${t("delivery.reasons.gave_up")} (${reason.split(":").slice(1).join(":")})`;
  if (reason === "message_gone" || reason === "message_not_found") return t("delivery.reasons.message_gone");
  return reason;
}

function countsLine(counts: DeliveryCounts, language: Language): string {
  return remindersT(language)("delivery.counts", counts);
}

export async function deliveryReply(turn: Turn): Promise<Reply> {
  requireCoordinator(turn);
  const { language } = turn;
  const t = remindersT(language);
  const report = await deliveryReport(turn.deps.prisma, turn.deps.now(), WINDOW_DAYS);
  const title = t("delivery.title", { days: WINDOW_DAYS });
  const blocks: Block[] = [{ type: "header", text: title }];
  if (report.byKind.length === 0) {
    blocks.push({ type: "text", text: t("delivery.empty") });
    return { summary: title, blocks };
  }
  blocks.push({
    type: "facts",
    facts: report.byKind.map(({ kind, counts }) => ({
      label: kindName(kind, language),
      value: countsLine(counts, language),
    })),
  });
  const now = turn.deps.now();
  const sessions = report.bySession.filter((s) => s.startsAt >= new Date(now.getTime() - WINDOW_DAYS * 86_400_000));
  if (sessions.length > 0) blocks.push({ type: "context", text: t("delivery.sessions") });
  for (const session of sessions.slice(0, SESSIONS_SHOWN)) {
    blocks.push({
      type: "item",
      title: localized(
        { titleFi: session.title.fi, titleSv: session.title.sv, titleEn: session.title.en },
        "title",
        language,
      ),
      lines: [formatInstant(session.startsAt, language), countsLine(session.counts, language)],
      actions: [
        {
          type: "button",
          label: t("delivery.details"),
          action: { verb: "reminders.delivery", args: { s: session.sessionId } },
        },
      ],
    });
  }
  blocks.push({ type: "context", text: t("delivery.failures") });
  const failures = report.failures.map((f) =>
    t("delivery.failure", {
      at: formatInstant(f.at, language),
      kind: kindName(f.kind, language),
      recipient: f.recipient ?? (f.channelKey ? t("delivery.channel") : "–"),
      reason: reasonText(f.reason, language),
    }),
  );
  blocks.push({ type: "text", text: failures.length > 0 ? failures.join("\n") : t("delivery.noFailures") });
  return { summary: title, blocks };
}

export async function sessionDeliveryAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const session = args.s ? await findSession(turn.deps.prisma, args.s) : null;
  if (!session) throw new InvalidAction("no such session");
  const { language } = turn;
  const t = remindersT(language);
  const rows = await sessionDeliveries(turn.deps.prisma, session.id);
  const title = t("delivery.sessionTitle", { title: localized(session, "title", language) });
  const lines = rows.map((row) => {
    const status =
      row.status === "SENT"
        ? "sent"
        : row.status === "FAILED"
          ? "failed"
          : row.status === "SKIPPED"
            ? "skipped"
            : "planned";
    const base = t("delivery.row", {
      at: formatInstant(row.notBefore, language),
      kind: kindName(row.kind, language),
      recipient: row.recipient ?? (row.channelKey ? t("delivery.channel") : "–"),
      status: t(`delivery.status.${status}`),
    });
    return row.status === "FAILED" && row.lastError ? `${base}: ${reasonText(row.lastError, language)}` : base;
  });
  return {
    mode: "new",
    reply: {
      summary: title,
      blocks: [
        { type: "header", text: title },
        { type: "context", text: formatSessionTime(session.startsAt, session.endsAt, language) },
        { type: "text", text: lines.length > 0 ? lines.join("\n") : t("delivery.empty") },
      ],
    },
  };
}
