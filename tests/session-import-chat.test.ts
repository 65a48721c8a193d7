// `tuo <address> [kokeile]` end to end: the files are served by a local node:http server,
// the coordinator asks on Slack (Finnish) or Teams (Swedish), the dry run reports exactly
// what the real run then does, re-importing updates rows in place and raises SEQUENCE
// (seen in a follower's calendar feed), malformed rows are named and nothing is written,
// and a non-coordinator is refused. Real store (embedded, or TEST_DATABASE_URL).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importedSessionId } from "../domain/session-import.ts";
import { ensureCoordinators } from "../domain/store/users.ts";
import type { PrismaClient } from "../prisma/generated/client.ts";
import { postToSlackEndpoint, signedSlashCommand } from "./fakes/slack-signing.ts";
import {
  cardOf,
  cardText,
  PUBLIC_URL,
  SLACK_SECRET,
  type SlackMessage,
  slackText,
  startTestBot,
  type TestBot,
} from "./helpers/bot-harness.ts";

const COORDINATOR = "U0IMPCOORD";
const SVEN = { id: "29:1imp-sven", name: "Sven", aadObjectId: "6a1f0c1e-0000-4000-8000-0000000051e1" };
let bot: TestBot;
let prisma: PrismaClient;
let files: Server;
let base: string;
/** path → [content type, body]; tests change them between runs */
const served = new Map<string, [string, string | Buffer]>();

beforeAll(async () => {
  bot = await startTestBot({ now: "2026-10-19T10:00:00+03:00" });
  prisma = bot.store.prisma;
  await ensureCoordinators(prisma, [
    { platform: "slack", userId: `T0001:${COORDINATOR}` },
    { platform: "teams", userId: SVEN.id },
  ]);
  files = createServer((req, res) => {
    if (req.url === "/slow.csv") return; // never answers: the fetch must give up on its own
    const file = served.get(req.url ?? "");
    if (!file) {
      // separate calls: restify patches ServerResponse.writeHead to return nothing
      res.writeHead(404);
      res.end("no such file");
      return;
    }
    res.writeHead(200, { "Content-Type": file[0] });
    res.end(file[1]);
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  files?.closeAllConnections();
  await new Promise((resolve) => files?.close(resolve));
  await bot?.stop();
});

const HEADER = "external_id;title_fi;title_sv;kind;network;start;end;languages;capacity";
const CSV_V1 = [
  HEADER,
  "imp-1;Saavutettavuuskoulutus;Tillgänglighetsutbildning;koulutus;severi;2026-10-28 09:00;2026-10-28 11:00;fi, sv;30",
  "imp-2;SVEA-päivä;SVEA-dagen;verkostopäivä;svea;2026-11-12 09:00;2026-11-12 15:00;sv;",
  "imp-3;Tekoälykahvit;AI-kaffe;etäkahvit;;2026-11-05 14:00;14:45;fi;",
  "imp-old;Mennyt;Förbi;koulutus;;2026-10-01 09:00;2026-10-01 10:00;fi;",
].join("\n");

const ask = (text: string, user = COORDINATOR) => bot.slack.command(text, { user });
/** The report's paragraphs, without its header and hints: a dry run's and the real run's compare equal. */
const body = (message: SlackMessage) =>
  message.blocks
    .filter((b) => b.type === "section")
    .map((b) => (b.text as { text: string }).text)
    .join("\n");
const importedCount = () =>
  prisma.session.count({ where: { id: { in: ["imp-1", "imp-2", "imp-3", "imp-old"].map(importedSessionId) } } });

describe("a coordinator imports a CSV", () => {
  it("dry run, then the button runs the same import for real; re-import updates in place", async () => {
    served.set("/sessions.csv", ["text/csv; charset=utf-8", CSV_V1]);
    const dry = await ask(`tuo ${base}/sessions.csv kokeile`);
    const dryText = slackText(dry);
    expect(dryText).toContain("Kokeilu: mitään ei tallennettu");
    expect(dryText).toContain("Uusia 3 · muuttuneita 0 · ennallaan 0 · ohitettuja 1");
    expect(dryText).toContain("Saavutettavuuskoulutus, ke 28.10. klo 9.00–11.00");
    expect(dryText).toContain("Rivi 5: Mennyt – on jo mennyt");
    expect(await importedCount()).toBe(0);

    const button = dry.blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements as Array<{ value?: string }>) : []))
      .find((e) => e.value?.includes("calendar.import"));
    const real = await bot.slack.click(String(button?.value), { user: COORDINATOR });
    expect(slackText(real)).toContain("Tilaisuudet tuotu");
    expect(body(real)).toBe(body(dry));
    const first = await prisma.session.findUniqueOrThrow({ where: { id: importedSessionId("imp-1") } });
    // 09:00 in Helsinki the week after the clocks went back (UTC+2)
    expect(first).toMatchObject({
      startsAt: new Date("2026-10-28T07:00:00Z"),
      networkId: "severi",
      languages: ["fi", "sv"],
      capacity: 30,
      registrationRequired: true,
      sequence: 0,
      seriesId: null,
    });
    expect(await importedCount()).toBe(3);

    // A follower of SEVERI has the session in their calendar feed, at SEQUENCE 0.
    const feedUrl = /https:\S+\/calendar\/feed\/\S+?\.ics/.exec(
      slackText(await ask("kalenteri", "U0IMPFOLLOWER")),
    )?.[0];
    const follower = await prisma.user.findFirstOrThrow({ where: { platformUserId: "T0001:U0IMPFOLLOWER" } });
    await prisma.networkFollow.create({ data: { userId: follower.id, networkId: "severi" } });
    const feed = async () => (await fetch(String(feedUrl).replace(PUBLIC_URL, bot.url))).text();
    const uid = `UID:session-${importedSessionId("imp-1")}@ake-bot.porvoo`;
    expect(await feed()).toMatch(new RegExp(`${uid}\\r\\nSEQUENCE:0`));

    // The sheet moves one session by an hour and retitles another.
    served.set("/sessions.csv", [
      "text/csv",
      CSV_V1.replace("2026-10-28 09:00;2026-10-28 11:00", "2026-10-28 10:00;2026-10-28 12:00").replace(
        "SVEA-päivä;",
        "SVEA-päivä 2026;",
      ),
    ]);
    const dry2 = await ask(`tuo ${base}/sessions.csv dry-run`);
    expect(slackText(dry2)).toContain("Uusia 0 · muuttuneita 2 · ennallaan 1 · ohitettuja 1");
    expect(slackText(dry2)).toContain("muuttui: start, end");
    expect(slackText(dry2)).toContain("muuttui: title_fi");
    const real2 = await ask(`tuo ${base}/sessions.csv`);
    expect(body(real2)).toBe(body(dry2));
    const moved = await prisma.session.findUniqueOrThrow({ where: { id: importedSessionId("imp-1") } });
    expect(moved).toMatchObject({ startsAt: new Date("2026-10-28T08:00:00Z"), sequence: 1 });
    expect((await prisma.session.findUniqueOrThrow({ where: { id: importedSessionId("imp-3") } })).sequence).toBe(0);
    const updated = await feed();
    expect(updated).toMatch(new RegExp(`${uid}\\r\\nSEQUENCE:1`));
    expect(updated).toContain("DTSTART;TZID=Europe/Helsinki:20261028T100000");
    expect(await importedCount()).toBe(3);
  });

  it("malformed rows are named by row and column, and nothing at all is written", async () => {
    served.set("/broken.csv", [
      "text/csv",
      [
        HEADER,
        "bad-1;Hyvä rivi;Bra rad;koulutus;;2026-11-20 09:00;2026-11-20 10:00;fi;",
        "bad-2;Huono;Dålig;koulutus;;2026-13-40 09:00;2026-11-20 10:00;fi;",
        "bad-3;Tuntematon;Okänd;kahvittelu;eiverkkoa;2026-11-20 09:00;2026-11-20 10:00;fi;",
      ].join("\n"),
    ]);
    const text = slackText(await ask(`tuo ${base}/broken.csv`));
    expect(text).toContain("Mitään ei tuotu");
    expect(text).toContain("Rivi 3: start: ”2026-13-40 09:00” ei ole aika muodossa 2026-10-28 09:00");
    expect(text).toContain("Rivi 4: tuntematon laji ”kahvittelu”");
    expect(await prisma.session.count({ where: { id: importedSessionId("bad-1") } })).toBe(0);

    served.set("/network.csv", ["text/csv", `${HEADER}\nnet-1;X;X;koulutus;eiverkkoa;2026-11-20 09:00;10:00;fi;`]);
    expect(slackText(await ask(`tuo ${base}/network.csv`))).toContain("Rivi 2: tuntematon verkosto ”eiverkkoa”");
    expect(await prisma.session.count({ where: { id: importedSessionId("net-1") } })).toBe(0);
  });
});

describe("a coordinator imports an .ics, in Swedish on Teams", () => {
  // an event's lines, "|"-separated to keep them readable here
  const event = (lines: string) => ["BEGIN:VEVENT", ...lines.split("|"), "END:VEVENT"].join("\r\n");
  const calendar = (...events: string[]) =>
    ["BEGIN:VCALENDAR", "VERSION:2.0", ...events, "END:VCALENDAR", ""].join("\r\n");
  const training = (status: string) =>
    event(
      "UID:outlook-42@example.org|SUMMARY:Bibliotekssvenska|DTSTART;TZID=Europe/Helsinki:20261104T090000|" +
        `DTEND;TZID=Europe/Helsinki:20261104T103000|STATUS:${status}|CATEGORIES:SVEA,svenska`,
    );
  const allDay = event("UID:allday@example.org|SUMMARY:Förlagsdagarna|DTSTART;VALUE=DATE:20261110");
  const weekly = event(
    "UID:weekly@example.org|SUMMARY:Veckokaffe|DTSTART:20261104T090000|DURATION:PT30M|RRULE:FREQ=WEEKLY",
  );
  const ask = async (text: string) => cardText(cardOf(await bot.teams.message(text, { locale: "sv-FI", user: SVEN })));

  it("creates, skips with reasons, then cancels in place", async () => {
    served.set("/kalender.ics", ["text/calendar", calendar(training("CONFIRMED"), allDay, weekly)]);
    const dry = await ask(`importera ${base}/kalender.ics prova`);
    expect(dry).toContain("Provkörning: ingenting sparades");
    expect(dry).toContain("Nya 1 · ändrade 0 · oförändrade 0 · överhoppade 2");
    expect(dry).toContain("Händelse 2: Förlagsdagarna – en heldagshändelse");
    expect(dry).toContain("Händelse 3: Veckokaffe – en återkommande händelse");
    const id = importedSessionId("outlook-42@example.org");
    expect(await prisma.session.count({ where: { id } })).toBe(0);
    expect(await ask(`importera ${base}/kalender.ics`)).toContain("Träffarna importerade");
    expect(await prisma.session.findUniqueOrThrow({ where: { id } })).toMatchObject({
      kind: "TRAINING",
      networkId: "svea",
      languages: ["sv"],
      startsAt: new Date("2026-11-04T07:00:00Z"),
    });
    served.set("/kalender.ics", ["text/calendar", calendar(training("CANCELLED"))]);
    expect(await ask(`importera ${base}/kalender.ics`)).toContain("ändrat: status");
    const cancelled = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(cancelled.sequence).toBe(1);
    // Cancelled in the bot: a file that lists it again does not bring it back.
    served.set("/kalender.ics", ["text/calendar", calendar(training("CONFIRMED"))]);
    expect(await ask(`importera ${base}/kalender.ics`)).toContain("inställd i botten");
    expect((await prisma.session.findUniqueOrThrow({ where: { id } })).cancelledAt).not.toBeNull();
  });
});

describe("refusals and unreachable files", () => {
  it("a staff member is refused in their language, by command and by button; nothing is written", async () => {
    served.set("/staff.csv", ["text/csv", `${HEADER}\nstaff-1;X;X;koulutus;;2026-11-20 09:00;10:00;fi;`]);
    const user = { id: "29:1imp-staff", name: "Stina", aadObjectId: "6a1f0c1e-0000-4000-8000-000000057aff" };
    const refused = cardText(cardOf(await bot.teams.message(`importera ${base}/staff.csv`, { locale: "sv-FI", user })));
    expect(refused).toContain("Bara AKE:s koordinatorer kan göra det.");
    const button = { verb: "calendar.import", args: { u: `${base}/staff.csv` } };
    expect(slackText(await bot.slack.click(button, { user: "U0STAFF" }))).toContain(
      "Vain AKE:n koordinaattorit voivat tehdä tämän.",
    );
    expect(await prisma.session.count({ where: { id: importedSessionId("staff-1") } })).toBe(0);
  });

  it.each([
    ["a missing file", "/missing.csv", "virhe 404"],
    ["an oversize file", "/big.csv", "on yli 1 Mt"],
    ["a web page", "/share", "Osoitteesta tuli verkkosivu"],
    ["not a file at all", "ftp://example.org/x.csv", "ei ole verkko-osoite"],
  ])("%s gets a clear message", async (_name, path, expected) => {
    served.set("/big.csv", ["text/csv", Buffer.alloc(1024 * 1024 + 10, 0x41)]);
    served.set("/share", ["text/html", "<!DOCTYPE html><html><body>Sign in</body></html>"]);
    const address = path.startsWith("/") ? `${base}${path}` : path;
    expect(slackText(await ask(`tuo ${address}`))).toContain(expected);
  });

  it("a file that never comes times out after 10 seconds", async () => {
    // Through the Slack endpoint by hand: the harness waits only 8 s for response_url.
    const started = Date.now();
    const responseUrl = bot.fakeSlack.responseUrl("slow-1");
    const fields = { text: `tuo ${base}/slow.csv`, user_id: COORDINATOR, response_url: responseUrl };
    const request = signedSlashCommand(SLACK_SECRET, fields);
    expect((await postToSlackEndpoint(bot.url, request)).status).toBe(200);
    const post = await bot.fakeSlack.waitForPost((p) => p.id === "slow-1", 20_000);
    expect(JSON.stringify(post.body)).toContain("ei lähettänyt tiedostoa 10 sekunnissa");
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("without an address: how to use it", async () => {
    expect(slackText(await ask("tuo"))).toContain("Anna CSV- tai .ics-tiedoston osoite");
  });
});
