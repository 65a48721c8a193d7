// Shared by the publishing tests: coordinators, a valid form, and Slack's side of a modal
// (the state Slack reports for a view the bot opened, and a signed view_submission).
import { blockActionsPayload, type SlackTestRequest, signRequest } from "./fakes/slack-signing.ts";
import type { TeamsUser } from "./fakes/teams-activities.ts";
import type { TestBot } from "./helpers/bot-harness.ts";

export const COORDINATOR: TeamsUser = {
  id: "29:1coordinator-Porvoo",
  name: "Kaisa Koordinaattori",
  aadObjectId: "6a1f0c1e-0000-4000-8000-00000000c0c0",
};
export const STAFF: TeamsUser = {
  id: "29:1staff-Lohja",
  name: "Leena Lohja",
  aadObjectId: "6a1f0c1e-0000-4000-8000-0000000005af",
};
export const SLACK_COORDINATOR = "UCOORD0001";
export const SLACK_TEAM = "T0001";

export async function makeCoordinators(bot: TestBot): Promise<void> {
  const { ensureCoordinators } = await import("../domain/store/users.ts");
  await ensureCoordinators(bot.store.prisma, [
    { platform: "teams", userId: COORDINATOR.id },
    { platform: "slack", userId: `${SLACK_TEAM}:${SLACK_COORDINATOR}` },
  ]);
}

/** A weekly bookmobile quarter-hour from Wed 21 Oct 2026 (the clocks go back on the 25th). */
export function seriesInputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    titleFi: "Kirjastoautovartti",
    titleSv: "Bokbusskvarten",
    titleEn: "Bookmobile quarter-hour",
    kind: "BOOKMOBILE_QUARTER",
    network: "kirjastoautot",
    date: "2026-10-21",
    start: "09:00",
    end: "09:15",
    languages: "fi,sv",
    joinUrl: "https://teams.microsoft.com/l/meetup-join/vartti",
    place: "",
    registration: "false",
    capacity: "",
    deadline: "",
    descFi: "Kuulumiset kirjastoautoista.",
    descSv: "Nytt från bokbussarna.",
    recurrence: "weekly",
    until: "",
    exceptions: "",
    hosts: "porvoo,espoo,lohja",
    ...overrides,
  };
}

type Json = Record<string, unknown>;
type Option = { value: string };

/**
 * What Slack reports in view.state.values for this view: the initial values, with
 * `inputs` (by block id) as if the user had changed those fields.
 */
export function stateFor(view: Json, inputs: Record<string, string>): Json {
  const values: Json = {};
  for (const block of view.blocks as Json[]) {
    if (block.type !== "input") continue;
    const element = block.element as Json & { type: string; action_id: string; options?: Option[] };
    const id = String(block.block_id);
    const given = inputs[id];
    const options = element.options ?? [];
    const pick = (wanted: string[]) => wanted.map((v) => options.find((o) => o.value === v)).filter(Boolean);
    let state: Json;
    switch (element.type) {
      case "datepicker":
        state = { selected_date: given ?? element.initial_date ?? null };
        break;
      case "timepicker":
        state = { selected_time: given ?? element.initial_time ?? null };
        break;
      case "static_select":
        state = {
          selected_option: given === undefined ? (element.initial_option ?? null) : (pick([given])[0] ?? null),
        };
        break;
      case "multi_static_select":
        state = { selected_options: given === undefined ? (element.initial_options ?? []) : pick(given.split(",")) };
        break;
      case "checkboxes":
        state = {
          selected_options: given === undefined ? (element.initial_options ?? []) : given === "true" ? options : [],
        };
        break;
      default:
        state = { value: given ?? element.initial_value ?? null };
    }
    values[id] = { [element.action_id]: { type: element.type, ...state } };
  }
  return values;
}

/** A view_submission as Slack sends it (form-encoded `payload`), signed. */
export function signedViewSubmission(
  secret: string,
  options: { view: Json; values: Json; userId: string; teamId?: string; privateMetadata?: string },
): SlackTestRequest {
  const teamId = options.teamId ?? SLACK_TEAM;
  const base = blockActionsPayload({ userId: options.userId, teamId });
  const payload = {
    type: "view_submission",
    team: base.team,
    user: base.user,
    api_app_id: "A123456",
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    trigger_id: "8066123456789.1234567890.fedcba9876543210fedcba9876543210",
    view: {
      id: "V0FORM0001",
      team_id: teamId,
      type: "modal",
      blocks: options.view.blocks,
      private_metadata: options.privateMetadata ?? options.view.private_metadata,
      callback_id: options.view.callback_id,
      state: { values: options.values },
      hash: "1732600000.AbCdEf12",
      title: options.view.title,
      clear_on_close: false,
      notify_on_close: false,
      close: options.view.close ?? null,
      submit: options.view.submit ?? null,
      previous_view_id: null,
      root_view_id: "V0FORM0001",
      app_id: "A123456",
      external_id: "",
      app_installed_team_id: teamId,
      bot_id: "BBOT",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return signRequest(secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}
