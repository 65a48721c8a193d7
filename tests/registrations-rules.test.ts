// The pure registration rules (clock passed in) and the "a seat opened up" message,
// which the outbox dispatcher renders from its payload alone, in the recipient's language.
import { describe, expect, it } from "vitest";
import { registrationsFeature } from "../bot/features/registrations/index.ts";
import { formatInstant } from "../bot/features/registrations/items.ts";
import { type Language, translator } from "../bot/i18n/index.ts";
import {
  cancellationRefusal,
  openSeats,
  type PromotionPayload,
  type RegistrationRulesSession,
  registrationRefusal,
  seatOutcome,
} from "../domain/registration.ts";
import { helsinkiInstant } from "../domain/time.ts";

const now = new Date("2026-10-19T10:00:00+03:00");
const session: RegistrationRulesSession = {
  kind: "NETWORK_DAY",
  networkId: "severi",
  startsAt: new Date("2026-11-03T09:00:00+02:00"),
  registrationRequired: true,
  registrationDeadline: new Date("2026-10-30T16:00:00+02:00"),
  cancelledAt: null,
};
const staff = { isCoordinator: false, inCoreGroup: false };

describe("registrationRefusal", () => {
  it("lets anyone register to an open network day before its deadline", () => {
    expect(registrationRefusal(session, staff, now)).toBeUndefined();
  });

  it.each([
    [{ cancelledAt: now }, "cancelled"],
    [{ startsAt: now }, "started"],
    [{ startsAt: new Date(now.getTime() - 1) }, "started"],
    [{ registrationDeadline: now }, "deadline_passed"],
    [{ registrationRequired: false }, "no_registration"],
    [{ kind: "CORE_GROUP_MEETING" as const }, "core_group_only"],
    // a non-member learns nothing more of a core-group meeting, not even that it is over or cancelled
    [{ kind: "CORE_GROUP_MEETING" as const, startsAt: now }, "core_group_only"],
    [{ kind: "CORE_GROUP_MEETING" as const, cancelledAt: now }, "core_group_only"],
  ])("refuses %o as %s", (change, reason) => {
    expect(registrationRefusal({ ...session, ...change }, staff, now)).toBe(reason);
  });

  it("opens a core-group meeting to its members and to coordinators", () => {
    const meeting = { ...session, kind: "CORE_GROUP_MEETING" as const };
    expect(registrationRefusal(meeting, { isCoordinator: false, inCoreGroup: true }, now)).toBeUndefined();
    expect(registrationRefusal(meeting, { isCoordinator: true, inCoreGroup: false }, now)).toBeUndefined();
  });

  it("seats, open seats and cancelling", () => {
    expect(seatOutcome(20, 19)).toBe("REGISTERED");
    expect(seatOutcome(20, 20)).toBe("WAITLISTED");
    expect(seatOutcome(null, 1000)).toBe("REGISTERED");
    expect(openSeats(5, 7)).toBe(0);
    expect(openSeats(null, 7)).toBe(Number.POSITIVE_INFINITY);
    expect(cancellationRefusal(session, now)).toBeUndefined();
    expect(cancellationRefusal(session, session.startsAt)).toBe("started");
  });
});

describe("times on the Helsinki clock, whatever the server's zone (the tests run in Pacific/Chatham)", () => {
  it.each([
    ["fi", "ti 3.11. klo 9.00"],
    ["sv", "tis 3.11 kl. 9.00"],
    ["en", "Tue 3 Nov, 09:00"],
  ] as const)("%s: a 09:00 deadline the week after the clocks went back is %s", (language, expected) => {
    expect(formatInstant(helsinkiInstant("2026-11-03", "09:00"), language)).toBe(expected);
  });
});

describe("the registrations.promoted notification", () => {
  const payload: PromotionPayload = {
    sessionId: "5e55-10n",
    titleFi: "SEVERIn verkostopäivä",
    titleSv: "SEVERIs nätverksdag",
    titleEn: "SEVERI network day",
    startsAt: helsinkiInstant("2026-11-03", "09:00").toISOString(),
    endsAt: helsinkiInstant("2026-11-03", "15:00").toISOString(),
    joinUrl: "https://teams.microsoft.com/l/meetup-join/abc",
    place: "Porvoon pääkirjasto",
  };
  const render = registrationsFeature.notifications?.["registrations.promoted"];
  const rendered = (language: Language, data: unknown = payload) =>
    render?.({ language, t: translator(language), publicUrl: "https://ake.example.test" }, data);

  it.each([
    ["fi", "Paikka vapautui: olet nyt ilmoittautunut tilaisuuteen ”SEVERIn verkostopäivä” (ti 3.11. klo 9.00–15.00)."],
    ["sv", "En plats blev ledig: du är nu anmäld till ”SEVERIs nätverksdag” (tis 3.11 kl. 9.00–15.00)."],
    ["en", "A seat opened up: you are now registered for “SEVERI network day” (Tue 3 Nov, 09:00–15:00)."],
  ] as const)("in %s: %s", (language, summary) => {
    const reply = rendered(language);
    expect(reply?.summary).toBe(summary);
    const text = JSON.stringify(reply?.blocks);
    expect(text).toContain(payload.joinUrl);
    expect(text).toContain(`https://ake.example.test/calendar/sessions/${payload.sessionId}.ics?lang=${language}`);
    expect(text).toContain('"verb":"registrations.cancel"');
  });

  it("refuses a payload it cannot render, so the dispatcher records a failure rather than sending nonsense", () => {
    expect(() => rendered("fi", { sessionId: "x" })).toThrow();
  });
});
