// Every feature of the bot, in the order `apua` lists them.
import { approvalsFeature } from "./approvals/index.ts";
import { calendarFeature } from "./calendar/index.ts";
import { kitsFeature } from "./kits/index.ts";
import { meetupsFeature } from "./meetups.ts";
import { networksFeature } from "./networks/index.ts";
import { peopleFeature } from "./people/index.ts";
import { publishingFeature } from "./publishing/index.ts";
import { registrationsFeature } from "./registrations/index.ts";
import { remindersFeature } from "./reminders/index.ts";
import { subscriptionsFeature } from "./subscriptions/index.ts";
import type { Feature } from "./types.ts";
import { visitsFeature } from "./visits/index.ts";

export const FEATURES: readonly Feature[] = [
  meetupsFeature,
  networksFeature,
  registrationsFeature,
  remindersFeature,
  subscriptionsFeature,
  calendarFeature,
  peopleFeature,
  publishingFeature,
  kitsFeature,
  visitsFeature,
  approvalsFeature,
];
