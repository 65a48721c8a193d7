// Booking a kit: the form (item, library, first and last day of use, contact, notes),
// its checks — each refusal names what to change, in the user's language, and stores
// nothing — and the request itself, stored with its approval in one transaction. The
// database has the last word on overlaps: a request that loses a race to another for
// the same days gets the same answer as one that came late.
import { nextFreeWindow } from "../../../domain/kits/availability.ts";
import {
  addWorkingDays,
  daysBetween,
  type LocalDate,
  todayInHelsinki,
  transitWindow,
} from "../../../domain/kits/working-days.ts";
import { createBooking, resubmitBooking } from "../../../domain/store/kit-bookings.ts";
import {
  findBooking,
  findItem,
  fromDbDate,
  type LoanItemRecord,
  listItems,
  occupiedBetween,
} from "../../../domain/store/kits.ts";
import { listLibraries } from "../../../domain/store/people.ts";
import { addCalendarDays, isCalendarDate } from "../../../domain/time.ts";
import { InvalidAction } from "../../errors.ts";
import { formatDateRange, formatLocalDate } from "../../format.ts";
import type { FormField, Reply } from "../../reply.ts";
import { formReply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import type { Turn } from "../../turn.ts";
import { libraryName } from "../people/library.ts";
import type { ActionContext } from "../types.ts";
import { itemName, kitsT, mayActOn } from "./shared.ts";

const MAX_CONTACT = 100;
const MAX_NOTES = 1000;
/** How far ahead a free window is looked for when suggesting one. */
const SUGGEST_HORIZON_DAYS = 2 * 366;

type Field = "item" | "library" | "from" | "to" | "contact" | "notes";
export type Inputs = Partial<Record<Field, string>>;

interface FormState {
  values: Inputs;
  errors?: Partial<Record<Field, string>>;
  /** editing a booking after a coordinator asked for a change */
  bookingId?: string;
}

async function requestForm(turn: Turn, state: FormState): Promise<Reply> {
  const { language } = turn;
  const t = kitsT(language);
  const [items, libraries] = await Promise.all([listItems(turn.deps.prisma), listLibraries(turn.deps.prisma)]);
  const chosen = items.find((i) => i.id === state.values.item) ?? items[0];
  const title = chosen
    ? t(state.bookingId ? "form.editTitle" : "form.title", { item: itemName(chosen, language) })
    : t("catalogue.title");
  const fields: FormField[] = [
    {
      type: "select",
      id: "item",
      label: t("form.item"),
      options: items.map((i) => ({ value: i.id, label: itemName(i, language) })),
      required: true,
      ...(chosen ? { value: chosen.id } : {}),
    },
    {
      type: "select",
      id: "library",
      label: t("form.library"),
      options: libraries.map((l) => ({ value: l.id, label: libraryName(l, language) })),
      required: true,
      ...(state.values.library ? { value: state.values.library } : {}),
    },
    {
      type: "date",
      id: "from",
      label: t("form.from"),
      required: true,
      ...(state.values.from ? { value: state.values.from } : {}),
    },
    {
      type: "date",
      id: "to",
      label: t("form.to"),
      required: true,
      ...(state.values.to ? { value: state.values.to } : {}),
    },
    {
      type: "text",
      id: "contact",
      label: t("form.contact"),
      maxLength: MAX_CONTACT,
      required: true,
      ...(state.values.contact ? { value: state.values.contact } : {}),
    },
    {
      type: "text",
      id: "notes",
      label: t("form.notes"),
      multiline: true,
      maxLength: MAX_NOTES,
      ...(state.values.notes ? { value: state.values.notes } : {}),
    },
  ];
  return formReply({
    title,
    intro: t("form.intro", { transit: chosen?.transitDays ?? 2 }),
    fields,
    submit: state.bookingId
      ? { label: t("form.editSubmit"), action: { verb: "kits.edit", args: { b: state.bookingId } } }
      : { label: t("form.submit"), action: { verb: "kits.request", args: {} } },
    ...(state.errors ? { errors: state.errors } : {}),
  });
}

/** "Book" on a kit's card: the form, with the kit, the user's library and name filled in. */
export async function bookFormAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const values: Inputs = {
    ...(args.i ? { item: args.i } : {}),
    ...(turn.user.libraryId ? { library: turn.user.libraryId } : {}),
    ...(turn.user.displayName ? { contact: turn.user.displayName } : {}),
  };
  return { mode: "form", reply: await requestForm(turn, { values }) };
}

interface Checked {
  item: LoanItemRecord;
  libraryId: string;
  use: { start: LocalDate; end: LocalDate };
  occupied: { start: LocalDate; end: LocalDate };
  contact: string;
  notes: string;
}

/** The form's checks, in the order a user would fix them; null when every field holds. */
async function check(
  turn: Turn,
  inputs: Inputs,
): Promise<{ ok: true; value: Checked } | { ok: false; errors: Partial<Record<Field, string>> }> {
  const { prisma } = turn.deps;
  const t = kitsT(turn.language);
  const errors: Partial<Record<Field, string>> = {};
  const item = inputs.item ? await findItem(prisma, inputs.item) : null;
  if (!item) errors.item = t("errors.itemUnknown");
  else if (item.retiredAt) errors.item = t("errors.itemRetired");
  const libraries = await listLibraries(prisma);
  if (!libraries.some((l) => l.id === inputs.library)) errors.library = t("errors.libraryUnknown");
  const today = todayInHelsinki(turn.deps.now());
  const from = (inputs.from ?? "").trim();
  const to = (inputs.to ?? "").trim();
  if (!isCalendarDate(from)) errors.from = t("errors.dateMissing");
  else if (from < today) errors.from = t("errors.past", { today: formatLocalDate(today, turn.language) });
  if (!isCalendarDate(to)) errors.to = t("errors.dateMissing");
  else if (to < today) errors.to = t("errors.past", { today: formatLocalDate(today, turn.language) });
  else if (isCalendarDate(from) && to < from) errors.to = t("errors.endBeforeStart");
  const contact = (inputs.contact ?? "").trim();
  const notes = (inputs.notes ?? "").trim();
  if (!contact) errors.contact = t("errors.contactMissing");
  else if (contact.length > MAX_CONTACT) errors.contact = t("errors.tooLongText", { max: MAX_CONTACT });
  if (notes.length > MAX_NOTES) errors.notes = t("errors.tooLongText", { max: MAX_NOTES });
  if (item && !errors.from && !errors.to) {
    const days = daysBetween(from, to) + 1;
    if (days > item.maxLoanDays) errors.to = t("errors.tooLong", { max: item.maxLoanDays, days });
    else {
      const occupied = transitWindow(from, to, item.transitDays);
      // the courier must be able to leave on a working day from today on
      if (occupied.start < today) {
        const earliest = addWorkingDays(today, item.transitDays);
        errors.from = t("errors.tooSoon", {
          transit: item.transitDays,
          earliest: formatLocalDate(earliest, turn.language),
        });
      }
    }
  }
  if (!item || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      item,
      libraryId: inputs.library ?? "",
      use: { start: from, end: to },
      occupied: transitWindow(from, to, item.transitDays),
      contact,
      notes,
    },
  };
}

/** "Taken then": with the next free window of the same length, from the asked first day on. */
async function takenError(turn: Turn, value: Checked, ignoreBookingId?: string): Promise<string> {
  const t = kitsT(turn.language);
  const occupied = (
    await occupiedBetween(
      turn.deps.prisma,
      value.item.id,
      value.occupied.start,
      addCalendarDays(value.use.start, SUGGEST_HORIZON_DAYS),
    )
  ).filter((b) => b.id !== ignoreBookingId);
  try {
    const window = nextFreeWindow({
      useDays: daysBetween(value.use.start, value.use.end) + 1,
      transitDays: value.item.transitDays,
      occupied,
      from: value.use.start,
    });
    return t("errors.taken", {
      from: formatLocalDate(window.useStart, turn.language),
      to: formatLocalDate(window.useEnd, turn.language),
    });
  } catch {
    return t("errors.takenNoSuggestion");
  }
}

async function isTaken(turn: Turn, value: Checked, ignoreBookingId?: string): Promise<boolean> {
  const clash = await occupiedBetween(turn.deps.prisma, value.item.id, value.occupied.start, value.occupied.end);
  return clash.some((b) => b.id !== ignoreBookingId);
}

export async function requestAction(turn: Turn, { inputs = {} }: ActionContext): Promise<ActionOutcome> {
  const values = inputs as Inputs;
  const checked = await check(turn, values);
  if (!checked.ok) return { mode: "form", reply: await requestForm(turn, { values, errors: checked.errors }) };
  const value = checked.value;
  if (await isTaken(turn, value)) {
    return {
      mode: "form",
      reply: await requestForm(turn, { values, errors: { from: await takenError(turn, value) } }),
    };
  }
  const result = await createBooking(turn.deps.prisma, {
    itemId: value.item.id,
    libraryId: value.libraryId,
    requesterId: turn.user.id,
    contactName: value.contact,
    notes: value.notes,
    use: value.use,
    occupied: value.occupied,
    now: turn.deps.now(),
  });
  if (!result.ok) {
    return {
      mode: "form",
      reply: await requestForm(turn, { values, errors: { from: await takenError(turn, value) } }),
    };
  }
  return { mode: "new", reply: await requestedReply(turn, result.bookingId, "booking.requested") };
}

async function requestedReply(
  turn: Turn,
  bookingId: string,
  key: "booking.requested" | "booking.resubmitted",
): Promise<Reply> {
  const booking = await findBooking(turn.deps.prisma, bookingId);
  if (!booking) throw new InvalidAction("booking vanished");
  const t = kitsT(turn.language);
  const library = booking.library ? libraryName(booking.library, turn.language) : "";
  const period = formatDateRange(fromDbDate(booking.useStart), fromDbDate(booking.useEnd), turn.language);
  return textReply(t(key, { item: itemName(booking.item, turn.language), library, period }));
}

/** "Change the dates" on the notice of a change request: the form, filled in as it was. */
export async function editFormAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const booking = args.b ? await findBooking(turn.deps.prisma, args.b) : null;
  if (!booking || !mayActOn(turn, booking)) throw new InvalidAction("no such booking");
  const values: Inputs = {
    item: booking.itemId,
    library: booking.libraryId ?? "",
    from: fromDbDate(booking.useStart),
    to: fromDbDate(booking.useEnd),
    contact: booking.contactName,
    notes: booking.notes,
  };
  return { mode: "form", reply: await requestForm(turn, { values, bookingId: booking.id }) };
}

export async function editAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  const booking = args.b ? await findBooking(turn.deps.prisma, args.b) : null;
  if (!booking || !mayActOn(turn, booking)) throw new InvalidAction("no such booking");
  const values = { ...(inputs as Inputs), item: booking.itemId };
  const checked = await check(turn, values);
  if (!checked.ok)
    return { mode: "form", reply: await requestForm(turn, { values, errors: checked.errors, bookingId: booking.id }) };
  const value = checked.value;
  const taken = async () => ({
    mode: "form" as const,
    reply: await requestForm(turn, {
      values,
      bookingId: booking.id,
      errors: { from: await takenError(turn, value, booking.id) },
    }),
  });
  if (await isTaken(turn, value, booking.id)) return taken();
  const result = await resubmitBooking(turn.deps.prisma, {
    bookingId: booking.id,
    actorId: turn.user.id,
    libraryId: value.libraryId,
    contactName: value.contact,
    notes: value.notes,
    use: value.use,
    occupied: value.occupied,
    now: turn.deps.now(),
  });
  if (result === "conflict") return taken();
  if (result === "not_editable") {
    return {
      mode: "new",
      reply: textReply(
        kitsT(turn.language)("booking.alreadyDone", { status: kitsT(turn.language)(`status.${booking.status}`) }),
      ),
    };
  }
  return { mode: "new", reply: await requestedReply(turn, booking.id, "booking.resubmitted") };
}
