// A feature is a slice of the bot (meetups, networks, registrations...): the commands
// it answers, the button verbs it handles, the notifications it renders, and its
// lines in `apua`. bot/core.ts dispatches to features; features never import each
// other's handlers, only domain/ and bot/ helpers.
import type { PrismaClient } from "../../prisma/generated/client.ts";
import type { CommandName } from "../commands.ts";
import type { Language, Translate } from "../i18n/index.ts";
import type { Reply } from "../reply.ts";
import type { ActionOutcome, Conversation, Mention } from "../requests.ts";
import type { Turn } from "../turn.ts";

export interface CommandContext {
  /** the argument words after the command (lower-cased) */
  args: string[];
  /** the same words as typed, for case-sensitive values such as URLs */
  rawArgs: string[];
  /** people @mentioned in the message */
  mentions: Mention[];
  /** where the command was written; absent: a personal chat */
  conversation?: Conversation | undefined;
}

export type CommandHandler = (turn: Turn, command: CommandContext) => Promise<Reply>;

export interface ActionContext {
  args: Record<string, string>;
  /** the values of a submitted form */
  inputs?: Record<string, string> | undefined;
  conversation?: Conversation | undefined;
}

export type ActionHandler = (turn: Turn, action: ActionContext) => Promise<ActionOutcome>;

/** The recipient's language: all a renderer needs that renders from the payload alone. */
export interface PayloadContext {
  language: Language;
  t: Translate;
  publicUrl: string;
}

/**
 * What the dispatcher gives every renderer: also the store, the clock and the recipient,
 * so a renderer can check at send time that what it planned still holds (a reminder of
 * a session cancelled since). Renderers typed with PayloadContext ignore the rest.
 */
export interface NotificationContext extends PayloadContext {
  prisma: PrismaClient;
  now: Date;
  /** the recipient: a user, or (userId null) the channel `channelKey` */
  userId: string | null;
  channelKey: string | null;
}

/** Returns null when there is nothing to say any more: the row becomes SKIPPED. */
export type NotificationRenderer = (
  context: NotificationContext,
  payload: unknown,
) => Reply | null | undefined | Promise<Reply | null | undefined>;

export interface Feature {
  name: string;
  commands?: Partial<Record<CommandName, CommandHandler>>;
  /** verb → handler; verbs are namespaced by the feature: "networks.follow" */
  actions?: Record<string, ActionHandler>;
  /** notification kind → renderer, for the outbox dispatcher */
  notifications?: Record<string, NotificationRenderer>;
  /** lines for `apua`, in the turn's language (coordinator-only lines only for coordinators) */
  help?: (turn: Turn) => string[];
}
