// The calendar feature's strings (i18next namespace "calendar"): the personal calendar
// feed and the coordinators' session import. English is the source of the typed keys;
// fi and sv must have the same shape and placeholders (tests/i18n.test.ts).
import { importEn, importFi, importSv } from "./messages-import.ts";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const en = {
  help: {
    calendar:
      "{{command}} – your own calendar address for Outlook: your registrations, reminders and followed networks",
    import: "{{command}} <address> [{{dryRun}}] – import sessions from a CSV or .ics file (coordinators)",
  },
  feed: {
    title: "Your own AKE calendar",
    intro:
      "This address is your own calendar of AKE sessions: those you have registered for or asked to be reminded of, and the sessions of the networks you follow. Changes and cancellations update in your calendar by themselves.",
    address: "Your calendar address:",
    outlookTitle: "To add it to Outlook (Teams shows the same calendar)",
    outlook:
      "1. Open the calendar in Outlook and choose Add calendar → Subscribe from web.\n2. Paste the address above, name the calendar (e.g. “AKE”) and choose Import.\nOutlook fetches changes every few hours.",
    others: "Google Calendar: Other calendars → + → From URL. Apple Calendar: File → New Calendar Subscription.",
    secret:
      "Keep the address to yourself: anyone who has it can see these sessions. If it has spread, make a new link – the old one stops working at once.",
    renew: "New link",
    revoke: "Turn the link off",
    renewed:
      "Here is your new link. The old address no longer works: remove the old subscription in Outlook and subscribe to this one instead.",
    revoked:
      "Your calendar link is off and the old address no longer works. Remove the subscription in Outlook too. Type {{command}} when you want a new address.",
    calendarName: "AKE sessions",
    waitlisted: "(waitlist)",
    cancelledPrefix: "CANCELLED:",
  },
  import: importEn,
} as const;

export type Messages = Widen<typeof en>;

export const fi = {
  help: {
    calendar:
      "{{command}} – oma kalenteriosoitteesi Outlookiin: ilmoittautumisesi, muistutuksesi ja seuraamiesi verkostojen tilaisuudet",
    import: "{{command}} <osoite> [{{dryRun}}] – tuo tilaisuuksia CSV- tai .ics-tiedostosta (koordinaattorit)",
  },
  feed: {
    title: "Oma AKE-kalenterisi",
    intro:
      "Tämä osoite on oma kalenterisi AKE:n tilaisuuksista: niistä, joihin olet ilmoittautunut tai joista pyysit muistutuksen, sekä seuraamiesi verkostojen tilaisuuksista. Muutokset ja peruutukset päivittyvät kalenteriisi itsestään.",
    address: "Kalenterisi osoite:",
    outlookTitle: "Näin lisäät sen Outlookiin (sama kalenteri näkyy myös Teamsissa)",
    outlook:
      "1. Avaa Outlookin kalenteri ja valitse Lisää kalenteri → Tilaa verkosta.\n2. Liitä yllä oleva osoite, anna kalenterille nimi (esim. ”AKE”) ja valitse Tuo.\nOutlook hakee muutokset muutaman tunnin välein.",
    others:
      "Google-kalenteri: Muut kalenterit → + → URL-osoitteesta. Applen Kalenteri: Arkisto → Uusi kalenteritilaus.",
    secret:
      "Pidä osoite omana tietonasi: kuka tahansa, jolla se on, näkee nämä tilaisuudet. Jos osoite on päässyt leviämään, tee uusi linkki – vanha lakkaa toimimasta heti.",
    renew: "Uusi linkki",
    revoke: "Poista linkki käytöstä",
    renewed:
      "Tässä on uusi linkkisi. Vanha osoite ei enää toimi: poista vanha tilaus Outlookista ja tilaa tämä sen tilalle.",
    revoked:
      "Kalenterilinkkisi on poistettu käytöstä, eikä vanha osoite enää toimi. Poista tilaus myös Outlookista. Saat uuden osoitteen kirjoittamalla {{command}}.",
    calendarName: "AKE-tilaisuudet",
    waitlisted: "(jonossa)",
    cancelledPrefix: "PERUTTU:",
  },
  import: importFi,
} as const satisfies Messages;

export const sv = {
  help: {
    calendar:
      "{{command}} – din egen kalenderadress för Outlook: dina anmälningar, påminnelser och nätverken du följer",
    import: "{{command}} <adress> [{{dryRun}}] – importera träffar från en CSV- eller .ics-fil (koordinatorer)",
  },
  feed: {
    title: "Din egen AKE-kalender",
    intro:
      "Den här adressen är din egen kalender över AKE:s träffar: de som du har anmält dig till eller bett om en påminnelse för, och träffarna i nätverken du följer. Ändringar och inställda träffar uppdateras i din kalender av sig själva.",
    address: "Din kalenderadress:",
    outlookTitle: "Så lägger du till den i Outlook (samma kalender syns också i Teams)",
    outlook:
      "1. Öppna kalendern i Outlook och välj Lägg till kalender → Prenumerera från webben.\n2. Klistra in adressen ovan, ge kalendern ett namn (t.ex. ”AKE”) och välj Importera.\nOutlook hämtar ändringar med några timmars mellanrum.",
    others:
      "Google Kalender: Andra kalendrar → + → Från webbadress. Apples Kalender: Arkiv → Ny kalenderprenumeration.",
    secret:
      "Håll adressen för dig själv: den som har den kan se de här träffarna. Om adressen har spridits, skapa en ny länk – den gamla slutar fungera direkt.",
    renew: "Ny länk",
    revoke: "Stäng av länken",
    renewed:
      "Här är din nya länk. Den gamla adressen fungerar inte längre: ta bort den gamla prenumerationen i Outlook och prenumerera på den här i stället.",
    revoked:
      "Din kalenderlänk är avstängd och den gamla adressen fungerar inte längre. Ta bort prenumerationen i Outlook också. Du får en ny adress när du skriver {{command}}.",
    calendarName: "AKE-träffar",
    waitlisted: "(på väntelistan)",
    cancelledPrefix: "INSTÄLLD:",
  },
  import: importSv,
} as const satisfies Messages;
