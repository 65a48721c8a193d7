// A library's bookings (`lainaa omat`) and a kit's life on its booking card: AKE sends
// it, the library marks it received, then sends it on — straight to the next library
// when the route says so, else back to AKE — and AKE marks it back. Each step moves the
// booking only from the step before, so a double click or a second person changes
// nothing and is told what is recorded.
import type { Leg, Place } from "../../../domain/kits/routing.ts";
import { cancelBooking, receiveBooking, sendOnBooking, transitionBooking } from "../../../domain/store/kit-bookings.ts";
import { type BookingRecord, findBooking, libraryBookings, nextApprovedBooking } from "../../../domain/store/kits.ts";
import { findLibrary } from "../../../domain/store/people.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { type Block, type CardAction, formReply, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import { isCoordinator, requireCoordinator, type Turn } from "../../turn.ts";
import { libraryName } from "../people/library.ts";
import type { ActionContext } from "../types.ts";
import {
  bookingFacts,
  bookingLibraryName,
  itemName,
  kitsT,
  legLine,
  legsOf,
  mayActOn,
  period,
  placeNames,
} from "./shared.ts";

function buttons(
  turn: Turn,
  booking: BookingRecord,
  legs: readonly Leg[],
  name: (place: Place) => string,
): CardAction[] {
  const t = kitsT(turn.language);
  const b = { b: booking.id };
  const coordinator = isCoordinator(turn);
  const ours = mayActOn(turn, booking);
  const actions: CardAction[] = [];
  const onward = legs.find((leg) => leg.bookingId === booking.id && leg.direction === "onward");
  const arrivesFromAke = !legs.some((leg) => leg.bookingId !== booking.id);
  if (booking.status === "APPROVED" && coordinator && arrivesFromAke) {
    actions.push({
      type: "button",
      label: kitsT(turn.language)("where.sendOut", { library: bookingLibraryName(booking, turn.language) }),
      style: "primary",
      action: { verb: "kits.send", args: b },
    });
  }
  if (booking.status === "SENT" && ours) {
    actions.push({
      type: "button",
      label: t("booking.received"),
      style: "primary",
      action: { verb: "kits.received", args: b },
    });
  }
  if (booking.status === "RECEIVED" && ours && onward) {
    const label = onward.to.kind === "ake" ? t("booking.returned") : t("booking.sentOn", { to: name(onward.to) });
    actions.push({ type: "button", label, style: "primary", action: { verb: "kits.sendOn", args: b } });
  }
  if (booking.status === "RETURNED" && coordinator) {
    actions.push({ type: "button", label: t("where.backAtAke"), action: { verb: "kits.back", args: b } });
  }
  if ((booking.status === "REQUESTED" || booking.status === "APPROVED") && ours) {
    actions.push({
      type: "button",
      label: t("booking.cancel"),
      style: "danger",
      action: { verb: "kits.cancel", args: b },
    });
    if (coordinator)
      actions.push({ type: "button", label: t("admin.move"), action: { verb: "kits.moveForm", args: b } });
  }
  return actions;
}

export async function bookingBlocks(turn: Turn, booking: BookingRecord): Promise<Block[]> {
  const { language } = turn;
  const t = kitsT(language);
  const legs = await legsOf(turn.deps.prisma, booking);
  const name = await placeNames(turn.deps.prisma, legs, language);
  const lines = legs.map((leg) => legLine(leg, name, language));
  const actions = buttons(turn, booking, legs, name);
  return [
    {
      type: "item",
      title: t("booking.title", {
        item: itemName(booking.item, language),
        library: bookingLibraryName(booking, language),
      }),
      lines: [
        ...[
          ...bookingFacts(booking, legs, language),
          { label: t("booking.status"), value: t(`status.${booking.status}`) },
        ].map((f) => `${f.label}: ${f.value}`),
        ...(lines.length > 0 ? [`${t("booking.legs")}:`, ...lines.map((l) => `• ${l}`)] : []),
      ],
      actions,
    },
  ];
}

async function bookingCard(turn: Turn, booking: BookingRecord, note?: string): Promise<Reply> {
  const blocks = await bookingBlocks(turn, booking);
  return {
    summary: note ?? itemName(booking.item, turn.language),
    blocks: note ? [{ type: "text", text: note }, ...blocks] : blocks,
  };
}

export async function mineReply(turn: Turn): Promise<Reply> {
  const { language } = turn;
  const t = kitsT(language);
  const libraryId = turn.user.libraryId;
  if (!libraryId) return textReply(t("mine.noLibrary", { command: commandWord("library", language) }));
  const library = await findLibrary(turn.deps.prisma, libraryId);
  const name = library ? libraryName(library, language) : libraryId;
  const bookings = await libraryBookings(turn.deps.prisma, libraryId);
  if (bookings.length === 0)
    return textReply(t("mine.empty", { library: name, command: commandWord("borrow", language) }));
  const blocks: Block[] = [{ type: "header", text: t("mine.title", { library: name }) }];
  for (const booking of bookings) blocks.push(...(await bookingBlocks(turn, booking)));
  return { summary: t("mine.title", { library: name }), blocks };
}

async function bookingFor(turn: Turn, args: Record<string, string>): Promise<BookingRecord> {
  const booking = args.b && args.b.length <= 64 ? await findBooking(turn.deps.prisma, args.b) : null;
  if (!booking || booking.purpose !== "LOAN") throw new InvalidAction("no such booking");
  return booking;
}

/** Done, or already done by someone: the card as it stands, with a line saying which. */
async function after(turn: Turn, bookingId: string, done: boolean, note: string): Promise<ActionOutcome> {
  const booking = await findBooking(turn.deps.prisma, bookingId);
  if (!booking) throw new InvalidAction("booking vanished");
  const t = kitsT(turn.language);
  const text = done ? note : t("booking.alreadyDone", { status: t(`status.${booking.status}`) });
  return { mode: "replace", reply: await bookingCard(turn, booking, text) };
}

function refuse(turn: Turn, booking: BookingRecord): ActionOutcome {
  const library = bookingLibraryName(booking, turn.language);
  return { mode: "new", reply: textReply(kitsT(turn.language)("booking.notYours", { library })) };
}

export async function sendAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const booking = await bookingFor(turn, args);
  const done = await transitionBooking(turn.deps.prisma, {
    bookingId: booking.id,
    from: ["APPROVED"],
    to: "SENT",
    actorId: turn.user.id,
    now: turn.deps.now(),
  });
  const t = kitsT(turn.language);
  return after(
    turn,
    booking.id,
    done,
    t("booking.markedSent", {
      item: itemName(booking.item, turn.language),
      to: bookingLibraryName(booking, turn.language),
    }),
  );
}

export async function receivedAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const booking = await bookingFor(turn, args);
  if (!mayActOn(turn, booking)) return refuse(turn, booking);
  const done = await receiveBooking(turn.deps.prisma, {
    bookingId: booking.id,
    actorId: turn.user.id,
    now: turn.deps.now(),
  });
  const t = kitsT(turn.language);
  return after(
    turn,
    booking.id,
    done,
    t("booking.markedReceived", {
      item: itemName(booking.item, turn.language),
      library: bookingLibraryName(booking, turn.language),
    }),
  );
}

export async function sendOnAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const booking = await bookingFor(turn, args);
  if (!mayActOn(turn, booking)) return refuse(turn, booking);
  const { prisma } = turn.deps;
  const legs = await legsOf(prisma, booking);
  const onward = legs.find((leg) => leg.bookingId === booking.id && leg.direction === "onward");
  // straight on only to a booking that is approved: a request still waiting may be refused
  const next =
    onward?.to.kind === "library"
      ? await nextApprovedBooking(prisma, {
          itemId: booking.itemId,
          libraryId: onward.to.libraryId,
          after: booking.useEnd,
        })
      : null;
  const done = await sendOnBooking(prisma, {
    bookingId: booking.id,
    actorId: turn.user.id,
    now: turn.deps.now(),
    nextBookingId: next?.id ?? null,
  });
  const t = kitsT(turn.language);
  const to = next ? bookingLibraryName(next, turn.language) : t("booking.ake");
  return after(turn, booking.id, done, t("booking.markedSent", { item: itemName(booking.item, turn.language), to }));
}

export async function backAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const booking = await bookingFor(turn, args);
  const done = await transitionBooking(turn.deps.prisma, {
    bookingId: booking.id,
    from: ["RETURNED"],
    to: "CLOSED",
    actorId: turn.user.id,
    now: turn.deps.now(),
  });
  return after(
    turn,
    booking.id,
    done,
    kitsT(turn.language)("where.markedBack", { item: itemName(booking.item, turn.language) }),
  );
}

/**
 * Cancelling: the library's own staff at once; a coordinator cancelling another
 * library's booking gives a reason first (the cancel form), and the library is told.
 */
export async function cancelAction(turn: Turn, { args, inputs }: ActionContext): Promise<ActionOutcome> {
  const booking = await bookingFor(turn, args);
  if (!mayActOn(turn, booking)) return refuse(turn, booking);
  const own = turn.user.id === booking.requesterId || turn.user.libraryId === booking.libraryId;
  const t = kitsT(turn.language);
  if (!own && inputs === undefined) {
    const title = t("admin.cancelTitle", {
      item: itemName(booking.item, turn.language),
      library: bookingLibraryName(booking, turn.language),
    });
    return {
      mode: "form",
      reply: formReply({
        title,
        fields: [{ type: "text", id: "reason", label: t("admin.cancelReason"), multiline: true, maxLength: 500 }],
        submit: { label: t("booking.cancel"), action: { verb: "kits.cancel", args: { b: booking.id } } },
      }),
    };
  }
  const reason = inputs?.reason?.trim().slice(0, 500) || undefined;
  const done = await cancelBooking(turn.deps.prisma, {
    bookingId: booking.id,
    actorId: turn.user.id,
    now: turn.deps.now(),
    reason,
    notify: !own,
  });
  return after(
    turn,
    booking.id,
    done,
    t("booking.cancelled", { item: itemName(booking.item, turn.language), period: period(booking, turn.language) }),
  );
}
