// The rules of a staff-visit request, host entries, filters, budget lines and the .ics,
// without a store. Vitest runs in Pacific/Chatham: "today" must be Helsinki's.
import { describe, expect, it } from "vitest";
import {
  budgetSummary,
  budgetWarning,
  csvField,
  formatEuros,
  matchesHostFilter,
  parseEuros,
  parseHostFilter,
  parseLocalDate,
  validateHost,
  validateVisitRequest,
} from "../domain/visits.ts";
import { visitToIcs } from "../domain/visits-calendar.ts";

// Thu 26 Nov 2026 23:30 in Helsinki is already Fri 27 Nov in Chatham (UTC+13:45)
const NOW = new Date("2026-11-26T21:30:00Z");
const HOSTS = [
  { id: "h-espoo", libraryId: "espoo", inUusimaa: true },
  { id: "h-turku", libraryId: null, inUusimaa: false },
];
const base = {
  host: "h-espoo",
  date1: "2026-12-07",
  days: "2",
  focus: "children",
  languagePractice: "true",
  travelMode: "public",
  travel: "45,50",
  accommodation: "",
  message: "Lasten palvelut",
};
const check = (values: Record<string, string>, own: string | null = "porvoo") =>
  validateVisitRequest(values, { now: NOW, hosts: HOSTS, ownLibraryId: own });

describe("a visit request", () => {
  it("a valid request, money in cents", () => {
    const result = check(base);
    expect(result).toEqual({
      ok: true,
      request: {
        hostId: "h-espoo",
        dates: ["2026-12-07"],
        days: 2,
        focus: "children",
        languagePractice: true,
        travelMode: "public",
        travelCents: 4550,
        accommodationCents: 0,
        costsConfirmed: false,
        message: "Lasten palvelut",
      },
    });
  });

  it("today in Helsinki is not a future day, tomorrow is (whatever the machine's zone)", () => {
    expect(check({ ...base, date1: "2026-11-26" })).toMatchObject({
      ok: false,
      errors: { date1: { code: "pastDate" } },
    });
    expect(check({ ...base, date1: "2026-11-27" }).ok).toBe(true);
  });

  it("every bad input gets its own field error, and nothing else is accepted", () => {
    const result = check({
      host: "forged",
      date1: "",
      date2: "31.2.2027",
      date3: "2028-06-01",
      days: "0",
      focus: "sauna",
      travelMode: "rocket",
      travel: "-5",
      accommodation: "lots",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, v.code]))).toEqual({
      host: "unknownHost",
      date1: "required",
      date2: "badDate",
      date3: "tooFarDate",
      days: "badDays",
      focus: "badChoice",
      travelMode: "badChoice",
      travel: "negativeAmount",
      accommodation: "badAmount",
    });
  });

  it("one's own library is refused; the same day twice too", () => {
    const own = check({ ...base, date2: "2026-12-07" }, "espoo");
    expect(own).toMatchObject({
      ok: false,
      errors: { host: { code: "ownLibrary" }, date2: { code: "duplicateDate" } },
    });
  });

  it("over 2,000 € inside Uusimaa asks to confirm; outside Uusimaa it is the coordinator's flag", () => {
    const high = { ...base, travel: "1500", accommodation: "600" };
    expect(check(high)).toMatchObject({
      ok: false,
      needsConfirmation: true,
      errors: { confirmCosts: { code: "confirmCosts" } },
    });
    expect(check({ ...high, confirmCosts: "true" })).toMatchObject({ ok: true, request: { costsConfirmed: true } });
    expect(check({ ...high, host: "h-turku" })).toMatchObject({ ok: true, request: { costsConfirmed: false } });
    expect(check({ ...base, travel: "25000" })).toMatchObject({ ok: false, errors: { travel: { code: "tooLarge" } } });
  });

  it("amounts and dates as people type them", () => {
    expect(parseEuros("1 200,5 €")).toBe(120050);
    expect(parseEuros("12.345")).toBeNull();
    expect(parseLocalDate("5.1.2027")).toBe("2027-01-05");
    expect(parseLocalDate("2027-02-29")).toBeNull();
    expect(formatEuros(210000, "fi").replace(/\s/g, " ")).toBe("2 100,00 €");
    expect(formatEuros(210000, "en")).toBe("€2,100.00");
  });
});

describe("host entries and the directory's filters", () => {
  it("a Uusimaa library or another one with its name and municipality", () => {
    const ids = ["espoo", "porvoo"];
    expect(
      validateHost({ library: "espoo", languages: "BOTH", areas: "children,children" }, { libraryIds: ids }),
    ).toEqual({
      ok: true,
      host: { libraryId: "espoo", name: "", municipality: "", languages: "BOTH", areas: ["children"], notes: "" },
    });
    expect(validateHost({ library: "other", languages: "FI" }, { libraryIds: ids })).toMatchObject({
      ok: false,
      errors: { name: { code: "required" }, municipality: { code: "required" } },
    });
    expect(validateHost({ library: "tampere", languages: "XX", areas: "sauna" }, { libraryIds: ids })).toMatchObject({
      ok: false,
      errors: { library: { code: "badChoice" }, languages: { code: "badChoice" }, areas: { code: "badChoice" } },
    });
  });

  it("language practice means a bilingual library; areas and places in any language", () => {
    const espoo = {
      languages: "BOTH" as const,
      areas: ["children"],
      names: ["Espoo", "Esbo", "Espoon kaupunginkirjasto"],
    };
    const lohja = { languages: "FI" as const, areas: ["seniors"], names: ["Lohja", "Lojo"] };
    const pick = (...words: string[]) =>
      [espoo, lohja].filter((h) => matchesHostFilter(h, parseHostFilter(words))).map((h) => h.names[0]);
    expect(pick("kielikylpy")).toEqual(["Espoo"]);
    expect(pick("språkbad")).toEqual(["Espoo"]);
    expect(pick("language")).toEqual(["Espoo"]);
    expect(pick("suomi")).toEqual(["Espoo", "Lohja"]);
    expect(pick("seniorer")).toEqual(["Lohja"]);
    expect(pick("esbo")).toEqual(["Espoo"]);
    expect(pick("Lojo", "barn")).toEqual([]);
  });
});

describe("budget lines and accounting", () => {
  it("estimated, confirmed and paid, with a warning when a line would be passed", () => {
    const visits = [
      { status: "CONFIRMED", travelCents: 100_000, accommodationCents: 50_000 },
      {
        status: "TO_BE_PAID",
        travelCents: 1,
        accommodationCents: 1,
        actualTravelCents: 850_000,
        actualAccommodationCents: 0,
      },
      {
        status: "PAID",
        travelCents: 0,
        accommodationCents: 0,
        actualTravelCents: 10_000,
        actualAccommodationCents: 20_000,
      },
      { status: "REJECTED", travelCents: 999_999, accommodationCents: 999_999 },
    ];
    const summary = budgetSummary(visits);
    expect(summary.travel).toEqual({ estimated: 100_000, confirmed: 860_000, paid: 10_000, budget: 900_000 });
    expect(summary.accommodation).toEqual({ estimated: 50_000, confirmed: 20_000, paid: 20_000, budget: 700_000 });
    expect(budgetWarning(summary.travel)).toBe("wouldPass");
    expect(budgetWarning(summary.accommodation)).toBeNull();
    expect(budgetWarning({ ...summary.travel, confirmed: 900_001 })).toBe("over");
  });

  it("CSV fields are quoted and formulas neutralised", () => {
    expect(csvField('Hanna "H" Host, Esbo')).toBe('"Hanna ""H"" Host, Esbo"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(12)).toBe("12");
  });
});

describe("the .ics of an agreed visit", () => {
  it("an all-day event over the visit's days, with a stable UID", () => {
    const ics = visitToIcs(
      {
        id: "v1",
        firstDay: "2026-12-31",
        days: 2,
        sequence: 3,
        updatedAt: NOW,
        cancelled: false,
        summary: "Vierailu: Ville, Esbo",
        description: "Painopiste: Lapset ja nuoret",
        location: "Espoon kaupunginkirjasto, Espoo",
      },
      "fi",
    );
    expect(ics).toContain("UID:visit-v1@ake-bot.porvoo");
    expect(ics).toContain("SEQUENCE:3");
    expect(ics).toContain("DTSTART;VALUE=DATE:20261231");
    expect(ics).toContain("DTEND;VALUE=DATE:20270102");
    expect(ics).toContain("SUMMARY:Vierailu: Ville\\, Esbo");
  });
});
