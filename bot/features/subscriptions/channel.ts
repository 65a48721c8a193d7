// `tilaa` / `prenumerera` / `subscribe` in a channel: what the channel gets on its own —
// the weekly digest of remote coffees and the new sessions of chosen networks. Anyone in
// the channel may change it (it is the channel's, like adding an app); each change is
// audited. In a personal chat the answer points to following networks instead.
import { findNetwork, foldText, listNetworks, matchNetwork } from "../../../domain/store/networks.ts";
import {
  channelSubscriptions,
  DIGEST_TOPIC,
  networkTopic,
  setChannelSubscription,
} from "../../../domain/store/subscriptions.ts";
import { commandWord } from "../../commands.ts";
import { InvalidAction } from "../../errors.ts";
import { localized } from "../../format.ts";
import { featureTranslator, type Language } from "../../i18n/index.ts";
import { type Block, type Reply, textReply } from "../../reply.ts";
import type { ActionOutcome, Conversation } from "../../requests.ts";
import type { Turn } from "../../turn.ts";
import type { ActionContext, CommandContext } from "../types.ts";

export function subscriptionsT(language: Language) {
  return featureTranslator(language, "subscriptions");
}

const OFF_WORDS = new Set(["pois", "lopeta", "avsluta", "sluta", "stop", "off", "unsubscribe"]);
const DIGEST_WORDS = new Set([
  "kooste",
  "viikkokooste",
  "kahvit",
  "sammandrag",
  "veckosammandrag",
  "kaffe",
  "digest",
  "coffees",
]);
const DIGEST_WORD: Record<Language, string> = { fi: "kooste", sv: "sammandrag", en: "digest" };
const OFF_WORD: Record<Language, string> = { fi: "pois", sv: "avsluta", en: "stop" };

function channelOf(conversation: Conversation | undefined): Conversation | undefined {
  return conversation?.kind === "channel" || conversation?.kind === "group" ? conversation : undefined;
}

async function topicName(turn: Turn, topic: string): Promise<string | undefined> {
  const t = subscriptionsT(turn.language);
  if (topic === DIGEST_TOPIC) return t("channel.digest");
  const network = topic.startsWith("network:") ? await findNetwork(turn.deps.prisma, topic.slice(8)) : null;
  return network ? t("channel.network", { network: localized(network, "name", turn.language) }) : undefined;
}

async function channelCard(turn: Turn, channelKey: string, notice?: string): Promise<Reply> {
  const { language } = turn;
  const t = subscriptionsT(language);
  const [subscriptions, networks] = await Promise.all([
    channelSubscriptions(turn.deps.prisma, channelKey),
    listNetworks(turn.deps.prisma, turn.user.id),
  ]);
  const on = new Set(subscriptions.map((s) => s.topic));
  const topics = [
    { topic: DIGEST_TOPIC, name: t("channel.digest") },
    ...networks.map((n) => ({
      topic: networkTopic(n.id),
      name: t("channel.network", { network: localized(n, "name", language) }),
    })),
  ];
  const blocks: Block[] = [{ type: "header", text: t("channel.title") }];
  if (notice) blocks.push({ type: "text", text: notice });
  for (const { topic, name } of topics) {
    const subscribed = on.has(topic);
    blocks.push({
      type: "item",
      title: name,
      lines: [subscribed ? t("channel.on") : t("channel.off")],
      actions: [
        {
          type: "button",
          label: subscribed ? t("channel.unsubscribe") : t("channel.subscribe"),
          ...(subscribed ? {} : { style: "primary" as const }),
          action: { verb: "subscriptions.set", args: { t: topic, on: subscribed ? "0" : "1" } },
        },
      ],
    });
  }
  const command = commandWord("subscribe", language);
  blocks.push({
    type: "context",
    text: t("channel.hint", {
      example: `${command} ${networks[0]?.id ?? "severi"}`,
      off: `${command} ${OFF_WORD[language]} ${DIGEST_WORD[language]}`,
    }),
  });
  return { summary: notice ?? t("channel.title"), blocks };
}

async function change(turn: Turn, channel: Conversation, topic: string, on: boolean): Promise<string> {
  const t = subscriptionsT(turn.language);
  const name = (await topicName(turn, topic)) ?? topic;
  const changed = await setChannelSubscription(turn.deps.prisma, {
    channelKey: channel.key,
    platform: turn.requester.platform === "teams" ? "TEAMS" : "SLACK",
    language: turn.language,
    topic,
    on,
    actorId: turn.user.id,
  });
  if (!changed) return t("channel.already", { topic: name });
  return t(on ? "channel.subscribed" : "channel.unsubscribed", { topic: name });
}

export async function subscribeCommand(turn: Turn, command: CommandContext): Promise<Reply> {
  const { language } = turn;
  const t = subscriptionsT(language);
  const channel = channelOf(command.conversation);
  if (!channel) {
    return textReply(
      t("channel.onlyInChannel", {
        command: commandWord("subscribe", language),
        follow: commandWord("follow", language),
        reminders: commandWord("reminders", language),
      }),
    );
  }
  const words = [...command.args];
  const on = !(words[0] && OFF_WORDS.has(words[0]));
  if (!on) words.shift();
  const query = words.join(" ");
  if (!query) return channelCard(turn, channel.key);
  let topic: string | undefined;
  if (DIGEST_WORDS.has(foldText(query))) topic = DIGEST_TOPIC;
  else {
    const network = matchNetwork(await listNetworks(turn.deps.prisma, turn.user.id), query);
    topic = network ? networkTopic(network.id) : undefined;
  }
  if (!topic) {
    const networks = await listNetworks(turn.deps.prisma, turn.user.id);
    const subscribe = commandWord("subscribe", language);
    return textReply(
      t("channel.unknownTopic", {
        topic: query.slice(0, 40),
        examples: networks
          .slice(0, 3)
          .map((n) => `${subscribe} ${n.id}`)
          .join(", "),
        digest: `${subscribe} ${DIGEST_WORD[language]}`,
      }),
    );
  }
  return channelCard(turn, channel.key, await change(turn, channel, topic, on));
}

/** The card's buttons; the channel is the one the click came from, never one named in the payload. */
export async function setAction(turn: Turn, { args, conversation }: ActionContext): Promise<ActionOutcome> {
  const channel = channelOf(conversation);
  const topic = args.t ?? "";
  if (!channel || (args.on !== "0" && args.on !== "1") || !(await topicName(turn, topic))) {
    throw new InvalidAction("bad subscription change");
  }
  const notice = await change(turn, channel, topic, args.on === "1");
  return { mode: "replace", reply: await channelCard(turn, channel.key, notice) };
}
