import type { Messages } from "./en.ts";

export const sv = {
  help: {
    title: "AKE-botten – hjälp",
    intro:
      "Jag hjälper personalen vid biblioteken i Nyland med AKE:s distanskaffen, de regionala nätverken och deras evenemang, AKE:s utrustning att låna och arbetsbesök på andra bibliotek.",
    meetups:
      "{{command}} – kommande distanskaffen och nätverksträffar. Lägg till ett nätverk, tema, språk eller en period: {{examples}}",
    language: "{{command}} fi|sv|en – välj språk (nu: {{current}})",
    help: "{{command}} – den här hjälpen",
    howToAsk: "I Slack skriver du /ake och kommandot, i Teams skriver du kommandot till mig.",
  },
  meetups: {
    title: "Distanskaffen och nätverksträffar",
    titleFiltered: "Distanskaffen och nätverksträffar: {{filter}}",
    span_one: "under den kommande veckan",
    span_other: "under de kommande {{count}} veckorna",
    empty: "Inga distanskaffen eller nätverksträffar {{span}}.",
    emptyFiltered: "Inga träffar som motsvarar ”{{filter}}” {{span}}.",
    unknownFilter: "Jag känner inte till nätverket eller temat ”{{word}}”. Prova något av dessa: {{known}}.",
    spanTooLong: "Jag kan se högst {{max}} veckor framåt.",
    page: "{{from}}–{{to}} av {{total}} {{span}}",
    nextLater: "Nästa efter det:",
    more: "Fler",
    previous: "Föregående",
    join: "Delta",
    addToCalendar: "Lägg till i kalendern",
    remindMe: "Påminn mig",
    reminderOn: "🔔 Du får en påminnelse",
    languageLine: "Språk: {{languages}}",
    hostLine: "Värd: {{host}}",
    remindConfirmed: "Jag påminner dig om ”{{title}}” ({{when}}).",
    remindAlready: "Du har redan bett om en påminnelse om ”{{title}}” ({{when}}).",
    sessionGone: "Träffen finns inte längre. Be om listan på nytt med {{command}}.",
    sessionPast: "”{{title}}” har redan börjat, så det finns inget att påminna om.",
  },
  kinds: {
    REMOTE_COFFEE: "Distanskaffe",
    NETWORK_COFFEE: "Nätverkskaffe",
    TUTKITTUA: "Tutkittua",
    BOOKMOBILE_QUARTER: "Bokbusskvart",
    NETWORK_DAY: "Nätverksdag",
    TRAINING: "Utbildning",
    CORE_GROUP_MEETING: "Kärngruppsmöte",
  },
  language: {
    changed: "Okej, jag använder svenska med dig från och med nu.",
    current: "Ditt språk är {{language}}. Byt det med {{command}} fi, sv eller en.",
    unknown: "Jag känner inte till språket ”{{word}}”. Välj fi (suomi), sv (svenska) eller en (English).",
    names: { fi: "finska", sv: "svenska", en: "engelska" },
  },
  unknown: {
    suggestion: "Jag känner inte igen ”{{text}}”. Menade du {{suggestion}}? Alla kommandon: {{help}}.",
    noSuggestion: "Jag känner inte igen ”{{text}}”. Alla kommandon: {{help}}.",
  },
  errors: {
    unavailable: "Tjänsten är inte tillgänglig just nu. Försök igen om en stund.",
    unexpected: "Något gick fel hos mig. Felet har loggats; försök igen.",
    invalidAction: "Knappen gäller inte längre. Kommandona: {{command}}.",
    notAllowed: "Bara AKE:s koordinatorer kan göra det.",
  },
} as const satisfies Messages;
