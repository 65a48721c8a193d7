// i18next with typed keys: `t("meetups.title")` is checked against en.ts at compile
// time. Each feature has its own namespace (bot/features/<name>/messages.ts), so
// features can grow without touching each other's strings. One shared instance holds
// every language; each request or recipient gets a fixed translator for its language.
import i18next, { type TFunction } from "i18next";
import * as approvals from "../features/approvals/messages.ts";
import * as calendar from "../features/calendar/messages.ts";
import * as kits from "../features/kits/messages.ts";
import * as networks from "../features/networks/messages.ts";
import * as people from "../features/people/messages.ts";
import * as publishing from "../features/publishing/messages.ts";
import * as registrations from "../features/registrations/messages.ts";
import * as reminders from "../features/reminders/messages.ts";
import * as subscriptions from "../features/subscriptions/messages.ts";
import * as visits from "../features/visits/messages.ts";
import { en } from "./en.ts";
import { fi } from "./fi.ts";
import { sv } from "./sv.ts";

export const LANGUAGES = ["fi", "sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fi";

/** Feature namespaces beside the core's "translation". */
export const FEATURE_MESSAGES = {
  networks,
  registrations,
  calendar,
  people,
  publishing,
  reminders,
  approvals,
  kits,
  subscriptions,
  visits,
} as const;
export type FeatureNamespace = keyof typeof FEATURE_MESSAGES;

function bundle(language: Language) {
  const features = Object.fromEntries(
    Object.entries(FEATURE_MESSAGES).map(([name, messages]) => [name, messages[language]]),
  ) as { [N in FeatureNamespace]: (typeof FEATURE_MESSAGES)[N][Language] };
  return { translation: { fi, sv, en }[language], ...features };
}

export const resources = { fi: bundle("fi"), sv: bundle("sv"), en: bundle("en") };

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en } & { [N in FeatureNamespace]: (typeof FEATURE_MESSAGES)[N]["en"] };
    returnNull: false;
  }
}

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: false,
  defaultNS: "translation",
  ns: ["translation", ...Object.keys(FEATURE_MESSAGES)],
  initAsync: false,
  // Renderers escape for their own markup; HTML escaping here would show "&amp;".
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  showSupportNotice: false,
});

export type Translate = TFunction<"translation", undefined>;
export type FeatureTranslate<N extends FeatureNamespace> = TFunction<N, undefined>;

export function translator(language: Language): Translate {
  return instance.getFixedT(language);
}

/** A translator for one feature's namespace: `featureTranslator("sv", "networks")("title")`. */
export function featureTranslator<N extends FeatureNamespace>(language: Language, namespace: N): FeatureTranslate<N> {
  return instance.getFixedT(language, namespace) as FeatureTranslate<N>;
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
