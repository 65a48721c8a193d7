// The bot through the Microsoft 365 Agents Playground, the local Teams client a developer
// tries it with (`npm run playground`): its real server process, driven through the API
// its web UI uses, against the whole bot on a real port. No browser is needed.
// What this adds to the e2e tests with hand-made activities: the activities, the
// connector and the card round trip are the playground's own, so a change that breaks
// "try it without an account" fails here. The playground always sends locale en-US.
// The clock is Monday 19 Oct 2026 10:00 in Helsinki.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import {
  adaptiveCard,
  type BotMessage,
  findExecuteAction,
  type Playground,
  shownAfter,
  startPlayground,
} from "./helpers/playground.ts";

let bot: TestBot;
let pg: Playground;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
  // Not skipped when it cannot start: the error says why (not installed, no port, its log).
  pg = await startPlayground(`${bot.url}/api/messages`);
});
afterAll(async () => {
  await pg?.close();
  await bot?.stop();
});

const text = (message: BotMessage) => cardText(adaptiveCard(message));
/** What the bot's message says, a card or plain text. */
const said = (message: BotMessage) =>
  message.message.attachments.length > 0 ? text(message) : (message.message.text ?? "");

// One user (the playground's "Alex Wilber") in order: English first, then Finnish for good.
describe.sequential("the Agents Playground as a Teams client", () => {
  it("coffees in the personal chat: the card in English, as the playground's locale says", async () => {
    const reply = await pg.send("coffees");
    expect(reply.conversationId).toBe(pg.ids.personalChatId);
    expect(text(reply)).toContain("Remote coffees and network sessions");
    expect(text(reply)).toContain("Tue 20 Oct, 09:00–09:30");
  });

  it("kieli fi, then kahvit: Finnish from then on", async () => {
    expect(text(await pg.send("kieli fi"))).toContain("käytän kanssasi tästä lähtien suomea");
    const list = await pg.send("kahvit");
    expect(text(list)).toContain("Etäkahvit ja verkostojen tilaisuudet");
    expect(text(list)).toContain("ti 20.10. klo 9.00–9.30");
  });

  it("Remind me (Action.Execute) is recorded, and the card is redrawn with the confirmation", async () => {
    const list = await pg.send("kahvit");
    const sessionId = (findExecuteAction(list, "meetups.remind").data as { args: { s: string } }).args.s;
    const answer = await pg.execute(list, "meetups.remind");
    // the clicked card is replaced: the confirmation on top, the bell on the session
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    const card = JSON.stringify(answer.value);
    expect(card).toContain("Muistutan sinua tilaisuudesta ”AKE:n etäkahvit” (ti 20.10. klo 9.00–9.30)");
    expect(card).toContain("🔔 Saat muistutuksen");
    const interest = await bot.store.prisma.sessionInterest.findMany({
      where: { sessionId, user: { platform: "TEAMS", platformUserId: pg.ids.userId } },
    });
    expect(interest).toHaveLength(1);
  });

  it("in the team channel a message that @mentions the bot is answered in the thread", async () => {
    const reply = await pg.send("kahvit", "channel");
    expect(reply.conversationId).toMatch(new RegExp(`^${pg.ids.channelId};messageid=\\d+$`));
    expect(text(reply)).toContain("Etäkahvit ja verkostojen tilaisuudet");
  });
});

// The same user books a kit in the personal chat and, as a coordinator, approves it in
// the team channel: the approval card goes out through the outbox to the channel, and
// the Approve click there edits the channel message, which the playground streams as an
// update of that message. Monday 19 Oct 2026: Mon 9 – Fri 13 Nov is free and far enough
// ahead for the two working days of transit (out Thu 5 Nov, back Tue 17 Nov).
describe.sequential("a kit booked in the personal chat, approved in the team channel", () => {
  const request = {
    item: "pakopeli-1",
    library: "lohja",
    from: "2026-11-09",
    to: "2026-11-13",
    contact: "Alex Wilber",
    notes: "Satuviikko",
  };
  const cardTitle = "Välinevaraus: Pakopeli 1, Lohjan kaupunginkirjasto";
  let approvalCard: BotMessage;

  it("the playground's user, made a coordinator, makes the team channel the coordinators' channel", async () => {
    // Finnish, as chosen above (said again so that this block also runs on its own)
    await pg.send("kieli fi");
    const user = await bot.store.prisma.user.findFirstOrThrow({
      where: { platform: "TEAMS", platformUserId: pg.ids.userId },
    });
    expect(user.displayName).toBe("Alex Wilber");
    const { ensureCoordinators } = await import("../domain/store/users.ts");
    await ensureCoordinators(bot.store.prisma, [{ platform: "teams", userId: pg.ids.userId }]);

    const reply = await pg.send("hyväksynnät kanava", "channel");
    expect(text(reply)).toContain("Tämä kanava saa nyt alustan Teams hyväksyntäkortit");
    const channel = await bot.store.prisma.chatChannel.findFirstOrThrow({ where: { coordinators: true } });
    expect(channel.key).toBe(`teams:channel:${pg.ids.channelId}`);
  });

  it("lainaa → Varaa → the form → submit: the request is confirmed in the chat and stored", async () => {
    const catalogue = await pg.send("lainaa");
    expect(text(catalogue)).toContain("Lainattavat välineet");
    const bookPakopeli = { verb: "kits.bookForm", args: { i: "pakopeli-1" } };
    expect(findExecuteAction(catalogue, bookPakopeli).title).toBe("Varaa");

    // the form takes the catalogue card's place in the UI; its submit invokes on that message
    const form = shownAfter(catalogue, await pg.execute(catalogue, bookPakopeli));
    expect(text(form)).toContain("Pakopeli 1");
    expect(findExecuteAction(form, "kits.request")).toBeDefined();

    const before = pg.messages.length;
    const answer = await pg.execute(form, "kits.request", request);
    // "new": the confirmation is a message of its own; the invoke answer is its summary
    expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    const confirmation = await pg.waitForMessage(
      (m) => m.conversationId === pg.ids.personalChatId && said(m).includes("Pyyntö lähetetty"),
      before,
    );
    expect(said(confirmation)).toContain("Pakopeli 1, Lohjan kaupunginkirjasto");

    const [booking] = await bot.store.prisma.kitBooking.findMany({ where: { itemId: "pakopeli-1" } });
    expect(booking?.status).toBe("REQUESTED");
    expect(booking?.contactName).toBe("Alex Wilber");
    expect(booking?.occupiedStart.toISOString().slice(0, 10)).toBe("2026-11-05");
    expect(booking?.occupiedEnd.toISOString().slice(0, 10)).toBe("2026-11-17");
    const approval = await bot.store.prisma.approval.findFirstOrThrow({ include: { requester: true } });
    expect(approval.status).toBe("PENDING");
    expect(approval.requester.platformUserId).toBe(pg.ids.userId);
  });

  it("the outbox posts the approval card in the team channel, with the coordinators' buttons", async () => {
    const before = pg.messages.length;
    await bot.app.delivery.runOnce();
    approvalCard = await pg.waitForMessage((m) => m.kind === "create" && said(m).includes(cardTitle), before);
    // a new post in General (the channel itself or a post of it), not the personal chat
    expect(approvalCard.conversationId.split(";")[0]).toBe(pg.ids.channelId);
    const card = text(approvalCard);
    expect(card).toContain("ma 9.11.2026 – pe 13.11.2026");
    expect(card).toContain("Alex Wilber");
    expect(card).toContain("Odottaa koordinaattorin päätöstä");
    expect(findExecuteAction(approvalCard, "approvals.approve").title).toBe("Hyväksy");
  });

  it("Approve in the channel: the playground shows the channel message replaced, with who approved", async () => {
    const before = pg.messages.length;
    const answer = await pg.execute(approvalCard, "approvals.approve");
    // the clicker's own view: the decided card
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(answer.value)).toContain("Hyväksyjä Alex Wilber");
    expect(cardText(answer.value)).not.toContain('"verb":"approvals.approve"');

    // everyone's view: the playground streams the edit of the same message, made by the
    // bot while answering the click (updateActivity; the outbox has not run since)
    const edit = await pg.waitForMessage(
      (m) => m.kind === "update" && m.message.messageId === approvalCard.message.messageId,
      before,
    );
    expect(edit.conversationId).toBe(approvalCard.conversationId);
    expect(text(edit)).toContain(cardTitle);
    expect(text(edit)).toContain("Hyväksyjä Alex Wilber");
    expect(text(edit)).not.toContain('"verb":"approvals.approve"');

    const approval = await bot.store.prisma.approval.findFirstOrThrow({ include: { decidedBy: true } });
    expect(approval.status).toBe("APPROVED");
    expect(approval.decidedBy?.platformUserId).toBe(pg.ids.userId);
    const [booking] = await bot.store.prisma.kitBooking.findMany({ where: { itemId: "pakopeli-1" } });
    expect(booking?.status).toBe("APPROVED");
  });

  it("then the outbox edits the posted copy in place and tells the requester in the personal chat", async () => {
    const before = pg.messages.length;
    await bot.app.delivery.runOnce();
    const notice = await pg.waitForMessage(
      (m) => m.conversationId === pg.ids.personalChatId && said(m).includes("hyväksyi pyyntösi"),
      before,
    );
    expect(said(notice)).toContain("Alex Wilber hyväksyi pyyntösi");
    const edit = await pg.waitForMessage(
      (m) => m.kind === "update" && m.message.messageId === approvalCard.message.messageId,
      before,
    );
    expect(text(edit)).toContain("Hyväksyjä Alex Wilber");
    // edited, not posted again: nothing new in the channel
    const posted = pg.messages
      .slice(before)
      .filter((m) => m.kind === "create" && m.conversationId.startsWith(pg.ids.channelId));
    expect(posted).toHaveLength(0);
  });
});
