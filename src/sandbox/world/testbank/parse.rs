//! The line parser of test-bank files (grammar in the parent module's doc).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::fields::{amount, boolean, clip, date, extra, number};
use super::generate::{Every, generate, recurring};
use super::{
    BankAccount, BankTransaction, ChallengeEvery, ChallengeScript, ScriptedFailure, TestBank,
    TestBankError,
};

/// Parses the text of the file `file` (its name, for error messages).
pub fn parse(file: &str, text: &str) -> Result<TestBank, TestBankError> {
    let mut bank = TestBank {
        name: file.to_owned(),
        login: "dev".to_owned(),
        password: "dev".to_owned(),
        owner: None,
        accounts: Vec::new(),
        challenge: None,
        challenge_every: ChallengeEvery::DEFAULT,
        failure: None,
    };
    let mut appears: Vec<(String, u32, usize)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = trimmed.split('|').map(str::trim).collect();
        let err = |message: String| TestBankError::Parse {
            file: file.to_owned(),
            line,
            message,
        };
        record(&mut bank, &mut appears, &fields, line).map_err(err)?;
    }
    for (uid, n, line) in appears {
        match bank.accounts.iter_mut().find(|a| a.uid == uid) {
            Some(account) => account.appears_on_sync = n,
            None => {
                return Err(TestBankError::Parse {
                    file: file.to_owned(),
                    line,
                    message: format!("COFFRE_APPEARS_ON_SYNC names no ACCOUNT with uid `{uid}`"),
                });
            }
        }
    }
    Ok(bank)
}

/// Applies one record to the bank being built.
fn record(
    bank: &mut TestBank,
    appears: &mut Vec<(String, u32, usize)>,
    fields: &[&str],
    line: usize,
) -> Result<(), String> {
    let tag = fields[0];
    let need = |n: usize, shape: &str| {
        if fields.len() < n {
            Err(format!("{tag} needs {shape}"))
        } else {
            Ok(())
        }
    };
    match tag {
        "CREDENTIALS" => {
            need(3, "a login and a password: CREDENTIALS|<login>|<password>")?;
            bank.login = fields[1].to_owned();
            bank.password = fields[2].to_owned();
        }
        "CREDENTIALS_OWNER" => {
            need(2, "a name: CREDENTIALS_OWNER|<name>")?;
            bank.owner = Some(fields[1].to_owned()).filter(|s| !s.is_empty());
        }
        "ACCOUNT" => {
            need(6, "at least ACCOUNT|<uid>|<number>|<date>|<balance>|<type>")?;
            bank.accounts.push(account(fields)?);
        }
        "TRANSACTION" => {
            need(4, "TRANSACTION|<amount>|<DD/MM/YY>|<label>")?;
            let amount = amount(fields[1])?;
            let tx = transaction(amount, date(fields[2])?, fields[3]);
            current(bank, tag)?.transactions.push(tx);
        }
        "COFFRE_TX" => {
            let account = current(bank, tag)?;
            let tx = account
                .transactions
                .last_mut()
                .ok_or("COFFRE_TX must follow a TRANSACTION")?;
            for field in &fields[1..] {
                extra(tx, field)?;
            }
        }
        "COFFRE_ON_SYNC" => {
            let tx = current(bank, tag)?
                .transactions
                .last_mut()
                .ok_or("COFFRE_ON_SYNC must follow a TRANSACTION")?;
            super::later::on_sync(tx, &fields[1..])?;
        }
        "COFFRE_RECURRING" => {
            need(
                6,
                "COFFRE_RECURRING|<amount>|<start>|<every>|<count>|<label>",
            )?;
            let template = transaction(amount(fields[1])?, date(fields[2])?, fields[5]);
            let every = Every::parse(fields[3])?;
            let count = count(fields[4])?;
            let mut txs = recurring(&template, every, count);
            for tx in &mut txs {
                for field in &fields[6..] {
                    extra(tx, field)?;
                }
            }
            current(bank, tag)?.transactions.extend(txs);
        }
        "COFFRE_GENERATE" => {
            need(5, "COFFRE_GENERATE|<count>|<seed>|<start>|<end>")?;
            let count = count(fields[1])?;
            let seed = number(fields[2], "seed")?;
            let (start, end) = (date(fields[3])?, date(fields[4])?);
            if end < start {
                return Err("COFFRE_GENERATE: the end date is before the start date".into());
            }
            let txs = generate(count as usize, u64::from(seed), start, end);
            current(bank, tag)?.transactions.extend(txs);
        }
        "COFFRE_APPEARS_ON_SYNC" => {
            need(3, "an account uid and a sync number")?;
            appears.push((
                fields[1].to_owned(),
                number(fields[2], "sync number")?,
                line,
            ));
        }
        "COFFRE_CHALLENGE" => {
            need(
                6,
                "COFFRE_CHALLENGE|SMS|<phone>|<code>|<code regexp>|<max attempts>",
            )?;
            if fields[1] != "SMS" {
                return Err(format!("unknown challenge `{}` (known: SMS)", fields[1]));
            }
            regex::Regex::new(fields[4]).map_err(|e| format!("bad code regexp: {e}"))?;
            bank.challenge = Some(ChallengeScript {
                phone: fields[2].to_owned(),
                code: fields[3].to_owned(),
                code_regexp: fields[4].to_owned(),
                max_attempts: number(fields[5], "max attempts")?,
            });
        }
        "COFFRE_CHALLENGE_EVERY" => {
            need(
                2,
                "COFFRE_CHALLENGE_EVERY|<n>d or COFFRE_CHALLENGE_EVERY|sync",
            )?;
            bank.challenge_every = challenge_every(fields[1])?;
        }
        "COFFRE_FAIL" => {
            need(2, "a failure kind")?;
            bank.failure = Some(match fields[1] {
                "PASSWORD_CHANGE_REQUIRED" => ScriptedFailure::PasswordChangeRequired,
                "USER_ACTION_REQUIRED" => ScriptedFailure::UserActionRequired,
                "PROVIDER_ERROR" => ScriptedFailure::ProviderError {
                    message: fields
                        .get(2)
                        .copied()
                        .unwrap_or("provider error")
                        .to_owned(),
                },
                other => {
                    return Err(format!(
                        "unknown failure `{other}` (known: PASSWORD_CHANGE_REQUIRED, USER_ACTION_REQUIRED, PROVIDER_ERROR)"
                    ));
                }
            });
        }
        other => return Err(format!("unknown record `{}`", clip(other))),
    }
    Ok(())
}

/// `sync`, or a number of days such as `90d`.
fn challenge_every(text: &str) -> Result<ChallengeEvery, String> {
    if text == "sync" {
        return Ok(ChallengeEvery::Sync);
    }
    let days = text
        .strip_suffix('d')
        .and_then(|n| n.parse::<u32>().ok())
        .ok_or_else(|| {
            format!(
                "COFFRE_CHALLENGE_EVERY: `{}` is neither `sync` nor a number of days such as `90d`",
                clip(text)
            )
        })?;
    Ok(ChallengeEvery::Days(days))
}

/// The most transactions one directive may make (the `large` file's biggest makes 40 000): a
/// typo of a few digits must not build billions of transactions in memory.
const MAX_COUNT: u32 = 1_000_000;

/// A `<count>` field, at most [`MAX_COUNT`].
fn count(text: &str) -> Result<u32, String> {
    let count = number(text, "count")?;
    if count > MAX_COUNT {
        return Err(format!("count {count} is more than {MAX_COUNT}"));
    }
    Ok(count)
}

/// The account the transaction records belong to: the last ACCOUNT.
fn current<'a>(bank: &'a mut TestBank, tag: &str) -> Result<&'a mut BankAccount, String> {
    bank.accounts
        .last_mut()
        .ok_or_else(|| format!("{tag} before any ACCOUNT"))
}

fn account(f: &[&str]) -> Result<BankAccount, String> {
    let field = |i: usize| f.get(i).copied().unwrap_or("");
    let account_type = match field(5) {
        "Checkings" => "CHECKINGS",
        "Savings" => "SAVINGS",
        "Loans" => "LOAN",
        "CreditCard" => "CREDIT_CARD",
        other => {
            return Err(format!(
                "unknown account type `{}` (known: Checkings, Savings, Loans, CreditCard)",
                clip(other)
            ));
        }
    };
    if field(1).is_empty() {
        return Err("ACCOUNT needs a uid".into());
    }
    let name = if field(9).is_empty() {
        field(2)
    } else {
        field(9)
    };
    let currency = if field(13).is_empty() {
        "EUR"
    } else {
        field(13)
    };
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "currency `{}` is not an ISO 4217 code",
            clip(currency)
        ));
    }
    Ok(BankAccount {
        uid: field(1).to_owned(),
        number: field(2).to_owned(),
        balance_date: date(field(3))?,
        balance: amount(field(4))?,
        account_type: account_type.to_owned(),
        owner: Some(field(8).to_owned()).filter(|s| !s.is_empty()),
        name: name.to_owned(),
        iban: Some(field(12).to_owned()).filter(|s| !s.is_empty()),
        currency: currency.to_owned(),
        appears_on_sync: 0,
        transactions: Vec::new(),
        acceptable_uid_regexp: field(6).to_owned(),
        match_existing: boolean(field(7))?,
        payment_source: boolean(field(10))?,
        payment_destination: boolean(field(11))?,
    })
}

/// A booked transaction with the default type and category.
pub(super) fn transaction(amount: Decimal, date: NaiveDate, label: &str) -> BankTransaction {
    let transaction_type = if amount.is_sign_negative() {
        "DEBIT"
    } else {
        "CREDIT"
    };
    BankTransaction {
        amount,
        date,
        label: label.to_owned(),
        notes: None,
        pending: false,
        transaction_type: transaction_type.to_owned(),
        category_id: "UNCATEGORIZED".to_owned(),
        booked_on_sync: None,
        later: Default::default(),
    }
}
