// Shared by the registrations tests: sessions created directly in the store relative to
// the harness clock (Monday 19 Oct 2026 10:00 Helsinki; the clocks go back on 25 Oct),
// users, and reading buttons out of a Slack reply.
import { randomUUID } from "node:crypto";
import { helsinkiInstant } from "../domain/time.ts";
import type { Prisma, PrismaClient } from "../prisma/generated/client.ts";

export const NOW = "2026-10-19T10:00:00+03:00";
export const HOUR = 60 * 60 * 1000;

export interface SessionSpec {
  title?: string;
  /** Helsinki wall clock: ["2026-11-03", "09:00"] */
  at?: [string, string];
  minutes?: number;
  kind?: "NETWORK_DAY" | "TRAINING" | "CORE_GROUP_MEETING" | "REMOTE_COFFEE";
  networkId?: string | null;
  capacity?: number | null;
  registrationRequired?: boolean;
  registrationDeadline?: Date | null;
  cancelledAt?: Date | null;
  place?: string | null;
  joinUrl?: string | null;
  languages?: string[];
}

let counter = 0;

/** A session with registration (a network day with 20 seats unless told otherwise). */
export async function createSession(prisma: PrismaClient, spec: SessionSpec = {}) {
  const n = ++counter;
  const [date, time] = spec.at ?? ["2026-11-10", "09:00"];
  const startsAt = helsinkiInstant(date, time);
  const title = spec.title ?? `Testipäivä ${n} ${randomUUID().slice(0, 4)}`;
  const data: Prisma.SessionUncheckedCreateInput = {
    kind: spec.kind ?? "NETWORK_DAY",
    networkId: spec.networkId === undefined ? "severi" : spec.networkId,
    titleFi: title,
    titleSv: `${title} (sv)`,
    titleEn: `${title} (en)`,
    languages: spec.languages ?? ["fi"],
    startsAt,
    endsAt: new Date(startsAt.getTime() + (spec.minutes ?? 180) * 60_000),
    place: spec.place === undefined ? "Porvoon pääkirjasto" : spec.place,
    joinUrl: spec.joinUrl ?? null,
    registrationRequired: spec.registrationRequired ?? true,
    capacity: spec.capacity === undefined ? 20 : spec.capacity,
    registrationDeadline: spec.registrationDeadline ?? null,
    cancelledAt: spec.cancelledAt ?? null,
  };
  return prisma.session.create({ data });
}

export async function createUser(prisma: PrismaClient, name: string, role: "STAFF" | "COORDINATOR" = "STAFF") {
  return prisma.user.create({
    data: { platform: "SLACK", platformUserId: `T0001:${name}-${randomUUID().slice(0, 8)}`, role },
  });
}

/** The stored user behind a Slack user id of the harness (team T0001). */
export function slackUser(prisma: PrismaClient, slackId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { platform_platformUserId: { platform: "SLACK", platformUserId: `T0001:${slackId}` } },
  });
}

export interface SlackButton {
  label: string;
  verb?: string;
  args?: Record<string, string>;
  url?: string;
  value?: string;
}

/** Every button of a Slack reply, with its action payload decoded. */
export function slackButtons(message: { blocks: Array<Record<string, unknown>> }): SlackButton[] {
  return message.blocks
    .flatMap((block) => (block.type === "actions" ? (block.elements as Array<Record<string, unknown>>) : []))
    .map((element) => {
      const label = (element.text as { text: string }).text;
      const value = typeof element.value === "string" ? element.value : undefined;
      const action = value ? (JSON.parse(value) as { verb: string; args: Record<string, string> }) : undefined;
      return { label, value, url: element.url as string | undefined, verb: action?.verb, args: action?.args };
    });
}

export const registerPayload = (sessionId: string) => ({ verb: "registrations.register", args: { s: sessionId } });
export const cancelPayload = (sessionId: string) => ({ verb: "registrations.cancel", args: { s: sessionId } });
