// One neutral Form, two renderings: an Adaptive Card 1.5 that the official parser accepts,
// and a Slack modal within Block Kit's limits; and what each platform sends back becomes
// the same ActionRequest inputs.
import { describe, expect, it } from "vitest";
import { formOf, modalErrors, parseMetadata, renderModal } from "../adapters/slack/modal.ts";
import { renderMessage } from "../adapters/slack/render.ts";
import { inputsFromState } from "../adapters/slack/submissions.ts";
import { parseActionRequest, parseFormInputs } from "../adapters/teams/inbound.ts";
import { REQUIRED_TEXT, renderAdaptiveCard } from "../adapters/teams/render.ts";
import { sessionFormReply } from "../bot/features/publishing/form.ts";
import { type Language, translator } from "../bot/i18n/index.ts";
import type { Form, Reply } from "../bot/reply.ts";
import type { Turn } from "../bot/turn.ts";
import { slackViewProblems } from "./fakes/slack-modal-limits.ts";
import { cardProblems } from "./fakes/teams-card-check.ts";

const submit = { verb: "test.save", args: { s: "42" } };
const form: Form = {
  title: "Muokkaa tilaisuutta",
  intro: "Ajat ovat Suomen aikaa.\n**ei lihavointia**",
  fields: [
    { type: "text", id: "title", label: "Otsikko", value: "Kahvit *tähdellä*", maxLength: 200, required: true },
    { type: "text", id: "desc", label: "Kuvaus", multiline: true, maxLength: 2000, placeholder: "Kerro lisää" },
    { type: "number", id: "seats", label: "Paikkoja", value: 12, min: 1, max: 500 },
    { type: "date", id: "date", label: "Päivä", value: "2026-11-04", required: true },
    { type: "time", id: "start", label: "Alkaa", value: "09:00", required: true },
    {
      type: "select",
      id: "kind",
      label: "Tyyppi",
      options: [
        { value: "a", label: "Etäkahvit" },
        { value: "b", label: "Koulutus" },
      ],
      value: "b",
    },
    {
      type: "select",
      id: "langs",
      label: "Kielet",
      options: ["fi", "sv", "en"].map((value) => ({ value, label: value.toUpperCase() })),
      value: "fi,sv",
      multiple: true,
      required: true,
    },
    { type: "toggle", id: "registration", label: "Vaatii ilmoittautumisen", value: true },
  ],
  submit: { label: "Tallenna", action: submit },
  errors: { start: "Tämä ajankohta on jo mennyt.", general: "Jokin muu" },
};
const reply: Reply = { summary: form.title, blocks: [{ type: "form", form }] };

type Element = Record<string, unknown> & { type: string; id?: string };

describe("Teams: a form in the Adaptive Card", () => {
  const card = renderAdaptiveCard(reply);
  const body = card.body as Element[];

  it("passes the official parser with no warnings", () => {
    expect(cardProblems(card)).toEqual([]);
  });

  it("has one input per field, with labels, limits and the values", () => {
    const inputs = body.filter((e) => e.type.startsWith("Input."));
    expect(inputs.map((e) => [e.type, e.id])).toEqual([
      ["Input.Text", "title"],
      ["Input.Text", "desc"],
      ["Input.Number", "seats"],
      ["Input.Date", "date"],
      ["Input.Time", "start"],
      ["Input.ChoiceSet", "kind"],
      ["Input.ChoiceSet", "langs"],
      ["Input.Toggle", "registration"],
    ]);
    expect(inputs[0]).toMatchObject({
      label: "Otsikko",
      isRequired: true,
      errorMessage: REQUIRED_TEXT,
      maxLength: 200,
    });
    expect(inputs[1]).toMatchObject({ isMultiline: true, placeholder: "Kerro lisää" });
    expect(inputs[2]).toMatchObject({ value: 12, min: 1, max: 500 });
    expect(inputs[6]).toMatchObject({ isMultiSelect: true, value: "fi,sv" });
    expect(inputs[7]).toMatchObject({ value: "true", valueOn: "true", valueOff: "false" });
  });

  it("shows each error in attention colour under its field, and others above the fields", () => {
    const start = body.findIndex((e) => e.id === "start");
    expect(body[start + 1]).toMatchObject({
      type: "TextBlock",
      color: "Attention",
      text: "Tämä ajankohta on jo mennyt.",
    });
    const general = body.findIndex((e) => e.text === "Jokin muu");
    expect(general).toBeGreaterThan(0);
    expect(general).toBeLessThan(body.findIndex((e) => e.id === "title"));
  });

  it("submits with Action.Execute carrying verb and args, falling back to Action.Submit", () => {
    const set = body.at(-1) as unknown as { actions: Element[] };
    expect(set.actions[0]).toMatchObject({ type: "Action.Execute", verb: "test.save", data: submit });
    expect(set.actions[0]?.fallback).toMatchObject({ type: "Action.Submit", data: submit });
  });

  it("reads the inputs Teams merges into the data, and refuses what no form sends", () => {
    const data = { ...submit, title: "Uusi", seats: 12, registration: true, langs: ["fi", "sv"], msteams: { x: 1 } };
    expect(parseActionRequest(data)).toEqual({
      action: submit,
      inputs: { title: "Uusi", seats: "12", registration: "true", langs: "fi,sv" },
    });
    expect(parseActionRequest(submit)).toEqual({ action: submit, inputs: undefined });
    expect(parseFormInputs({ ...submit, title: "x".repeat(5001) })).toBeUndefined();
    expect(parseActionRequest({ ...submit, title: null })?.inputs).toEqual({ title: "" });
    expect(parseActionRequest({ ...submit, title: [1, 2] })).toBeUndefined();
    expect(parseActionRequest({ verb: "x y", args: {}, title: "t" })).toBeUndefined();
  });
});

describe("Slack: the same form as a modal", () => {
  const metadata = { a: submit, c: "C2147483705" };
  const view = renderModal(reply, metadata);

  it("stays within the modal limits and carries the submit and the channel", () => {
    expect(slackViewProblems(view)).toEqual([]);
    expect(view.title.text).toBe("Muokkaa tilaisuutta");
    expect(parseMetadata(view.private_metadata)).toEqual(metadata);
  });

  it("has one input block per field, required ones not optional", () => {
    const inputs = view.blocks.filter((b) => b.type === "input") as Element[];
    expect(inputs.map((b) => [b.block_id, (b.element as Element).type, b.optional])).toEqual([
      ["title", "plain_text_input", false],
      ["desc", "plain_text_input", true],
      ["seats", "number_input", true],
      ["date", "datepicker", false],
      ["start", "timepicker", false],
      ["kind", "static_select", true],
      ["langs", "multi_static_select", false],
      ["registration", "checkboxes", true],
    ]);
  });

  it("maps errors to input blocks for response_action errors", () => {
    expect(modalErrors(form)).toEqual({ start: "Tämä ajankohta on jo mennyt.", title: "Jokin muu" });
  });

  it("reads view_submission state into the same inputs as Teams sends", () => {
    const chosen = (value: string) => ({ text: { type: "plain_text", text: value }, value });
    const values = {
      title: { title: { type: "plain_text_input", value: "Uusi" } },
      desc: { desc: { type: "plain_text_input", value: null } },
      seats: { seats: { type: "number_input", value: "12" } },
      date: { date: { type: "datepicker", selected_date: "2026-11-04" } },
      start: { start: { type: "timepicker", selected_time: "09:30" } },
      kind: { kind: { type: "static_select", selected_option: chosen("b") } },
      langs: { langs: { type: "multi_static_select", selected_options: [chosen("sv"), chosen("fi")] } },
      registration: { registration: { type: "checkboxes", selected_options: [] } },
    };
    expect(inputsFromState(values)).toEqual({
      title: "Uusi",
      desc: "",
      seats: "12",
      date: "2026-11-04",
      start: "09:30",
      kind: "b",
      langs: "sv,fi",
      registration: "false",
    });
    expect(inputsFromState({ __proto__: {} })).toEqual({});
    expect(inputsFromState({ "bad id": {} })).toBeUndefined();
  });

  it("refuses forged metadata", () => {
    expect(parseMetadata("not json")).toBeUndefined();
    expect(parseMetadata(JSON.stringify({ a: submit, c: "C1", extra: 1 }))).toBeUndefined();
    expect(parseMetadata(JSON.stringify({ a: { verb: "x", args: { __proto__: "y" } } }))).toEqual({
      a: { verb: "x", args: {} },
    });
    expect(parseMetadata(JSON.stringify({ a: { verb: "", args: {} } }))).toBeUndefined();
    expect(parseMetadata("x".repeat(3001))).toBeUndefined();
  });

  it("never renders a form into a message", () => {
    expect(formOf(reply)).toBe(form);
    expect(() => renderMessage(reply)).toThrow(/opens as a modal/);
  });
});

describe("the publishing form, in every language, on both platforms", () => {
  const choices = {
    networks: ["lanu", "severi", "esihenkilot", "kirjastoautot", "vapaaehtoiset", "svea"].map((id) => ({
      id,
      nameFi: `${id} fi`,
      nameSv: `${id} sv`,
      nameEn: `${id} en`,
    })),
    hosts: ["espoo", "helsinki", "hyvinkaa", "lohja", "nurmijarvi", "porvoo", "raasepori", "vantaa"].map((id) => ({
      id,
      nameFi: `${id} kirjasto`,
      nameSv: `${id} bibliotek`,
    })),
  };
  it.each(["fi", "sv", "en"] as const)("%s: create and edit forms render cleanly", (language: Language) => {
    const turn = { language, t: translator(language) } as unknown as Turn;
    for (const mode of ["create", "occurrence"] as const) {
      const values = { titleFi: "Kahvit", start: "09:00", hosts: "porvoo,espoo", languages: "fi,sv", capacity: "5" };
      const formReply = sessionFormReply(turn, choices, {
        mode,
        values,
        submit: { verb: "publishing.save", args: {} },
      });
      expect(cardProblems(renderAdaptiveCard(formReply))).toEqual([]);
      const view = renderModal(formReply, { a: { verb: "publishing.save", args: { s: "x", q: "0" } } });
      expect(slackViewProblems(view)).toEqual([]);
    }
  });
});
