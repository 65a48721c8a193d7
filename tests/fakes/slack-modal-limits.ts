// Slack's limits for a modal view (docs.slack.dev/surfaces/modals, reference/block-kit),
// as a checker independent of adapters/slack/modal.ts, so that a wrong constant there is
// caught here. Non-input blocks are checked by slack-limits.ts.
//
//   expect(slackViewProblems(view)).toEqual([]);
import { slackBlockProblems } from "./slack-limits.ts";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function plain(problems: string[], where: string, value: unknown, max: number): void {
  if (!isObject(value) || value.type !== "plain_text" || typeof value.text !== "string") {
    return void problems.push(`${where}: must be a plain_text object`);
  }
  if (value.text.length === 0) problems.push(`${where}: empty`);
  if (value.text.length > max) problems.push(`${where}: ${value.text.length} > ${max} characters`);
}

function checkOptions(problems: string[], at: string, element: Json, max: number): void {
  const options = list(element.options);
  if (options.length === 0 || options.length > max) problems.push(`${at}: ${options.length} options (1..${max})`);
  const values = new Set<string>();
  for (const [i, option] of options.entries()) {
    if (!isObject(option)) continue;
    plain(problems, `${at}.options[${i}].text`, option.text, 75);
    const value = String(option.value ?? "");
    if (value.length === 0 || value.length > 150) problems.push(`${at}.options[${i}]: value length ${value.length}`);
    if (values.has(value)) problems.push(`${at}: duplicate option value ${value}`);
    values.add(value);
  }
  const initial = [...list(element.initial_options), ...(element.initial_option ? [element.initial_option] : [])];
  const known = new Set(options.map((o) => JSON.stringify(o)));
  for (const chosen of initial) {
    if (!known.has(JSON.stringify(chosen))) problems.push(`${at}: an initial option is not among the options`);
  }
}

function checkElement(problems: string[], at: string, element: unknown): void {
  if (!isObject(element)) return void problems.push(`${at}: no element`);
  const id = element.action_id;
  if (typeof id !== "string" || id.length === 0 || id.length > 255) problems.push(`${at}: bad action_id`);
  switch (element.type) {
    case "plain_text_input": {
      const max = typeof element.max_length === "number" ? element.max_length : 3000;
      if (max > 3000) problems.push(`${at}: max_length ${max} > 3000`);
      if (typeof element.initial_value === "string" && element.initial_value.length > max)
        problems.push(`${at}: initial_value longer than max_length`);
      if (element.placeholder !== undefined) plain(problems, `${at}.placeholder`, element.placeholder, 150);
      return;
    }
    case "number_input":
      if (typeof element.is_decimal_allowed !== "boolean") problems.push(`${at}: is_decimal_allowed is required`);
      for (const key of ["initial_value", "min_value", "max_value"]) {
        if (element[key] !== undefined && !/^-?\d+(\.\d+)?$/.test(String(element[key])))
          problems.push(`${at}: ${key} must be a number as a string`);
      }
      return;
    case "datepicker":
      if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date)))
        problems.push(`${at}: initial_date must be YYYY-MM-DD`);
      return;
    case "timepicker":
      if (element.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(element.initial_time)))
        problems.push(`${at}: initial_time must be HH:mm`);
      return;
    case "static_select":
    case "multi_static_select":
      checkOptions(problems, at, element, 100);
      return;
    case "checkboxes":
      checkOptions(problems, at, element, 10);
      return;
    default:
      problems.push(`${at}: unexpected element type ${String(element.type)}`);
  }
}

/** Every limit this modal view breaks; [] when views.open would accept it. */
export function slackViewProblems(view: unknown): string[] {
  if (!isObject(view)) return ["view: not an object"];
  const problems: string[] = [];
  if (view.type !== "modal") problems.push("view.type must be modal");
  plain(problems, "view.title", view.title, 24);
  if (view.close !== undefined) plain(problems, "view.close", view.close, 24);
  const blocks = list(view.blocks);
  const inputs = blocks.filter((b) => isObject(b) && b.type === "input");
  if (inputs.length > 0 || view.submit !== undefined) plain(problems, "view.submit", view.submit, 24);
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000)
    problems.push("view.private_metadata > 3000");
  if (typeof view.callback_id === "string" && view.callback_id.length > 255) problems.push("view.callback_id > 255");
  if (blocks.length === 0 || blocks.length > 100) problems.push(`view.blocks: ${blocks.length} (1..100)`);
  const blockIds = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const at = `blocks[${i}]`;
    if (!isObject(block)) continue;
    if (typeof block.block_id === "string") {
      if (blockIds.has(block.block_id)) problems.push(`${at}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    if (block.type !== "input") {
      problems.push(...slackBlockProblems([block]).map((p) => p.replace("blocks[0]", at)));
      continue;
    }
    plain(problems, `${at}.label`, block.label, 2000);
    if (block.hint !== undefined) plain(problems, `${at}.hint`, block.hint, 2000);
    checkElement(problems, `${at}.element`, block.element);
  }
  return problems;
}
