// Every card the kits, approvals, subscriptions and delivery features send is
// one a real client accepts: Adaptive Card 1.5 as the official renderer parses it
// (tests/fakes/teams-card-check.ts), and Block Kit within Slack's limits
// (tests/fakes/slack-limits.ts), in all three languages. The cards are taken from the
// bot's real answers through the HTTP endpoints, at their largest (coordinators' views).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { slackBlockProblems } from "./fakes/slack-limits.ts";
import { cardProblems } from "./fakes/teams-card-check.ts";
import { cardOf, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, SLACK_COORDINATOR, STAFF } from "./publishing-fixtures.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-11-26T10:00:00+02:00" });
  await makeCoordinators(bot);
  await bot.teams.message("apua", { user: STAFF });
  await bot.store.prisma.user.updateMany({ where: { platformUserId: STAFF.id }, data: { libraryId: "lohja" } });
  // a booking waiting for approval, so the lists and cards have something in them
  const inputs = {
    item: "kamishibai",
    library: "lohja",
    from: "2026-12-14",
    to: "2026-12-18",
    contact: "Leena",
    notes: "Satuviikko",
  };
  await bot.teams.execute({ verb: "kits.request", args: {}, ...inputs } as unknown as ActionPayload, { user: STAFF });
});
afterAll(async () => {
  await bot?.stop();
});

const LANGUAGES = [
  [
    "fi-FI",
    {
      borrow: "lainaa",
      mine: "lainaa omat",
      approvals: "hyväksynnät",
      where: "missä",
      delivery: "muistutukset toimitus",
      timing: "muistutukset ajat",
      subscribe: "tilaa",
    },
  ],
  [
    "sv-FI",
    {
      borrow: "låna",
      mine: "låna mina",
      approvals: "godkännanden",
      where: "var",
      delivery: "påminnelser leverans",
      timing: "påminnelser tider",
      subscribe: "prenumerera",
    },
  ],
  [
    "en-GB",
    {
      borrow: "borrow",
      mine: "borrow mine",
      approvals: "approvals",
      where: "where",
      delivery: "reminders delivery",
      timing: "reminders timing",
      subscribe: "subscribe",
    },
  ],
] as const;

describe.each(LANGUAGES)("cards in %s", (locale, words) => {
  it("Teams: every card parses as Adaptive Card 1.5 without problems", async () => {
    for (const text of Object.values(words)) {
      const user = text === words.mine ? STAFF : COORDINATOR;
      const card = cardOf(
        await bot.teams.message(text, {
          user,
          locale,
          conversation: text === words.subscribe ? "channel" : "personal",
        }),
      );
      expect(cardProblems(card), text).toEqual([]);
    }
    const approval = await bot.store.prisma.approval.findFirstOrThrow();
    const payloads: ActionPayload[] = [
      { verb: "approvals.open", args: { a: approval.id } },
      { verb: "approvals.rejectForm", args: { a: approval.id } },
      { verb: "kits.item", args: { i: "kamishibai" } },
      { verb: "kits.bookForm", args: { i: "kamishibai" } },
      { verb: "kits.addForm", args: {} },
      { verb: "kits.blockForm", args: { i: "kamishibai" } },
    ];
    for (const payload of payloads) {
      const response = await bot.teams.execute(payload, { user: COORDINATOR, locale });
      const body = response.body as { type: string; value: unknown };
      if (body.type === "application/vnd.microsoft.card.adaptive")
        expect(cardProblems(body.value), payload.verb).toEqual([]);
      else {
        const sent = bot.connector.activities.at(-1);
        expect(sent, payload.verb).toBeDefined();
        if (sent) expect(cardProblems(cardOf(sent)), payload.verb).toEqual([]);
      }
    }
  });

  it("Slack: every message stays within Block Kit's limits", async () => {
    await bot.slack.command(`kieli ${locale.slice(0, 2)}`, { user: SLACK_COORDINATOR });
    for (const text of Object.values(words)) {
      if (text === words.timing) continue; // a form: Slack opens it as a modal (checked in the modal tests)
      const reply = await bot.slack.command(text, { user: SLACK_COORDINATOR });
      expect(slackBlockProblems(reply.blocks), text).toEqual([]);
      expect(reply.blocks.length, text).toBeGreaterThan(0);
    }
  });
});
