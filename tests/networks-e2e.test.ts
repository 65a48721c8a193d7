// `verkostot` and the Follow / Unfollow buttons, and `verkosto severi`'s buttons, end to end
// on both platforms in Finnish and Swedish through the HTTP endpoints, on the real store
// (embedded, or PostgreSQL with TEST_DATABASE_URL). The clock is Monday 19 Oct 2026 10:00
// in Helsinki. Concurrent clicks: networks-concurrency.test.ts; details: networks-detail.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionPayload } from "../bot/reply.ts";
import type { TeamsUser } from "./fakes/teams-activities.ts";
import { cardOf, cardText, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
});
afterAll(async () => {
  await bot?.stop();
});

type Platform = "slack" | "teams";
type Lang = "fi" | "sv";
let counter = 0;

interface Person {
  platform: Platform;
  lang: Lang;
  slackId: string;
  teams: TeamsUser;
}

function newPerson(platform: Platform, lang: Lang): Person {
  const n = ++counter;
  const slackId = `U0NET${lang.toUpperCase()}${n}`;
  bot.fakeSlack.setUserLocale(slackId, lang === "sv" ? "sv-SE" : "fi-FI");
  const teams = { id: `29:net-${lang}-${n}`, name: `Net User ${n}`, aadObjectId: `aad-net-${n}` };
  return { platform, lang, slackId, teams };
}

const locale = (person: Person) => (person.lang === "sv" ? "sv-FI" : "fi-FI");

interface Answer {
  text: string;
  /** what each button would send */
  buttons: ActionPayload[];
  /** a click's answer replaced the clicked card */
  replaced: boolean;
}

function slackButtons(blocks: Array<Record<string, unknown>>): ActionPayload[] {
  return blocks
    .flatMap((b) => (b.type === "actions" ? (b.elements as Array<{ value?: string }>) : []))
    .flatMap((e) => (e.value ? [JSON.parse(e.value) as ActionPayload] : []));
}

function teamsButtons(card: unknown): ActionPayload[] {
  if (Array.isArray(card)) return card.flatMap(teamsButtons);
  if (typeof card !== "object" || card === null) return [];
  const node = card as Record<string, unknown>;
  const own = node.type === "Action.Execute" ? [node.data as ActionPayload] : [];
  return [...own, ...Object.entries(node).flatMap(([key, value]) => (key === "fallback" ? [] : teamsButtons(value)))];
}

/** Says `text` as the person. */
async function say(person: Person, text: string): Promise<Answer> {
  if (person.platform === "slack") {
    const reply = await bot.slack.command(text, { user: person.slackId });
    return { text: slackText(reply), buttons: slackButtons(reply.blocks), replaced: false };
  }
  const card = cardOf(await bot.teams.message(text, { locale: locale(person), user: person.teams }));
  return { text: cardText(card), buttons: teamsButtons(card), replaced: false };
}

/** Clicks a button: the card that replaced the clicked one, or the new message. */
async function click(person: Person, payload: ActionPayload): Promise<Answer> {
  if (person.platform === "slack") {
    const reply = await bot.slack.click(payload, { user: person.slackId });
    return { text: slackText(reply), buttons: slackButtons(reply.blocks), replaced: reply.replace_original === true };
  }
  const { status, body } = await bot.teams.execute(payload, { locale: locale(person), user: person.teams });
  expect(status).toBe(200);
  const replaced = body.type === "application/vnd.microsoft.card.adaptive";
  if (replaced) return { text: cardText(body.value), buttons: teamsButtons(body.value), replaced };
  return { text: String(body.value), buttons: [], replaced };
}

async function userId(person: Person): Promise<string> {
  const platformUserId = person.platform === "slack" ? `T0001:${person.slackId}` : person.teams.id;
  const user = await bot.store.prisma.user.findFirstOrThrow({ where: { platformUserId } });
  return user.id;
}

const follows = (networkId: string, id: string) =>
  bot.store.prisma.networkFollow.count({ where: { networkId, userId: id } });

const WORDS = {
  fi: {
    list: "verkostot",
    title: "AKE:n alueelliset verkostot",
    severi: "SEVERI – seniorityön verkosto",
    summary: "Seniori-ikäisten palvelujen parissa",
    next: "Seuraavaksi: SEVERI-verkoston etäkahvit, ke 21.10. klo 10.00–10.45",
    none: "Ei tulevia tilaisuuksia.",
    following: "✓ Seuraat tätä verkostoa",
    follow: "Seuraa",
    unfollow: "Lopeta seuraaminen",
    one: "verkosto severi",
    coreGroup: "Ydinryhmä",
    unknown:
      "En tunne verkostoa ”kirjastokissat”. Verkostot: esihenkilot, kirjastoautot, lanu, severi, svea, vapaaehtoiset.",
  },
  sv: {
    list: "nätverk",
    title: "AKE:s regionala nätverk",
    severi: "SEVERI – nätverket för seniortjänster",
    summary: "Nätverket för dem som arbetar med tjänster för seniorer",
    next: "Nästa: SEVERI-nätverkets distanskaffe, ons 21.10 kl. 10.00–10.45",
    none: "Inga kommande träffar.",
    following: "✓ Du följer det här nätverket",
    follow: "Följ",
    unfollow: "Sluta följa",
    one: "nätverk severi",
    coreGroup: "Kärngrupp",
    unknown:
      "Jag känner inte till nätverket ”kirjastokissat”. Nätverken är: esihenkilot, kirjastoautot, lanu, severi, svea, vapaaehtoiset.",
  },
};

const FOLLOW_SEVERI = { verb: "networks.follow", args: { n: "severi" } };
const UNFOLLOW_SEVERI = { verb: "networks.unfollow", args: { n: "severi" } };
const verbsOf = (answer: Answer) => answer.buttons.map((b) => `${b.verb} ${b.args.n ?? ""}`);

describe.each(["slack", "teams"] as const)("on %s", (platform) => {
  describe.each(["fi", "sv"] as const)("in %s", (lang) => {
    const want = WORDS[lang];

    it("the list shows every network, its next sessions and the follow state, updated by the buttons", async () => {
      const person = newPerson(platform, lang);
      const list = await say(person, want.list);
      expect(list.text).toContain(want.title);
      expect(list.text).toContain(want.severi);
      expect(list.text).toContain(want.summary);
      expect(list.text).toContain(want.next);
      expect(list.text).toContain(want.none); // the supervisors' network has no series
      expect(list.text).not.toContain(want.following);
      expect(list.text).toContain(want.follow);
      expect(verbsOf(list).filter((v) => v.startsWith("networks.follow "))).toHaveLength(6);
      expect(verbsOf(list)).toContain("networks.show severi");

      const followed = await click(person, FOLLOW_SEVERI);
      expect(followed.replaced).toBe(true);
      expect(followed.text).toContain(want.title);
      expect(followed.text).toContain(want.following);
      expect(followed.text).toContain(want.unfollow);
      expect(verbsOf(followed)).toContain("networks.unfollow severi");
      expect(verbsOf(followed).filter((v) => v.startsWith("networks.follow "))).toHaveLength(5);
      expect(await follows("severi", await userId(person))).toBe(1);
      expect((await say(person, want.list)).text).toContain(want.following);

      const unfollowed = await click(person, UNFOLLOW_SEVERI);
      expect(unfollowed.replaced).toBe(true);
      expect(unfollowed.text).not.toContain(want.following);
      expect(await follows("severi", await userId(person))).toBe(0);
    });

    it("one network: purpose, sessions, core group, contact and its buttons", async () => {
      const person = newPerson(platform, lang);
      const one = await say(person, want.one);
      expect(one.text).toContain(want.severi);
      expect(one.text).toContain(want.summary);
      expect(one.text).toContain(lang === "fi" ? "ke 21.10. klo 10.00–10.45" : "ons 21.10 kl. 10.00–10.45");
      expect(one.text).toContain(want.coreGroup);
      expect(one.text).toContain(lang === "fi" ? "AKE:n koordinaattorit" : "AKE:s koordinatorer");
      expect(one.buttons).toContainEqual({ verb: "networks.follow", args: { n: "severi", v: "d" } });
      expect(one.buttons).toContainEqual({ verb: "registrations.list", args: { n: "severi" } });
      // following from this card redraws this card
      const followed = await click(person, { verb: "networks.follow", args: { n: "severi", v: "d" } });
      expect(followed.replaced).toBe(true);
      expect(followed.text).toContain(lang === "fi" ? "Seuraat tätä verkostoa." : "Du följer det här nätverket.");
      expect(followed.text).toContain(want.coreGroup);
      expect(followed.buttons).toContainEqual({ verb: "networks.unfollow", args: { n: "severi", v: "d" } });
      // "Details" in the list opens the same card as a new message
      const details = await click(person, { verb: "networks.show", args: { n: "severi" } });
      expect(details.replaced).toBe(false);
    });

    it("an unknown network is named, with the ids that exist", async () => {
      const person = newPerson(platform, lang);
      expect((await say(person, `${want.one.split(" ")[0]} kirjastokissat`)).text).toContain(want.unknown);
    });
  });

  it("a repeated Follow click leaves one row", async () => {
    const person = newPerson(platform, "fi");
    await say(person, "verkostot");
    for (let i = 0; i < 3; i++) expect((await click(person, FOLLOW_SEVERI)).text).toContain(WORDS.fi.following);
    expect(await follows("severi", await userId(person))).toBe(1);
  });

  it("a forged Follow payload stores nothing and says why", async () => {
    const person = newPerson(platform, "fi");
    await say(person, "verkostot");
    const id = await userId(person);
    const unknown = await click(person, { verb: "networks.follow", args: { n: "kirjastokissat" } });
    expect(unknown.replaced).toBe(false);
    expect(unknown.text).toContain("Verkostoa ei enää ole. Komento verkostot näyttää nykyiset verkostot.");
    const malformed = await click(person, { verb: "networks.follow", args: { n: "severi'; drop table" } });
    expect(malformed.text).toContain("Painike ei ole enää voimassa");
    const missing = await click(person, { verb: "networks.unfollow", args: {} });
    expect(missing.text).toContain("Painike ei ole enää voimassa");
    expect(await bot.store.prisma.networkFollow.count({ where: { userId: id } })).toBe(0);
  });
});
