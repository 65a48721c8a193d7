// What coordinators do with the publishing forms: create, edit ("this one" or "all
// coming") and cancel. Every handler checks the role itself: a button or a form payload
// can be forged or forwarded, so hiding buttons from others is not the check.
import { randomUUID } from "node:crypto";
import { samePattern, type Validation, validatePublishing, validateReason } from "../../../domain/publishing.ts";
import {
  createSeries,
  createSession,
  type PublishingChoices,
  publishingChoices,
  registrantCount,
  type SessionForEdit,
  sessionForEdit,
} from "../../../domain/store/publishing.ts";
import { cancelSession, editSeries, editSession } from "../../../domain/store/publishing-changes.ts";
import { InvalidAction } from "../../errors.ts";
import { formatSessionTime, localized } from "../../format.ts";
import type { Reply } from "../../reply.ts";
import type { ActionOutcome } from "../../requests.ts";
import { requireCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import { cancelFormReply, type FormValues, publishingT, sessionFormReply, valuesOf } from "./form.ts";
import { changedReply, goneReply, publishedReply } from "./results.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const CREATE_DEFAULTS: FormValues = { kind: "REMOTE_COFFEE", languages: "fi", registration: "false" };

/** `julkaise`: an empty form. Its id makes a double submit create one session, not two. */
export async function createFormReply(turn: Turn): Promise<Reply> {
  requireCoordinator(turn);
  const choices = await publishingChoices(turn.deps.prisma);
  const submit = { verb: "publishing.create", args: { n: randomUUID() } };
  return sessionFormReply(turn, choices, { mode: "create", values: CREATE_DEFAULTS, submit });
}

function validate(
  turn: Turn,
  choices: PublishingChoices,
  values: FormValues,
  recurring: boolean,
  edited?: SessionForEdit,
) {
  return validatePublishing(values, {
    now: turn.deps.now(),
    networkIds: choices.networks.map((n) => n.id),
    hostIds: choices.hosts.map((h) => h.id),
    recurring,
    skipMonths: edited?.rule?.skipMonths ?? [],
  });
}

export async function createAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const id = args.n ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no form id");
  const { deps } = turn;
  const choices = await publishingChoices(deps.prisma);
  const result = validate(turn, choices, inputs, true);
  if (!result.ok) {
    const submit = { verb: "publishing.create", args: { n: id } };
    return {
      mode: "form",
      reply: sessionFormReply(turn, choices, { mode: "create", values: inputs, errors: result.errors, submit }),
    };
  }
  const input = { id, fields: result.fields, actorId: turn.user.id, now: deps.now() };
  const created = result.rule
    ? await createSeries(deps.prisma, { ...input, rule: result.rule })
    : { ...(await createSession(deps.prisma, input)), sessions: 1 };
  return { mode: "replace", reply: publishedReply(turn, choices, result.fields, created) };
}

async function editable(turn: Turn, args: Record<string, string>): Promise<SessionForEdit | undefined> {
  if (!args.s || args.s.length > 100) throw new InvalidAction("no session");
  const session = await sessionForEdit(turn.deps.prisma, args.s);
  return session && !session.cancelledAt ? session : undefined;
}

function intro(turn: Turn, session: SessionForEdit): string {
  const when = formatSessionTime(session.startsAt, session.endsAt, turn.language);
  return publishingT(turn)("form.editIntro", { title: localized(session, "title", turn.language), when });
}

const formMode = (session: SessionForEdit): "occurrence" | "single" =>
  session.seriesId && session.rule ? "occurrence" : "single";

/** "Edit" on a list item: the form, prefilled. */
export async function editAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const session = await editable(turn, args);
  if (!session) return { mode: "new", reply: goneReply(turn) };
  const choices = await publishingChoices(turn.deps.prisma);
  const submit = { verb: "publishing.save", args: { s: session.id, q: String(session.sequence) } };
  const values = valuesOf(session);
  const reply = sessionFormReply(turn, choices, {
    mode: formMode(session),
    values,
    submit,
    intro: intro(turn, session),
  });
  return { mode: "form", reply };
}

export async function saveAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const sequence = Number(args.q);
  if (!Number.isSafeInteger(sequence)) throw new InvalidAction("no sequence");
  const session = await editable(turn, args);
  if (!session) return { mode: "replace", reply: goneReply(turn) };
  const mode = formMode(session);
  const scope = mode === "occurrence" ? inputs.scope : "one";
  if (scope !== "one" && scope !== "all") throw new InvalidAction("bad scope");
  const { deps } = turn;
  const choices = await publishingChoices(deps.prisma);
  let result: Validation = validate(turn, choices, inputs, scope === "all", session);
  if (result.ok && scope === "all" && !result.rule)
    result = { ok: false, errors: { recurrence: { code: "required" } } };
  if (!result.ok) {
    const submit = { verb: "publishing.save", args: { s: session.id, q: String(sequence) } };
    const options = { mode, values: inputs, errors: result.errors, submit, intro: intro(turn, session) };
    return { mode: "form", reply: sessionFormReply(turn, choices, options) };
  }
  const input = { sessionId: session.id, sequence, fields: result.fields, actorId: turn.user.id, now: deps.now() };
  let outcome: Awaited<ReturnType<typeof editSession>>;
  if (scope === "all" && result.rule) {
    const old = session.rule;
    // Same cadence from the same date: keep the series' own start, so occurrences keep
    // their numbers (and their place in the host rotation) and biweekly its parity.
    const keep = old && samePattern(old, result.rule) && result.fields.date === session.occurrenceDate;
    const rule = keep ? { ...result.rule, startDate: old.startDate } : result.rule;
    outcome = await editSeries(deps.prisma, { ...input, rule });
  } else {
    outcome = await editSession(deps.prisma, input);
  }
  return { mode: "replace", reply: changedReply(turn, result.fields, outcome) };
}

/** "Cancel" on a list item: asks for an optional reason. */
export async function cancelAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const session = await editable(turn, args);
  if (!session) return { mode: "new", reply: goneReply(turn) };
  return { mode: "form", reply: await cancelForm(turn, session) };
}

async function cancelForm(turn: Turn, session: SessionForEdit, reason?: string, error?: string): Promise<Reply> {
  const pt = publishingT(turn);
  const count = await registrantCount(turn.deps.prisma, session.id);
  const when = formatSessionTime(session.startsAt, session.endsAt, turn.language);
  const text = pt("form.cancelIntro", { title: localized(session, "title", turn.language), when, count });
  const submit = { verb: "publishing.cancelConfirm", args: { s: session.id, q: String(session.sequence) } };
  return cancelFormReply(turn, text, submit, reason, error);
}

export async function cancelConfirmAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const sequence = Number(args.q);
  if (!Number.isSafeInteger(sequence)) throw new InvalidAction("no sequence");
  const session = await editable(turn, args);
  if (!session) return { mode: "replace", reply: goneReply(turn) };
  const checked = validateReason(inputs);
  if (!checked.ok) {
    const error = publishingT(turn)("errors.tooLong", { max: 500 });
    return { mode: "form", reply: await cancelForm(turn, session, inputs.reason, error) };
  }
  const { deps } = turn;
  const outcome = await cancelSession(deps.prisma, {
    sessionId: session.id,
    sequence,
    reason: checked.reason,
    actorId: turn.user.id,
    now: deps.now(),
  });
  return { mode: "replace", reply: changedReply(turn, session, outcome, "cancelled") };
}
