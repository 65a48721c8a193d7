// The calendar feature's strings (i18next namespace "calendar"). English is the source of the
// typed keys; fi and sv must have the same shape (tests/i18n.test.ts).
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const en = {
  title: "calendar",
} as const;

export type Messages = Widen<typeof en>;

export const fi = {
  title: "calendar",
} as const satisfies Messages;

export const sv = {
  title: "calendar",
} as const satisfies Messages;
