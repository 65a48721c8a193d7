// Who may register for a session, and whether they get a seat: pure rules with the
// clock passed in, so the data module can apply them under the session's row lock and
// tests can check them without a database.
import type { SessionKind } from "../prisma/generated/enums.ts";

/** Kinds listed by `tilaisuudet` even when they take no registration (issue 3, item 2). */
export const EVENT_KINDS = ["NETWORK_DAY", "TRAINING", "CORE_GROUP_MEETING"] as const satisfies readonly SessionKind[];

/** Why a registration is refused; each has its own sentence in the user's language. */
export type RegistrationRefusal =
  /** the session was cancelled by a coordinator */
  | "cancelled"
  /** a core-group meeting, and the user is neither in that core group nor a coordinator */
  | "core_group_only"
  /** the session has started (or is over) */
  | "started"
  /** remote coffees and the like: no registration, "Remind me" instead */
  | "no_registration"
  | "deadline_passed";

export interface RegistrationRulesSession {
  kind: SessionKind;
  networkId: string | null;
  startsAt: Date;
  registrationRequired: boolean;
  registrationDeadline: Date | null;
  cancelledAt: Date | null;
}

export interface Registrant {
  isCoordinator: boolean;
  /** whether the user is in the core group of the session's network */
  inCoreGroup: boolean;
}

/** The reason this registrant may not register now, or undefined when they may. */
export function registrationRefusal(
  session: RegistrationRulesSession,
  registrant: Registrant,
  now: Date,
): RegistrationRefusal | undefined {
  // First: a non-member learns nothing of the meeting (not even that it was cancelled or is over).
  if (needsCoreGroup(session) && !registrant.isCoordinator && !registrant.inCoreGroup) return "core_group_only";
  if (session.cancelledAt) return "cancelled";
  if (session.startsAt.getTime() <= now.getTime()) return "started";
  if (!session.registrationRequired) return "no_registration";
  if (session.registrationDeadline && session.registrationDeadline.getTime() <= now.getTime()) return "deadline_passed";
  return undefined;
}

export function needsCoreGroup(session: Pick<RegistrationRulesSession, "kind">): boolean {
  return session.kind === "CORE_GROUP_MEETING";
}

/** A seat while fewer than `capacity` hold one; no capacity means no limit. */
export function seatOutcome(capacity: number | null, registered: number): "REGISTERED" | "WAITLISTED" {
  return capacity === null || registered < capacity ? "REGISTERED" : "WAITLISTED";
}

/** Seats still open; no capacity means no limit. */
export function openSeats(capacity: number | null, registered: number): number {
  return capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, capacity - registered);
}

/** A user may withdraw until the session starts; afterwards the list is history. */
export function cancellationRefusal(
  session: Pick<RegistrationRulesSession, "startsAt">,
  now: Date,
): "started" | undefined {
  return session.startsAt.getTime() <= now.getTime() ? "started" : undefined;
}

/**
 * What a "registrations.promoted" notification carries. The renderer gets only this
 * (no database), in the recipient's language, possibly long after the change.
 */
export interface PromotionPayload {
  sessionId: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
  /** ISO instants */
  startsAt: string;
  endsAt: string;
  joinUrl: string | null;
  place: string | null;
}
