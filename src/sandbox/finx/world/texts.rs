//! The German texts of the generated data: merchants, counterparties, booking texts and month
//! names. Umlauts on purpose (`Überweisung`, `Bäckerei`), so a client's text handling is tried.

/// A card merchant: name, lowest and highest amount in cents (debits, positive here).
pub struct Merchant {
    pub name: &'static str,
    pub low: i64,
    pub high: i64,
}

/// Where the Giro account's card is used.
pub const GIRO_MERCHANTS: &[Merchant] = &[
    Merchant {
        name: "REWE Markt GmbH",
        low: 450,
        high: 9_800,
    },
    Merchant {
        name: "EDEKA Center Müller",
        low: 300,
        high: 7_500,
    },
    Merchant {
        name: "ALDI SÜD",
        low: 250,
        high: 6_000,
    },
    Merchant {
        name: "Bäckerei Schäfer",
        low: 120,
        high: 1_400,
    },
    Merchant {
        name: "dm-drogerie markt",
        low: 199,
        high: 4_500,
    },
    Merchant {
        name: "Aral Tankstelle Köln-Süd",
        low: 2_000,
        high: 9_000,
    },
    Merchant {
        name: "Apotheke am Marktplatz",
        low: 350,
        high: 5_000,
    },
    Merchant {
        name: "Café Königsallee",
        low: 280,
        high: 2_400,
    },
    Merchant {
        name: "Bargeldauszahlung Geldautomat",
        low: 2_000,
        high: 20_000,
    },
];

/// Where the credit card is used.
pub const CARD_MERCHANTS: &[Merchant] = &[
    Merchant {
        name: "AMAZON EU S.A R.L.",
        low: 599,
        high: 15_000,
    },
    Merchant {
        name: "Deutsche Bahn Fernverkehr",
        low: 1_990,
        high: 14_900,
    },
    Merchant {
        name: "Lufthansa",
        low: 8_900,
        high: 45_000,
    },
    Merchant {
        name: "Hotel Zur Post Garmisch",
        low: 9_000,
        high: 32_000,
    },
    Merchant {
        name: "Spotify AB",
        low: 1_099,
        high: 1_099,
    },
];

/// A monthly direct debit of the Giro account: creditor, creditor id, day, cents, remittance.
pub struct DirectDebit {
    pub creditor: &'static str,
    pub creditor_id: &'static str,
    pub day: u32,
    pub cents: i64,
    pub remittance: &'static str,
    /// Every how many months it is due.
    pub every_months: u32,
}

/// The Giro account's direct debits.
pub const DIRECT_DEBITS: &[DirectDebit] = &[
    DirectDebit {
        creditor: "Stadtwerke Köln GmbH",
        creditor_id: "DE98ZZZ09999999999",
        day: 3,
        cents: 7_400,
        remittance: "Abschlag Strom/Gas Kundennr. 4711-0815",
        every_months: 1,
    },
    DirectDebit {
        creditor: "Telekom Deutschland GmbH",
        creditor_id: "DE27ZZZ00000022456",
        day: 5,
        cents: 3_995,
        remittance: "Festnetz/Internet Rechnung Kundenkonto 123456789",
        every_months: 1,
    },
    DirectDebit {
        creditor: "ARD ZDF Deutschlandradio Beitragsservice",
        creditor_id: "DE35ZZZ00000071011",
        day: 15,
        cents: 5_508,
        remittance: "Rundfunkbeitrag Beitragsnummer 123 456 789",
        every_months: 3,
    },
];

/// German month names, January first.
pub const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
