// `verkosto severi` in detail and `seuraa` / `lopeta` by name, end to end on both
// platforms and both stores: core-group members and their libraries, the coordinator
// contact, the user's registrations, and core-group meetings shown only to the core
// group and coordinators. The clock is Monday 19 Oct 2026 10:00 in Helsinki.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCoordinators } from "../domain/store/users.ts";
import { cardOf, cardText, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
});
afterAll(async () => {
  await bot?.stop();
});

interface Person {
  platform: "slack" | "teams";
  lang: "fi" | "sv";
  id: string;
}

let counter = 0;
function newPerson(platform: Person["platform"], lang: Person["lang"]): Person {
  const n = ++counter;
  const id = platform === "slack" ? `U0DET${lang.toUpperCase()}${n}` : `29:detail-${lang}-${n}`;
  if (platform === "slack") bot.fakeSlack.setUserLocale(id, lang === "sv" ? "sv-SE" : "fi-FI");
  return { platform, lang, id };
}

/** Says `text` as the person; the reply's text. */
async function say(person: Person, text: string): Promise<{ text: string }> {
  if (person.platform === "slack") return { text: slackText(await bot.slack.command(text, { user: person.id })) };
  const user = { id: person.id, name: `Detail ${person.id.slice(-4)}`, aadObjectId: `aad-${person.id}` };
  const locale = person.lang === "sv" ? "sv-FI" : "fi-FI";
  return { text: cardText(cardOf(await bot.teams.message(text, { locale, user }))) };
}

async function userId(person: Person): Promise<string> {
  const platformUserId = person.platform === "slack" ? `T0001:${person.id}` : person.id;
  return (await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId } })).id;
}

describe("following by command", () => {
  it("seuraa / lopeta by id or name, without regard to case or diacritics", async () => {
    const person = newPerson("slack", "fi");
    const say_ = async (text: string) => (await say(person, text)).text;
    expect(await say_("seuraa SEVERI")).toContain("Seuraat nyt verkostoa ”SEVERI – seniorityön verkosto”.");
    expect(await say_("seuraa severi")).toContain("Seuraat jo verkostoa");
    expect(await say_("seuraa uudenmaan kirjastoautoverkosto")).toContain("Uudenmaan kirjastoautoverkosto");
    expect(await say_("seuraa lasten ja nuorten")).toContain("Lasten ja nuorten kirjastotyön verkosto");
    const id = await userId(person);
    expect(await bot.store.prisma.networkFollow.count({ where: { userId: id } })).toBe(3);
    expect(await say_("lopeta severi")).toContain("Et enää seuraa verkostoa ”SEVERI – seniorityön verkosto”.");
    expect(await say_("lopeta severi")).toContain("Et seurannut verkostoa");
    expect(await say_("seuraa")).toContain("Mitä verkostoa tarkoitat? Esimerkiksi seuraa severi.");
  });

  it("följ / sluta in Swedish, by a Swedish name", async () => {
    const person = newPerson("teams", "sv");
    const say_ = async (text: string) => (await say(person, text)).text;
    expect(await say_("följ nylands bokbussnätverk")).toContain("Du följer nu ”Nylands bokbussnätverk”.");
    expect(await say_("folj bokbuss")).toContain("Du följer redan ”Nylands bokbussnätverk”.");
    expect(await say_("sluta kirjastoautot")).toContain("Du följer inte längre ”Nylands bokbussnätverk”.");
    expect(await say_("följ nätverket")).toContain("Jag känner inte till nätverket ”nätverket”.");
  });
});

describe("what one network shows", () => {
  it("core-group members with their libraries, the contact, and the user's registrations", async () => {
    const { prisma } = bot.store;
    const withLibrary = await prisma.user.create({
      data: { platform: "SLACK", platformUserId: "T0001:U0CORE1", displayName: "Pia Porvoo", libraryId: "porvoo" },
    });
    const without = await prisma.user.create({
      data: { platform: "TEAMS", platformUserId: "29:core-2", displayName: "Nils Nolib" },
    });
    await prisma.coreGroupMember.createMany({
      data: [withLibrary, without].map((u) => ({ networkId: "lanu", userId: u.id })),
    });
    await prisma.network.update({ where: { id: "lanu" }, data: { contact: "Liisa Lastenkirjasto, liisa@example.fi" } });
    const person = newPerson("slack", "fi");
    await say(person, "verkostot");
    const session = await prisma.session.findFirstOrThrow({
      where: { networkId: "lanu", startsAt: { gte: bot.clock.now } },
      orderBy: { startsAt: "asc" },
    });
    await prisma.registration.create({
      data: { sessionId: session.id, userId: await userId(person), status: "REGISTERED" },
    });

    const fi = (await say(person, "verkosto lanu")).text;
    expect(fi).toContain("Pia Porvoo – Porvoon kaupunginkirjasto");
    expect(fi).toContain("Nils Nolib – kirjasto ei tiedossa");
    expect(fi).toContain("Liisa Lastenkirjasto, liisa@example.fi");
    expect(fi).toContain("(✓ ilmoittautunut)");
    const sv = (await say(newPerson("teams", "sv"), "nätverk lanu")).text;
    expect(sv).toContain("Pia Porvoo – Borgå stadsbibliotek");
    expect(sv).toContain("Nils Nolib – bibliotek inte angivet");
    expect(sv).not.toContain("anmäld");
  });

  it("a core-group meeting shows only to the core group and to coordinators", async () => {
    const { prisma } = bot.store;
    await prisma.session.create({
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
    const outsider = newPerson("slack", "sv");
    const member = newPerson("teams", "sv");
    const coordinator = newPerson("slack", "fi");
    await say(member, "nätverk");
    await prisma.coreGroupMember.create({ data: { networkId: "svea", userId: await userId(member) } });
    await ensureCoordinators(prisma, [{ platform: "slack", userId: `T0001:${coordinator.id}` }]);

    for (const answer of [await say(outsider, "nätverk svea"), await say(outsider, "nätverk")]) {
      expect(answer.text).not.toContain("SVEA:s kärngruppsmöte");
    }
    expect((await say(member, "nätverk svea")).text).toContain("tors 5.11 kl. 13.00–14.30 – SVEA:s kärngruppsmöte");
    expect((await say(member, "nätverk")).text).toContain("Nästa: SVEA:s kärngruppsmöte");
    expect((await say(coordinator, "verkosto svea")).text).toContain("SVEA:n ydinryhmän kokous");
  });

  it("apua lists the network commands", async () => {
    const fi = (await say(newPerson("slack", "fi"), "apua")).text;
    expect(fi).toContain(
      "verkostot – alueelliset verkostot ja niiden seuraaminen. Yhden verkoston tiedot: verkosto severi",
    );
    expect(fi).toContain("seuraa / lopeta &lt;verkosto&gt;"); // Slack mrkdwn escapes < and >
    expect((await say(newPerson("teams", "sv"), "hjälp")).text).toContain("följ / sluta <nätverk>");
  });
});
