// What must not outlive the benchmark (child processes, temporary directories, databases),
// registered while it exists so that Ctrl-C still removes it.
const pending = new Set<() => Promise<void>>();

/** Registers `task`; the returned function runs it once, unregisters it, and never rejects. */
export function deferCleanup(task: () => Promise<unknown>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const run = (): Promise<void> => {
    pending.delete(run);
    done ??= task().then(
      () => undefined,
      (error: unknown) => {
        process.stderr.write(`[bench] cleanup failed: ${String(error)}\n`);
      },
    );
    return done;
  };
  pending.add(run);
  return run;
}

export async function runAllCleanups(): Promise<void> {
  await Promise.all([...pending].map((run) => run()));
}
