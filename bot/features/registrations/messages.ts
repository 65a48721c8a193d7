// The registrations feature's strings (i18next namespace "registrations"). English is the source of the
// typed keys; fi and sv must have the same shape (tests/i18n.test.ts).
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const en = {
  title: "Network days, trainings and other sessions",
  titleFiltered: "Sessions: {{filter}}",
  empty: "There are no sessions to register for coming up right now.",
  emptyFiltered: "No sessions matching “{{filter}}” coming up.",
  page: "{{from}}–{{to}} of {{total}}",
  more: "More",
  previous: "Previous",
  item: {
    place: "Place: {{place}}",
    seatsLeft: "{{left}} of {{capacity}} seats left",
    full: "Full – you can join the waitlist",
    open: "Registration open",
    deadline: "Register by {{deadline}}",
    closed: "Registration closed {{deadline}}",
    noRegistration: "No registration needed",
    registered: "✅ You are registered",
    waitlisted: "⏳ You are number {{position}} on the waitlist",
  },
  buttons: {
    register: "Register",
    joinWaitlist: "Join the waitlist",
    cancel: "Cancel registration",
    leaveWaitlist: "Leave the waitlist",
    forget: "Cancel reminder",
  },
  answer: {
    registered: "You are registered for “{{title}}” ({{when}}).",
    waitlisted:
      "“{{title}}” ({{when}}) is full: you are number {{position}} on the waitlist. I'll tell you if a seat opens up.",
    alreadyRegistered: "You are already registered for “{{title}}” ({{when}}).",
    alreadyWaitlisted: "You are already on the waitlist of “{{title}}” ({{when}}), number {{position}}.",
    cancelled: "Your registration for “{{title}}” ({{when}}) is cancelled.",
    leftWaitlist: "You left the waitlist of “{{title}}” ({{when}}).",
    notRegistered: "You are not registered for “{{title}}”, so there was nothing to cancel.",
    cancelStarted: "“{{title}}” has already started; the registration can no longer be cancelled.",
    forgotten: "OK, no reminder for “{{title}}”.",
    notReminded: "You had no reminder for “{{title}}”.",
  },
  refused: {
    cancelled: "“{{title}}” has been cancelled, so you can't register for it.",
    started: "“{{title}}” has already started, so registration is closed.",
    deadline_passed: "Registration for “{{title}}” closed {{deadline}}.",
    no_registration:
      "“{{title}}” needs no registration: just join when it starts. Choose “Remind me” and I'll remind you.",
    core_group_only: "That meeting is only for the network's core group, so you can't register for it.",
    not_found: "That session no longer exists. See the list again with {{command}}.",
  },
  mine: {
    title: "Your sessions",
    registrations: "Registrations and waitlist places",
    reminders: "Reminders",
    empty:
      "You have no registrations or reminders coming up. See the sessions with {{events}} and the remote coffees with {{meetups}}.",
    more: "… and {{n}} more.",
  },
  promoted: "A seat opened up: you are now registered for “{{title}}” ({{when}}).",
  promotedHint: "If you can't come after all, cancel the registration so that the seat goes to the next in line.",
  help: {
    events: "{{command}} – network days, trainings and other sessions to register for; add a network: {{example}}",
    mine: "{{command}} – your registrations, waitlist places and reminders",
  },
} as const;

export type Messages = Widen<typeof en>;

export const fi = {
  title: "Verkostopäivät, koulutukset ja muut tilaisuudet",
  titleFiltered: "Tilaisuudet: {{filter}}",
  empty: "Tulossa ei ole nyt tilaisuuksia, joihin voi ilmoittautua.",
  emptyFiltered: "Hakuun ”{{filter}}” sopivia tulevia tilaisuuksia ei ole.",
  page: "{{from}}–{{to}} / {{total}}",
  more: "Lisää",
  previous: "Edelliset",
  item: {
    place: "Paikka: {{place}}",
    seatsLeft: "Vapaita paikkoja {{left}}/{{capacity}}",
    full: "Täynnä – voit jonottaa varasijalle",
    open: "Ilmoittautuminen auki",
    deadline: "Ilmoittaudu viimeistään {{deadline}}",
    closed: "Ilmoittautuminen päättyi {{deadline}}",
    noRegistration: "Ei ennakkoilmoittautumista",
    registered: "✅ Olet ilmoittautunut",
    waitlisted: "⏳ Olet varasijalla numero {{position}}",
  },
  buttons: {
    register: "Ilmoittaudu",
    joinWaitlist: "Jonota varasijalle",
    cancel: "Peru ilmoittautuminen",
    leaveWaitlist: "Poistu jonosta",
    forget: "Peru muistutus",
  },
  answer: {
    registered: "Olet ilmoittautunut tilaisuuteen ”{{title}}” ({{when}}).",
    waitlisted:
      "”{{title}}” ({{when}}) on täynnä: olet varasijalla numero {{position}}. Kerron sinulle, jos paikka vapautuu.",
    alreadyRegistered: "Olet jo ilmoittautunut tilaisuuteen ”{{title}}” ({{when}}).",
    alreadyWaitlisted: "Olet jo tilaisuuden ”{{title}}” ({{when}}) varasijalla numero {{position}}.",
    cancelled: "Ilmoittautumisesi tilaisuuteen ”{{title}}” ({{when}}) on peruttu.",
    leftWaitlist: "Poistuit tilaisuuden ”{{title}}” ({{when}}) varasijajonosta.",
    notRegistered: "Et ole ilmoittautunut tilaisuuteen ”{{title}}”, joten perumista ei tarvita.",
    cancelStarted: "”{{title}}” on jo alkanut, joten ilmoittautumista ei voi enää perua.",
    forgotten: "Selvä, en muistuta tilaisuudesta ”{{title}}”.",
    notReminded: "Sinulla ei ollut muistutusta tilaisuudesta ”{{title}}”.",
  },
  refused: {
    cancelled: "”{{title}}” on peruttu, joten siihen ei voi ilmoittautua.",
    started: "”{{title}}” on jo alkanut, joten ilmoittautuminen on päättynyt.",
    deadline_passed: "Ilmoittautuminen tilaisuuteen ”{{title}}” päättyi {{deadline}}.",
    no_registration:
      "”{{title}}” ei vaadi ilmoittautumista: liity vain mukaan, kun se alkaa. Valitse ”Muistuta minua”, niin muistutan sinua.",
    core_group_only: "Kokous on vain verkoston ydinryhmälle, joten et voi ilmoittautua siihen.",
    not_found: "Tilaisuutta ei enää ole. Katso lista uudelleen komennolla {{command}}.",
  },
  mine: {
    title: "Omat tilaisuutesi",
    registrations: "Ilmoittautumiset ja varasijat",
    reminders: "Muistutukset",
    empty:
      "Sinulla ei ole tulevia ilmoittautumisia eikä muistutuksia. Katso tilaisuudet komennolla {{events}} ja etäkahvit komennolla {{meetups}}.",
    more: "… ja {{n}} muuta.",
  },
  promoted: "Paikka vapautui: olet nyt ilmoittautunut tilaisuuteen ”{{title}}” ({{when}}).",
  promotedHint: "Jos et pääsekään, peru ilmoittautuminen, niin paikka siirtyy seuraavalle jonossa.",
  help: {
    events:
      "{{command}} – verkostopäivät, koulutukset ja muut tilaisuudet, joihin voi ilmoittautua; rajaa verkostolla: {{example}}",
    mine: "{{command}} – omat ilmoittautumisesi, varasijasi ja muistutuksesi",
  },
} as const satisfies Messages;

export const sv = {
  title: "Nätverksdagar, utbildningar och andra evenemang",
  titleFiltered: "Evenemang: {{filter}}",
  empty: "Just nu finns det inga kommande evenemang att anmäla sig till.",
  emptyFiltered: "Inga kommande evenemang som matchar ”{{filter}}”.",
  page: "{{from}}–{{to}} av {{total}}",
  more: "Fler",
  previous: "Föregående",
  item: {
    place: "Plats: {{place}}",
    seatsLeft: "{{left}} av {{capacity}} platser lediga",
    full: "Fullbokat – du kan ställa dig i kö",
    open: "Anmälan är öppen",
    deadline: "Anmäl dig senast {{deadline}}",
    closed: "Anmälan stängdes {{deadline}}",
    noRegistration: "Ingen föranmälan",
    registered: "✅ Du är anmäld",
    waitlisted: "⏳ Du är nummer {{position}} i kön",
  },
  buttons: {
    register: "Anmäl mig",
    joinWaitlist: "Ställ mig i kö",
    cancel: "Avanmäl mig",
    leaveWaitlist: "Lämna kön",
    forget: "Ta bort påminnelsen",
  },
  answer: {
    registered: "Du är anmäld till ”{{title}}” ({{when}}).",
    waitlisted:
      "”{{title}}” ({{when}}) är fullbokat: du är nummer {{position}} i kön. Jag meddelar dig om en plats blir ledig.",
    alreadyRegistered: "Du är redan anmäld till ”{{title}}” ({{when}}).",
    alreadyWaitlisted: "Du står redan i kön till ”{{title}}” ({{when}}), som nummer {{position}}.",
    cancelled: "Du har avanmält dig från ”{{title}}” ({{when}}).",
    leftWaitlist: "Du har lämnat kön till ”{{title}}” ({{when}}).",
    notRegistered: "Du är inte anmäld till ”{{title}}”, så det fanns inget att avanmäla.",
    cancelStarted: "”{{title}}” har redan börjat, så anmälan kan inte längre återkallas.",
    forgotten: "Okej, jag påminner dig inte om ”{{title}}”.",
    notReminded: "Du hade ingen påminnelse om ”{{title}}”.",
  },
  refused: {
    cancelled: "”{{title}}” har ställts in, så det går inte att anmäla sig.",
    started: "”{{title}}” har redan börjat, så anmälan är stängd.",
    deadline_passed: "Anmälan till ”{{title}}” stängdes {{deadline}}.",
    no_registration:
      "”{{title}}” kräver ingen anmälan: delta bara när det börjar. Välj ”Påminn mig” så påminner jag dig.",
    core_group_only: "Mötet är bara för nätverkets kärngrupp, så du kan inte anmäla dig.",
    not_found: "Evenemanget finns inte längre. Visa listan igen med {{command}}.",
  },
  mine: {
    title: "Dina evenemang",
    registrations: "Anmälningar och köplatser",
    reminders: "Påminnelser",
    empty:
      "Du har inga kommande anmälningar eller påminnelser. Se evenemangen med {{events}} och distanskaffena med {{meetups}}.",
    more: "… och {{n}} till.",
  },
  promoted: "En plats blev ledig: du är nu anmäld till ”{{title}}” ({{when}}).",
  promotedHint: "Om du inte kan komma, avanmäl dig så att platsen går till nästa i kön.",
  help: {
    events: "{{command}} – nätverksdagar, utbildningar och andra evenemang med anmälan; välj ett nätverk: {{example}}",
    mine: "{{command}} – dina anmälningar, köplatser och påminnelser",
  },
} as const satisfies Messages;
