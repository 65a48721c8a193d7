// The dispatcher as the app runs it: passes on demand (kick), at the instant the next
// row falls due when that is within a minute (a retry in 5 s, a promotion planned just
// now), and from the node-cron job every minute (bot/schedule.ts) as the safety net for
// everything else: rows planned days ahead, rows of an instance that died, lost timers.
// Timers are only hints; correctness comes from the outbox rows alone.
import { nextDueAt, onNotificationsPlanned } from "../../domain/store/outbox.ts";
import type { Feature } from "../features/types.ts";
import {
  createDispatcherCore,
  type DeliveryRenderer,
  type DispatcherCore,
  type DispatcherOptions,
} from "./dispatcher.ts";

export type { DeliveryRenderer, DispatcherOptions, PassStats } from "./dispatcher.ts";
export type { Messenger, Recipient, SendResult } from "./types.ts";

export interface Dispatcher extends DispatcherCore {
  /** a pass unless one is running (then one more right after it); never rejects */
  tick(): Promise<void>;
  /** a pass soon, and once more a little later for plans whose transaction was still open */
  kick(): void;
  /** listen for planned notifications and follow the next due row with a timer */
  start(): void;
  /** stops timers and listening; resolves when the running pass has finished */
  stop(): Promise<void>;
}

/** Beyond this the cron job looks anyway: no timer. */
const HORIZON_MS = 60_000;
const KICK_DELAYS_MS = [50, 1_500] as const;

/** Every feature's notification renderers by kind; a kind claimed twice is a programming error. */
export function notificationRenderers(features: readonly Feature[]): Map<string, DeliveryRenderer> {
  const renderers = new Map<string, DeliveryRenderer>();
  for (const feature of features) {
    for (const [kind, renderer] of Object.entries(feature.notifications ?? {})) {
      if (renderers.has(kind)) throw new Error(`notification kind ${kind} is rendered by two features`);
      renderers.set(kind, renderer);
    }
  }
  return renderers;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const core = createDispatcherCore(options);
  const { now, log } = options;
  const timers = new Map<NodeJS.Timeout, number>();
  let running: Promise<void> | undefined;
  let again = false;
  let started = false;
  let unsubscribe: (() => void) | undefined;

  function wakeAt(at: number): void {
    if (!started) return;
    const delay = Math.max(0, at - now().getTime());
    if (delay > HORIZON_MS) return;
    // one timer serves every wake-up it comes shortly before
    for (const when of timers.values()) if (when <= at && at - when < 250) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void tick();
    }, delay);
    timer.unref();
    timers.set(timer, at);
  }

  async function pass(): Promise<void> {
    do {
      again = false;
      try {
        const stats = await core.runOnce();
        if (stats.claimed > 0) log.info({ worker: core.worker, ...stats }, "delivery pass");
        const next = await nextDueAt(options.prisma);
        if (next) wakeAt(next.getTime());
      } catch (error) {
        log.error({ err: error }, "delivery pass failed");
      }
    } while (again && started);
  }

  function tick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  function kick(): void {
    const at = now().getTime();
    for (const delay of KICK_DELAYS_MS) wakeAt(at + delay);
  }

  return {
    ...core,
    tick,
    kick,
    start() {
      if (started) return;
      started = true;
      unsubscribe = onNotificationsPlanned((earliest) => {
        const at = Math.max(earliest.getTime(), now().getTime());
        for (const delay of KICK_DELAYS_MS) wakeAt(at + delay);
      });
      kick();
    },
    async stop() {
      started = false;
      unsubscribe?.();
      for (const timer of timers.keys()) clearTimeout(timer);
      timers.clear();
      await running;
    },
  };
}
