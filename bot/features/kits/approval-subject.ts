// A kit booking as coordinators approve it (bot/features/approvals): its card's facts,
// and what a decision does to the booking — approved, or rejected (its days are freed);
// a change request leaves it waiting for the requester's new dates.
import { transitionBooking } from "../../../domain/store/kit-bookings.ts";
import { bookingStatus, findBooking, KIT_APPROVAL } from "../../../domain/store/kits.ts";
import type { ApprovalSubject } from "../approvals/subject.ts";
import { DecisionRefused } from "../approvals/subject.ts";
import { bookingFacts, bookingLibraryName, itemName, kitsT, legLine, legsOf, placeNames } from "./shared.ts";

export const kitBookingSubject: ApprovalSubject = {
  type: KIT_APPROVAL,
  async describe(prisma, subjectId, { language }) {
    const booking = await findBooking(prisma, subjectId);
    if (!booking) return null;
    const t = kitsT(language);
    const legs = await legsOf(prisma, booking);
    const name = await placeNames(prisma, legs, language);
    return {
      title: t("booking.approvalTitle", {
        item: itemName(booking.item, language),
        library: bookingLibraryName(booking, language),
      }),
      facts: [
        ...bookingFacts(booking, legs, language),
        ...(legs.length > 0
          ? [{ label: t("booking.legs"), value: legs.map((leg) => legLine(leg, name, language)).join("\n") }]
          : []),
      ],
      flags: [],
    };
  },
  async applyDecision(tx, subjectId, outcome, { now, actorId }) {
    if (outcome === "CHANGES_REQUESTED") {
      if ((await bookingStatus(tx, subjectId)) !== "REQUESTED") throw new DecisionRefused("gone");
      return;
    }
    const moved = await transitionBooking(tx, {
      bookingId: subjectId,
      from: ["REQUESTED"],
      to: outcome === "APPROVED" ? "APPROVED" : "REJECTED",
      actorId,
      now,
    });
    if (!moved) throw new DecisionRefused("gone");
  },
  requesterActions(subjectId, outcome, { language }) {
    if (outcome !== "CHANGES_REQUESTED") return [];
    const t = kitsT(language);
    return [
      {
        type: "button",
        label: t("booking.change"),
        style: "primary",
        action: { verb: "kits.editForm", args: { b: subjectId } },
      },
      { type: "button", label: t("booking.cancel"), action: { verb: "kits.cancel", args: { b: subjectId } } },
    ];
  },
};
