// When to try a failed send again. Exponential backoff with "full jitter" (a random
// delay between 0 and the exponential cap) spreads retries of many rows that failed
// together, so several instances do not come back in step and earn the next 429 storm.
// A Retry-After from the platform is a floor, with jitter on top for the same reason.

export interface BackoffOptions {
  /** the cap of the first retry; doubled per attempt */
  baseMs: number;
  /** no retry waits longer than this (Retry-After aside) */
  maxMs: number;
  /** [0, 1); Math.random unless a test fixes it */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 60 * 60_000 };

/**
 * The delay before attempt `attempt + 1`, for a send that failed on its `attempt`-th
 * try (1-based).
 */
export function retryDelayMs(attempt: number, options: BackoffOptions, retryAfterMs?: number): number {
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  if (retryAfterMs !== undefined) return retryAfterMs + Math.floor(random() * Math.min(options.baseMs, cap));
  return Math.floor(random() * cap);
}
