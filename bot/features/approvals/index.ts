// Approvals (issue 4, shared with staff visits): the coordinators' list of what waits
// for a decision, the coordinators' channel of each platform, the audit log, the cards'
// buttons, and the outbox renderers of the cards and of the requester's notice.
import { APPROVAL_CARD_KIND, APPROVAL_DECIDED_KIND, findApproval } from "../../../domain/store/approvals.ts";
import { commandWord } from "../../commands.ts";
import { isCoordinator } from "../../turn.ts";
import type { Feature } from "../types.ts";
import {
  approveAction,
  handOverAction,
  handOverFormAction,
  openAction,
  reasonFormAction,
  reasonSubmitAction,
} from "./actions.ts";
import { approvalCard, approvalsT } from "./card.ts";
import { approvalsCommand, approvalWords, decidedNotice } from "./list.ts";

export const approvalsFeature: Feature = {
  name: "approvals",
  commands: {
    approvals: (turn, command) => approvalsCommand(turn, command),
  },
  actions: {
    "approvals.approve": approveAction,
    "approvals.rejectForm": reasonFormAction("reject"),
    "approvals.reject": reasonSubmitAction("reject"),
    "approvals.changeForm": reasonFormAction("change"),
    "approvals.change": reasonSubmitAction("change"),
    "approvals.handOverForm": handOverFormAction,
    "approvals.handOver": handOverAction,
    "approvals.open": openAction,
  },
  notifications: {
    // a post or an edit of the card; an edit planned for an older version is skipped
    // because the edit of the newer version follows it
    [APPROVAL_CARD_KIND]: async (context, raw) => {
      const payload = raw as { approvalId?: string; version?: number };
      const approval = payload.approvalId ? await findApproval(context.prisma, payload.approvalId) : null;
      if (!approval) return null;
      if (payload.version !== undefined && approval.version > payload.version) return null;
      return approvalCard(context.prisma, approval, context);
    },
    [APPROVAL_DECIDED_KIND]: decidedNotice,
  },
  help: (turn) => {
    if (!isCoordinator(turn)) return [];
    const { channel, log } = approvalWords(turn.language);
    const command = commandWord("approvals", turn.language);
    return [
      approvalsT(turn.language)("help.approvals", {
        command,
        channel: `${command} ${channel}`,
        log: `${command} ${log}`,
      }),
    ];
  },
};
