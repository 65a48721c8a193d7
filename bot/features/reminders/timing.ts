// `muistutukset ajat` / `påminnelser tider` / `reminders timing` (coordinators): when the
// reminders go out for everyone — the day-before time (also the Monday digest's), the
// minutes of the last reminder, and the core groups' first reminder. Saving re-times
// what is already planned (domain/store/reminder-timing.ts).
import { TIMING_LIMITS } from "../../../domain/reminders.ts";
import { planEverything } from "../../../domain/store/planning.ts";
import { reminderTiming, saveReminderTiming, TimingSchema } from "../../../domain/store/reminder-timing.ts";
import { formReply, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import { remindersT } from "./notify.ts";

export const TIMING_WORDS = new Set(["ajat", "ajastus", "tider", "timing", "times"]);

type Field = "morning" | "minutesBefore" | "coreGroupDaysBefore";

function form(turn: Turn, values: Record<Field, string>, errors?: Partial<Record<Field, string>>): Reply {
  const t = remindersT(turn.language);
  const { minutesBefore: minutes, coreGroupDaysBefore: days } = TIMING_LIMITS;
  return formReply({
    title: t("timing.title"),
    intro: t("timing.intro"),
    fields: [
      { type: "time", id: "morning", label: t("timing.morning"), value: values.morning, required: true },
      {
        type: "number",
        id: "minutesBefore",
        label: t("timing.minutesBefore"),
        value: Number(values.minutesBefore) || undefined,
        min: minutes.min,
        max: minutes.max,
        required: true,
      },
      {
        type: "number",
        id: "coreGroupDaysBefore",
        label: t("timing.coreGroupDaysBefore"),
        value: Number(values.coreGroupDaysBefore) || undefined,
        min: days.min,
        max: days.max,
        required: true,
      },
    ],
    submit: { label: t("timing.save"), action: { verb: "reminders.timing", args: {} } },
    ...(errors && Object.keys(errors).length > 0 ? { errors } : {}),
  });
}

export async function timingReply(turn: Turn): Promise<Reply> {
  requireCoordinator(turn);
  const timing = await reminderTiming(turn.deps.prisma);
  return form(turn, {
    morning: timing.morning,
    minutesBefore: String(timing.minutesBefore),
    coreGroupDaysBefore: String(timing.coreGroupDaysBefore),
  });
}

export async function timingAction(turn: Turn, { inputs = {} }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const t = remindersT(turn.language);
  const values = {
    morning: (inputs.morning ?? "").trim().slice(0, 5),
    minutesBefore: (inputs.minutesBefore ?? "").trim(),
    coreGroupDaysBefore: (inputs.coreGroupDaysBefore ?? "").trim(),
  };
  const whole = (value: string) => (/^\d{1,4}$/.test(value) ? Number(value) : Number.NaN);
  const parsed = TimingSchema.safeParse({
    morning: values.morning,
    minutesBefore: whole(values.minutesBefore),
    coreGroupDaysBefore: whole(values.coreGroupDaysBefore),
  });
  if (!parsed.success) {
    const errors: Partial<Record<Field, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      errors[field] =
        field === "morning"
          ? t("timing.badMorning", TIMING_LIMITS.morning)
          : t("timing.badNumber", TIMING_LIMITS[field]);
    }
    return { mode: "form", reply: form(turn, values, errors) };
  }
  const timing = parsed.data;
  const retimed = await saveReminderTiming(turn.deps.prisma, { timing, actorId: turn.user.id });
  await planEverything(turn.deps.prisma, turn.deps.now());
  const text = t("timing.saved", {
    morning: timing.morning,
    minutes: timing.minutesBefore,
    days: timing.coreGroupDaysBefore,
    retimed,
  });
  return { mode: "replace", reply: textReply(text) };
}
