// The networks feature's strings (i18next namespace "networks"). English is the source of the
// typed keys; fi and sv must have the same shape (tests/i18n.test.ts).
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const en = {
  list: {
    title: "AKE's regional networks",
    intro:
      "Follow the networks of your work to have their sessions in your calendar. One network in detail: {{example}}",
    next: "Next: {{title}}, {{when}}",
    noSessions: "No sessions coming up.",
    details: "Details",
  },
  detail: {
    following: "You follow this network.",
    notFollowing: "You don't follow this network yet.",
    upcoming: "Coming sessions",
    noSessions: "No sessions coming up.",
    coreGroup: "Core group",
    coreGroupEmpty: "No members yet.",
    noLibrary: "library not given",
    contact: "How to reach the coordinator",
    noContact:
      "No contact person has been given for this network. AKE's coordinators at Porvoo City Library can help: {{command}} shows who they are.",
    showSessions: "Show sessions",
  },
  session: {
    registered: "✓ registered",
    waitlisted: "on the waiting list",
  },
  following: "✓ You follow this network",
  follow: "Follow",
  unfollow: "Unfollow",
  followed: "You now follow “{{network}}”.",
  alreadyFollowing: "You already follow “{{network}}”.",
  unfollowed: "You no longer follow “{{network}}”.",
  wasNotFollowing: "You weren't following “{{network}}”.",
  which: "Which network? For example {{example}}. The networks are: {{known}}.",
  unknown: "I don't know the network “{{word}}”. The networks are: {{known}}.",
  gone: "That network no longer exists. {{command}} shows the current networks.",
  help: {
    list: "{{command}} – the regional networks and following them. One network: {{example}}",
    follow: "{{follow}} / {{unfollow}} <network> – follow a network or stop following it",
  },
} as const;

export type Messages = Widen<typeof en>;

export const fi = {
  list: {
    title: "AKE:n alueelliset verkostot",
    intro:
      "Seuraa oman työsi verkostoja, niin niiden tilaisuudet tulevat kalenteriisi. Yhden verkoston tiedot: {{example}}",
    next: "Seuraavaksi: {{title}}, {{when}}",
    noSessions: "Ei tulevia tilaisuuksia.",
    details: "Lisätiedot",
  },
  detail: {
    following: "Seuraat tätä verkostoa.",
    notFollowing: "Et vielä seuraa tätä verkostoa.",
    upcoming: "Tulevat tilaisuudet",
    noSessions: "Ei tulevia tilaisuuksia.",
    coreGroup: "Ydinryhmä",
    coreGroupEmpty: "Ei vielä jäseniä.",
    noLibrary: "kirjasto ei tiedossa",
    contact: "Yhteys koordinaattoriin",
    noContact:
      "Verkostolle ei ole kirjattu yhteyshenkilöä. AKE:n koordinaattorit Porvoon kaupunginkirjastossa auttavat – komento {{command}} kertoo, keitä he ovat.",
    showSessions: "Näytä tilaisuudet",
  },
  session: {
    registered: "✓ ilmoittautunut",
    waitlisted: "jonotuslistalla",
  },
  following: "✓ Seuraat tätä verkostoa",
  follow: "Seuraa",
  unfollow: "Lopeta seuraaminen",
  followed: "Seuraat nyt verkostoa ”{{network}}”.",
  alreadyFollowing: "Seuraat jo verkostoa ”{{network}}”.",
  unfollowed: "Et enää seuraa verkostoa ”{{network}}”.",
  wasNotFollowing: "Et seurannut verkostoa ”{{network}}”.",
  which: "Mitä verkostoa tarkoitat? Esimerkiksi {{example}}. Verkostot: {{known}}.",
  unknown: "En tunne verkostoa ”{{word}}”. Verkostot: {{known}}.",
  gone: "Verkostoa ei enää ole. Komento {{command}} näyttää nykyiset verkostot.",
  help: {
    list: "{{command}} – alueelliset verkostot ja niiden seuraaminen. Yhden verkoston tiedot: {{example}}",
    follow: "{{follow}} / {{unfollow}} <verkosto> – seuraa verkostoa tai lopeta sen seuraaminen",
  },
} as const satisfies Messages;

export const sv = {
  list: {
    title: "AKE:s regionala nätverk",
    intro:
      "Följ nätverken inom ditt arbete så kommer deras träffar in i din kalender. Ett nätverk i detalj: {{example}}",
    next: "Nästa: {{title}}, {{when}}",
    noSessions: "Inga kommande träffar.",
    details: "Mer information",
  },
  detail: {
    following: "Du följer det här nätverket.",
    notFollowing: "Du följer inte det här nätverket ännu.",
    upcoming: "Kommande träffar",
    noSessions: "Inga kommande träffar.",
    coreGroup: "Kärngrupp",
    coreGroupEmpty: "Inga medlemmar ännu.",
    noLibrary: "bibliotek inte angivet",
    contact: "Kontakt till koordinatorn",
    noContact:
      "Nätverket har ingen angiven kontaktperson. AKE:s koordinatorer vid Borgå stadsbibliotek hjälper dig – kommandot {{command}} visar vilka de är.",
    showSessions: "Visa träffar",
  },
  session: {
    registered: "✓ anmäld",
    waitlisted: "på väntelistan",
  },
  following: "✓ Du följer det här nätverket",
  follow: "Följ",
  unfollow: "Sluta följa",
  followed: "Du följer nu ”{{network}}”.",
  alreadyFollowing: "Du följer redan ”{{network}}”.",
  unfollowed: "Du följer inte längre ”{{network}}”.",
  wasNotFollowing: "Du följde inte ”{{network}}”.",
  which: "Vilket nätverk menar du? Till exempel {{example}}. Nätverken är: {{known}}.",
  unknown: "Jag känner inte till nätverket ”{{word}}”. Nätverken är: {{known}}.",
  gone: "Nätverket finns inte längre. Kommandot {{command}} visar de nuvarande nätverken.",
  help: {
    list: "{{command}} – de regionala nätverken och hur du följer dem. Ett nätverk i detalj: {{example}}",
    follow: "{{follow}} / {{unfollow}} <nätverk> – följ ett nätverk eller sluta följa det",
  },
} as const satisfies Messages;
