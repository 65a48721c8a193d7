import type { Messages } from "./en.ts";

export const fi = {
  help: {
    title: "AKE-botti – ohje",
    intro:
      "Autan Uudenmaan kirjastojen henkilökuntaa AKE:n etäkahveissa, alueellisissa verkostoissa ja niiden tilaisuuksissa, AKE:n lainattavissa välineissä ja työvierailuissa toisiin kirjastoihin.",
    meetups:
      "{{command}} – tulevat etäkahvit ja verkostojen tilaisuudet. Lisää verkosto, teema, kieli tai aikaväli: {{examples}}",
    language: "{{command}} fi|sv|en – valitse kieli (nyt: {{current}})",
    help: "{{command}} – tämä ohje",
    howToAsk: "Slackissa kirjoita /ake ja komento, Teamsissa kirjoita komento minulle.",
  },
  meetups: {
    title: "Etäkahvit ja verkostojen tilaisuudet",
    titleFiltered: "Etäkahvit ja verkostojen tilaisuudet: {{filter}}",
    span_one: "seuraavan viikon aikana",
    span_other: "seuraavien {{count}} viikon aikana",
    empty: "Ei etäkahveja eikä verkostojen tilaisuuksia {{span}}.",
    emptyFiltered: "Ei hakua ”{{filter}}” vastaavia tilaisuuksia {{span}}.",
    unknownFilter: "En tunne verkostoa tai teemaa ”{{word}}”. Kokeile jotakin näistä: {{known}}.",
    spanTooLong: "Voin katsoa enintään {{max}} viikkoa eteenpäin.",
    page: "{{from}}–{{to}} / {{total}} {{span}}",
    nextLater: "Seuraava sen jälkeen:",
    more: "Lisää",
    previous: "Edelliset",
    join: "Liity",
    addToCalendar: "Lisää kalenteriin",
    remindMe: "Muistuta minua",
    reminderOn: "🔔 Saat muistutuksen",
    languageLine: "Kieli: {{languages}}",
    hostLine: "Isäntä: {{host}}",
    remindConfirmed: "Muistutan sinua tilaisuudesta ”{{title}}” ({{when}}).",
    remindAlready: "Olet jo pyytänyt muistutusta tilaisuudesta ”{{title}}” ({{when}}).",
    sessionGone: "Tilaisuutta ei enää ole. Pyydä lista uudelleen komennolla {{command}}.",
    sessionPast: "”{{title}}” on jo alkanut, joten siitä ei voi enää muistuttaa.",
  },
  kinds: {
    REMOTE_COFFEE: "Etäkahvit",
    NETWORK_COFFEE: "Verkostokahvit",
    TUTKITTUA: "Tutkittua",
    BOOKMOBILE_QUARTER: "Kirjastoautovartti",
    NETWORK_DAY: "Verkostopäivä",
    TRAINING: "Koulutus",
    CORE_GROUP_MEETING: "Ydinryhmän kokous",
  },
  language: {
    changed: "Selvä, käytän kanssasi tästä lähtien suomea.",
    current: "Kielesi on {{language}}. Vaihda se komennolla {{command}} fi, sv tai en.",
    unknown: "En tunne kieltä ”{{word}}”. Valitse fi (suomi), sv (svenska) tai en (English).",
    names: { fi: "suomi", sv: "ruotsi", en: "englanti" },
  },
  unknown: {
    suggestion: "En tunnistanut komentoa ”{{text}}”. Tarkoititko {{suggestion}}? Kaikki komennot: {{help}}.",
    noSuggestion: "En tunnistanut komentoa ”{{text}}”. Kaikki komennot: {{help}}.",
  },
  errors: {
    unavailable: "Palvelu ei ole juuri nyt käytettävissä. Yritä hetken päästä uudelleen.",
    unexpected: "Jotain meni pieleen minun päässäni. Virhe on kirjattu; yritä uudelleen.",
    invalidAction: "Painike ei ole enää voimassa. Komennot: {{command}}.",
    notAllowed: "Vain AKE:n koordinaattorit voivat tehdä tämän.",
  },
} as const satisfies Messages;
