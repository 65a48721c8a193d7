// Loanable kits end to end through the HTTP endpoints: a library books a kit in Teams,
// the card goes to the coordinators' channel, a coordinator approves (the channel card
// is edited in place, the requester is told in their language), a second coordinator on
// Slack is too late, and the kit travels AKE → Lohja → Espoo → AKE with each leg's payer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import { cardOf, cardText, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { COORDINATOR, makeCoordinators, SLACK_COORDINATOR, STAFF } from "./publishing-fixtures.ts";

const ESPOO_STAFF = { id: "29:1staff-Espoo", name: "Eero Espoo", aadObjectId: "6a1f0c1e-0000-4000-8000-0000000e5900" };

let bot: TestBot;
beforeAll(async () => {
  // Thursday 26 Nov 2026, 10:00 in Helsinki
  bot = await startTestBot({ now: "2026-11-26T10:00:00+02:00" });
  await makeCoordinators(bot);
  await bot.teams.message("apua", { user: STAFF });
  await bot.teams.message("apua", { user: ESPOO_STAFF, locale: "sv-FI" });
  await bot.store.prisma.user.updateMany({ where: { platformUserId: STAFF.id }, data: { libraryId: "lohja" } });
  await bot.store.prisma.user.updateMany({
    where: { platformUserId: ESPOO_STAFF.id },
    data: { libraryId: "espoo", language: "sv" },
  });
});
afterAll(async () => {
  await bot?.stop();
});

type Invoke = { statusCode: number; type: string; value: unknown };

async function execute(payload: ActionPayload, user = STAFF, locale = "fi-FI"): Promise<Invoke> {
  const response = await bot.teams.execute(payload, { user, locale });
  expect(response.status).toBe(200);
  return response.body as Invoke;
}

/** Teams merges a form's inputs into the data of its submit: so do we. */
function submit(verb: string, args: Record<string, string>, inputs: Record<string, string>): ActionPayload {
  return { verb, args, ...inputs } as unknown as ActionPayload;
}

function requestInputs(item: string, from: string, to: string, library = "lohja") {
  return { item, library, from, to, contact: "Leena Lohja", notes: "Satuviikko" };
}

async function bookingsOf(item: string) {
  return bot.store.prisma.kitBooking.findMany({ where: { itemId: item }, orderBy: { useStart: "asc" } });
}

describe("the catalogue", () => {
  it("lists every kit with its limits, the next three months and a Book button", async () => {
    const card = cardOf(await bot.teams.message("lainaa", { user: STAFF }));
    const text = cardText(card);
    expect(text).toContain("Lainattavat välineet");
    expect(text).toContain("Pakopeli 1");
    expect(text).toContain("Kamishibai");
    expect(text).toContain("Laina enintään 42 päivää");
    expect(text).toContain("Vapaana seuraavat 3 kuukautta");
    expect(text).toContain('"verb":"kits.bookForm"');
  });

  it("shows a kit's contents as a checklist and 13 weeks, week 1 of 2027 after week 53 of 2026", async () => {
    const answer = await execute({ verb: "kits.item", args: { i: "pakopeli-1" } });
    expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    const sent = await bot.connector.waitForActivity((a) => cardText(a.activity).includes("Sisältö"));
    const text = cardText(cardOf(sent));
    expect(text).toContain("☐ Lukittava laatikko");
    expect(text).toContain("vk 48");
    expect(text).toContain("vk 53");
    expect(text).toContain("vk 1 ");
  });
});

describe("a booking request", () => {
  it("refuses what cannot be booked, naming what to change, and stores nothing", async () => {
    const before = await bot.store.prisma.kitBooking.count();
    const cases: [Record<string, string>, string, string][] = [
      [requestInputs("pakopeli-1", "2026-11-20", "2026-11-27"), "from", "Päivä on jo mennyt"],
      [requestInputs("pakopeli-1", "2026-12-10", "2026-12-07"), "to", "Viimeinen päivä on ennen ensimmäistä"],
      [requestInputs("pakopeli-1", "2027-01-04", "2027-03-01"), "to", "enintään 42 päivää; tämä on 57 päivää"],
      [requestInputs("ei-olemassa", "2027-01-04", "2027-01-08"), "item", "Valitse väline listalta"],
      [requestInputs("pakopeli-1", "2027-01-04", "2027-01-08", "tallinna"), "library", "Valitse alueen kirjasto"],
      // two working days of transit before Monday 30 Nov leave on Thursday 26th — today is fine,
      // but Friday the 27th is too soon for a use starting that day
      [
        requestInputs("pakopeli-1", "2026-11-27", "2026-11-30"),
        "from",
        "aikaisin mahdollinen ensimmäinen päivä on ma 30.11.2026",
      ],
    ];
    for (const [inputs, field, message] of cases) {
      const answer = await execute(submit("kits.request", {}, inputs));
      expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
      const text = cardText(answer.value);
      expect(text, `${field}: ${message}`).toContain(message);
    }
    expect(await bot.store.prisma.kitBooking.count()).toBe(before);
    expect(await bot.store.prisma.approval.count()).toBe(0);
  });

  it("answers in Swedish for a Swedish-speaking user", async () => {
    const answer = await execute(
      submit("kits.request", {}, requestInputs("pakopeli-1", "2026-12-10", "2026-12-07")),
      ESPOO_STAFF,
      "sv-FI",
    );
    expect(cardText(answer.value)).toContain("Den sista dagen är före den första");
  });
});

describe("approval in the coordinators' channel", () => {
  let approvalId = "";

  it("a coordinator makes a Teams channel the coordinators' channel", async () => {
    const sent = await bot.teams.message("hyväksynnät kanava", { user: COORDINATOR, conversation: "channel" });
    expect(cardText(sent.activity)).toContain("Tämä kanava saa nyt alustan Teams hyväksyntäkortit");
    const channel = await bot.store.prisma.chatChannel.findFirstOrThrow({ where: { coordinators: true } });
    expect(channel.key).toMatch(/^teams:channel:19:/);
  });

  it("a staff member cannot make a channel the coordinators' channel", async () => {
    const sent = await bot.teams.message("hyväksynnät kanava", { user: STAFF, conversation: "channel" });
    expect(cardText(sent.activity)).toMatch(/koordinaattori/i);
    expect(await bot.store.prisma.chatChannel.count({ where: { coordinators: true } })).toBe(1);
  });

  it("a request is stored with transit days and its card goes to the channel and the Slack coordinator", async () => {
    const answer = await execute(submit("kits.request", {}, requestInputs("pakopeli-1", "2026-12-14", "2026-12-18")));
    expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    const [booking] = await bookingsOf("pakopeli-1");
    expect(booking?.status).toBe("REQUESTED");
    // two working days each way: sent Thu 10 Dec, back Tue 22 Dec
    expect(booking?.occupiedStart.toISOString().slice(0, 10)).toBe("2026-12-10");
    expect(booking?.occupiedEnd.toISOString().slice(0, 10)).toBe("2026-12-22");
    const approval = await bot.store.prisma.approval.findFirstOrThrow();
    approvalId = approval.id;
    expect(approval.status).toBe("PENDING");

    await bot.app.delivery.runOnce();
    const posted = await bot.connector.waitForActivity(
      (a) =>
        a.conversationId.startsWith("19:") &&
        cardText(a.activity).includes("Välinevaraus: Pakopeli 1, Lohjan kaupunginkirjasto"),
    );
    const text = cardText(cardOf(posted));
    expect(text).toContain("ma 14.12.2026 – pe 18.12.2026");
    expect(text).toContain("AKE (Porvoo) → Lohjan kaupunginkirjasto: lähtee to 10.12.2026, maksaa AKE (Porvoo)");
    expect(text).toContain("Odottaa koordinaattorin päätöstä");
    expect(text).toContain('"verb":"approvals.approve"');
    // Slack has no coordinators' channel: the Slack coordinator gets the card in their DM
    const dm = bot.fakeSlack.callsTo("chat.postMessage").find((c) => JSON.stringify(c.args).includes("Välinevaraus"));
    expect(dm).toBeDefined();
  });

  it("a staff member's forged approve is refused and the request stays pending", async () => {
    const answer = await execute({ verb: "approvals.approve", args: { a: approvalId } });
    expect(JSON.stringify(answer)).toMatch(/koordinaattori/i);
    expect((await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe("PENDING");
  });

  it("rejecting needs a reason: an empty one comes back as a form error", async () => {
    const answer = await execute(submit("approvals.reject", { a: approvalId }, { reason: "  " }), COORDINATOR);
    expect(cardText(answer.value)).toContain("Kirjoita hylkäämisen syy");
    expect((await bot.store.prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe("PENDING");
  });

  it("approval updates the card for everyone, tells the requester, and a Slack coordinator is too late", async () => {
    const answer = await execute({ verb: "approvals.approve", args: { a: approvalId } }, COORDINATOR);
    expect(cardText(answer.value)).toContain("Hyväksyjä Kaisa Koordinaattori");
    expect(cardText(answer.value)).not.toContain('"verb":"approvals.approve"');
    const [booking] = await bookingsOf("pakopeli-1");
    expect(booking?.status).toBe("APPROVED");

    const late = await bot.slack.click(
      { verb: "approvals.approve", args: { a: approvalId } },
      { user: SLACK_COORDINATOR },
    );
    expect(slackText(late)).toContain("Kaisa Koordinaattori ehti jo päättää tästä pyynnöstä");

    await bot.app.delivery.runOnce();
    const edit = await bot.connector.waitForActivity(
      (a) => a.kind === "update" && a.conversationId.startsWith("19:") && cardText(a.activity).includes("Hyväksyjä"),
    );
    expect(cardText(edit.activity)).not.toContain('"verb":"approvals.approve"');
    const notice = await bot.connector.waitForActivity((a) => cardText(a.activity).includes("hyväksyi pyyntösi"));
    expect(notice.conversationId).not.toMatch(/^19:/);
    const slackEdit = bot.fakeSlack.callsTo("chat.update").find((c) => JSON.stringify(c.args).includes("Hyväksyjä"));
    expect(slackEdit).toBeDefined();
    const log = cardOf(await bot.teams.message("hyväksynnät loki", { user: COORDINATOR }));
    expect(cardText(log)).toContain("Kaisa Koordinaattori · hyväksyi · Välinevaraus: Pakopeli 1");
  });

  it("a second request over the same days (with transit) is refused with the next free window", async () => {
    const answer = await execute(
      submit("kits.request", {}, requestInputs("pakopeli-1", "2026-12-21", "2026-12-23", "espoo")),
      ESPOO_STAFF,
      "sv-FI",
    );
    // free again from Wed 23 Dec; two working days out (24th and 25th-26th are holidays)
    expect(cardText(answer.value)).toContain("Nästa lediga tid av samma längd");
    expect((await bookingsOf("pakopeli-1")).length).toBe(1);
  });
});

describe("two requests for the same days at the same moment", () => {
  it("exactly one succeeds, the other is told the kit is taken", async () => {
    const inputs = requestInputs("kamishibai", "2027-02-08", "2027-02-12");
    const answers = await Promise.all([
      execute(submit("kits.request", {}, inputs), STAFF),
      execute(submit("kits.request", {}, { ...inputs, library: "espoo" }), ESPOO_STAFF, "sv-FI"),
      execute(submit("kits.request", {}, inputs), STAFF),
    ]);
    const accepted = answers.filter((a) => a.type === "application/vnd.microsoft.activity.message");
    expect(accepted).toHaveLength(1);
    expect((await bookingsOf("kamishibai")).filter((b) => b.status === "REQUESTED")).toHaveLength(1);
    expect(await bot.store.prisma.approval.count({ where: { status: "PENDING" } })).toBe(1);
  });
});

describe("the kit's travels: AKE → Lohja → straight on to Espoo → back to AKE", () => {
  let lohja = "";
  let espoo = "";

  async function approveLatest() {
    const pending = await bot.store.prisma.approval.findFirstOrThrow({
      where: { status: "PENDING" },
      orderBy: { createdAt: "desc" },
    });
    const answer = await execute({ verb: "approvals.approve", args: { a: pending.id } }, COORDINATOR);
    expect(cardText(answer.value)).toContain("Hyväksyjä");
  }

  async function cardLines(user: typeof STAFF, text: string, locale = "fi-FI") {
    return cardText(cardOf(await bot.teams.message(text, { user, locale })));
  }

  it("Espoo books the days right after Lohja's; the route forwards the kit and Lohja pays that leg", async () => {
    // Lohja's use ends Fri 18 Dec; Espoo's starts Tue 29 Dec (two working days of transit
    // before it: Mon 28th and Wed 23rd — 24th–26th are holidays)
    const answer = await execute(
      submit("kits.request", {}, requestInputs("pakopeli-1", "2026-12-29", "2027-01-05", "espoo")),
      ESPOO_STAFF,
      "sv-FI",
    );
    expect(JSON.stringify(answer)).toContain("Begäran skickad");
    await approveLatest();
    const bookings = await bookingsOf("pakopeli-1");
    lohja = bookings.find((b) => b.libraryId === "lohja")?.id ?? "";
    espoo = bookings.find((b) => b.libraryId === "espoo")?.id ?? "";
    expect(bookings.map((b) => b.status)).toEqual(["APPROVED", "APPROVED"]);

    const mine = await cardLines(STAFF, "lainaa omat");
    expect(mine).toContain("AKE (Porvoo) → Lohjan kaupunginkirjasto: lähtee to 10.12.2026, maksaa AKE (Porvoo)");
    expect(mine).toContain(
      "Lohjan kaupunginkirjasto → Espoon kaupunginkirjasto: lähtee ma 21.12.2026, maksaa Lohjan kaupunginkirjasto",
    );
    const theirs = await cardLines(ESPOO_STAFF, "låna mina", "sv-FI");
    expect(theirs).toContain(
      "Lojo stadsbibliotek → Esbo stadsbibliotek: skickas mån 21.12.2026, betalas av Lojo stadsbibliotek",
    );
    expect(theirs).toContain("Esbo stadsbibliotek → AKE (Borgå)");
    expect(theirs).toContain("betalas av Esbo stadsbibliotek");
  });

  it("AKE sends it; only Lohja's staff can mark it received there, and a second click changes nothing", async () => {
    await execute({ verb: "kits.send", args: { b: lohja } }, COORDINATOR);
    const refused = await execute({ verb: "kits.received", args: { b: lohja } }, ESPOO_STAFF, "sv-FI");
    expect(JSON.stringify(refused)).toContain("Bara personalen på Lojo stadsbibliotek");
    const received = await execute({ verb: "kits.received", args: { b: lohja } });
    expect(cardText(received.value)).toContain(
      "Merkitty vastaanotetuksi: Pakopeli 1 on kirjastossa Lohjan kaupunginkirjasto",
    );
    const again = await execute({ verb: "kits.received", args: { b: lohja } });
    expect(cardText(again.value)).toContain("Jo merkitty: kirjastossa");
    expect(await bot.store.prisma.auditEntry.count({ where: { subjectId: lohja, action: "kit.received" } })).toBe(1);
  });

  it("coordinators see where every kit is", async () => {
    const where = await cardLines(COORDINATOR, "missä");
    expect(where).toContain("Pakopeli 1: kirjastossa Lohjan kaupunginkirjasto");
    expect(where).toContain("Pakopeli 2: AKEssa");
    const staff = await cardLines(STAFF, "missä");
    expect(staff).toMatch(/koordinaattori/i);
  });

  it("Lohja sends it straight on to Espoo, Espoo receives it, returns it, and AKE closes the loan", async () => {
    const sentOn = await execute({ verb: "kits.sendOn", args: { b: lohja } });
    expect(cardText(sentOn.value)).toContain("Pakopeli 1 on matkalla kohteeseen Espoon kaupunginkirjasto");
    let [first, second] = await bookingsOf("pakopeli-1");
    expect([first?.status, first?.sentOnTo, second?.status]).toEqual(["FORWARDED", espoo, "SENT"]);

    await execute({ verb: "kits.received", args: { b: espoo } }, ESPOO_STAFF, "sv-FI");
    [first, second] = await bookingsOf("pakopeli-1");
    expect([first?.status, second?.status]).toEqual(["CLOSED", "RECEIVED"]);

    const back = await execute({ verb: "kits.sendOn", args: { b: espoo } }, ESPOO_STAFF, "sv-FI");
    expect(cardText(back.value)).toContain("Escape room-spel 1 är på väg till AKE (Borgå)");
    expect(await cardLines(COORDINATOR, "missä")).toContain("paluumatkalla AKEen kirjastosta Espoon kaupunginkirjasto");
    await execute({ verb: "kits.back", args: { b: espoo } }, COORDINATOR);
    expect((await bookingsOf("pakopeli-1")).map((b) => b.status)).toEqual(["CLOSED", "CLOSED"]);
    expect(await cardLines(COORDINATOR, "missä")).toContain("Pakopeli 1: AKEssa");
  });
});
