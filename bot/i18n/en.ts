// English is the source language of the typed keys: fi.ts and sv.ts must have the
// same shape (checked by the compiler and by tests/i18n.test.ts).
export const en = {
  help: {
    title: "AKE bot – help",
    intro:
      "I help the staff of the Uusimaa libraries with AKE's remote coffees, the regional networks and their sessions, AKE's loanable kits and staff visits to other libraries.",
    meetups:
      "{{command}} – the coming remote coffees and network sessions. Add a network, theme, language or span: {{examples}}",
    language: "{{command}} fi|sv|en – choose your language (now: {{current}})",
    help: "{{command}} – this help",
    howToAsk: "In Slack type /ake and the command, in Teams write the command to me.",
  },
  meetups: {
    title: "Remote coffees and network sessions",
    titleFiltered: "Remote coffees and network sessions: {{filter}}",
    span_one: "in the next week",
    span_other: "in the next {{count}} weeks",
    empty: "No remote coffees or network sessions {{span}}.",
    emptyFiltered: "Nothing matching “{{filter}}” {{span}}.",
    unknownFilter: "I don't know the network or theme “{{word}}”. Try one of: {{known}}.",
    spanTooLong: "I can look at most {{max}} weeks ahead.",
    page: "{{from}}–{{to}} of {{total}} {{span}}",
    nextLater: "The next one after that:",
    more: "More",
    previous: "Previous",
    join: "Join",
    addToCalendar: "Add to calendar",
    remindMe: "Remind me",
    reminderOn: "🔔 You'll be reminded",
    languageLine: "Language: {{languages}}",
    hostLine: "Host: {{host}}",
    remindConfirmed: "I'll remind you of “{{title}}” ({{when}}).",
    remindAlready: "You already asked to be reminded of “{{title}}” ({{when}}).",
    sessionGone: "That session no longer exists. Ask for the list again with {{command}}.",
    sessionPast: "“{{title}}” has already started, so there is nothing to remind of.",
  },
  kinds: {
    REMOTE_COFFEE: "Remote coffee",
    NETWORK_COFFEE: "Network coffee",
    TUTKITTUA: "Tutkittua",
    BOOKMOBILE_QUARTER: "Bookmobile quarter-hour",
    NETWORK_DAY: "Network day",
    TRAINING: "Training",
    CORE_GROUP_MEETING: "Core group meeting",
  },
  language: {
    changed: "OK, I'll use English with you from now on.",
    current: "Your language is {{language}}. Change it with {{command}} fi, sv or en.",
    unknown: "I don't know the language “{{word}}”. Choose fi (suomi), sv (svenska) or en (English).",
    names: { fi: "Finnish", sv: "Swedish", en: "English" },
  },
  unknown: {
    suggestion: "I don't know “{{text}}”. Did you mean {{suggestion}}? Type {{help}} for all commands.",
    noSuggestion: "I don't know “{{text}}”. Type {{help}} for the commands.",
  },
  errors: {
    unavailable: "The service is unavailable right now. Please try again soon.",
    unexpected: "Something went wrong on my side. It has been logged; please try again.",
    invalidAction: "That button is no longer valid. Type {{command}} for the commands.",
    notAllowed: "Only AKE coordinators can do that.",
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
