// The reminders feature's strings (i18next namespace "reminders"). English is the source of the
// typed keys; fi and sv must have the same shape (tests/i18n.test.ts).
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const en = {
  notice: {
    dayBefore: "Reminder: “{{title}}” is tomorrow, {{when}}.",
    minutes15: "Reminder: “{{title}}” starts in 15 minutes ({{when}}).",
    weekBefore: "Reminder: the core group meets in a week: “{{title}}”, {{when}}.",
    coreDayBefore: "Reminder: the core group meets tomorrow: “{{title}}”, {{when}}.",
    join: "Join",
    cancel: "Cancel my registration",
    stop: "Stop these reminders",
  },
  kinds: {
    session: "Sessions you registered for or asked to be reminded of",
    coreGroup: "Your core groups' meetings",
    kit: "Kits your library booked: the day to send one on, a return that is late",
    newSession: "New sessions of the networks you follow",
    digest: "The coming week's remote coffees, every Monday at 09:00",
  },
  settings: {
    title: "Your reminders",
    on: "on",
    off: "off",
    turnOn: "Switch on",
    turnOff: "Switch off",
    paused: "All reminders are paused until {{until}}.",
    pauseHint: "Pause all: {{pause}} (1 day to 8 weeks) · resume: {{resume}}",
    resume: "Resume",
  },
  answer: {
    switchedOn: "Reminders switched on: {{kind}}.",
    switchedOff: "Reminders switched off: {{kind}}. Switch them on again with {{command}}.",
    pausedUntil: "OK, no reminders until {{until}}.",
    resumed: "Reminders are on again.",
    badPause: "Give the pause as days or weeks, from 1 day to 8 weeks, e.g. {{example}}.",
  },
  help: {
    reminders: "{{command}} – your reminders: switch them on or off, or pause them ({{example}})",
  },
};

export type Messages = Widen<typeof en>;

export const fi = {
  notice: {
    dayBefore: "Muistutus: ”{{title}}” on huomenna, {{when}}.",
    minutes15: "Muistutus: ”{{title}}” alkaa 15 minuutin päästä ({{when}}).",
    weekBefore: "Muistutus: ydinryhmä kokoontuu viikon päästä: ”{{title}}”, {{when}}.",
    coreDayBefore: "Muistutus: ydinryhmä kokoontuu huomenna: ”{{title}}”, {{when}}.",
    join: "Liity",
    cancel: "Peru ilmoittautumiseni",
    stop: "Lopeta nämä muistutukset",
  },
  kinds: {
    session: "Tilaisuudet, joihin olet ilmoittautunut tai joista pyysit muistutuksen",
    coreGroup: "Ydinryhmiesi kokoukset",
    kit: "Kirjastosi varaamat välineet: lähetyspäivä ja myöhässä oleva palautus",
    newSession: "Seuraamiesi verkostojen uudet tilaisuudet",
    digest: "Tulevan viikon etäkahvit maanantaisin klo 9.00",
  },
  settings: {
    title: "Muistutuksesi",
    on: "päällä",
    off: "pois",
    turnOn: "Ota käyttöön",
    turnOff: "Poista käytöstä",
    paused: "Kaikki muistutukset ovat tauolla {{until}} asti.",
    pauseHint: "Tauko kaikkiin: {{pause}} (1 päivästä 8 viikkoon) · jatka: {{resume}}",
    resume: "Jatka",
  },
  answer: {
    switchedOn: "Muistutukset otettu käyttöön: {{kind}}.",
    switchedOff: "Muistutukset poistettu käytöstä: {{kind}}. Ota ne takaisin komennolla {{command}}.",
    pausedUntil: "Selvä, ei muistutuksia {{until}} asti.",
    resumed: "Muistutukset ovat taas päällä.",
    badPause: "Anna tauko päivinä tai viikkoina, 1 päivästä 8 viikkoon, esim. {{example}}.",
  },
  help: {
    reminders: "{{command}} – muistutuksesi: päälle tai pois, tai tauolle ({{example}})",
  },
} as const satisfies Messages;

export const sv = {
  notice: {
    dayBefore: "Påminnelse: ”{{title}}” är i morgon, {{when}}.",
    minutes15: "Påminnelse: ”{{title}}” börjar om 15 minuter ({{when}}).",
    weekBefore: "Påminnelse: kärngruppen möts om en vecka: ”{{title}}”, {{when}}.",
    coreDayBefore: "Påminnelse: kärngruppen möts i morgon: ”{{title}}”, {{when}}.",
    join: "Delta",
    cancel: "Avboka min anmälan",
    stop: "Stoppa de här påminnelserna",
  },
  kinds: {
    session: "Evenemang du anmält dig till eller bett om en påminnelse för",
    coreGroup: "Dina kärngruppers möten",
    kit: "Utrustning ditt bibliotek bokat: dagen att skicka den vidare, en försenad återlämning",
    newSession: "Nya evenemang i nätverken du följer",
    digest: "Den kommande veckans distanskaffen, måndagar kl. 9.00",
  },
  settings: {
    title: "Dina påminnelser",
    on: "på",
    off: "av",
    turnOn: "Slå på",
    turnOff: "Stäng av",
    paused: "Alla påminnelser är pausade till {{until}}.",
    pauseHint: "Pausa alla: {{pause}} (1 dag till 8 veckor) · fortsätt: {{resume}}",
    resume: "Fortsätt",
  },
  answer: {
    switchedOn: "Påminnelser påslagna: {{kind}}.",
    switchedOff: "Påminnelser avstängda: {{kind}}. Slå på dem igen med {{command}}.",
    pausedUntil: "OK, inga påminnelser till {{until}}.",
    resumed: "Påminnelserna är på igen.",
    badPause: "Ange pausen i dagar eller veckor, 1 dag till 8 veckor, t.ex. {{example}}.",
  },
  help: {
    reminders: "{{command}} – dina påminnelser: slå på eller av, eller pausa dem ({{example}})",
  },
} as const satisfies Messages;
