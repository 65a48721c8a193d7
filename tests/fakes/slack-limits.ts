// Slack's Block Kit limits as a checker, independent of the renderer's own constants so
// that a wrong constant there is caught here. The fake Slack API answers
// `invalid_blocks` when this finds problems, as Slack does; tests call it directly too.
//
//   expect(slackBlockProblems(message.blocks)).toEqual([]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.text === "string" ? value.text : undefined;
}

function checkText(problems: string[], where: string, value: unknown, max: number, type?: string): void {
  const text = textOf(value);
  if (text === undefined) return void problems.push(`${where}: text object missing`);
  if (text.length === 0) problems.push(`${where}: empty text`);
  if (text.length > max) problems.push(`${where}: ${text.length} > ${max} characters`);
  if (type && isObject(value) && value.type !== type) problems.push(`${where}: must be ${type}`);
}

function checkButton(problems: string[], at: string, element: unknown, actionIds: Set<string>): void {
  if (!isObject(element) || element.type !== "button") return void problems.push(`${at}: not a button`);
  checkText(problems, `${at}.text`, element.text, 75, "plain_text");
  const id = element.action_id;
  if (typeof id !== "string" || id.length === 0 || id.length > 255) problems.push(`${at}: bad action_id`);
  else if (actionIds.has(id)) problems.push(`${at}: duplicate action_id ${id}`);
  else actionIds.add(id);
  if (typeof element.value === "string" && element.value.length > 2000) problems.push(`${at}: value > 2000`);
  if (typeof element.url === "string" && element.url.length > 3000) problems.push(`${at}: url > 3000`);
  if (element.value === undefined && element.url === undefined) problems.push(`${at}: neither value nor url`);
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function checkBlock(problems: string[], at: string, block: unknown, actionIds: Set<string>): void {
  if (!isObject(block)) return void problems.push(`${at}: not an object`);
  if (typeof block.block_id === "string" && block.block_id.length > 255) problems.push(`${at}: block_id > 255`);
  if (block.type === "header") return void checkText(problems, `${at}.text`, block.text, 150, "plain_text");
  if (block.type === "divider") return;
  if (block.type === "section") {
    if (block.text === undefined && block.fields === undefined) problems.push(`${at}: neither text nor fields`);
    if (block.text !== undefined) checkText(problems, `${at}.text`, block.text, 3000);
    const fields = list(block.fields);
    if (fields.length > 10) problems.push(`${at}: ${fields.length} > 10 fields`);
    for (const [j, field] of fields.entries()) checkText(problems, `${at}.fields[${j}]`, field, 2000);
    return;
  }
  const elements = list(block.elements);
  if (block.type === "actions") {
    if (elements.length === 0 || elements.length > 25) problems.push(`${at}: ${elements.length} elements`);
    for (const [j, element] of elements.entries()) checkButton(problems, `${at}.elements[${j}]`, element, actionIds);
    return;
  }
  if (block.type === "context") {
    if (elements.length === 0 || elements.length > 10) problems.push(`${at}: ${elements.length} elements`);
    for (const [j, element] of elements.entries()) checkText(problems, `${at}.elements[${j}]`, element, 3000);
    return;
  }
  problems.push(`${at}: unexpected block type ${String(block.type)}`);
}

/** Every limit this message breaks; [] when Slack would accept it. */
export function slackBlockProblems(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return ["blocks: not an array"];
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`blocks: ${blocks.length} > 50`);
  const actionIds = new Set<string>();
  for (const [i, block] of blocks.entries()) checkBlock(problems, `blocks[${i}]`, block, actionIds);
  return problems;
}
