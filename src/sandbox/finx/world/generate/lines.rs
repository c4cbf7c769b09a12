//! Writing the lines of the generated data set: card payments, incoming transfers and the
//! monthly items, each with its German booking text, booking key, GVC code and finX `type`.

use chrono::{Datelike, NaiveDate};
use rand08::Rng;
use rand08::rngs::StdRng;

use super::Request;
use crate::sandbox::finx::world::banks::german_iban;
use crate::sandbox::finx::world::records::{
    AccountRecord, Counterparty, SepaRefs, TransactionRecord,
};
use crate::sandbox::finx::world::texts::{CARD_MERCHANTS, DIRECT_DEBITS, MONTHS, Merchant};

/// Appends transactions, drawing from the seeded generator.
pub struct Writer<'a> {
    pub request: &'a Request<'a>,
    pub rng: StdRng,
    pub transactions: Vec<TransactionRecord>,
}

/// The parts of a transaction that differ from one kind to the next.
struct Line<'a> {
    account: &'a AccountRecord,
    day: NaiveDate,
    cents: i64,
    name: &'a str,
    sepa: SepaRefs,
    counterparty: Counterparty,
    texts: (&'static str, &'static str, u32, &'static str),
}

impl Writer<'_> {
    fn push(&mut self, line: Line<'_>) {
        let pending = line.texts.3 == "Direct debit"
            && line.texts.0.starts_with("Kartenzahlung")
            && (self.request.today - line.day).num_days() < 2;
        let (booking_text, booking_key, transaction_code, kind) = line.texts;
        self.transactions.push(TransactionRecord {
            transaction_id: String::new(),
            account_id: line.account.account_id.clone(),
            amount_cents: line.cents,
            name: line.name.to_owned(),
            counterparty: line.counterparty,
            sepa: line.sepa,
            date: line.day,
            settled: (!pending).then_some(line.day),
            booked: !pending,
            booking_text,
            booking_key,
            transaction_code,
            kind,
            created_at: self.request.now,
            modified_at: self.request.now,
        });
    }

    fn reference(&mut self, prefix: &str) -> String {
        format!("{prefix}{:010}", self.rng.gen_range(0..10_000_000_000u64))
    }

    /// A card payment at one of `merchants`; returns the amount spent (positive cents).
    pub fn card_payment(
        &mut self,
        account: &AccountRecord,
        merchants: &[Merchant],
        day: NaiveDate,
    ) -> i64 {
        let merchant = &merchants[self.rng.gen_range(0..merchants.len())];
        let cents = self.rng.gen_range(merchant.low..=merchant.high);
        let eref = self.reference("KA");
        let remittance = format!("{} {} Karte 1", merchant.name, day.format("%d.%m.%Y"));
        self.push(Line {
            account,
            day,
            cents: -cents,
            name: merchant.name,
            sepa: SepaRefs {
                end_to_end_reference: Some(eref),
                remittance_info: remittance,
                ..SepaRefs::default()
            },
            counterparty: Counterparty::default(),
            texts: ("Kartenzahlung girocard", "MSC", 106, "Direct debit"),
        });
        cents
    }

    pub fn transfer_in(
        &mut self,
        account: &AccountRecord,
        day: NaiveDate,
        cents: i64,
        from: &str,
        why: &str,
    ) {
        let eref = self.reference("UE");
        let counterparty = Counterparty {
            iban: Some(german_iban("70050000", "0004711081")),
            bic: Some("SUEDDEMMXXX".to_owned()),
            bank_name: Some("Süddeutsche Testbank München".to_owned()),
        };
        self.push(Line {
            account,
            day,
            cents,
            name: from,
            sepa: SepaRefs {
                end_to_end_reference: Some(eref),
                remittance_info: why.to_owned(),
                ..SepaRefs::default()
            },
            counterparty,
            texts: ("Überweisungsgutschrift", "TRF", 166, "Transfer"),
        });
    }

    /// The items due on `day` of each month (salary, rent, debits, savings, card settlement).
    pub fn monthly(
        &mut self,
        day: NaiveDate,
        giro: &AccountRecord,
        savings: &AccountRecord,
        card: &AccountRecord,
        card_spent: &mut i64,
        savings_balance: &mut i64,
    ) {
        let month = MONTHS[day.month0() as usize];
        if day.day() == 28 {
            let eref = format!("LOHN{}", day.format("%Y%m"));
            let sepa = SepaRefs {
                end_to_end_reference: Some(eref),
                purpose_code: Some("SALA".to_owned()),
                remittance_info: format!("Gehalt {month} {} Personalnr. 0815", day.year()),
                ..SepaRefs::default()
            };
            self.push(Line {
                account: giro,
                day,
                cents: 324_567,
                name: "Beispiel Software GmbH",
                sepa,
                counterparty: Counterparty::default(),
                texts: ("Gehalt/Rente", "SAL", 153, "Salary or rent"),
            });
        }
        if day.day() == 1 {
            let sepa = SepaRefs {
                end_to_end_reference: Some(format!("DAUERAUFTRAG{}", day.format("%Y%m"))),
                remittance_info: format!("Miete {month} Wohnung 3. OG links"),
                ..SepaRefs::default()
            };
            let landlord = Counterparty {
                iban: Some(german_iban("90090042", "0099887766")),
                bic: Some("DEMODE01XXX".to_owned()),
                bank_name: Some("finX Demobank".to_owned()),
            };
            self.push(Line {
                account: giro,
                day,
                cents: -95_000,
                name: "Hausverwaltung Grün & Söhne",
                sepa,
                counterparty: landlord,
                texts: ("Dauer-Euro-Überweisung", "STO", 117, "Standing order"),
            });
            if day.month0().is_multiple_of(3) {
                let interest = *savings_balance / 800;
                let sepa = SepaRefs {
                    remittance_info: format!(
                        "Zinsgutschrift Quartal, Abschluss per {}",
                        day.format("%d.%m.%Y")
                    ),
                    ..SepaRefs::default()
                };
                self.push(Line {
                    account: savings,
                    day,
                    cents: interest,
                    name: "Zinsen",
                    sepa,
                    counterparty: Counterparty::default(),
                    texts: ("Abschluss", "INT", 805, "Charges or interest"),
                });
                *savings_balance += interest;
            }
        }
        for debit in DIRECT_DEBITS
            .iter()
            .filter(|d| d.day == day.day() && day.month0().is_multiple_of(d.every_months))
        {
            let mandate = self.reference("MR");
            let eref = self.reference("LS");
            let sepa = SepaRefs {
                end_to_end_reference: Some(eref),
                mandate_reference: Some(mandate),
                creditor_id: Some(debit.creditor_id.to_owned()),
                remittance_info: debit.remittance.to_owned(),
                ..SepaRefs::default()
            };
            self.push(Line {
                account: giro,
                day,
                cents: -debit.cents,
                name: debit.creditor,
                sepa,
                counterparty: Counterparty::default(),
                texts: ("Lastschrift", "DDT", 105, "Direct debit"),
            });
        }
        if day.day() == 10 {
            let to_savings = Counterparty {
                iban: savings.iban.clone(),
                bic: Some(savings.bic.clone()),
                bank_name: Some(savings.bank_name.clone()),
            };
            let from_giro = Counterparty {
                iban: giro.iban.clone(),
                bic: Some(giro.bic.clone()),
                bank_name: Some(giro.bank_name.clone()),
            };
            let sepa = SepaRefs {
                end_to_end_reference: Some(format!("SPAREN{}", day.format("%Y%m"))),
                remittance_info: "Sparen monatlich".to_owned(),
                ..SepaRefs::default()
            };
            self.push(Line {
                account: giro,
                day,
                cents: -20_000,
                name: giro.owner.as_str(),
                sepa: sepa.clone(),
                counterparty: to_savings,
                texts: ("Überweisung", "TRF", 116, "Transfer"),
            });
            self.push(Line {
                account: savings,
                day,
                cents: 20_000,
                name: giro.owner.as_str(),
                sepa,
                counterparty: from_giro,
                texts: ("Überweisungsgutschrift", "TRF", 166, "Transfer"),
            });
            *savings_balance += 20_000;
        }
        if day.day() == 12 {
            let spotify = &CARD_MERCHANTS[4];
            self.card_payment(card, std::slice::from_ref(spotify), day);
            *card_spent += spotify.low;
        }
        if day.day() == 20 && *card_spent > 0 {
            let sepa = SepaRefs {
                end_to_end_reference: Some(format!("KK{}", day.format("%Y%m"))),
                remittance_info: format!("Kreditkartenabrechnung {month} {}", day.year()),
                ..SepaRefs::default()
            };
            self.push(Line {
                account: giro,
                day,
                cents: -*card_spent,
                name: "Kreditkarte Gold",
                sepa: sepa.clone(),
                counterparty: Counterparty::default(),
                texts: ("Lastschrift", "DDT", 105, "Direct debit"),
            });
            self.push(Line {
                account: card,
                day,
                cents: *card_spent,
                name: "Ausgleich Kreditkartenabrechnung",
                sepa,
                counterparty: Counterparty::default(),
                texts: ("Gutschrift", "MSC", 166, "Transfer"),
            });
            *card_spent = 0;
        }
    }
}
