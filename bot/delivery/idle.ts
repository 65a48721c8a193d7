// A send waiting for its reserved instant does no work, so it need not hold one of the
// dispatcher's slots: the limiters sleep through `idleSleep`, which tells the row's
// dispatcher task that it is idle until it wakes, and the pass gives its slot to another
// row meanwhile. The task is found through AsyncLocalStorage, so the Messenger interface
// between the dispatcher and the senders stays as it is; outside a dispatcher task (a
// test, a script) `idleSleep` is a plain sleep.
import { AsyncLocalStorage } from "node:async_hooks";

export interface IdleListener {
  idle(): void;
  busy(): void;
}

const tasks = new AsyncLocalStorage<IdleListener>();

/** Runs `work` as a dispatcher task: sleeps inside it are reported to `listener`. */
export function asTask<T>(listener: IdleListener, work: () => Promise<T>): Promise<T> {
  return tasks.run(listener, work);
}

/** Awaits `waiting` as idle time of the current dispatcher task, if any. */
export async function whileIdle<T>(waiting: Promise<T>): Promise<T> {
  const listener = tasks.getStore();
  listener?.idle();
  try {
    return await waiting;
  } finally {
    listener?.busy();
  }
}

export function idleSleep(ms: number): Promise<void> {
  return whileIdle(new Promise<void>((resolve) => setTimeout(resolve, ms)));
}
