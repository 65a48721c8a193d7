// Every kind of request coordinators approve, by Approval.subjectType. Adding one is a
// line here and an ApprovalSubject in its feature; the mechanism stays as it is.
import { InvalidAction } from "../../errors.ts";
import { kitBookingSubject } from "../kits/approval-subject.ts";
import { visitSubject } from "../visits/approval-subject.ts";
import type { ApprovalSubject } from "./subject.ts";

const SUBJECTS: ReadonlyMap<string, ApprovalSubject> = new Map([
  [kitBookingSubject.type, kitBookingSubject],
  [visitSubject.type, visitSubject],
]);

export function subjectOf(type: string): ApprovalSubject {
  const subject = SUBJECTS.get(type);
  if (!subject) throw new InvalidAction(`no approval subject ${type}`);
  return subject;
}
