// The personal calendar feed end to end: `kalenteri` on Slack and Teams gives the address,
// GET /calendar/feed/<token>.ics lists exactly the user's sessions (registrations, waitlist,
// reminders, followed networks — never others' nor other core groups' meetings), cancelled
// ones stay as CANCELLED under the same UID, and "New link" / "Turn the link off" revoke
// the old address. Real store (embedded, or PostgreSQL with TEST_DATABASE_URL).
import { randomBytes, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../prisma/generated/client.ts";
import { cardOf, cardText, PUBLIC_URL, slackText, startTestBot, type TestBot } from "./helpers/bot-harness.ts";

let bot: TestBot;
let prisma: PrismaClient;
// The clock is now: the HTTP layer's own clock and the bot's then agree on "the last 30 days".
const NOW = new Date();
const DAY = 86_400_000;

beforeAll(async () => {
  bot = await startTestBot({ now: NOW.toISOString() });
  prisma = bot.store.prisma;
  for (const id of ["calnet", "calother"]) {
    await prisma.network.create({
      data: { id, nameFi: id, nameSv: id, nameEn: id, summaryFi: "-", summarySv: "-", summaryEn: "-" },
    });
  }
});
afterAll(async () => {
  await bot?.stop();
});

async function slackUser(user: string): Promise<{ id: string; url: string }> {
  const reply = await bot.slack.command("kalenteri", { user });
  const url = /https:\/\/ake\.example\.test\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics/.exec(slackText(reply))?.[0];
  if (!url) throw new Error(`no feed address in ${slackText(reply).slice(0, 400)}`);
  const row = await prisma.user.findUniqueOrThrow({
    where: { platform_platformUserId: { platform: "SLACK", platformUserId: `T0001:${user}` } },
  });
  return { id: row.id, url };
}

async function session(fields: { network?: string; kind?: "CORE_GROUP_MEETING"; start?: Date; title?: string }) {
  const start = fields.start ?? new Date(NOW.getTime() + 3 * DAY);
  const title = fields.title ?? "Testi";
  return prisma.session.create({
    data: {
      id: randomUUID(),
      kind: fields.kind ?? "TRAINING",
      networkId: fields.network ?? null,
      titleFi: title,
      titleSv: `${title} sv`,
      titleEn: `${title} en`,
      tags: [],
      languages: ["fi"],
      startsAt: start,
      endsAt: new Date(start.getTime() + 3_600_000),
    },
  });
}

/** GET on the bot's own port, whatever PUBLIC_URL the address shows. */
async function get(url: string) {
  const response = await fetch(url.replace(PUBLIC_URL, bot.url));
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** UID → the VEVENT's lines, from a feed. */
function events(ics: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of ics.split("BEGIN:VEVENT").slice(1)) {
    const uid = /UID:session-([^@]+)@ake-bot\.porvoo/.exec(block)?.[1];
    if (uid) out.set(uid, block.split("END:VEVENT")[0] ?? "");
  }
  return out;
}

describe("the feed lists exactly the user's sessions", () => {
  it("registrations, the waitlist, reminders and followed networks; nothing else", async () => {
    const me = await slackUser("U0FEEDME");
    const other = await slackUser("U0FEEDOTHER");
    await prisma.networkFollow.create({ data: { userId: me.id, networkId: "calnet" } });
    const registered = await session({ network: "calother" });
    const waitlisted = await session({ title: "Jono" });
    const reminded = await session({});
    const followed = await session({ network: "calnet" });
    const recent = await session({ network: "calnet", start: new Date(NOW.getTime() - 10 * DAY) });
    const old = await session({ network: "calnet", start: new Date(NOW.getTime() - 40 * DAY) });
    const coreMeeting = await session({ network: "calnet", kind: "CORE_GROUP_MEETING" });
    const notFollowed = await session({ network: "calother" });
    const cancelledRegistration = await session({});
    const othersOnly = await session({});
    await prisma.registration.createMany({
      data: [
        { sessionId: registered.id, userId: me.id, status: "REGISTERED" },
        { sessionId: waitlisted.id, userId: me.id, status: "WAITLISTED" },
        { sessionId: cancelledRegistration.id, userId: me.id, status: "CANCELLED" },
        { sessionId: othersOnly.id, userId: other.id, status: "REGISTERED" },
      ],
    });
    await prisma.sessionInterest.create({ data: { userId: me.id, sessionId: reminded.id } });

    const feed = await get(me.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    expect(feed.headers.get("cache-control")).toBe("no-store");
    const listed = events(feed.body);
    expect([...listed.keys()].sort()).toEqual(
      [registered, waitlisted, reminded, followed, recent].map((s) => s.id).sort(),
    );
    for (const absent of [old, coreMeeting, notFollowed, cancelledRegistration, othersOnly])
      expect(listed.has(absent.id)).toBe(false);
    expect(listed.get(waitlisted.id)).toContain("SUMMARY:Jono (jonossa)");
    expect(feed.body).toContain("X-WR-CALNAME:AKE-tilaisuudet");
    expect(feed.body).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki");
    expect(feed.body).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);

    // A core-group member and a coordinator following the network do see its meeting.
    const member = await slackUser("U0FEEDCORE");
    await prisma.networkFollow.create({ data: { userId: member.id, networkId: "calnet" } });
    await prisma.coreGroupMember.create({ data: { userId: member.id, networkId: "calnet" } });
    expect(events((await get(member.url)).body).has(coreMeeting.id)).toBe(true);
    expect(events((await get(other.url)).body).size).toBe(1);
  });

  it("a cancelled session stays, as CANCELLED under the same UID with a raised SEQUENCE", async () => {
    const me = await slackUser("U0FEEDCANCEL");
    const s = await session({ title: "Peruttava" });
    await prisma.sessionInterest.create({ data: { userId: me.id, sessionId: s.id } });
    expect(events((await get(me.url)).body).get(s.id)).toContain("SEQUENCE:0");
    await prisma.session.update({ where: { id: s.id }, data: { cancelledAt: NOW, sequence: { increment: 1 } } });
    const event = events((await get(me.url)).body).get(s.id);
    expect(event).toContain("STATUS:CANCELLED");
    expect(event).toContain("SEQUENCE:1");
    expect(event).toContain("SUMMARY:PERUTTU: Peruttava");
  });
});

describe("across the October change", () => {
  it("a 09:00 session the week after the change is T090000 Helsinki in the feed and the download", async () => {
    const me = await slackUser("U0FEEDDST");
    // The next last Sunday of October, then its Wednesday.
    let change = DateTime.fromJSDate(NOW, { zone: "Europe/Helsinki" }).set({ month: 10, day: 31 });
    if (change.toJSDate() < NOW) change = change.plus({ years: 1 });
    change = change.minus({ days: change.weekday % 7 });
    const wednesday = change.plus({ days: 3 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    const s = await session({ start: wednesday.toJSDate(), title: "Vartti" });
    await prisma.sessionInterest.create({ data: { userId: me.id, sessionId: s.id } });
    const stamp = `DTSTART;TZID=Europe/Helsinki:${wednesday.toFormat("yyyyLLdd")}T090000`;
    expect(events((await get(me.url)).body).get(s.id)).toContain(stamp);
    const download = await get(`${bot.url}/calendar/sessions/${s.id}.ics?lang=sv`);
    expect(download.body).toContain(stamp);
    expect(download.body).toContain("SUMMARY:Vartti sv");
  });
});

describe("the address", () => {
  it("Teams, in Swedish: the same address on every ask, explained for Outlook", async () => {
    const user = { id: "29:1feed-sv", name: "Sara", aadObjectId: "6a1f0c1e-0000-4000-8000-00000000fe3d" };
    const first = cardText(cardOf(await bot.teams.message("kalender", { locale: "sv-FI", user })));
    expect(first).toContain("Din egen AKE-kalender");
    expect(first).toContain("Lägg till kalender → Prenumerera från webben");
    const url = /https:\/\/ake\.example\.test\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics/.exec(first)?.[0] ?? "";
    const again = cardText(cardOf(await bot.teams.message("kalenteri", { locale: "sv-FI", user })));
    expect(again).toContain(url);
    expect((await get(url)).body).toContain("X-WR-CALNAME:AKE-träffar");
  });

  it("New link revokes the old address; turning it off revokes the new one", async () => {
    const user = "U0FEEDRENEW";
    const { url: old } = await slackUser(user);
    expect(slackText(await bot.slack.command("kalenteri", { user }))).toContain("Tilaa verkosta");
    const renewed = await bot.slack.click({ verb: "calendar.renew", args: {} }, { user });
    expect(renewed.replace_original).toBe(true);
    expect(slackText(renewed)).toContain("Vanha osoite ei enää toimi");
    const fresh = /https:\/\/ake\.example\.test\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics/.exec(slackText(renewed))?.[0];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old);
    const gone = await get(old);
    expect(gone.status).toBe(404);
    expect(gone.body).toBe("Not found");
    expect((await get(fresh ?? "")).status).toBe(200);

    const off = await bot.slack.click({ verb: "calendar.revoke", args: {} }, { user });
    expect(slackText(off)).toContain("Kalenterilinkkisi on poistettu käytöstä");
    expect((await get(fresh ?? "")).status).toBe(404);
    const { url: next } = await slackUser(user);
    expect(next).not.toBe(fresh);
    expect((await get(next)).status).toBe(200);
  });

  it.each([
    ["an unknown token", `${randomBytes(32).toString("base64url")}.ics`],
    ["a malformed token", "abc.ics"],
    ["no .ics", randomBytes(32).toString("base64url")],
    ["SQL-ish", "'%20OR%201=1--.ics"],
  ])("%s is a bare 404", async (_name, file) => {
    const response = await get(`${bot.url}/calendar/feed/${file}`);
    expect(response.status).toBe(404);
    expect(response.body).toBe("Not found");
  });
});
