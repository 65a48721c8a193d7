// An in-memory BotCore for adapter tests: records what it was asked, asks for the
// locale as the real core does, and answers with a small card. Variants make it slow
// (the late-reply path) or throw (a core bug the adapter must survive).
//
//   const bot = new RecordingBotCore({ delayMs: 2500 });
//   ... bot.messages[0].text, bot.locales[0] ...
import type { Reply } from "../../bot/reply.ts";
import type { ActionOutcome, ActionRequest, BotCore, MessageRequest } from "../../bot/requests.ts";

export interface RecordingBotCoreOptions {
  /** wait this long before answering */
  delayMs?: number;
  /** throw instead of answering */
  fail?: boolean;
  /** what a button click does to the card it came from */
  actionMode?: ActionOutcome["mode"];
  /** replaces the default message reply */
  reply?: (request: MessageRequest, locale: string | undefined) => Reply;
}

export class RecordingBotCore implements BotCore {
  readonly messages: MessageRequest[] = [];
  readonly actions: ActionRequest[] = [];
  /** what lookupLocale answered, one entry per request */
  readonly locales: (string | undefined)[] = [];

  constructor(private readonly options: RecordingBotCoreOptions = {}) {}

  async handleMessage(request: MessageRequest): Promise<Reply> {
    this.messages.push(request);
    const locale = await this.locale(request.requester);
    await this.settle();
    if (this.options.reply) return this.options.reply(request, locale);
    return {
      summary: `You said: ${request.text}`,
      blocks: [
        { type: "header", text: "AKE" },
        { type: "text", text: `You said: ${request.text}` },
        { type: "context", text: `locale: ${locale ?? "unknown"}` },
        {
          type: "actions",
          actions: [{ type: "button", label: "Next", action: { verb: "test.next", args: { page: "2" } } }],
        },
      ],
    };
  }

  async handleAction(request: ActionRequest): Promise<ActionOutcome> {
    this.actions.push(request);
    await this.settle();
    return {
      mode: this.options.actionMode ?? "replace",
      reply: {
        summary: `Did ${request.action.verb}`,
        blocks: [{ type: "text", text: `Did ${request.action.verb} ${JSON.stringify(request.action.args)}` }],
      },
    };
  }

  private async locale(requester: MessageRequest["requester"]): Promise<string | undefined> {
    const locale = requester.platformLocale ?? (await requester.lookupLocale?.());
    this.locales.push(locale);
    return locale;
  }

  private async settle(): Promise<void> {
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    if (this.options.fail) throw new Error("RecordingBotCore: failing as configured");
  }
}
