import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCoordinators } from "../domain/store/users.ts";
import { cardText, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";
import { openTestStore } from "./helpers/test-store.ts";

let bot: TestBot;
let dropStore: () => Promise<void>;

beforeAll(async () => {
  const store = await openTestStore();
  dropStore = () => store.drop();
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00", store });
});
afterAll(async () => {
  await bot?.stop();
  await dropStore?.();
});

const FOLLOW = { verb: "networks.follow", args: { n: "severi" } };
const FOLLOWING = "✓ Seuraat tätä verkostoa";
const userId = async (platformUserId: string) =>
  (await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId } })).id;

describe("Follow", () => {
  it("Slack: five clicks at once (a double click and its retries) leave one row", async () => {
    await bot.slack.command("verkostot", { user: "U0CONC1" });
    const replies = await Promise.all(Array.from({ length: 5 }, () => bot.slack.click(FOLLOW, { user: "U0CONC1" })));
    for (const reply of replies) {
      expect(reply.replace_original).toBe(true);
      expect(slackText(reply)).toContain(FOLLOWING);
    }
    const id = await userId("T0001:U0CONC1");
    expect(await bot.store.prisma.networkFollow.count({ where: { userId: id } })).toBe(1);
  });

  it("Teams: two devices clicking together leave one row", async () => {
    const user = { id: "29:conc-teams", name: "Conc Teams", aadObjectId: "aad-conc" };
    await bot.teams.message("verkostot", { user });
    const clicks = await Promise.all([bot.teams.execute(FOLLOW, { user }), bot.teams.execute(FOLLOW, { user })]);
    for (const click of clicks) expect(cardText(click.body)).toContain(FOLLOWING);
    const id = await userId(user.id);
    expect(await bot.store.prisma.networkFollow.count({ where: { userId: id } })).toBe(1);
  });
});

describe("coordinators at the same moment", () => {
  it("the same core-group add sent three times at once: one member, one audit entry", async () => {
    await ensureCoordinators(bot.store.prisma, [{ platform: "slack", userId: "T0001:U0CONCK" }]);
    const replies = await Promise.all(
      Array.from({ length: 3 }, () => bot.slack.command("ydinryhmä lanu lisää <@U0CONCM|Mia>", { user: "U0CONCK" })),
    );
    const texts = replies.map(slackText);
    expect(texts.filter((t) => t.includes("Mia on nyt verkoston"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("Mia on jo verkoston"))).toHaveLength(2);
    expect(await bot.store.prisma.coreGroupMember.count({ where: { networkId: "lanu" } })).toBe(1);
    expect(await bot.store.prisma.auditEntry.count({ where: { action: "coreGroup.memberAdded" } })).toBe(1);
  });

  it("the only two coordinators removing each other: exactly one stays", async () => {
    await bot.store.prisma.user.updateMany({ data: { role: "STAFF" } });
    await ensureCoordinators(bot.store.prisma, [
      { platform: "slack", userId: "T0001:U0DUELA" },
      { platform: "slack", userId: "T0001:U0DUELB" },
    ]);
    const [a, b] = await Promise.all([
      bot.slack.command("koordinaattorit poista <@U0DUELB|B>", { user: "U0DUELA" }),
      bot.slack.command("koordinaattorit poista <@U0DUELA|A>", { user: "U0DUELB" }),
    ]);
    const texts = [slackText(a), slackText(b)];
    expect(texts.filter((t) => t.includes("ei ole enää koordinaattori."))).toHaveLength(1);
    // the other was either still a coordinator and told the one left is the last, or
    // already removed when their request began, and refused
    expect(texts.filter((t) => /on ainoa koordinaattori|Vain AKE:n koordinaattorit/.test(t))).toHaveLength(1);
    expect(await bot.store.prisma.user.count({ where: { role: "COORDINATOR" } })).toBe(1);
    expect(await bot.store.prisma.auditEntry.count({ where: { action: "coordinator.removed" } })).toBe(1);
  });
});
