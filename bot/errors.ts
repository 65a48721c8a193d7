// Telling "the database is away" (the user is asked to try again soon) from a bug
// (logged, with a general apology). Driver and Prisma errors are matched by their
// codes, not by message text where a code exists.
/**
 * A button or form whose payload a handler cannot use (an old card, a forged value):
 * the user is told the button is no longer valid; nothing is changed.
 */
export class InvalidAction extends Error {
  override name = "InvalidAction";
}

/** Something only a coordinator may do, asked by someone who is not one. */
export class NotAllowed extends Error {
  override name = "NotAllowed";
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08003",
  "08006", // connection_failure
  "P1001", // can't reach database server
  "P1002", // database server timed out
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
]);

const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /can't reach database server/i,
  /store did not answer/i,
  /Connection closed/i,
];

export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code, cause } = error as Error & { code?: unknown; cause?: unknown };
  if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  const kind = (cause as { kind?: unknown } | undefined)?.kind;
  if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isStoreUnavailable(inner, depth + 1)))
    return true;
  return isStoreUnavailable(cause, depth + 1);
}
