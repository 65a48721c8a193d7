// `vierailu` / `besök` / `visit`: the libraries that receive visiting staff, filtered by
// municipality, area and language ("kielikylpy": bilingual libraries); and the host
// entries, added by coordinators (`vierailu isäntä lisää @contact`) and edited by them or
// by the host's contact, from a form.
import { randomUUID } from "node:crypto";
import { listLibraries } from "../../../domain/store/people.ts";
import { findOrCreateMentionedUser, findPerson } from "../../../domain/store/users.ts";
import { createHost, findHost, type HostRecord, listHosts, updateHost } from "../../../domain/store/visit-hosts.ts";
import {
  AREAS,
  foldWord,
  HOST_LANGUAGES,
  type HostFilter,
  matchesHostFilter,
  OTHER_LIBRARY,
  parseHostFilter,
  type VisitFieldError,
  validateHost,
} from "../../../domain/visits.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { type Block, type CardAction, type FormField, formReply, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome, Mention } from "../../requests.ts";
import { isCoordinator, requireCoordinator, type Turn } from "../../turn.ts";
import type { ActionContext } from "../types.ts";
import {
  areaLabel,
  hostMunicipality,
  hostName,
  inUusimaa,
  personName,
  SHOWN,
  type VisitsT,
  visitsT,
} from "./shared.ts";

const LIST_SIZE = 15;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every name a host goes by, for the municipality filter. */
function hostNames(host: HostRecord): string[] {
  return [
    host.name,
    host.municipality,
    ...(host.library
      ? [host.library.nameFi, host.library.nameSv, host.library.municipality, host.library.municipalitySv]
      : []),
  ].filter(Boolean);
}

export function canEditHost(turn: Turn, host: Pick<HostRecord, "contactId">): boolean {
  return isCoordinator(turn) || host.contactId === turn.user.id;
}

function filterText(t: VisitsT, filter: HostFilter, words: readonly string[]): string {
  const parts: string[] = [];
  if (filter.language) parts.push(t(`languages.${filter.language}`));
  if (filter.area) parts.push(areaLabel(t, filter.area));
  parts.push(...words.filter((w) => filter.places.includes(foldWord(w))));
  return parts.join(", ");
}

function hostItem(turn: Turn, host: HostRecord): Block {
  const { language } = turn;
  const t = visitsT(language);
  const outside = inUusimaa(host) ? "" : ` (${t("directory.outside")})`;
  const lines = [
    t("directory.languages", { languages: t(`languages.${host.languages}`) }),
    ...(host.areas.length > 0
      ? [t("directory.areas", { areas: host.areas.map((a) => areaLabel(t, a)).join(", ") })]
      : []),
    ...(host.contact ? [t("directory.contact", { name: personName(host.contact) })] : []),
    ...(host.notes ? [host.notes] : []),
  ];
  const actions: CardAction[] = [];
  if (host.libraryId !== turn.user.libraryId) {
    actions.push({
      type: "button",
      label: t("directory.request"),
      action: { verb: "visits.requestForm", args: { h: host.id } },
    });
  }
  if (canEditHost(turn, host)) {
    actions.push({
      type: "button",
      label: t("directory.edit"),
      action: { verb: "visits.hostEdit", args: { h: host.id } },
    });
  }
  return {
    type: "item",
    title: `${hostName(host, language)} – ${hostMunicipality(host, language)}${outside}`,
    lines,
    actions,
  };
}

export async function directoryReply(turn: Turn, words: readonly string[]): Promise<Reply> {
  const { language } = turn;
  const t = visitsT(language);
  const command = commandWord("visit", language);
  const filter = parseHostFilter(words);
  const hosts = (await listHosts(turn.deps.prisma))
    .filter((host) =>
      matchesHostFilter({ languages: host.languages, areas: host.areas, names: hostNames(host) }, filter),
    )
    .sort((a, b) => hostMunicipality(a, language).localeCompare(hostMunicipality(b, language), language));
  const described = filterText(t, filter, words);
  const title = described ? t("directory.filtered", { filter: described }) : t("directory.title");
  const blocks: Block[] = [{ type: "header", text: title }];
  if (hosts.length === 0) {
    blocks.push({ type: "text", text: words.length > 0 ? t("directory.empty", { command }) : t("directory.none") });
  }
  for (const host of hosts.slice(0, LIST_SIZE)) blocks.push(hostItem(turn, host));
  if (hosts.length > LIST_SIZE)
    blocks.push({ type: "context", text: t("directory.more", { count: hosts.length - LIST_SIZE }) });
  blocks.push({
    type: "context",
    text: t("directory.hint", {
      area: areaLabel(t, "children").toLowerCase(),
      language: { fi: "kielikylpy", sv: "språkbad", en: "language" }[language],
      mine: `${command} ${SHOWN.mine[language]}`,
    }),
  });
  if (isCoordinator(turn)) {
    blocks.push({
      type: "context",
      text: t("directory.addHint", { command: `${command} ${SHOWN.host[language]} ${SHOWN.add[language]}` }),
    });
  }
  return { summary: title, blocks };
}

// ── The host form ──

function errorTexts(t: VisitsT, errors: Record<string, VisitFieldError>): Record<string, string> {
  const translate = t as unknown as (key: string, params?: object) => string;
  return Object.fromEntries(
    Object.entries(errors).map(([field, e]) => [field, translate(`errors.${e.code}`, e.params)]),
  );
}

interface HostFormOptions {
  values: Record<string, string>;
  errors?: Record<string, VisitFieldError> | undefined;
  contactName: string;
  submit: { verb: string; args: Record<string, string> };
  /** editing: the library is fixed; a host outside Uusimaa keeps its name fields */
  editing?: { libraryId: string | null } | undefined;
}

async function hostForm(turn: Turn, options: HostFormOptions): Promise<Reply> {
  const { language } = turn;
  const t = visitsT(language);
  const v = options.values;
  const fields: FormField[] = [];
  if (!options.editing) {
    const libraries = await listLibraries(turn.deps.prisma);
    fields.push({
      type: "select",
      id: "library",
      label: t("hostForm.library"),
      options: [
        ...libraries.map((l) => ({ value: l.id, label: language === "sv" ? l.nameSv : l.nameFi })),
        { value: OTHER_LIBRARY, label: t("hostForm.other") },
      ],
      value: v.library ?? "",
      required: true,
    });
  }
  if (!options.editing || options.editing.libraryId === null) {
    fields.push(
      { type: "text", id: "name", label: t("hostForm.name"), value: v.name ?? "", maxLength: 120 },
      {
        type: "text",
        id: "municipality",
        label: t("hostForm.municipality"),
        value: v.municipality ?? "",
        maxLength: 120,
      },
    );
  }
  fields.push(
    {
      type: "select",
      id: "languages",
      label: t("hostForm.languages"),
      options: HOST_LANGUAGES.map((code) => ({ value: code, label: t(`languages.${code}`) })),
      value: v.languages || "FI",
      required: true,
    },
    {
      type: "select",
      id: "areas",
      label: t("hostForm.areas"),
      options: AREAS.map((area) => ({ value: area, label: areaLabel(t, area) })),
      value: v.areas ?? "",
      multiple: true,
    },
    { type: "text", id: "notes", label: t("hostForm.notes"), value: v.notes ?? "", multiline: true, maxLength: 1000 },
  );
  const title = t(options.editing ? "hostForm.editTitle" : "hostForm.addTitle");
  return formReply({
    title,
    intro: t("hostForm.intro", { name: options.contactName }),
    fields,
    submit: { label: t("hostForm.save"), action: options.submit },
    ...(options.errors ? { errors: errorTexts(t, options.errors) } : {}),
  });
}

/** `vierailu isäntä lisää @contact`: the add form, the mentioned person as the contact. */
export async function hostAddCommand(turn: Turn, mentions: readonly Mention[]): Promise<Reply> {
  requireCoordinator(turn);
  const t = visitsT(turn.language);
  const mention = mentions.find((m) => m.userId.trim() !== "" && m.userId.length <= 200);
  if (!mention) {
    const example = `${commandWord("visit", turn.language)} ${SHOWN.host[turn.language]} ${SHOWN.add[turn.language]} @Maija`;
    return textReply(t("hostForm.mentionNeeded", { example }));
  }
  const contact = await findOrCreateMentionedUser(turn.deps.prisma, turn.requester.platform, mention);
  return hostForm(turn, {
    values: {},
    contactName: personName(contact),
    submit: { verb: "visits.hostCreate", args: { n: randomUUID(), c: contact.id } },
  });
}

export async function hostCreateAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  requireCoordinator(turn);
  const id = args.n ?? "";
  const contactId = args.c ?? "";
  if (!UUID.test(id) || contactId.length === 0 || contactId.length > 64) throw new InvalidAction("bad host form");
  const { prisma } = turn.deps;
  const contact = await findPerson(prisma, contactId);
  if (!contact) throw new InvalidAction("no such contact");
  const libraries = await listLibraries(prisma);
  const checked = validateHost(inputs, { libraryIds: libraries.map((l) => l.id) });
  const again = (errors: Record<string, VisitFieldError>) =>
    hostForm(turn, {
      values: inputs,
      errors,
      contactName: personName(contact),
      submit: { verb: "visits.hostCreate", args },
    });
  if (!checked.ok) return { mode: "form", reply: await again(checked.errors) };
  const existing = await findHost(prisma, id);
  if (existing) return { mode: "replace", reply: savedReply(turn, existing) };
  const created = await createHost(prisma, { id, fields: checked.host, contactId, actorId: turn.user.id });
  if (!created.ok) return { mode: "form", reply: await again({ library: { code: "hostExists" } }) };
  return { mode: "replace", reply: savedReply(turn, created.host) };
}

function savedReply(turn: Turn, host: HostRecord): Reply {
  const t = visitsT(turn.language);
  const text = t("hostForm.saved", { name: hostName(host, turn.language) });
  return { summary: text, blocks: [{ type: "text", text }, hostItem(turn, host)] };
}

async function editableHost(turn: Turn, args: Record<string, string>): Promise<HostRecord | ActionOutcome> {
  const id = args.h ?? "";
  if (!UUID.test(id)) throw new InvalidAction("no host");
  const host = await findHost(turn.deps.prisma, id);
  const t = visitsT(turn.language);
  if (!host?.active) return { mode: "new", reply: textReply(t("hostForm.gone")) };
  if (!canEditHost(turn, host)) return { mode: "new", reply: textReply(t("hostForm.notYours")) };
  return host;
}

function hostValues(host: HostRecord): Record<string, string> {
  return {
    name: host.name,
    municipality: host.municipality,
    languages: host.languages,
    areas: host.areas.join(","),
    notes: host.notes,
  };
}

export async function hostEditAction(turn: Turn, { args }: ActionContext): Promise<ActionOutcome> {
  const host = await editableHost(turn, args);
  if (!("id" in host)) return host;
  const reply = await hostForm(turn, {
    values: hostValues(host),
    contactName: personName(host.contact),
    submit: { verb: "visits.hostSave", args: { h: host.id } },
    editing: { libraryId: host.libraryId },
  });
  return { mode: "form", reply };
}

export async function hostSaveAction(turn: Turn, { args, inputs = {} }: ActionContext): Promise<ActionOutcome> {
  const host = await editableHost(turn, args);
  if (!("id" in host)) return host;
  const checked = validateHost(inputs, { libraryIds: [], editing: { libraryId: host.libraryId } });
  if (!checked.ok) {
    const reply = await hostForm(turn, {
      values: inputs,
      errors: checked.errors,
      contactName: personName(host.contact),
      submit: { verb: "visits.hostSave", args: { h: host.id } },
      editing: { libraryId: host.libraryId },
    });
    return { mode: "form", reply };
  }
  const { libraryId: _fixed, ...fields } = checked.host;
  const saved = await updateHost(turn.deps.prisma, { id: host.id, fields, actorId: turn.user.id });
  if (!saved) return { mode: "new", reply: textReply(visitsT(turn.language)("hostForm.gone")) };
  return { mode: "replace", reply: savedReply(turn, saved) };
}
