// What an adapter hands to the core, and what it gets back. Nothing here knows Teams
// or Slack beyond the platform's name.
import type { ActionPayload, Reply } from "./reply.ts";

export type PlatformName = "teams" | "slack";

export interface Requester {
  platform: PlatformName;
  /** stable per platform: Teams aadObjectId (or from.id), Slack "TEAM:USER" */
  userId: string;
  displayName?: string | undefined;
  /** a locale the platform sent with the request (Teams activity.locale) */
  platformLocale?: string | undefined;
  /**
   * Asks the platform for the user's locale when the request did not carry one
   * (Slack: users.info with include_locale). Called at most once per user.
   */
  lookupLocale?: (() => Promise<string | undefined>) | undefined;
}

/** A person the user @mentioned in the command ("ydinryhmä severi lisää @Maija"). */
export interface Mention {
  /** the same kind of id as Requester.userId on that platform */
  userId: string;
  name?: string | undefined;
}

/** Where a message or click came from: a personal chat, a channel, a group chat. */
export interface Conversation {
  kind: "personal" | "channel" | "group";
  /**
   * Stable per platform and the key proactive sends use: Teams "teams:channel:<id>"
   * (ConversationRef.key), Slack "slack:channel:<C…>". For personal chats the user's key.
   */
  key: string;
}

export interface MessageRequest {
  requester: Requester;
  /** absent when the adapter cannot tell (then treated as a personal chat) */
  conversation?: Conversation | undefined;
  /** the command text, mentions of people removed (they are in `mentions`) */
  text: string;
  mentions?: Mention[] | undefined;
}

export interface ActionRequest {
  requester: Requester;
  conversation?: Conversation | undefined;
  action: ActionPayload;
  /** the values of a submitted form, by field id (multi-selects comma-joined) */
  inputs?: Record<string, string> | undefined;
}

export interface ActionOutcome {
  reply: Reply;
  /**
   * "replace": the card the click came from is replaced with the reply;
   * "replaceForAll": the card is replaced for everyone who sees it (a decision on an
   *   approval card in the coordinators' channel); "replace" is for the clicker only
   *   (paging, per-user views) where the platform can tell the two apart (Teams);
   * "new": the reply is sent as a new message to the clicking user;
   * "form": the reply holds a form to show (Slack: a modal) — also the answer to a
   *   refused submit, with `form.errors` set, so the user corrects it in place.
   */
  mode: "replace" | "replaceForAll" | "new" | "form";
}

/** The platform-neutral bot as the adapters see it. */
export interface BotCore {
  handleMessage(request: MessageRequest): Promise<Reply>;
  handleAction(request: ActionRequest): Promise<ActionOutcome>;
}
