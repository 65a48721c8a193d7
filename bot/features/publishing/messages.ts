// The publishing feature's strings (i18next namespace "publishing"). English is the source of the
// typed keys; fi and sv must have the same shape (tests/i18n.test.ts). Form titles and submit
// labels stay within 24 characters: Slack's limit for a modal's title and buttons.
// Each language has its own file (messages-<language>.ts) so that each stays readable.
export { en, type Messages } from "./messages-en.ts";
export { fi } from "./messages-fi.ts";
export { sv } from "./messages-sv.ts";
