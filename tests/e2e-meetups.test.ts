// `kahvit`, `apua`, `kieli` and a typo, end to end on both platforms in all three
// languages: signed Slack requests and Bot Framework activities through the HTTP
// endpoints, the real core and store (embedded, or PostgreSQL with TEST_DATABASE_URL).
// The clock is Monday 19 Oct 2026 10:00 in Helsinki; the clocks go back on 25 Oct.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamsUser } from "./fakes/teams-activities.ts";
import { cardOf, cardText, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
});
afterAll(async () => {
  await bot?.stop();
});

const LOCALES = {
  fi: { slack: "fi-FI", teams: "fi-FI" },
  sv: { slack: "sv-SE", teams: "sv-FI" },
  en: { slack: "en-US", teams: "en-US" },
};
type Lang = keyof typeof LOCALES;
let userCounter = 0;

/** Asks on a platform as a new user whose platform locale is `lang`; returns the reply's text. */
async function ask(
  platform: "slack" | "teams",
  lang: Lang,
  text: string,
  user = newUser(platform, lang),
): Promise<string> {
  if (platform === "slack") return slackText(await bot.slack.command(text, { user: user.id }));
  return cardText(cardOf(await bot.teams.message(text, { locale: LOCALES[lang].teams, user: user as TeamsUser })));
}

function newUser(platform: "slack" | "teams", lang: Lang): TeamsUser {
  const n = ++userCounter;
  if (platform === "slack") {
    const id = `U0LANG${lang.toUpperCase()}${n}`;
    bot.fakeSlack.setUserLocale(id, LOCALES[lang].slack);
    return { id, name: id, aadObjectId: id };
  }
  return {
    id: `29:user-${lang}-${n}`,
    name: `User ${n}`,
    aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  };
}

const EXPECTED = {
  fi: {
    title: "Etäkahvit ja verkostojen tilaisuudet",
    first: "ti 20.10. klo 9.00–9.30",
    after: "ke 28.10. klo 9.00–9.15",
    help: "AKE-botti – ohje",
    join: "Liity",
    remind: "Muistuta minua",
    calendar: "Lisää kalenteriin",
  },
  sv: {
    title: "Distanskaffen och nätverksträffar",
    first: "tis 20.10 kl. 9.00–9.30",
    after: "ons 28.10 kl. 9.00–9.15",
    help: "AKE-botten – hjälp",
    join: "Delta",
    remind: "Påminn mig",
    calendar: "Lägg till i kalendern",
  },
  en: {
    title: "Remote coffees and network sessions",
    first: "Tue 20 Oct, 09:00–09:30",
    after: "Wed 28 Oct, 09:00–09:15",
    help: "AKE bot – help",
    join: "Join",
    remind: "Remind me",
    calendar: "Add to calendar",
  },
};

describe.each(["slack", "teams"] as const)("on %s", (platform) => {
  describe.each(["fi", "sv", "en"] as const)("a user whose platform speaks %s", (lang) => {
    const want = EXPECTED[lang];

    it("kahvit lists the coming four weeks, soonest first, on the Helsinki clock", async () => {
      const text = await ask(platform, lang, "kahvit");
      expect(text).toContain(want.title);
      expect(text).toContain(want.first);
      // the bookmobile quarter-hour after the clocks went back is still at 9.00
      expect(text).toContain(want.after);
      expect(text.indexOf(want.first)).toBeLessThan(text.indexOf(want.after));
      expect(text).toContain(want.join);
      expect(text).toContain(want.calendar);
      expect(text).toContain(want.remind);
      expect(text).toContain("https://teams.microsoft.com/l/meetup-join/");
      expect(text).toMatch(/https:\/\/ake\.example\.test\/calendar\/sessions\/[0-9a-f-]+\.ics\?lang=/);
    });

    it("apua answers with the commands in the user's language", async () => {
      const text = await ask(platform, lang, lang === "sv" ? "hjälp" : lang === "en" ? "help" : "apua");
      expect(text).toContain(want.help);
      expect(text).toContain({ fi: "kahvit", sv: "kaffe", en: "coffees" }[lang]);
    });

    it("a typo gets the closest command named in the user's language, never silence", async () => {
      const text = await ask(platform, lang, "kahvi");
      const expected = { fi: "Tarkoititko kahvit?", sv: "Menade du kaffe?", en: "Did you mean coffees?" }[lang];
      expect(text).toContain(expected);
    });
  });

  it("kieli sv switches a Finnish user to Swedish for good", async () => {
    const user = newUser(platform, "fi");
    expect(await ask(platform, "fi", "kahvit", user)).toContain(EXPECTED.fi.title);
    expect(await ask(platform, "fi", "kieli sv", user)).toContain("jag använder svenska");
    expect(await ask(platform, "fi", "kahvit", user)).toContain(EXPECTED.sv.title);
    expect(await ask(platform, "fi", "språk", user)).toContain("Ditt språk är svenska");
    expect(await ask(platform, "fi", "language en", user)).toContain("I'll use English");
  });

  it("kieli with an unknown language explains the choices", async () => {
    expect(await ask(platform, "fi", "kieli klingon")).toContain("Valitse fi (suomi), sv (svenska) tai en (English)");
  });

  it("filters: a network, a language and a span", async () => {
    const severi = await ask(platform, "fi", "kahvit severi");
    expect(severi).toContain("SEVERI");
    expect(severi).toContain("ke 21.10. klo 10.00–10.45");
    expect(severi).not.toContain("AKE:n etäkahvit");
    expect(severi).toContain("1–1 / 1");
    const swedish = await ask(platform, "sv", "kaffe sv 8vk");
    expect(swedish).toContain("SVEA");
    expect(swedish).not.toContain("Tutkittua");
    expect(await ask(platform, "fi", "kahvit sevri")).toContain("En tunne verkostoa tai teemaa ”sevri”");
    expect(await ask(platform, "en", "coffees 40w")).toContain("at most 26 weeks");
  });
});

describe("paging and reminders", () => {
  it("Slack: 'More' replaces the list with the next page", async () => {
    const first = await bot.slack.command("kahvit 12vk", { user: "U0PAGER" });
    const more = first.blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements as Array<Record<string, unknown>>) : []))
      .find((e) => (e.text as { text: string }).text === "Lisää");
    expect(more).toBeDefined();
    const next = await bot.slack.click(String(more?.value), { user: "U0PAGER" });
    expect(next.replace_original).toBe(true);
    expect(slackText(next)).toContain("9–");
    expect(slackText(next)).toContain("Edelliset");
  });

  it("Teams: 'Remind me' is recorded once, however often it is clicked, and shows in the list", async () => {
    const user = { id: "29:reminder-user", name: "Riikka", aadObjectId: "00000000-0000-4000-8000-00000000aaaa" };
    const list = cardText(cardOf(await bot.teams.message("kahvit", { user })));
    const sessionId = /"verb":"meetups\.remind","args":\{"s":"([^"]+)"/.exec(list)?.[1];
    expect(sessionId).toBeDefined();
    const payload = { verb: "meetups.remind", args: { s: sessionId ?? "" } };
    const clicks = await Promise.all([bot.teams.execute(payload, { user }), bot.teams.execute(payload, { user })]);
    for (const click of clicks) {
      expect(click.status).toBe(200);
      // the clicked card is replaced by the list with the confirmation on top (the
      // click that came second is told it was already asked)
      expect(JSON.stringify(click.body)).toMatch(/Muistutan sinua tilaisuudesta|Olet jo pyytänyt muistutusta/);
    }
    const interests = await bot.store.prisma.sessionInterest.count({ where: { sessionId } });
    expect(interests).toBe(1);
    const again = cardText(cardOf(await bot.teams.message("kahvit", { user })));
    expect(again).toContain("🔔 Saat muistutuksen");
  });

  it("Slack: 'Remind me' redraws the list with the bell and a confirmation; a stale second click says so", async () => {
    const list = await bot.slack.command("kahvit", { user: "U0REMIND" });
    const remind = list.blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements as Array<Record<string, unknown>>) : []))
      .find((e) => String(e.value ?? "").includes("meetups.remind"));
    const first = await bot.slack.click(String(remind?.value), { user: "U0REMIND" });
    expect(first.replace_original).toBe(true);
    expect(slackText(first)).toContain("Muistutan sinua tilaisuudesta ”AKE:n etäkahvit” (ti 20.10. klo 9.00–9.30)");
    expect(slackText(first)).toContain("🔔 Saat muistutuksen");
    expect(slackText(first)).toContain("Etäkahvit ja verkostojen tilaisuudet");
    // the same (now stale) button clicked again, e.g. from another device
    const second = await bot.slack.click(String(remind?.value), { user: "U0REMIND" });
    expect(slackText(second)).toContain("Olet jo pyytänyt muistutusta");
    expect(
      await bot.store.prisma.sessionInterest.count({ where: { user: { platformUserId: "T0001:U0REMIND" } } }),
    ).toBe(1);
  });

  it("Remind me in a filtered list redraws that same filtered list", async () => {
    const list = await bot.slack.command("kahvit severi", { user: "U0FILTER" });
    const remind = list.blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements as Array<Record<string, unknown>>) : []))
      .find((e) => String(e.value ?? "").includes("meetups.remind"));
    const after = slackText(await bot.slack.click(String(remind?.value), { user: "U0FILTER" }));
    expect(after).toContain("Etäkahvit ja verkostojen tilaisuudet: severi");
    expect(after).toContain("1–1 / 1");
    expect(after).not.toContain("AKE:n etäkahvit");
  });

  it("the .ics link downloads the session at its Helsinki time", async () => {
    const session = await bot.store.prisma.session.findFirstOrThrow({
      where: { seriesId: "kirjastoautovartit", occurrenceDate: "2026-10-28" },
    });
    const response = await fetch(`${bot.url}/calendar/sessions/${session.id}.ics?lang=sv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const ics = await response.text();
    expect(ics).toContain("DTSTART;TZID=Europe/Helsinki:20261028T090000");
    expect(ics).toContain(`UID:session-${session.id}@ake-bot.porvoo`);
    expect((await fetch(`${bot.url}/calendar/sessions/nope.ics`)).status).toBe(404);
  });

  it("a quiet month shows the next session after the window instead of nothing", async () => {
    bot.clock.now = new Date("2026-07-06T10:00:00+03:00");
    try {
      const { materializeAhead } = await import("../bot/schedule.ts");
      await materializeAhead(bot.store.prisma, bot.clock.now);
      const text = slackText(await bot.slack.command("kahvit", { user: "U0SUMMER" }));
      expect(text).toContain("Ei etäkahveja eikä verkostojen tilaisuuksia seuraavien 4 viikon aikana.");
      expect(text).toContain("Seuraava sen jälkeen:");
      expect(text).toContain("ke 5.8. klo 14.00–14.45");
    } finally {
      bot.clock.now = new Date("2026-10-19T10:00:00+03:00");
    }
  });
});
