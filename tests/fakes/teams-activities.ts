// Builders for activities shaped as Microsoft Teams sends them to a bot, and a signer
// for Bot Framework channel tokens.
//
//   const msg = teamsMessage({ serviceUrl: connector.url, text: "kahvit", locale: "sv-FI" });
//   const inChannel = teamsMessage({ serviceUrl, text: "kahvit", conversation: "channel" });
//     // text "<at>AKE</at> kahvit" with the mention entity, as Teams sends it
//   const click = teamsActionExecute({ serviceUrl, data: { verb: "meetups.page", args: { page: "2" } } });
//   const fallbackClick = teamsActionSubmit({ serviceUrl, data: { verb: "x", args: {} } });
//   const token = signBotFrameworkToken({ appId, serviceUrl, ...connector.signingKey });  // accepted
//   const forged = signBotFrameworkToken({ appId, serviceUrl });  // random key: refused
//   await postActivity(botUrl, msg, { token });  // -> fetch Response
//
// Exported API:
//   TEST_BOT, TEST_TENANT_ID, TEST_USERS.{maija, sven}
//   teamsMessage(opts): TeamsActivity
//   teamsActionExecute(opts): TeamsActivity       (invoke adaptiveCard/action)
//   teamsActionSubmit(opts): TeamsActivity        (message with value = data)
//   signBotFrameworkToken(opts): string, randomPrivateKeyPem(): string
//   postActivity(url, activity, { token? }): Promise<Response>
import { generateKeyPairSync, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";

export type TeamsActivity = Record<string, unknown> & {
  type: string;
  id: string;
  serviceUrl: string;
  conversation: { id: string; conversationType: string; tenantId: string; isGroup?: boolean };
};

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const TEST_TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
/** The bot as Teams addresses it: "28:" + the app id. */
export const TEST_BOT = {
  appId: "00000000-0000-0000-0000-00000000a4e0",
  id: "28:00000000-0000-0000-0000-00000000a4e0",
  name: "AKE",
};
export const TEST_USERS = {
  maija: { id: "29:1maija-Z8kF2", name: "Maija Meikäläinen", aadObjectId: "6a1f0c1e-0000-4000-8000-0000000a11a1" },
  sven: { id: "29:1sven-Q1w2E3", name: "Sven Svensson", aadObjectId: "6a1f0c1e-0000-4000-8000-00000000b0b2" },
} satisfies Record<string, TeamsUser>;

export type ConversationKind = "personal" | "channel" | "groupChat";

export interface CommonOptions {
  serviceUrl: string;
  user?: TeamsUser;
  conversation?: ConversationKind;
  /** defaults: personal "a:1personal-<user>", channel "19:ake-kanava@thread.tacv2;messageid=…" */
  conversationId?: string;
  locale?: "fi-FI" | "sv-FI" | "en-US" | (string & {});
  replyToId?: string;
}

function conversationOf(o: CommonOptions, user: TeamsUser) {
  const kind = o.conversation ?? "personal";
  const defaults: Record<ConversationKind, string> = {
    personal: `a:1personal-${user.id.slice(3)}`,
    channel: "19:ake-kanava@thread.tacv2;messageid=1732600000000",
    groupChat: "19:ake-ryhma@thread.v2",
  };
  return {
    id: o.conversationId ?? defaults[kind],
    conversationType: kind,
    tenantId: TEST_TENANT_ID,
    ...(kind === "personal" ? {} : { isGroup: true }),
  };
}

function channelData(kind: ConversationKind) {
  const base = { tenant: { id: TEST_TENANT_ID } };
  if (kind !== "channel") return base;
  const team = { id: "19:ake-tiimi@thread.tacv2", name: "AKE-verkosto" };
  const channel = { id: "19:ake-kanava@thread.tacv2", name: "Yleinen" };
  return { ...base, team, channel, teamsTeamId: team.id, teamsChannelId: channel.id };
}

function envelope(o: CommonOptions, type: string): TeamsActivity {
  const user = o.user ?? TEST_USERS.maija;
  const kind = o.conversation ?? "personal";
  const locale = o.locale ?? "fi-FI";
  return {
    type,
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: o.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: TEST_BOT.id, name: TEST_BOT.name },
    conversation: conversationOf(o, user),
    channelData: channelData(kind),
    locale,
    entities: [{ type: "clientInfo", locale, country: "FI", platform: "Web", timezone: "Europe/Helsinki" }],
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
  };
}

export interface MessageOptions extends CommonOptions {
  text: string;
  /** default: true in channels and group chats (Teams delivers only mentions there) */
  mention?: boolean;
  /** the exact text field, e.g. with Teams' HTML; overrides the built one */
  rawText?: string;
}

export function teamsMessage(o: MessageOptions): TeamsActivity {
  const activity = envelope(o, "message");
  const mention = o.mention ?? (o.conversation ?? "personal") !== "personal";
  const mentionText = `<at>${TEST_BOT.name}</at>`;
  const entities = activity.entities as Record<string, unknown>[];
  if (mention) {
    entities.unshift({ type: "mention", text: mentionText, mentioned: { id: TEST_BOT.id, name: TEST_BOT.name } });
  }
  return {
    ...activity,
    text: o.rawText ?? (mention ? `${mentionText} ${o.text}` : o.text),
    textFormat: "plain",
    attachments: [],
  };
}

export interface ActionOptions extends CommonOptions {
  /** what the button carried: { verb, args } for our cards; anything for forged ones */
  data: unknown;
  /** the id of the message holding the card; defaults to a fresh id */
  replyToId?: string;
}

export function teamsActionExecute(o: ActionOptions & { verb?: string }): TeamsActivity {
  const verb = o.verb ?? (o.data as { verb?: unknown } | null)?.verb;
  return {
    ...envelope({ ...o, replyToId: o.replyToId ?? `1${Date.now()}` }, "invoke"),
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data: o.data }, trigger: "manual" },
  };
}

export function teamsActionSubmit(o: ActionOptions): TeamsActivity {
  return { ...envelope({ ...o, replyToId: o.replyToId ?? `1${Date.now()}` }, "message"), value: o.data };
}

export interface TokenOptions {
  appId: string;
  serviceUrl: string;
  /** default: a fresh random RSA key, i.e. a token no one should accept */
  privateKeyPem?: string;
  kid?: string;
  issuer?: string;
  expiresInSeconds?: number;
}

/** A fresh RSA private key (PKCS#8 PEM) that no one trusts. */
export function randomPrivateKeyPem(): string {
  return generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();
}

/** A Bot Framework channel token (RS256, iss api.botframework.com, aud = app id, serviceurl claim). */
export function signBotFrameworkToken(o: TokenOptions): string {
  return jwt.sign({ serviceurl: o.serviceUrl }, o.privateKeyPem ?? randomPrivateKeyPem(), {
    algorithm: "RS256",
    keyid: o.kid ?? "unknown-kid",
    issuer: o.issuer ?? "https://api.botframework.com",
    audience: o.appId,
    expiresIn: o.expiresInSeconds ?? 600,
  });
}

/** POST an activity like the Bot Connector does (JSON, optional Bearer token). */
export function postActivity(url: string, activity: unknown, opts: { token?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return fetch(url, { method: "POST", headers, body: JSON.stringify(activity) });
}
