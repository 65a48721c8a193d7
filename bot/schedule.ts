// The clock: node-cron in Europe/Helsinki. It keeps the recurring series materialised
// far enough ahead for the longest `kahvit 26vk`, and runs an outbox pass every minute:
// the safety net under the dispatcher's own timers (bot/delivery). Every 15 minutes the
// planners put the coming days' reminders, kit reminders and the next Monday's digest
// in the outbox; they are idempotent, so a repeated tick or a second instance adds nothing.
import cron, { type ScheduledTask } from "node-cron";
import { MAX_SPAN_WEEKS } from "../domain/meetups.ts";
import { planEverything } from "../domain/store/planning.ts";
import { materializeSeries } from "../domain/store/sessions.ts";
import { HELSINKI } from "../domain/time.ts";
import type { PrismaClient } from "../prisma/generated/client.ts";
import type { Logger } from "./log.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sessions from yesterday to one week past the longest span a user may ask for. */
export async function materializeAhead(prisma: PrismaClient, now: Date): Promise<number> {
  const from = new Date(now.getTime() - DAY_MS);
  const to = new Date(now.getTime() + (MAX_SPAN_WEEKS + 1) * 7 * DAY_MS);
  return materializeSeries(prisma, from, to);
}

export interface ScheduleDeps {
  prisma: PrismaClient;
  now: () => Date;
  log: Logger;
  /** the outbox dispatcher; its tick() never rejects and never overlaps itself */
  delivery?: { tick(): Promise<void> } | undefined;
}

export function startSchedules(deps: ScheduleDeps): { stop(): void } {
  const { delivery } = deps;
  const tasks: ScheduledTask[] = [
    cron.schedule(
      "15 3 * * *",
      async () => {
        const created = await materializeAhead(deps.prisma, deps.now());
        deps.log.info({ created }, "materialised recurring sessions");
      },
      { timezone: HELSINKI, name: "materialise-series", noOverlap: true },
    ),
    cron.schedule(
      "*/15 * * * *",
      async () => {
        try {
          const planned = await planEverything(deps.prisma, deps.now());
          if (Object.values(planned).some((n) => n > 0)) deps.log.info(planned, "planned reminders");
        } catch (error) {
          // the next tick plans what this one missed: the planner only ever adds what is absent
          deps.log.error({ err: error }, "planning reminders failed");
        }
      },
      { timezone: HELSINKI, name: "plan-reminders", noOverlap: true },
    ),
  ];
  if (delivery) {
    tasks.push(
      cron.schedule("* * * * *", () => delivery.tick(), { timezone: HELSINKI, name: "outbox", noOverlap: true }),
    );
  }
  return {
    stop() {
      for (const task of tasks) void task.stop();
    },
  };
}
