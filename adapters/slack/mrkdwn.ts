// Turning the core's plain text into Slack mrkdwn that shows exactly what was typed.
//
// Every string in a neutral Reply is plain text, often typed by a user (a session title,
// a comment). Slack mrkdwn would otherwise act on it: `<!channel>` pings everyone,
// `<@U123>` mentions, `<url|label>` disguises a link, `*x*` / `_x_` / `~x~` / `` `x` ``
// format, and a leading `>` quotes. The rules applied, in order:
// 1. http(s) URLs become explicit `<url>` links. Our text objects set `verbatim: true`
//    (so Slack does not auto-parse mentions or channel names), which also switches off
//    auto-linking: explicit links are how URLs stay clickable.
// 2. `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`: Slack's required escaping, which makes
//    `<!channel>` literal text.
// 3. Each of `* _ ~ `` ` is wrapped in WORD JOINERs (U+2060, invisible, not whitespace
//    or punctuation): a formatting character only counts next to a word boundary, so a
//    joined one never opens or closes formatting. Mrkdwn has no backslash escape, and
//    plain_text would lose the bold titles and links, so this is the least bad choice.
//    Copying the text keeps the joiners; they are invisible.
// 4. A joiner also goes before a line-leading `&gt;` (quote) and after `@` in
//    `@channel`/`@here`/`@everyone` (the top-level `text` has no `verbatim`).

const JOINER = "\u2060";
const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
/** trailing punctuation that ends a sentence rather than the URL */
const URL_TAIL = /[.,;:!?'")\]]+$/;

function escapeEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapePlain(text: string): string {
  return escapeEntities(text)
    .replace(/[*_~`]/g, (char) => `${JOINER}${char}${JOINER}`)
    .replace(/^&gt;/gm, `${JOINER}&gt;`)
    .replace(/@(channel|here|everyone)\b/gi, `@${JOINER}$1`);
}

function linkFor(url: string): string {
  // `|` would start a link label inside <...>
  return `<${escapeEntities(url).replace(/\|/g, "%7C")}>`;
}

/** Plain text → mrkdwn that displays literally (see the rules above). */
export function mrkdwn(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(URL_TAIL, "");
    const start = match.index;
    out += escapePlain(text.slice(last, start)) + linkFor(url);
    last = start + url.length;
  }
  return out + escapePlain(text.slice(last));
}

/**
 * Shortens `text` (at a code-point boundary, ending in "…") until `render(text)` fits in
 * `max` UTF-16 units. Limits are measured on the rendered string because escaping grows
 * it (`&` → `&amp;`), and in UTF-16 units because that is never fewer than Slack's count.
 */
export function truncate(text: string, max: number, render: (text: string) => string = (t) => t): string {
  if (render(text).length <= max) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(`${chars.slice(0, mid).join("")}…`).length <= max) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join("")}…`;
}

/**
 * Splits `text` into pieces whose rendering fits in `max`, breaking after whitespace
 * (hard-splitting only a single word longer than `max`). Relies on `render` working word
 * by word, which `mrkdwn` does: URLs never contain whitespace.
 */
export function splitToFit(text: string, max: number, render: (text: string) => string = mrkdwn): string[] {
  const pieces: string[] = [];
  let current = "";
  let currentLength = 0;
  const flush = (): void => {
    if (current.trim() !== "") pieces.push(current.trimEnd());
    current = "";
    currentLength = 0;
  };
  for (const word of text.match(/\S+\s*|\s+/g) ?? []) {
    const length = render(word).length;
    if (currentLength + length > max) flush();
    if (length <= max) {
      current += word;
      currentLength += length;
      continue;
    }
    // A word this long is most likely a URL, whose pieces may render as links: count
    // `|` as its link form "%7C" and keep 2 units spare for the "<" and ">".
    for (const char of word) {
      const charLength = Math.max(render(char).length, char === "|" ? 3 : 1);
      if (currentLength + charLength > max - 2) flush();
      current += char;
      currentLength += charLength;
    }
  }
  flush();
  return pieces;
}
