// Coordinators and core groups managed in chat with @mentions, end to end: Slack's
// "<@U…|name>" in the slash text and Teams' mention entities. Only coordinators may
// change anything (checked on the server), every change is audited, the last
// coordinator stays. Both stores (TEST_DATABASE_URL for PostgreSQL).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureCoordinators } from "../domain/store/users.ts";
import { postActivity, type TeamsUser, teamsMessage } from "./fakes/teams-activities.ts";
import { cardOf, cardText, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
});
afterAll(async () => {
  await bot?.stop();
});

const SLACK_COORDINATOR = "U0COORD1";
const TEAMS_COORDINATOR = { id: "29:coord-teams", name: "Kaisa Koordinaattori", aadObjectId: "aad-coord" };
const SVEN = { id: "29:1sven-Q1w2E3", name: "Sven Svensson", aadObjectId: "aad-sven" };
const STAFF_TEAMS = { id: "29:staff-sv", name: "Stina Staff", aadObjectId: "aad-staff" };

beforeEach(async () => {
  await ensureCoordinators(bot.store.prisma, [
    { platform: "slack", userId: `T0001:${SLACK_COORDINATOR}` },
    { platform: "teams", userId: TEAMS_COORDINATOR.id },
  ]);
});

const slack = async (text: string, user = SLACK_COORDINATOR) => slackText(await bot.slack.command(text, { user }));

/** A Teams message with real mention entities, as Teams sends "koordinaattorit lisää @Sven". */
async function teams(text: string, user: TeamsUser, mentioned: TeamsUser[] = [], locale = "sv-FI"): Promise<string> {
  const activity = teamsMessage({ serviceUrl: bot.connector.url, text, locale, user });
  const tags = mentioned.map((m) => `<at>${m.name}</at>`);
  activity.text = [text, ...tags].join(" ");
  const entities = activity.entities as Array<Record<string, unknown>>;
  for (const [index, m] of mentioned.entries()) {
    entities.push({ type: "mention", text: tags[index], mentioned: { id: m.id, name: m.name } });
  }
  const response = await postActivity(`${bot.url}/api/messages`, activity);
  expect(response.status).toBeLessThan(300);
  const sent = await bot.connector.waitForActivity(
    (a) => a.replyToId === activity.id || a.activity.replyToId === activity.id,
    8_000,
  );
  return cardText(cardOf(sent));
}

const user = (platformUserId: string) => bot.store.prisma.user.findFirst({ where: { platformUserId } });
const audits = (action: string) => bot.store.prisma.auditEntry.findMany({ where: { action } });

describe("coordinators", () => {
  it("anyone sees the list; only coordinators see how to change it", async () => {
    // named once she has written to the bot; until then the list shows her platform id
    expect(await slack("koordinaattorit", "U0STAFF1")).toContain("coord-teams (Teams)");
    const own = await teams("koordinatorer", TEAMS_COORDINATOR);
    expect(own).toContain("AKE:s koordinatorer");
    expect(own).toContain("Lägg till eller ta bort en koordinator: koordinatorer lägg till @namn");
    const staff = await slack("koordinaattorit", "U0STAFF1");
    expect(staff).toContain("AKE:n koordinaattorit");
    expect(staff).toContain("Kaisa Koordinaattori (Teams)");
    expect(staff).not.toContain("Lisää tai poista koordinaattori");
    expect(await slack("koordinaattorit")).toContain(
      "Lisää tai poista koordinaattori: koordinaattorit lisää @nimi · koordinaattorit poista @nimi",
    );
  });

  it("Slack: a coordinator adds and removes by @mention; a new user is created; all audited", async () => {
    const added = await slack("koordinaattorit lisää <@U0NEWC1|maija.m>");
    expect(added).toContain("maija.m on nyt AKE:n koordinaattori.");
    expect(added).toContain("maija.m (Slack)");
    const created = await user("T0001:U0NEWC1");
    expect(created).toMatchObject({ platform: "SLACK", displayName: "maija.m", role: "COORDINATOR" });
    expect(await slack("koordinaattorit lisää <@U0NEWC1|maija.m>")).toContain("maija.m on jo koordinaattori.");
    const actor = await user(`T0001:${SLACK_COORDINATOR}`);
    expect(await audits("coordinator.added")).toEqual([
      expect.objectContaining({ actorUserId: actor?.id, subjectType: "user", subjectId: created?.id }),
    ]);

    expect(await slack("koordinaattorit poista <@U0NEWC1>")).toContain("maija.m ei ole enää koordinaattori.");
    expect((await user("T0001:U0NEWC1"))?.role).toBe("STAFF");
    expect(await slack("koordinaattorit poista <@U0NEWC1>")).toContain("maija.m ei ole koordinaattori.");
    expect(await audits("coordinator.removed")).toHaveLength(1);
  });

  it("Teams: lägg till / ta bort with a mention entity, in Swedish", async () => {
    const added = await teams("koordinatorer lägg till", TEAMS_COORDINATOR, [SVEN]);
    expect(added).toContain("Sven Svensson är nu koordinator för AKE.");
    expect(await user(SVEN.id)).toMatchObject({ platform: "TEAMS", displayName: "Sven Svensson", role: "COORDINATOR" });
    expect(await teams("koordinatorer ta bort", TEAMS_COORDINATOR, [SVEN])).toContain(
      "Sven Svensson är inte längre koordinator.",
    );
    expect((await user(SVEN.id))?.role).toBe("STAFF");
    expect(await teams("coordinators add", TEAMS_COORDINATOR, [], "en-US")).toContain(
      "Mention the person with @, e.g. coordinators add @Maija.",
    );
  });

  it("a non-coordinator is refused in their language and nothing changes", async () => {
    const auditsBefore = await bot.store.prisma.auditEntry.count();
    expect(await slack("koordinaattorit lisää <@U0VICTIM|v>", "U0STAFF2")).toContain(
      "Vain AKE:n koordinaattorit voivat tehdä tämän.",
    );
    expect(await user("T0001:U0VICTIM")).toBeNull();
    expect(await slack(`koordinaattorit poista <@${SLACK_COORDINATOR}>`, "U0STAFF2")).toContain(
      "Vain AKE:n koordinaattorit",
    );
    expect(await teams("koordinatorer ta bort", STAFF_TEAMS, [TEAMS_COORDINATOR])).toContain(
      "Bara AKE:s koordinatorer kan göra det.",
    );
    expect((await user(`T0001:${SLACK_COORDINATOR}`))?.role).toBe("COORDINATOR");
    expect((await user(TEAMS_COORDINATOR.id))?.role).toBe("COORDINATOR");
    expect(await bot.store.prisma.auditEntry.count()).toBe(auditsBefore);
  });

  it("the last coordinator cannot be removed, and is told why", async () => {
    await bot.store.prisma.user.updateMany({
      where: { platformUserId: { not: `T0001:${SLACK_COORDINATOR}` } },
      data: { role: "STAFF" },
    });
    const refused = await slack(`koordinaattorit poista <@${SLACK_COORDINATOR}|Olli>`);
    expect(refused).toContain("on ainoa koordinaattori, joten häntä ei voi poistaa");
    expect((await user(`T0001:${SLACK_COORDINATOR}`))?.role).toBe("COORDINATOR");
    // with a second one, a coordinator may step down; the hint then goes
    await ensureCoordinators(bot.store.prisma, [{ platform: "teams", userId: TEAMS_COORDINATOR.id }]);
    const removed = await slack(`koordinaattorit poista <@${SLACK_COORDINATOR}>`);
    expect(removed).toContain("ei ole enää koordinaattori.");
    expect(removed).not.toContain("Lisää tai poista koordinaattori");
  });

  it("apua shows the managing lines to coordinators only", async () => {
    expect(await slack("apua")).toContain("koordinaattorit lisää @nimi / koordinaattorit poista @nimi");
    expect(await slack("apua")).toContain("ydinryhmä severi lisää @nimi / ydinryhmä severi poista @nimi");
    const staff = await slack("apua", "U0STAFF3");
    expect(staff).toContain("koordinaattorit – AKE:n koordinaattorit");
    expect(staff).toContain("ydinryhmä severi – verkoston ydinryhmän jäsenet");
    expect(staff).not.toContain("koordinaattorit lisää");
  });
});

describe("core groups", () => {
  it("Slack: listed for everyone; a coordinator adds and removes, idempotent and audited", async () => {
    expect(await slack("ydinryhmä severi", "U0STAFF4")).toContain("Ydinryhmä: SEVERI – seniorityön verkosto");
    expect(await slack("ydinryhmä severi", "U0STAFF4")).toContain("Ei vielä jäseniä.");
    const added = await slack("ydinryhmä severi lisää <@U0MEMBER1|Maija Meikäläinen>");
    expect(added).toContain("Maija Meikäläinen on nyt verkoston ”SEVERI – seniorityön verkosto” ydinryhmässä.");
    expect(added).toContain("Maija Meikäläinen – kirjasto ei tiedossa");
    expect(await slack("ydinryhmä severi lisää <@U0MEMBER1>")).toContain("on jo verkoston");
    const member = await user("T0001:U0MEMBER1");
    const rows = () => bot.store.prisma.coreGroupMember.count({ where: { networkId: "severi", userId: member?.id } });
    expect(await rows()).toBe(1);
    expect(await audits("coreGroup.memberAdded")).toEqual([
      expect.objectContaining({ subjectType: "network", subjectId: "severi", details: expect.anything() }),
    ]);
    await bot.store.prisma.user.update({ where: { id: member?.id }, data: { libraryId: "vantaa" } });
    expect(await slack("ydinryhmä SEVERI", "U0STAFF4")).toContain("Maija Meikäläinen – Vantaan kaupunginkirjasto");

    expect(await slack("ydinryhmä severi poista <@U0MEMBER1>", "U0STAFF4")).toContain("Vain AKE:n koordinaattorit");
    expect(await rows()).toBe(1);
    expect(await slack("ydinryhmä severi poista <@U0MEMBER1>")).toContain("ei ole enää verkoston");
    expect(await slack("ydinryhmä severi poista <@U0MEMBER1>")).toContain("ei ollut verkoston");
    expect(await rows()).toBe(0);
    expect(await audits("coreGroup.memberRemoved")).toHaveLength(1);
  });

  it("Teams in Swedish: a member added in chat sees the core-group meetings", async () => {
    await bot.store.prisma.session.create({
      data: {
        kind: "CORE_GROUP_MEETING",
        networkId: "svea",
        titleFi: "SVEA:n ydinryhmän kokous",
        titleSv: "SVEA:s kärngruppsmöte",
        titleEn: "SVEA core group meeting",
        languages: ["sv"],
        startsAt: new Date("2026-11-05T13:00:00+02:00"),
        endsAt: new Date("2026-11-05T14:30:00+02:00"),
      },
    });
    expect(await teams("nätverk svea", SVEN)).not.toContain("SVEA:s kärngruppsmöte");
    const added = await teams("kärngrupp svea lägg till", TEAMS_COORDINATOR, [SVEN]);
    expect(added).toContain("Sven Svensson är nu med i kärngruppen för ”SVEA – nätverket för svenskspråkig service”.");
    expect(added).toContain("Sven Svensson – bibliotek inte angivet");
    expect(await teams("nätverk svea", SVEN)).toContain("SVEA:s kärngruppsmöte");
    expect(await teams("kärngrupp svea lägg till", STAFF_TEAMS, [STAFF_TEAMS])).toContain(
      "Bara AKE:s koordinatorer kan göra det.",
    );
    expect(await teams("kärngrupp svea ta bort", TEAMS_COORDINATOR, [SVEN])).toContain(
      "Sven Svensson är inte längre med i kärngruppen",
    );
    expect(await teams("nätverk svea", SVEN)).not.toContain("SVEA:s kärngruppsmöte");
  });

  it("asks which network, names unknown ones, and asks for a mention", async () => {
    expect(await slack("ydinryhmä")).toContain("Minkä verkoston ydinryhmää tarkoitat? Esimerkiksi ydinryhmä severi.");
    expect(await slack("ydinryhmä kissat lisää <@U0X>")).toContain("En tunne verkostoa ”kissat”.");
    expect(await slack("coregroup severi add")).toContain(
      "Mainitse henkilö @-merkillä, esim. ydinryhmä severi lisää @Maija.",
    );
  });
});
