// The networks feature's strings (i18next namespace "networks"). English is the source of the
// typed keys; fi and sv must have the same shape (tests/i18n.test.ts).
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const en = {
  title: "networks",
} as const;

export type Messages = Widen<typeof en>;

export const fi = {
  title: "networks",
} as const satisfies Messages;

export const sv = {
  title: "networks",
} as const satisfies Messages;
