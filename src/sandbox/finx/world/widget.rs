//! What the widget's forms do to the world: create a link, choose a bank, log in, answer the
//! OTP, choose accounts, cancel. Each action moves the link's [`Step`]; the routes then show the
//! next page, or send the browser back to the client when the step is `Done` (rules in
//! `link`'s module doc).

use super::FinxState;
use super::banks::{self, TEST_LOGIN, TEST_OTP, TEST_PIN, bank_of_iban, normalise_iban};
use super::generate::Request;
use super::ledger::Ledger;
use super::link::{AccessLink, LinkRequest, MAX_ATTEMPTS, Notice, Outcome, Step};
use super::records::AccountRecord;
use super::tokens::random_token;

/// Why a widget token opens no page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Expired,
}

/// Creates a link for `request`: its `id` and the widget token of its `location`.
pub fn create_link(state: &mut FinxState, request: LinkRequest) -> (String, String) {
    let bank = request.account_ids.iter().find_map(|id| bank_of_iban(id));
    let id = uuid_like();
    let token = random_token(40);
    let expires_at = state.now() + state.settings.link_ttl;
    state.links.insert(
        token.clone(),
        AccessLink::new(id.clone(), request, bank, expires_at),
    );
    (id, token)
}

/// A random version-4 UUID, as finX's link ids are.
fn uuid_like() -> String {
    let hex: String = random_token(64)
        .bytes()
        .take(32)
        .map(|b| char::from_digit(u32::from(b) % 16, 16).unwrap_or('0'))
        .collect();
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// The link of widget `token`, mutable, while it is valid (a finished link stays readable).
pub fn link_mut<'a>(
    state: &'a mut FinxState,
    token: &str,
) -> Result<&'a mut AccessLink, LinkProblem> {
    let now = state.now();
    let link = state.links.get_mut(token).ok_or(LinkProblem::Unknown)?;
    if link.expires_at <= now && !matches!(link.step, Step::Done(_)) {
        return Err(LinkProblem::Expired);
    }
    Ok(link)
}

/// The accounts the user may share: the login's accounts at the bank, of the requested types,
/// narrowed to the requested `accounts` when one of them matches.
pub fn offered_accounts(state: &FinxState, link: &AccessLink) -> Vec<AccountRecord> {
    let Some(ledger) = link.access_id.as_ref().and_then(|id| state.ledgers.get(id)) else {
        return Vec::new();
    };
    let types = &link.request.account_types;
    let typed: Vec<&AccountRecord> = ledger
        .accounts
        .iter()
        .filter(|a| types.is_empty() || types.iter().any(|t| t == a.kind.wire_name()))
        .collect();
    let wanted: Vec<String> = link
        .request
        .account_ids
        .iter()
        .map(|id| normalise_iban(id))
        .collect();
    let named: Vec<&AccountRecord> = typed
        .iter()
        .copied()
        .filter(|a| {
            a.iban.as_ref().is_some_and(|iban| wanted.contains(iban))
                || wanted.contains(&a.account_number)
        })
        .collect();
    let chosen = if named.is_empty() { typed } else { named };
    chosen.into_iter().cloned().collect()
}

/// The user picked `bank_id` in the list.
pub fn choose_bank(link: &mut AccessLink, bank_id: &str) {
    if link.step != Step::ChooseBank {
        return;
    }
    match banks::by_id(bank_id) {
        Some(bank) => {
            link.bank = Some(bank);
            link.step = Step::Login;
        }
        None => link.notice = Some(Notice::NoSuchBank),
    }
}

/// The user sent login and PIN.
pub fn log_in(link: &mut AccessLink, login: &str, pin: &str) {
    if link.step != Step::Login {
        return;
    }
    if login.trim() == TEST_LOGIN && pin == TEST_PIN {
        link.step = Step::Otp;
        return;
    }
    link.wrong_logins += 1;
    if link.wrong_logins >= MAX_ATTEMPTS {
        link.step = Step::Done(Outcome::Failed);
    } else {
        link.notice = Some(Notice::WrongLogin {
            attempts_left: MAX_ATTEMPTS - link.wrong_logins,
        });
    }
}

/// The user sent the one-time password of `token`'s link: the bank's data is read into a new
/// access, then the account choice follows (or the end, for the IBAN shortcut).
pub fn answer_otp(state: &mut FinxState, token: &str, otp: &str) {
    let (now, today) = (state.now(), state.today());
    let serial = state.next_serial();
    let Ok(link) = link_mut(state, token) else {
        return;
    };
    if link.step != Step::Otp {
        return;
    }
    if otp.trim() != TEST_OTP {
        link.wrong_otps += 1;
        if link.wrong_otps >= MAX_ATTEMPTS {
            link.step = Step::Done(Outcome::Failed);
        } else {
            link.notice = Some(Notice::WrongOtp {
                attempts_left: MAX_ATTEMPTS - link.wrong_otps,
            });
        }
        return;
    }
    let Some(bank) = link.bank else { return };
    let access_id = format!("X{serial}.1");
    let history_days = link.request.sync_period.clamp(1, bank.max_history_days);
    let request = Request {
        bank,
        access_id: &access_id,
        serial,
        owner: "Max Mustermann",
        history_days,
        today,
        now,
    };
    link.access_id = Some(access_id.clone());
    link.step = Step::SelectAccounts;
    let shortcut = !link.request.account_ids.is_empty();
    let link = link.clone();
    let ledger = Ledger::new(&request);
    state.ledgers.insert(access_id, ledger);
    let offered: Vec<String> = offered_accounts(state, &link)
        .into_iter()
        .map(|a| a.account_id)
        .collect();
    if offered.is_empty() || shortcut {
        finish(state, token, &offered);
    }
}

/// The user chose `account_ids` among the offered accounts.
pub fn select_accounts(state: &mut FinxState, token: &str, account_ids: &[String]) {
    let Ok(link) = link_mut(state, token) else {
        return;
    };
    if link.step != Step::SelectAccounts {
        return;
    }
    let link = link.clone();
    let offered: Vec<String> = offered_accounts(state, &link)
        .into_iter()
        .map(|a| a.account_id)
        .collect();
    let chosen: Vec<String> = account_ids
        .iter()
        .filter(|id| offered.contains(id))
        .cloned()
        .collect();
    if chosen.is_empty() || (!link.request.allow_multi_selection && chosen.len() > 1) {
        if let Ok(link) = link_mut(state, token) {
            link.notice = Some(Notice::NoAccountChosen);
        }
        return;
    }
    finish(state, token, &chosen);
}

/// The flow ends with the accounts `keep` (a failure when none): the code is issued.
fn finish(state: &mut FinxState, token: &str, keep: &[String]) {
    let expires_at = state.now() + state.settings.code_ttl;
    let Some(link) = state.links.get(token) else {
        return;
    };
    let Some(access_id) = link.access_id.clone() else {
        return;
    };
    let redirect_uri = link.request.redirect_uri.clone();
    let outcome = if keep.is_empty() {
        state.ledgers.remove(&access_id);
        Outcome::Failed
    } else {
        if let Some(ledger) = state.ledgers.get_mut(&access_id) {
            ledger.retain_accounts(keep);
        }
        Outcome::Success {
            code: state
                .tokens
                .issue_code(&access_id, &redirect_uri, expires_at),
        }
    };
    if let Some(link) = state.links.get_mut(token) {
        link.step = Step::Done(outcome);
    }
}

/// The user cancelled: the access being made (if any) is forgotten.
pub fn cancel(state: &mut FinxState, token: &str) {
    let Ok(link) = link_mut(state, token) else {
        return;
    };
    if matches!(link.step, Step::Done(_)) {
        return;
    }
    link.step = Step::Done(Outcome::Cancelled);
    if let Some(access_id) = link.access_id.take() {
        state.ledgers.remove(&access_id);
    }
}

impl FinxState {
    /// Walks the widget of `token` as the test login does in a browser: bank `bank_id`, login
    /// and PIN, the one-time password, every offered account shared; the authorization code,
    /// or `None` when the link is unknown, expired or already used. The stage demo links its
    /// German bank this way, before the terminal opens (`crate::demo::german_bank`).
    pub fn link_with_test_login(&mut self, token: &str, bank_id: &str) -> Option<String> {
        let link = link_mut(self, token).ok()?;
        choose_bank(link, bank_id);
        log_in(link, TEST_LOGIN, TEST_PIN);
        answer_otp(self, token, TEST_OTP);
        let link = self.links.get(token)?.clone();
        let every: Vec<String> = offered_accounts(self, &link)
            .into_iter()
            .map(|a| a.account_id)
            .collect();
        select_accounts(self, token, &every);
        match &self.links.get(token)?.step {
            Step::Done(Outcome::Success { code }) => Some(code.clone()),
            _ => None,
        }
    }
}
