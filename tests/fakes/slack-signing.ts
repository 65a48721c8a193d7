// Slack requests as Slack sends them, signed, for tests of the Slack endpoint.
// Payload shapes follow Slack's documented examples (docs.slack.dev: "Implementing slash
// commands", "block_actions payload"): the same fields in the same order, form-encoded.
//
//   const request = signedSlashCommand(SECRET, { text: "kahvit", response_url: slack.responseUrl("c1") });
//   const response = await postToSlackEndpoint(baseUrl, request);
//   expect(response.status).toBe(200);
//   const click = signedBlockActions(SECRET, { value: JSON.stringify({ verb: "meetups.page", args: {} }) });
import { createHmac } from "node:crypto";

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

export interface SlackTestRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  /** seconds since the epoch; default now */
  timestamp?: number;
  contentType?: string;
  /** extra headers, e.g. { "x-slack-retry-num": "1" } */
  headers?: Record<string, string>;
}

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function signRequest(signingSecret: string, body: string, options: SignOptions = {}): SlackTestRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      "content-type": options.contentType ?? FORM_CONTENT_TYPE,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(signingSecret, timestamp, body),
      ...options.headers,
    },
  };
}

/** The fields of a slash command, in Slack's order (enterprise_* only on Enterprise Grid). */
export function slashCommandFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    token: "gIkuvaNzQIHg97ATvDxqgjtO", // the deprecated verification token; Bolt ignores it
    team_id: "T0001",
    team_domain: "kirjastot",
    channel_id: "C2147483705",
    channel_name: "ake",
    user_id: "U2147483697",
    user_name: "liisa.lukija",
    command: "/ake",
    text: "",
    api_app_id: "A123456",
    is_enterprise_install: "false",
    response_url: "https://hooks.slack.com/commands/T0001/1234/5678",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    ...overrides,
  };
}

export function signedSlashCommand(
  signingSecret: string,
  overrides: Record<string, string> = {},
  options: SignOptions = {},
): SlackTestRequest {
  return signRequest(signingSecret, new URLSearchParams(slashCommandFields(overrides)).toString(), options);
}

export interface BlockActionsOptions {
  /** the clicked button's value (absent for link buttons) */
  value?: string | undefined;
  actionId?: string;
  /** a URL button: Slack reports the click with the url and no value */
  url?: string;
  userId?: string;
  userName?: string;
  teamId?: string;
  responseUrl?: string;
  channelId?: string;
  /** the clicked message was ephemeral (our slash command replies are) */
  ephemeral?: boolean;
}

export function blockActionsPayload(options: BlockActionsOptions = {}): Record<string, unknown> {
  const teamId = options.teamId ?? "T0001";
  const channelId = options.channelId ?? "C2147483705";
  const userName = options.userName ?? "liisa.lukija";
  const action: Record<string, unknown> = {
    action_id: options.actionId ?? "meetups.page:0",
    block_id: "Wb0Kd",
    text: { type: "plain_text", text: "Seuraava", emoji: true },
    type: "button",
    action_ts: "1732600000.123456",
  };
  if (options.value !== undefined) action.value = options.value;
  if (options.url !== undefined) action.url = options.url;
  return {
    type: "block_actions",
    user: { id: options.userId ?? "U2147483697", username: userName, name: userName, team_id: teamId },
    api_app_id: "A123456",
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    container: {
      type: "message",
      message_ts: "1732599990.000200",
      channel_id: channelId,
      is_ephemeral: options.ephemeral ?? true,
    },
    trigger_id: "8066123456789.1234567890.0123456789abcdef0123456789abcdef",
    team: { id: teamId, domain: "kirjastot" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: "ake" },
    state: { values: {} },
    response_url: options.responseUrl ?? "https://hooks.slack.com/actions/T0001/1234/5678",
    actions: [action],
  };
}

export function signedBlockActions(
  signingSecret: string,
  options: BlockActionsOptions = {},
  sign: SignOptions = {},
): SlackTestRequest {
  const body = new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(options)) }).toString();
  return signRequest(signingSecret, body, sign);
}

export interface EndpointResponse {
  status: number;
  body: string;
  /** the body parsed as JSON; undefined if empty or not JSON */
  json: unknown;
  elapsedMs: number;
}

export async function postToSlackEndpoint(
  baseUrl: string,
  request: SlackTestRequest,
  path = "/slack/events",
): Promise<EndpointResponse> {
  const started = performance.now();
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    headers: request.headers,
    body: request.body,
  });
  const body = await response.text();
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, body, json, elapsedMs: performance.now() - started };
}
