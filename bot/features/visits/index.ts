// Staff visits (issue 5): the host directory, the request (approved by AKE with the
// shared approval cards, bot/features/approvals), the host's yes, the plan to both, the
// report after the visit and the reimbursement, and the coordinators' overview.
import { VISIT_KINDS } from "../../../domain/store/visits.ts";
import { foldWord } from "../../../domain/visits.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import type { Reply } from "../../reply.ts";
import { isCoordinator, type Turn } from "../../turn.ts";
import type { CommandContext, Feature } from "../types.ts";
import {
  cancelAction,
  cancelledNotice,
  markPaidAction,
  mineReply,
  reportAction,
  reportFormAction,
  reportNotice,
} from "./after.ts";
import {
  acceptProposalAction,
  confirmedNotice,
  hostAcceptAction,
  hostAskNotice,
  hostProposedNotice,
  proposeAction,
  proposeFormAction,
} from "./agree.ts";
import { directoryReply, hostAddCommand, hostCreateAction, hostEditAction, hostSaveAction } from "./directory.ts";
import { csvReply, overviewReply } from "./overview.ts";
import { changeFormAction, requestAction, requestFormReply, resubmitAction } from "./request.ts";
import { SHOWN, subCommandOf, visitsT } from "./shared.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function visitCommand(turn: Turn, command: CommandContext): Promise<Reply> {
  // mention leftovers ("@Maija" typed, Slack's "<@U1>") are not words
  const words = command.args.filter((word) => !/^(@|<[@#])/.test(word));
  const folded = words.map(foldWord);
  switch (subCommandOf(folded[0] ?? "")) {
    case "request":
      return requestFormReply(turn);
    case "mine":
      return mineReply(turn);
    case "overview":
      return folded.includes("csv") ? csvReply(turn) : overviewReply(turn);
    case "host":
      if (folded.slice(1).some((word) => subCommandOf(word) === "add")) return hostAddCommand(turn, command.mentions);
      return directoryReply(turn, words.slice(1));
    default:
      return directoryReply(turn, words);
  }
}

export const visitsFeature = {
  name: "visits",
  commands: {
    visit: visitCommand,
  },
  actions: {
    "visits.requestForm": async (turn, { args }) => {
      const host = args.h ?? "";
      if (host && !UUID.test(host)) throw new InvalidAction("bad host");
      return { mode: "form", reply: await requestFormReply(turn, host) };
    },
    "visits.request": requestAction,
    "visits.changeForm": changeFormAction,
    "visits.resubmit": resubmitAction,
    "visits.hostCreate": hostCreateAction,
    "visits.hostEdit": hostEditAction,
    "visits.hostSave": hostSaveAction,
    "visits.hostAccept": hostAcceptAction,
    "visits.proposeForm": proposeFormAction,
    "visits.propose": proposeAction,
    "visits.acceptProposal": acceptProposalAction,
    "visits.reportForm": reportFormAction,
    "visits.report": reportAction,
    "visits.paid": markPaidAction,
    "visits.cancel": cancelAction,
  },
  notifications: {
    [VISIT_KINDS.hostAsk]: hostAskNotice,
    [VISIT_KINDS.hostProposed]: hostProposedNotice,
    [VISIT_KINDS.confirmed]: confirmedNotice,
    [VISIT_KINDS.report]: reportNotice,
    [VISIT_KINDS.cancelled]: cancelledNotice,
  },
  help: (turn) => {
    const { language } = turn;
    const t = visitsT(language);
    const command = commandWord("visit", language);
    const lines = [t("help.visits", { command, request: `${command} ${SHOWN.request[language]}` })];
    if (isCoordinator(turn)) {
      lines.push(
        t("help.coordinator", {
          add: `${command} ${SHOWN.host[language]} ${SHOWN.add[language]}`,
          overview: `${command} ${SHOWN.overview[language]}`,
        }),
      );
    }
    return lines;
  },
} satisfies Feature;
