// Coordinators' tools for kits: add a kit, change its courier days and loan limit,
// retire it (or lend it again), block dates for maintenance, move a booking (the
// library is told). Every action checks the role on the server.
import { transitWindow } from "../../../domain/kits/working-days.ts";
import { blockDates, moveBooking } from "../../../domain/store/kit-bookings.ts";
import { addItem, findBooking, findItem, fromDbDate, updateItem } from "../../../domain/store/kits.ts";
import { isCalendarDate } from "../../../domain/time.ts";
import { InvalidAction } from "../../errors.ts";
import { formatDateRange } from "../../format.ts";
import { type Form, formReply, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import { itemName, kitsT } from "./shared.ts";

const LIMITS = { transitDays: [0, 10], maxLoanDays: [1, 90] } as const;
const ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

function formOutcome(form: Form): ActionOutcome {
  return { mode: "form", reply: formReply(form) };
}

async function itemFor(turn: Turn, args: Record<string, string>) {
  requireCoordinator(turn);
  const item = args.i ? await findItem(turn.deps.prisma, args.i) : null;
  if (!item) throw new InvalidAction("no such item");
  return item;
}

function wholeNumber(value: string | undefined, [min, max]: readonly [number, number]): number | undefined {
  const n = Number((value ?? "").trim());
  return Number.isInteger(n) && n >= min && n <= max && (value ?? "").trim() !== "" ? n : undefined;
}

export async function editItemFormAction(turn: Turn, { args, inputs }: ActionContext): Promise<ActionOutcome> {
  const item = await itemFor(turn, args);
  const t = kitsT(turn.language);
  const errors: Record<string, string> = {};
  if (inputs) {
    const transitDays = wholeNumber(inputs.transitDays, LIMITS.transitDays);
    const maxLoanDays = wholeNumber(inputs.maxLoanDays, LIMITS.maxLoanDays);
    if (transitDays === undefined)
      errors.transitDays = t("admin.numberInvalid", { min: LIMITS.transitDays[0], max: LIMITS.transitDays[1] });
    if (maxLoanDays === undefined)
      errors.maxLoanDays = t("admin.numberInvalid", { min: LIMITS.maxLoanDays[0], max: LIMITS.maxLoanDays[1] });
    if (transitDays !== undefined && maxLoanDays !== undefined) {
      await updateItem(turn.deps.prisma, item.id, { transitDays, maxLoanDays }, turn.user.id, turn.deps.now());
      return {
        mode: "new",
        reply: textReply(
          t("admin.saved", { item: itemName(item, turn.language), transit: transitDays, max: maxLoanDays }),
        ),
      };
    }
  }
  return formOutcome({
    title: t("admin.editTitle", { item: itemName(item, turn.language) }),
    fields: [
      {
        type: "number",
        id: "transitDays",
        label: t("admin.transitDays"),
        value: item.transitDays,
        min: LIMITS.transitDays[0],
        max: LIMITS.transitDays[1],
        required: true,
      },
      {
        type: "number",
        id: "maxLoanDays",
        label: t("admin.maxLoanDays"),
        value: item.maxLoanDays,
        min: LIMITS.maxLoanDays[0],
        max: LIMITS.maxLoanDays[1],
        required: true,
      },
    ],
    submit: { label: t("admin.save"), action: { verb: "kits.editItemForm", args: { i: item.id } } },
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  });
}

export async function retireAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const item = await itemFor(turn, args);
  if (args.on !== "0" && args.on !== "1") throw new InvalidAction("bad retire flag");
  const retire = args.on === "1";
  await updateItem(turn.deps.prisma, item.id, { retire }, turn.user.id, turn.deps.now());
  const t = kitsT(turn.language);
  return {
    mode: "new",
    reply: textReply(t(retire ? "admin.retired" : "admin.restored", { item: itemName(item, turn.language) })),
  };
}

function datePair(inputs: Record<string, string>, t: ReturnType<typeof kitsT>) {
  const from = (inputs.from ?? "").trim();
  const to = (inputs.to ?? "").trim();
  const errors: Record<string, string> = {};
  if (!isCalendarDate(from)) errors.from = t("errors.dateMissing");
  if (!isCalendarDate(to)) errors.to = t("errors.dateMissing");
  else if (isCalendarDate(from) && to < from) errors.to = t("errors.endBeforeStart");
  return { from, to, errors };
}

export async function blockFormAction(turn: Turn, { args, inputs }: ActionContext): Promise<ActionOutcome> {
  const item = await itemFor(turn, args);
  const t = kitsT(turn.language);
  let errors: Record<string, string> = {};
  if (inputs) {
    const pair = datePair(inputs, t);
    errors = pair.errors;
    const reason = (inputs.reason ?? "").trim().slice(0, 300);
    if (!reason) errors.reason = t("admin.required");
    if (Object.keys(errors).length === 0) {
      const result = await blockDates(turn.deps.prisma, {
        itemId: item.id,
        actorId: turn.user.id,
        start: pair.from,
        end: pair.to,
        reason,
        now: turn.deps.now(),
      });
      if (result === "blocked") {
        return {
          mode: "new",
          reply: textReply(
            t("admin.blocked", {
              item: itemName(item, turn.language),
              period: formatDateRange(pair.from, pair.to, turn.language),
            }),
          ),
        };
      }
      errors.from = t("admin.blockConflict");
    }
  }
  return formOutcome({
    title: t("admin.blockTitle", { item: itemName(item, turn.language) }),
    fields: [
      {
        type: "date",
        id: "from",
        label: t("form.from"),
        required: true,
        ...(inputs?.from ? { value: inputs.from } : {}),
      },
      { type: "date", id: "to", label: t("form.to"), required: true, ...(inputs?.to ? { value: inputs.to } : {}) },
      {
        type: "text",
        id: "reason",
        label: t("admin.reason"),
        maxLength: 300,
        required: true,
        ...(inputs?.reason ? { value: inputs.reason } : {}),
      },
    ],
    submit: { label: t("admin.save"), action: { verb: "kits.blockForm", args: { i: item.id } } },
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  });
}

const ADD_FIELDS = [
  "id",
  "nameFi",
  "nameSv",
  "nameEn",
  "descriptionFi",
  "descriptionSv",
  "descriptionEn",
  "contents",
] as const;

export async function addFormAction(turn: Turn, { inputs }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const t = kitsT(turn.language);
  const errors: Record<string, string> = {};
  if (inputs) {
    const v = Object.fromEntries(ADD_FIELDS.map((f) => [f, (inputs[f] ?? "").trim()])) as Record<
      (typeof ADD_FIELDS)[number],
      string
    >;
    for (const f of ADD_FIELDS) if (!v[f]) errors[f] = t("admin.required");
    if (v.id && !ID.test(v.id)) errors.id = t("admin.idInvalid");
    if (Object.keys(errors).length === 0) {
      const contents = v.contents
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
      const { contents: _contents, ...names } = v;
      const result = await addItem(
        turn.deps.prisma,
        { ...names, contentsFi: contents, contentsSv: contents, contentsEn: contents },
        turn.user.id,
      );
      if (result === "added")
        return { mode: "new", reply: textReply(t("admin.added", { item: itemName(v, turn.language) })) };
      errors.id = t("admin.exists");
    }
  }
  return formOutcome({
    title: t("admin.addTitle"),
    fields: ADD_FIELDS.map((id) => ({
      type: "text" as const,
      id,
      label: t(`admin.${id}`),
      required: true,
      maxLength: id.startsWith("description") || id === "contents" ? 1000 : 80,
      multiline: id.startsWith("description") || id === "contents",
      ...(inputs?.[id] ? { value: inputs[id] } : {}),
    })),
    submit: { label: t("admin.save"), action: { verb: "kits.addForm", args: {} } },
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  });
}

export async function moveFormAction(turn: Turn, { args, inputs }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const booking = args.b ? await findBooking(turn.deps.prisma, args.b) : null;
  if (!booking || !booking.libraryId) throw new InvalidAction("no such booking");
  const t = kitsT(turn.language);
  const name = itemName(booking.item, turn.language);
  let errors: Record<string, string> = {};
  if (inputs) {
    const pair = datePair(inputs, t);
    errors = pair.errors;
    if (Object.keys(errors).length === 0) {
      const occupied = transitWindow(pair.from, pair.to, booking.item.transitDays);
      const result = await moveBooking(turn.deps.prisma, {
        bookingId: booking.id,
        actorId: turn.user.id,
        use: { start: pair.from, end: pair.to },
        occupied,
        now: turn.deps.now(),
        notify: true,
      });
      if (result === "moved") {
        const library = booking.library
          ? turn.language === "sv"
            ? booking.library.nameSv
            : booking.library.nameFi
          : "";
        const reply: Reply = textReply(
          t("admin.moved", { item: name, library, period: formatDateRange(pair.from, pair.to, turn.language) }),
        );
        return { mode: "new", reply };
      }
      if (result === "not_movable") return { mode: "new", reply: textReply(t("admin.notMovable")) };
      errors.from = t("errors.takenNoSuggestion");
    }
  }
  return formOutcome({
    title: t("admin.moveTitle", { item: name }),
    fields: [
      {
        type: "date",
        id: "from",
        label: t("form.from"),
        required: true,
        value: inputs?.from ?? fromDbDate(booking.useStart),
      },
      { type: "date", id: "to", label: t("form.to"), required: true, value: inputs?.to ?? fromDbDate(booking.useEnd) },
    ],
    submit: { label: t("admin.move"), action: { verb: "kits.moveForm", args: { b: booking.id } } },
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  });
}
