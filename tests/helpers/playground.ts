// The Microsoft 365 Agents Playground as a scripted Teams client: the real playground
// process (scripts/playground.ts starts it) in front of a bot, driven through the same
// HTTP API its web UI uses, with the bot's replies read from the UI's WebSocket stream.
//
//   const pg = await startPlayground(`${bot.url}/api/messages`);
//   const reply = await pg.send("kahvit");                    // personal chat; the bot's next message
//   const answer = await pg.execute(reply, "meetups.remind"); // clicks an Action.Execute button
//   const form = shownAfter(reply, answer);                   // the message as the UI shows it then
//   await pg.execute(form, "kits.request", { from: "2026-11-09" }); // a form's submit, with what was typed
//   await pg.send("kahvit", "channel");                       // a new post in General, @mentioning the bot
//   await pg.close();
//
// The request shapes are the ones the playground 0.2.28 UI sends (read from its bundle,
// dist/client/static/js/main.*.js, and checked by its server, dist/index.js):
//   GET  /_internal/v1/config                            ids of the bot, the user, the chats and the team
//   POST /_conversation/v1/conversations/:id/messages    {type:"text", text, textFormat:"plain", from:{id},
//                                                         mentions?:[{mentioned:{id,name}, text:"<at>Name</at>"}]}
//        -> {messageId, timestamp, postConversationId?}  (a channel message starts a post "<channel>;messageid=<id>")
//   POST /_conversation/v1/invoke                         {name:"adaptiveCard/action", value:{action:{type:"Action.Execute",
//                                                         title, verb, data}}, from:{id}, conversation:{id}, replyToId}
//        -> {type, value}                                 the bot's invoke answer (a card or a text); messages
//                                                         the bot sends meanwhile arrive on the stream
//   POST /_conversation/v1/submit                         {conversation:{id}, from:{id}, replyToId, value} (Action.Submit;
//                                                         not used here: the playground renders Action.Execute itself)
//   WS   /_ws_conversation/v1/conversations/stream        {action:"createMessage"|"updateMessage"|"typing",
//                                                         actionConversationId, message?}  (a post the bot starts
//                                                         in a channel: actionConversationId is the channel and
//                                                         message.postConversationId the post; an update of it
//                                                         names the channel only)
// The playground keeps stream events nobody was connected for and hands them to the next
// client, so one playground serves one test file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { type LaunchedPlayground, launchPlayground } from "../../scripts/playground.ts";

export type PlaygroundConversation = "personal" | "channel";

/** A message as the stream carries it. */
export interface StreamedMessage {
  messageId: string;
  timestamp: number;
  from: { id: string };
  /** on the first message of a channel post (one the bot starts in a channel): the post */
  postConversationId?: string;
  text?: string;
  attachments: Array<{ contentType: string; content: Record<string, unknown> }>;
}

/** A message the bot sent (or edited), where the UI shows it. */
export interface BotMessage {
  /** the conversation it is in: the personal chat, or a channel post "<channel>;messageid=<id>" */
  conversationId: string;
  kind: "create" | "update";
  message: StreamedMessage;
}

/** The bot's answer to an invoke, as the UI gets it. */
export interface InvokeAnswer {
  /** application/vnd.microsoft.card.adaptive or application/vnd.microsoft.activity.message */
  type: string;
  value: unknown;
}

/** What /_internal/v1/config says, the parts a client needs. */
export interface PlaygroundIds {
  botId: string;
  botName: string;
  userId: string;
  personalChatId: string;
  /** the team's General channel (its id is the team's id) */
  channelId: string;
}

export interface Playground {
  url: string;
  ids: PlaygroundIds;
  /** every message the bot sent, in arrival order */
  messages: readonly BotMessage[];
  /** sends typed text as the user; resolves with the bot's next message in that conversation */
  send(text: string, conversation?: PlaygroundConversation): Promise<BotMessage>;
  /**
   * clicks the Action.Execute button with this verb (and these args) on the card in `message`; `inputs`
   * is what the user typed or chose in the card's inputs (see formData)
   */
  execute(message: BotMessage, button: ActionChoice, inputs?: Record<string, string>): Promise<InvokeAnswer>;
  /** the first bot message after index `after` of `messages` that matches */
  waitForMessage(predicate: (m: BotMessage) => boolean, after?: number, timeoutMs?: number): Promise<BotMessage>;
  close(): Promise<void>;
}

const REPLY_TIMEOUT_MS = 10_000;

export async function startPlayground(endpoint: string): Promise<Playground> {
  // A directory of its own: no .m365agentsplayground.yml of the repo, and its log is ours.
  const dir = await mkdtemp(path.join(tmpdir(), "ake-playground-"));
  const logFile = path.join(dir, "playground.log");
  let launched: LaunchedPlayground;
  try {
    launched = await launchPlayground({ endpoint, port: 0, cwd: dir, logFile, env: CLEAN_ENV });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const fail = (what: string) => new Error(`Agents Playground: ${what}\n${launched.diagnostics()}`);
  // 127.0.0.1, not the printed "localhost": it listens on all interfaces.
  const base = `http://127.0.0.1:${launched.port}`;
  let stream: BotMessageStream | undefined;
  const close = async () => {
    stream?.close();
    await launched.stop();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // Also waits (up to 15 s) until the bot's endpoint answers at all.
    const ids = idsFrom(await requestJson(base, "GET", "/_internal/v1/config"));
    const socket = await openSocket(`ws://127.0.0.1:${launched.port}/_ws_conversation/v1/conversations/stream`);
    const bot = new BotMessageStream(socket, ids.botId, fail);
    stream = bot;
    launched.child.once("exit", () => bot.break("the process exited"));

    return {
      url: launched.url,
      ids,
      messages: bot.messages,
      waitForMessage: (predicate, after, timeoutMs) => bot.waitFor(predicate, after, timeoutMs),
      async send(text, conversation = "personal") {
        const after = bot.messages.length;
        const target = conversation === "personal" ? ids.personalChatId : ids.channelId;
        const route = `/_conversation/v1/conversations/${encodeURIComponent(target)}/messages`;
        const posted = (await requestJson(base, "POST", route, messageBody(ids, text, conversation))) as {
          postConversationId?: string;
        };
        // a channel message starts a post; the bot answers in it
        const conversationId = posted.postConversationId ?? target;
        return bot.waitFor((m) => m.conversationId === conversationId, after);
      },
      async execute(message, button, inputs) {
        const action = findExecuteAction(message, button);
        const data = inputs ? formData(message, action, inputs) : action.data;
        const body = {
          name: "adaptiveCard/action",
          value: { action: { type: "Action.Execute", title: action.title, verb: action.verb, data } },
          from: { id: ids.userId },
          conversation: { id: message.conversationId },
          replyToId: message.message.messageId,
        };
        return (await requestJson(base, "POST", "/_conversation/v1/invoke", body)) as InvokeAnswer;
      },
      close,
    };
  } catch (error) {
    const failure = fail(error instanceof Error ? error.message : String(error)); // before its log is deleted
    await close();
    throw failure;
  }
}

/** What the UI posts for typed text. In a channel the bot hears only messages that @mention it, as in Teams. */
function messageBody(ids: PlaygroundIds, text: string, conversation: PlaygroundConversation) {
  const from = { id: ids.userId };
  if (conversation === "personal") return { type: "text", text, textFormat: "plain", from };
  const mention = `<at>${ids.botName}</at>`;
  return {
    type: "text",
    text: `${mention} ${text}`,
    textFormat: "plain",
    from,
    mentions: [{ mentioned: { id: ids.botId, name: ids.botName }, text: mention }],
  };
}

interface Waiter {
  predicate: (m: BotMessage) => boolean;
  after: number;
  settle(result: BotMessage | Error): void;
}

/** The bot's messages from the UI's stream, and waiting for one. */
class BotMessageStream {
  readonly messages: BotMessage[] = [];
  private waiters: Waiter[] = [];
  private broken: Error | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly botId: string,
    private readonly fail: (what: string) => Error,
  ) {
    socket.on("message", (data) => this.receive(String(data)));
    socket.on("close", () => this.break("its message stream closed"));
  }

  /** where each message is, by id: an update of a post's first message names only the channel */
  private readonly conversations = new Map<string, string>();

  private receive(data: string): void {
    const event = JSON.parse(data) as { action: string; actionConversationId: string; message?: StreamedMessage };
    if (!event.message || event.message.from.id !== this.botId) return; // typing, or the user's own message
    const { message } = event;
    const kind = event.action === "updateMessage" ? "update" : "create";
    // as the UI files them: a post the bot starts is in that post, not in the channel
    // the event names, and its buttons invoke there; an update goes where the message is
    const conversationId =
      kind === "create"
        ? (message.postConversationId ?? event.actionConversationId)
        : (this.conversations.get(message.messageId) ?? event.actionConversationId);
    if (kind === "create") this.conversations.set(message.messageId, conversationId);
    this.messages.push({ conversationId, kind, message });
    this.check();
  }

  /** From now on every wait fails at once, with this reason. */
  break(why: string): void {
    this.broken ??= this.fail(why);
    this.check();
  }

  waitFor(predicate: (m: BotMessage) => boolean, after = 0, timeoutMs = REPLY_TIMEOUT_MS): Promise<BotMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const got = describe(this.messages.slice(after));
        reject(this.fail(`no matching bot message within ${timeoutMs} ms; got ${got}`));
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        after,
        settle(result) {
          clearTimeout(timer);
          if (result instanceof Error) reject(result);
          else resolve(result);
        },
      };
      this.waiters.push(waiter);
      this.check();
    });
  }

  private check(): void {
    this.waiters = this.waiters.filter((waiter) => {
      const found = this.messages.slice(waiter.after).find(waiter.predicate);
      const result = found ?? this.broken;
      if (result) waiter.settle(result);
      return !result;
    });
  }

  close(): void {
    this.socket.removeAllListeners("close");
    this.socket.terminate();
  }
}

/** Proxies would take its loopback calls to the bot elsewhere; its own settings come from us. */
const CLEAN_ENV: Record<string, undefined> = Object.fromEntries(
  Object.keys(process.env)
    .filter((k) => /^(https?_proxy|all_proxy|M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_|TEAMS_APP_TEST_TOOL_)/i.test(k))
    .map((k) => [k, undefined]),
);

async function requestJson(base: string, method: "GET" | "POST", route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : {};
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

function idsFrom(response: unknown): PlaygroundIds {
  const { config } = response as {
    config: {
      bot: { id: string; name: string };
      currentUser: { id: string };
      personalChat: { id: string };
      teams: Array<{ channels: Array<{ id: string; name: string }> }>;
    };
  };
  const general = config.teams[0]?.channels.find((c) => c.name === "General");
  if (!general) throw new Error("its configuration has no team with a General channel");
  return {
    botId: config.bot.id,
    botName: config.bot.name,
    userId: config.currentUser.id,
    personalChatId: config.personalChat.id,
    channelId: general.id,
  };
}

/** A button by its verb (the first one), or by its verb and the args it carries. */
export type ActionChoice = string | { verb: string; args: Record<string, string> };

export interface ExecuteAction {
  type: "Action.Execute";
  verb: string;
  title?: string;
  data?: unknown;
}

/** The first Action.Execute with this verb (and args) anywhere in the message's cards. */
export function findExecuteAction(message: BotMessage, choice: ActionChoice): ExecuteAction {
  const { verb, args } = typeof choice === "string" ? { verb: choice, args: undefined } : choice;
  const carries = (action: ExecuteAction) => {
    const given = (action.data as { args?: Record<string, unknown> } | undefined)?.args ?? {};
    return !args || Object.entries(args).every(([key, value]) => given[key] === value);
  };
  const found: ExecuteAction[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const element = node as Record<string, unknown>;
      const action = element as unknown as ExecuteAction;
      if (element.type === "Action.Execute" && element.verb === verb && carries(action)) found.push(action);
      // a fallback is what older clients use instead; the playground renders the action itself
      for (const [key, value] of Object.entries(element)) if (key !== "fallback") visit(value);
    }
  };
  visit(message.message.attachments.map((a) => a.content));
  const action = found[0];
  if (!action) throw new Error(`no Action.Execute ${JSON.stringify(choice)} in ${describe([message])}`);
  return action;
}

/**
 * The data the UI sends for an Action.Execute on a card with inputs: as the Adaptive
 * Cards renderer does it, the value of every input that has one (the card's initial
 * value, or what `inputs` says the user typed or chose) merged into the action's data.
 * An input the card does not have, or a required input left empty, is an error here,
 * as the UI would not send it either.
 */
export function formData(
  message: BotMessage,
  action: ExecuteAction,
  inputs: Record<string, string>,
): Record<string, unknown> {
  const fields = new Map<string, { value: string; required: boolean }>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const element = node as Record<string, unknown>;
      if (typeof element.type === "string" && element.type.startsWith("Input.") && typeof element.id === "string") {
        const value = element.value === undefined ? "" : String(element.value);
        fields.set(element.id, { value, required: element.isRequired === true });
      }
      for (const [key, value] of Object.entries(element)) if (key !== "fallback") visit(value);
    }
  };
  visit(message.message.attachments.map((a) => a.content));
  const values: Record<string, string> = {};
  for (const [id, field] of fields) if (field.value !== "") values[id] = field.value;
  for (const [id, value] of Object.entries(inputs)) {
    if (!fields.has(id)) throw new Error(`no input "${id}" on the card; it has ${[...fields.keys()].join(", ")}`);
    if (value === "") delete values[id];
    else values[id] = value;
  }
  const empty = [...fields].filter(([id, field]) => field.required && values[id] === undefined).map(([id]) => id);
  if (empty.length > 0) throw new Error(`required inputs left empty (the UI would not send): ${empty.join(", ")}`);
  const data = action.data && typeof action.data === "object" ? (action.data as Record<string, unknown>) : {};
  return { ...data, ...values };
}

/**
 * The message as the UI shows it after an invoke answered with a card: that card in
 * place of the clicked one (for the clicker; the UI changes only its own view). Its
 * buttons invoke on the same message, as in the UI.
 */
export function shownAfter(message: BotMessage, answer: InvokeAnswer): BotMessage {
  if (answer.type !== "application/vnd.microsoft.card.adaptive") {
    throw new Error(
      `the invoke answered with ${answer.type}, not a card: ${JSON.stringify(answer.value).slice(0, 200)}`,
    );
  }
  const card = { contentType: answer.type, content: answer.value as Record<string, unknown> };
  return { ...message, message: { ...message.message, attachments: [card] } };
}

/** The first Adaptive Card of a bot message. */
export function adaptiveCard(message: BotMessage): Record<string, unknown> {
  const card = message.message.attachments.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
  if (!card) throw new Error(`no Adaptive Card in ${describe([message])}`);
  return card.content;
}

function describe(messages: BotMessage[]): string {
  if (messages.length === 0) return "no bot messages";
  return messages.map((m) => `${m.kind} in ${m.conversationId}: ${JSON.stringify(m.message).slice(0, 200)}`).join("\n");
}
