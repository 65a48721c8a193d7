// Small helpers for the benchmark: percentiles, a bounded worker pool, formatting.

/** Nearest-rank percentile (q in 0..1) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

/**
 * Runs `task(0..count-1)` with at most `concurrency` in flight and returns the results of
 * those that ran, in index order. Workers pull the next index, so a slow request does not
 * hold a slot idle; `stop()` returning true stops handing out more.
 */
export async function runPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  stop: () => boolean = () => false,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count && !stop()) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results.filter(() => true); // drops the holes left by a stop
}

/** `promise`, or a rejection after `ms` (the promise itself runs on). */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds for a table cell: one decimal below 10 ms, whole numbers above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

/** Milliseconds as seconds with one decimal, for start-up times. */
export function seconds(value: number): string {
  return Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : "–";
}

export function megabytes(kilobytes: number | undefined): string {
  return kilobytes === undefined ? "n/a" : `${Math.round(kilobytes / 1024)} MB`;
}

export function duration(msTotal: number): string {
  const total = Math.round(msTotal / 1000);
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

/** Progress goes to stderr so that stdout is only the Markdown to paste. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
