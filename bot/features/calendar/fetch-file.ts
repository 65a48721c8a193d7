// Fetches an import file from an http(s) address with the limits a chat command needs:
// at most 1 MB, at most 10 s in all (a Teams turn must be answered within about 15 s),
// and every failure an expected value the handler explains in the user's language.
import { IMPORT_LIMITS } from "../../../domain/session-import.ts";

export const FETCH_TIMEOUT_MS = 10_000;

export type FetchedFile =
  | { ok: true; url: URL; name: string; contentType: string; bytes: Uint8Array }
  | { ok: false; reason: "bad_url" }
  | { ok: false; reason: "timeout" | "too_large" | "unreachable"; host: string }
  | { ok: false; reason: "http_status"; host: string; status: number };

/**
 * The address as typed: Slack wraps links as <https://…> or <https://…|label>, and a
 * Teams message may have had its link text shortened; only http and https are fetched.
 */
export function parseImportUrl(text: string): URL | undefined {
  const unwrapped = text.trim().replace(/^<([^|>]+)(?:\|[^>]*)?>$/, "$1");
  try {
    const url = new URL(unwrapped);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

export async function fetchImportFile(
  address: string,
  options: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<FetchedFile> {
  const url = parseImportUrl(address);
  if (!url) return { ok: false, reason: "bad_url" };
  const host = url.host;
  const maxBytes = options.maxBytes ?? IMPORT_LIMITS.maxBytes;
  // One deadline for connecting, the headers and the whole body: a slow trickle times out too.
  const signal = AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      signal,
      redirect: "follow",
      headers: { accept: "text/csv, text/calendar, text/plain;q=0.8, */*;q=0.5" },
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: "http_status", host, status: response.status };
    }
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: "too_large", host };
    }
    const bytes = await readAtMost(response, maxBytes);
    if (!bytes) return { ok: false, reason: "too_large", host };
    const finalUrl = new URL(response.url || url.href);
    return { ok: true, url: finalUrl, name: fileName(finalUrl, response), contentType: contentType(response), bytes };
  } catch (error) {
    if (signal.aborted || (error as Error).name === "TimeoutError") return { ok: false, reason: "timeout", host };
    return { ok: false, reason: "unreachable", host };
  }
}

/** The body, or undefined as soon as it grows past `maxBytes` (a missing Content-Length proves nothing). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function contentType(response: Response): string {
  return response.headers.get("content-type") ?? "";
}

/** For the report and for sniffing: Content-Disposition's filename, else the path's last part. */
function fileName(url: URL, response: Response): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  if (named) {
    try {
      return decodeURIComponent(named);
    } catch {
      return named;
    }
  }
  const last = url.pathname.split("/").filter(Boolean).pop() ?? url.host;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
