// The kits feature's strings (i18next namespace "kits"); English is the source of the
// typed keys, Finnish and Swedish must have the same shape (tests/i18n.test.ts).
export { en } from "./messages-en.ts";
export { fi } from "./messages-fi.ts";
export { sv } from "./messages-sv.ts";
