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
