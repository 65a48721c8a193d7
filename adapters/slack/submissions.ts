// A submitted modal (view_submission) → the core, with the form's inputs. Slack wants
// the answer within 3 s in the HTTP response: refused inputs go back as
// `response_action: "errors"` beside their fields; anything else closes the modal and
// the reply is posted to the user, ephemeral in the channel the form came from.
// A modal has no message of its own to edit, so "replace" and "replaceForAll" answers
// are posted like "new" ones: the message the form was opened from is not known here.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../bot/log.ts";
import { type Reply, textReply } from "../../bot/reply.ts";
import type { ActionOutcome } from "../../bot/requests.ts";
import { FALLBACK_TEXT, type HandlerDeps, safeRender, slackConversation, within } from "./handlers.ts";
import { FIELD_ID, formOf, MODAL_CALLBACK_ID, MODAL_LIMITS, modalErrors, parseMetadata, renderModal } from "./modal.ts";
import { toRequester } from "./requester.ts";

const Chosen = z.object({ value: z.string().max(MODAL_LIMITS.optionValue) }).passthrough();
const StateValue = z
  .object({
    type: z.string(),
    value: z.string().max(MODAL_LIMITS.textInput).nullish(),
    selected_date: z.string().max(10).nullish(),
    selected_time: z.string().max(8).nullish(),
    selected_option: Chosen.nullish(),
    selected_options: z.array(Chosen).max(MODAL_LIMITS.options).nullish(),
  })
  .passthrough();
const StateSchema = z
  .record(z.string().regex(FIELD_ID), z.record(z.string().max(255), StateValue))
  .refine((values) => Object.keys(values).length <= MODAL_LIMITS.blocks, "too many blocks");

/** The submitted values by field id, as the core wants them (strings, lists comma-joined). */
export function inputsFromState(values: unknown): Record<string, string> | undefined {
  const parsed = StateSchema.safeParse(values);
  if (!parsed.success) return undefined;
  const inputs: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(parsed.data)) {
    const state = Object.values(actions)[0];
    if (!state) continue;
    if (state.type === "checkboxes") inputs[blockId] = String((state.selected_options ?? []).length > 0);
    else if (state.type === "multi_static_select")
      inputs[blockId] = (state.selected_options ?? []).map((o) => o.value).join(",");
    else if (state.type === "static_select") inputs[blockId] = state.selected_option?.value ?? "";
    else if (state.type === "datepicker") inputs[blockId] = state.selected_date ?? "";
    else if (state.type === "timepicker") inputs[blockId] = state.selected_time ?? "";
    else inputs[blockId] = state.value ?? "";
  }
  return inputs;
}

/** Ephemeral in the form's channel; the user's DM with the app when that is refused (not a member…). */
export async function deliverToUser(
  client: webApi.WebClient,
  channel: string | undefined,
  userId: string,
  reply: Reply,
  log: Logger,
): Promise<void> {
  const message = safeRender(reply, log);
  if (channel) {
    try {
      await client.chat.postEphemeral({ channel, user: userId, ...message });
      return;
    } catch (error) {
      log.info({ err: error, channel }, "slack: ephemeral answer refused; sending it as a direct message");
    }
  }
  try {
    await client.chat.postMessage({ channel: userId, ...message });
  } catch (error) {
    log.error({ err: error }, "slack: the answer to a form could not be delivered");
  }
}

/** What to post when the core answered after the modal was already closed. */
function lateReply(outcome: ActionOutcome): Reply {
  const form = outcome.mode === "form" ? formOf(outcome.reply) : undefined;
  if (!form) return outcome.reply;
  return textReply([form.title, ...Object.values(form.errors ?? {})].join("\n"));
}

export function viewSubmissionListener(deps: HandlerDeps) {
  return async (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const { ack, body, view, client } = args;
    const log = deps.log.child({ slackUser: body.user.id, callbackId: view.callback_id });
    // not one of ours (a view of another version of the app): close it, do nothing
    if (view.callback_id !== MODAL_CALLBACK_ID) return ack();
    const metadata = parseMetadata(view.private_metadata);
    const inputs = inputsFromState(view.state?.values);
    if (!metadata || !inputs) {
      // forged or from an incompatible version: nothing reaches the core
      log.warn({ metadata: Boolean(metadata), inputs: Boolean(inputs) }, "slack: refused a view_submission");
      return ack();
    }
    const teamId = body.team?.id ?? body.user.team_id ?? "unknown";
    const requester = toRequester({ teamId, userId: body.user.id, userName: body.user.name }, deps.lookupLocale);
    // the channel the form was opened from; without its name a group DM counts as a channel
    const conversation = slackConversation(requester.userId, metadata.c);
    const pending = deps.bot
      .handleAction({ requester, conversation, action: metadata.a, inputs })
      .catch((error: unknown): ActionOutcome => {
        log.error({ err: error, verb: metadata.a.verb }, "slack: form submission failed in the core");
        return { mode: "new", reply: textReply(FALLBACK_TEXT.failure) };
      });
    const outcome = await within(pending, deps.ackBudgetMs);
    if (!outcome) {
      // too slow for Slack's 3 s: close the modal now, answer with a message when done
      await ack();
      log.info({ budgetMs: deps.ackBudgetMs }, "slack: view_submission acked empty; the answer follows");
      return deliverToUser(client, metadata.c, body.user.id, lateReply(await pending), log);
    }
    const form = outcome.mode === "form" ? formOf(outcome.reply) : undefined;
    if (form && Object.keys(form.errors ?? {}).length > 0) {
      return ack({ response_action: "errors", errors: modalErrors(form) });
    }
    if (form) {
      try {
        const next = renderModal(outcome.reply, { a: form.submit.action, ...(metadata.c ? { c: metadata.c } : {}) });
        return await ack({ response_action: "update", view: next });
      } catch (error) {
        log.error({ err: error }, "slack: the next form could not be rendered");
        await ack({ response_action: "clear" });
        return deliverToUser(client, metadata.c, body.user.id, textReply(FALLBACK_TEXT.failure), log);
      }
    }
    await ack({ response_action: "clear" });
    await deliverToUser(client, metadata.c, body.user.id, outcome.reply, log);
  };
}
