// `kirjasto` / `bibliotek`: the user's library from the 26 municipalities' libraries,
// searched in Finnish or Swedish without regard to diacritics; end to end on both
// platforms and both stores, plus the search itself and askLibraryBlocks.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askLibraryBlocks } from "../bot/features/people/index.ts";
import { searchLibraries } from "../bot/features/people/library.ts";
import { silentLogger } from "../bot/log.ts";
import type { ActionPayload } from "../bot/reply.ts";
import { startTurn } from "../bot/turn.ts";
import type { LibraryRecord } from "../domain/store/people.ts";
import { cardOf, cardText, PUBLIC_URL, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";

const SAMPLE = JSON.parse(readFileSync("prisma/seed/sample-data.json", "utf8")) as { libraries: LibraryRecord[] };

describe("searching the libraries", () => {
  const ids = (query: string) => searchLibraries(SAMPLE.libraries, query).map((l) => l.id);

  it.each([
    ["porvoo", ["porvoo"]],
    ["Porvoon", ["porvoo"]],
    ["borgå", ["porvoo"]],
    ["BORGA", ["porvoo"]],
    ["jarvenpaa", ["jarvenpaa"]],
    ["träskända", ["jarvenpaa"]],
    ["esbo stadsbibliotek", ["espoo"]],
    ["helsingin kaupunginkirjasto", ["helsinki"]],
    ["raseborgs", ["raasepori"]],
    ["borg", ["pornainen", "porvoo"]],
    ["lo", ["lohja", "loviisa"]],
    ["tampere", []],
    ["k", []],
  ])("%s → %j", (query, expected) => {
    expect(ids(query).sort()).toEqual(expected);
  });

  it("a generic word matches too many to offer", () => {
    expect(ids("kaupunginkirjasto")).toHaveLength(13);
    expect(ids("kommunbibliotek")).toHaveLength(13);
  });
});

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
});
afterAll(async () => {
  await bot?.stop();
});

const libraryOf = async (platformUserId: string) =>
  (await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId } })).libraryId;

function slackButtons(blocks: Array<Record<string, unknown>>): ActionPayload[] {
  return blocks
    .flatMap((b) => (b.type === "actions" ? (b.elements as Array<{ value?: string }>) : []))
    .flatMap((e) => (e.value ? [JSON.parse(e.value) as ActionPayload] : []));
}

describe("kirjasto on Slack, in Finnish", () => {
  const user = "U0LIBFI1";

  it("without a library: says so and how to tell it; one match is stored at once", async () => {
    const before = slackText(await bot.slack.command("kirjasto", { user }));
    expect(before).toContain("Et ole vielä kertonut, missä kirjastossa työskentelet.");
    expect(before).toContain("Kerro se komennolla kirjasto &lt;kunta tai kirjasto&gt;, esim. kirjasto porvoo.");
    const saved = slackText(await bot.slack.command("kirjasto Järvenpää", { user }));
    expect(saved).toContain("Tallennettu: kirjastosi on Järvenpään kaupunginkirjasto.");
    expect(saved).toContain("Tietoa käytetään vain AKE:n tilastoihin");
    expect(await libraryOf(`T0001:${user}`)).toBe("jarvenpaa");
    expect(slackText(await bot.slack.command("kirjasto", { user }))).toContain(
      "Kirjastosi: Järvenpään kaupunginkirjasto.",
    );
  });

  it("several matches become buttons; a click stores the choice and replaces the question", async () => {
    const reply = await bot.slack.command("kirjasto lo", { user });
    expect(slackText(reply)).toContain("Hakuun ”lo” sopii useampi kirjasto. Mikä niistä on sinun?");
    const buttons = slackButtons(reply.blocks);
    expect(buttons).toEqual([
      { verb: "people.setLibrary", args: { l: "lohja" } },
      { verb: "people.setLibrary", args: { l: "loviisa" } },
    ]);
    const clicked = await bot.slack.click(buttons[1] as ActionPayload, { user });
    expect(clicked.replace_original).toBe(true);
    expect(slackText(clicked)).toContain("Tallennettu: kirjastosi on Loviisan kaupunginkirjasto.");
    expect(await libraryOf(`T0001:${user}`)).toBe("loviisa");
  });

  it("no match, or too many, changes nothing and says what to try", async () => {
    expect(slackText(await bot.slack.command("kirjasto tampere", { user }))).toContain(
      "Mikään Uudenmaan kirjasto ei vastaa hakua ”tampere”. Kokeile kunnan nimeä suomeksi tai ruotsiksi, esim. kirjasto porvoo.",
    );
    expect(slackText(await bot.slack.command("kirjasto kaupunginkirjasto", { user }))).toContain(
      "Hakuun ”kaupunginkirjasto” sopii 13 kirjastoa. Tarkenna hakua",
    );
    expect(await libraryOf(`T0001:${user}`)).toBe("loviisa");
  });

  it("a forged choice of a library outside the list is refused", async () => {
    const outside = await bot.slack.click({ verb: "people.setLibrary", args: { l: "tampere" } }, { user });
    expect(slackText(outside)).toContain(
      "Kirjasto ei ole Uudenmaan kirjastojen luettelossa, joten mitään ei muutettu.",
    );
    const malformed = await bot.slack.click({ verb: "people.setLibrary", args: { l: "../porvoo" } }, { user });
    expect(slackText(malformed)).toContain("Painike ei ole enää voimassa");
    expect(await libraryOf(`T0001:${user}`)).toBe("loviisa");
  });
});

describe("bibliotek on Teams, in Swedish", () => {
  const user = { id: "29:lib-sv-1", name: "Sara Svensk", aadObjectId: "aad-lib-sv-1" };
  const say = async (text: string) => cardText(cardOf(await bot.teams.message(text, { locale: "sv-FI", user })));

  it("finds Swedish names, offers a choice, and stores it from the button", async () => {
    expect(await say("bibliotek")).toContain("Du har inte berättat vilket bibliotek du arbetar på ännu.");
    expect(await say("bibliotek träskända")).toContain("Sparat: ditt bibliotek är Träskända stadsbibliotek.");
    expect(await libraryOf(user.id)).toBe("jarvenpaa");
    const choice = await say("bibliotek borg");
    expect(choice).toContain("Flera bibliotek passar in på ”borg”. Vilket är ditt?");
    expect(choice).toContain("Borgå stadsbibliotek");
    expect(choice).toContain("Borgnäs kommunbibliotek");
    const { body } = await bot.teams.execute(
      { verb: "people.setLibrary", args: { l: "porvoo" } },
      { locale: "sv-FI", user },
    );
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(body.value)).toContain("Sparat: ditt bibliotek är Borgå stadsbibliotek.");
    expect(await libraryOf(user.id)).toBe("porvoo");
    expect(await say("bibliotek")).toContain("Ditt bibliotek: Borgå stadsbibliotek.");
    expect(await say("bibliotek åbo")).toContain("Inget bibliotek i Nyland motsvarar ”åbo”.");
    expect(await libraryOf(user.id)).toBe("porvoo");
  });

  it("hjälp tells how to give one's library", async () => {
    expect(await say("hjälp")).toContain("bibliotek – ditt bibliotek; ange det t.ex. så här: bibliotek borgå");
  });
});

describe("askLibraryBlocks, for other features", () => {
  it.each([
    ["fi-FI", "Missä kirjastossa työskentelet?", "Vastaa komennolla kirjasto ja kuntasi tai kirjastosi nimellä"],
    ["sv-FI", "Vilket bibliotek arbetar du på?", "Svara med bibliotek och namnet på din kommun eller ditt bibliotek"],
    ["en-GB", "Which library do you work in?", "Answer with library and the name of your municipality"],
  ])("asks in the user's language (%s)", async (locale, question, hint) => {
    const deps = { prisma: bot.store.prisma, now: () => bot.clock.now, publicUrl: PUBLIC_URL, log: silentLogger };
    const turn = await startTurn(deps, { platform: "teams", userId: `29:ask-${locale}`, platformLocale: locale });
    const text = JSON.stringify(await askLibraryBlocks(turn));
    expect(text).toContain(question);
    expect(text).toContain(hint);
  });
});
