// The staff visits' strings (i18next namespace "visits"). English is the source of the
// typed keys; fi and sv must have the same shape (tests/i18n.test.ts). Each language has
// its own file so that each stays readable.
export { en, type Messages } from "./messages-en.ts";
export { fi } from "./messages-fi.ts";
export { sv } from "./messages-sv.ts";
