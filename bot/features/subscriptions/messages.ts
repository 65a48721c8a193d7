// The subscriptions' strings (i18next namespace "subscriptions"): channel subscriptions,
// new-session notices and the weekly digest. English is the source of the typed keys.
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const en = {
  channel: {
    title: "What this channel gets",
    digest: "The coming week's remote coffees, Mondays at 09:00",
    network: "New sessions of {{network}}",
    on: "✅ on",
    off: "off",
    subscribe: "Subscribe",
    unsubscribe: "Unsubscribe",
    subscribed: "Subscribed: {{topic}}.",
    unsubscribed: "Unsubscribed: {{topic}}.",
    already: "Already so: {{topic}}.",
    onlyInChannel:
      "Write {{command}} in a channel to subscribe it. For yourself: follow networks with {{follow}} and choose what reaches you with {{reminders}}.",
    unknownTopic: "I know no network “{{topic}}”. Subscribe to {{examples}}, or to the weekly digest: {{digest}}.",
    hint: "In the channel: {{example}} · {{off}}",
  },
  newSession: {
    session: "New in {{network}}: “{{title}}”, {{when}}.",
    series: "New in {{network}}: “{{title}}”, from {{when}} — {{count}} times.",
    join: "Join",
    calendar: "Add to calendar",
    events: "Register: {{command}}",
    stop: "Stop these notices",
  },
  digest: {
    title: "Remote coffees this week (week {{week}})",
    more: "…and {{count}} more: {{command}}",
    stop: "Stop the weekly digest",
  },
  help: {
    subscribe:
      "{{command}} – in a channel: the weekly digest of remote coffees and new sessions of a network ({{example}})",
  },
};

export const fi: Widen<typeof en> = {
  channel: {
    title: "Mitä tämä kanava saa",
    digest: "Tulevan viikon etäkahvit maanantaisin klo 9.00",
    network: "Verkoston {{network}} uudet tilaisuudet",
    on: "✅ päällä",
    off: "pois",
    subscribe: "Tilaa",
    unsubscribe: "Lopeta tilaus",
    subscribed: "Tilattu: {{topic}}.",
    unsubscribed: "Tilaus lopetettu: {{topic}}.",
    already: "Jo valmiiksi näin: {{topic}}.",
    onlyInChannel:
      "Kirjoita {{command}} kanavassa tilataksesi sille. Itsellesi: seuraa verkostoja komennolla {{follow}} ja valitse, mitä saat, komennolla {{reminders}}.",
    unknownTopic: "En tunne verkostoa ”{{topic}}”. Tilaa {{examples}} tai viikkokooste: {{digest}}.",
    hint: "Kanavassa: {{example}} · {{off}}",
  },
  newSession: {
    session: "Uutta verkostossa {{network}}: ”{{title}}”, {{when}}.",
    series: "Uutta verkostossa {{network}}: ”{{title}}”, alkaen {{when}} — {{count}} kertaa.",
    join: "Liity",
    calendar: "Lisää kalenteriin",
    events: "Ilmoittaudu: {{command}}",
    stop: "Lopeta nämä ilmoitukset",
  },
  digest: {
    title: "Tämän viikon etäkahvit (vk {{week}})",
    more: "…ja {{count}} muuta: {{command}}",
    stop: "Lopeta viikkokooste",
  },
  help: {
    subscribe: "{{command}} – kanavassa: etäkahvien viikkokooste ja verkoston uudet tilaisuudet ({{example}})",
  },
};

export const sv: Widen<typeof en> = {
  channel: {
    title: "Vad den här kanalen får",
    digest: "Den kommande veckans distanskaffen, måndagar kl. 9.00",
    network: "Nya evenemang i {{network}}",
    on: "✅ på",
    off: "av",
    subscribe: "Prenumerera",
    unsubscribe: "Avsluta prenumerationen",
    subscribed: "Prenumererar: {{topic}}.",
    unsubscribed: "Prenumerationen avslutad: {{topic}}.",
    already: "Redan så: {{topic}}.",
    onlyInChannel:
      "Skriv {{command}} i en kanal för att prenumerera för den. För dig själv: följ nätverk med {{follow}} och välj vad du får med {{reminders}}.",
    unknownTopic:
      "Jag känner inget nätverk ”{{topic}}”. Prenumerera på {{examples}} eller på veckosammandraget: {{digest}}.",
    hint: "I kanalen: {{example}} · {{off}}",
  },
  newSession: {
    session: "Nytt i {{network}}: ”{{title}}”, {{when}}.",
    series: "Nytt i {{network}}: ”{{title}}”, från {{when}} — {{count}} gånger.",
    join: "Delta",
    calendar: "Lägg till i kalendern",
    events: "Anmäl dig: {{command}}",
    stop: "Sluta med de här meddelandena",
  },
  digest: {
    title: "Veckans distanskaffen (v. {{week}})",
    more: "…och {{count}} till: {{command}}",
    stop: "Sluta med veckosammandraget",
  },
  help: {
    subscribe:
      "{{command}} – i en kanal: veckosammandraget av distanskaffen och ett nätverks nya evenemang ({{example}})",
  },
};
