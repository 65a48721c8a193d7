// i18next with typed keys: `t("meetups.title")` is checked against en.ts at compile
// time. One shared instance holds all three languages; each request or recipient
// gets a fixed translator for its own language.
import i18next, { type TFunction } from "i18next";
import { en } from "./en.ts";
import { fi } from "./fi.ts";
import { sv } from "./sv.ts";

export const LANGUAGES = ["fi", "sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fi";

export const resources = { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
    returnNull: false;
  }
}

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: false,
  initAsync: false,
  // Renderers escape for their own markup; HTML escaping here would show "&amp;".
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  showSupportNotice: false,
});

export type Translate = TFunction<"translation", undefined>;

export function translator(language: Language): Translate {
  return instance.getFixedT(language);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** "sv-FI" → "sv", "en_US" → "en"; undefined for anything else. */
export function languageFromLocale(locale: string | undefined | null): Language | undefined {
  const primary = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && isLanguage(primary) ? primary : undefined;
}

/** BCP 47 locale for formatting dates and times in a language (24-hour clocks). */
export const FORMAT_LOCALE: Record<Language, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };
