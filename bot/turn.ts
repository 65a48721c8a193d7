// One turn: who asked, in which language, with which dependencies. Built once per
// request from the stored user, so every handler answers in the user's language.

import { findOrCreateUser, setPlatformLocale, type UserRecord } from "../domain/store/users.ts";
import type { PrismaClient } from "../prisma/generated/client.ts";
import { NotAllowed } from "./errors.ts";
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  type Language,
  languageFromLocale,
  type Translate,
  translator,
} from "./i18n/index.ts";
import type { Logger } from "./log.ts";
import type { Requester } from "./requests.ts";

export interface BotDependencies {
  prisma: PrismaClient;
  now: () => Date;
  /** base URL of this bot's HTTP server, for .ics links */
  publicUrl: string;
  log: Logger;
}

export interface Turn {
  deps: BotDependencies;
  requester: Requester;
  user: UserRecord;
  language: Language;
  t: Translate;
}

/** Checked on the server for every coordinator action, never only by hiding buttons. */
export function isCoordinator(turn: Turn): boolean {
  return turn.user.role === "COORDINATOR";
}

export function requireCoordinator(turn: Turn): void {
  if (!isCoordinator(turn)) throw new NotAllowed("coordinators only");
}

/** The user's chosen language, else the platform's locale, else Finnish. */
export function resolveLanguage(
  user: Pick<UserRecord, "language" | "platformLocale"> | undefined,
  requester: Requester,
): Language {
  if (user?.language && isLanguage(user.language)) return user.language;
  return languageFromLocale(user?.platformLocale ?? requester.platformLocale) ?? DEFAULT_LANGUAGE;
}

export async function startTurn(deps: BotDependencies, requester: Requester): Promise<Turn> {
  let user = await findOrCreateUser(deps.prisma, requester);
  if (!user.language && !user.platformLocale && requester.lookupLocale) {
    const locale = await requester.lookupLocale();
    if (locale) {
      await setPlatformLocale(deps.prisma, user.id, locale);
      user = { ...user, platformLocale: locale };
    }
  }
  const language = resolveLanguage(user, requester);
  return { deps, requester, user, language, t: translator(language) };
}

/** For when the store is away: the language from the request, or asked from the platform. */
export async function fallbackTranslator(requester: Requester): Promise<Translate> {
  const locale = requester.platformLocale ?? (await requester.lookupLocale?.().catch(() => undefined));
  return translator(resolveLanguage(undefined, { ...requester, platformLocale: locale }));
}
