// From what the fakes received and what the outbox recorded: delivered, duplicates (in
// and outside the crash window), lost, 429s, rates against the platforms' limits,
// lateness against the planned time.
import { percentile } from "../bench/stats.ts";
import type { Received } from "./fakes.ts";

export interface PlannedRow {
  id: string;
  key: string;
  platform: "teams" | "slack";
  /** the planned instant (notBefore as planned; retries move the row's own notBefore) */
  plannedAt: number;
}

export interface FinalRow {
  key: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

export interface CrashWindow {
  /** ms epoch of the kill */
  at: number;
  /** keys the killed instance held SENDING at the kill */
  held: Set<string>;
}

export interface Analysis {
  planned: number;
  delivered: number;
  deliveredByPlatform: Record<"teams" | "slack", number>;
  duplicates: number;
  duplicateMessages: number;
  duplicatesInWindow: number;
  duplicatesOutside: string[];
  /** held rows whose message a platform had accepted before the kill */
  heldAccepted: number;
  held: number;
  lost: string[];
  statusCounts: Record<string, number>;
  failedReasons: Map<string, number>;
  stuck: number;
  sentButNotReceived: number;
  received429: Record<"teams" | "slack", number>;
  attemptsOver1: number;
  rates: {
    teamsSustained: number;
    teamsPeak1s: number;
    teamsConvPeak1s: number;
    teamsConvPeak2s: number;
    teamsConvPeak30s: number;
    slackChannelPeak1s: number;
    slackChannelMedianRate: number;
    overall: number;
    overallSpanMs: number;
  };
  lateness: {
    all: number[];
    teams: number[];
    slack: number[];
    held: number[];
  };
}

/** Largest number of events inside any window of `windowMs` (sorted instants). */
function peak(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function byTarget(events: readonly Received[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const e of events) {
    const list = map.get(e.target) ?? [];
    list.push(e.at);
    map.set(e.target, list);
  }
  for (const list of map.values()) list.sort((a, b) => a - b);
  return map;
}

export function analyse(
  planned: readonly PlannedRow[],
  received: readonly Received[],
  finals: readonly FinalRow[],
  crash: CrashWindow | undefined,
): Analysis {
  const accepted = received.filter((r) => r.status === 200);
  const byId = new Map<string, Received[]>();
  for (const r of accepted) {
    const list = byId.get(r.id) ?? [];
    list.push(r);
    byId.set(r.id, list);
  }
  const plannedById = new Map(planned.map((p) => [p.id, p]));
  const keyToId = new Map(planned.map((p) => [p.key, p.id]));
  const heldIds = new Set([...(crash?.held ?? [])].map((k) => keyToId.get(k) ?? k));

  const deliveredByPlatform = { teams: 0, slack: 0 };
  let duplicates = 0;
  let duplicateMessages = 0;
  let duplicatesInWindow = 0;
  const duplicatesOutside: string[] = [];
  const lateness = { all: [] as number[], teams: [] as number[], slack: [] as number[], held: [] as number[] };
  for (const [id, list] of byId) {
    const row = plannedById.get(id);
    if (!row) continue;
    deliveredByPlatform[row.platform] += 1;
    const first = Math.min(...list.map((r) => r.at));
    const late = first - row.plannedAt;
    lateness.all.push(late);
    lateness[row.platform].push(late);
    if (heldIds.has(id)) lateness.held.push(late);
    if (list.length > 1) {
      duplicates += 1;
      duplicateMessages += list.length - 1;
      if (heldIds.has(id)) duplicatesInWindow += 1;
      else duplicatesOutside.push(id);
    }
  }
  let heldAccepted = 0;
  for (const id of heldIds) {
    if ((byId.get(id) ?? []).some((r) => crash && r.at <= crash.at)) heldAccepted += 1;
  }
  const lost = planned.filter((p) => !byId.has(p.id)).map((p) => p.id);

  const statusCounts: Record<string, number> = {};
  const failedReasons = new Map<string, number>();
  let attemptsOver1 = 0;
  let sentButNotReceived = 0;
  for (const f of finals) {
    statusCounts[f.status] = (statusCounts[f.status] ?? 0) + 1;
    if (f.status === "FAILED") failedReasons.set(f.lastError ?? "?", (failedReasons.get(f.lastError ?? "?") ?? 0) + 1);
    if (f.attempts > 1) attemptsOver1 += 1;
    const id = keyToId.get(f.key);
    if (f.status === "SENT" && id && !byId.has(id)) sentButNotReceived += 1;
  }
  const stuck = (statusCounts.PENDING ?? 0) + (statusCounts.SENDING ?? 0);

  const teamsAccepted = accepted.filter((r) => r.platform === "teams");
  const slackAccepted = accepted.filter((r) => r.platform === "slack");
  const teamsTimes = teamsAccepted.map((r) => r.at).sort((a, b) => a - b);
  // sustained: the first 95 % of Teams messages over the time they took (the tail is the
  // crash recovery, which waits for the lease, not for the platform)
  const n95 = Math.max(1, Math.floor(teamsTimes.length * 0.95));
  const teamsSpan = (teamsTimes[n95 - 1] ?? 0) - (teamsTimes[0] ?? 0);
  const teamsSustained = teamsSpan > 0 ? ((n95 - 1) / teamsSpan) * 1000 : Number.NaN;
  const convs = [...byTarget(teamsAccepted).values()];
  const channels = [...byTarget(slackAccepted).values()];
  const channelRates = channels
    .filter((t) => t.length > 3)
    // after the burst of 3, the steady rate
    .map((t) => ((t.length - 3) / ((t[t.length - 1] as number) - (t[2] as number))) * 1000)
    .filter(Number.isFinite);
  const firstPlanned = Math.min(...planned.map((p) => p.plannedAt));
  const allTimes = accepted.map((r) => r.at).sort((a, b) => a - b);
  const all95 = allTimes[Math.max(0, Math.floor(allTimes.length * 0.95) - 1)] ?? firstPlanned;

  return {
    planned: planned.length,
    delivered: byId.size,
    deliveredByPlatform,
    duplicates,
    duplicateMessages,
    duplicatesInWindow,
    duplicatesOutside,
    heldAccepted,
    held: heldIds.size,
    lost,
    statusCounts,
    failedReasons,
    stuck,
    sentButNotReceived,
    received429: {
      teams: received.filter((r) => r.platform === "teams" && r.status === 429).length,
      slack: received.filter((r) => r.platform === "slack" && r.status === 429).length,
    },
    attemptsOver1,
    rates: {
      teamsSustained,
      teamsPeak1s: peak(teamsTimes, 1_000),
      teamsConvPeak1s: Math.max(0, ...convs.map((t) => peak(t, 1_000))),
      teamsConvPeak2s: Math.max(0, ...convs.map((t) => peak(t, 2_000))),
      teamsConvPeak30s: Math.max(0, ...convs.map((t) => peak(t, 30_000))),
      slackChannelPeak1s: Math.max(0, ...channels.map((t) => peak(t, 1_000))),
      slackChannelMedianRate: percentile(channelRates, 0.5),
      overall: all95 > firstPlanned ? ((Math.floor(allTimes.length * 0.95) || 1) / (all95 - firstPlanned)) * 1000 : 0,
      overallSpanMs: all95 - firstPlanned,
    },
    lateness,
  };
}
