//! The page of each widget step: the bank list with its search, the login, the OTP, the
//! account choice; and the pages for a finished, expired or unknown link.

use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::html::{cancel_form, page, page_with_status};
use crate::sandbox::finx::world::banks::{self, TEST_LOGIN};
use crate::sandbox::finx::world::link::{AccessLink, Lang, Notice};
use crate::sandbox::finx::world::records::AccountRecord;

/// The text of a notice.
fn notice_text(lang: Lang, notice: Notice) -> String {
    match notice {
        Notice::WrongLogin { attempts_left } => match lang {
            Lang::German => {
                format!("Anmeldename oder PIN ist falsch. Noch {attempts_left} Versuch(e).")
            }
            Lang::English => format!("Wrong login name or PIN. {attempts_left} attempt(s) left."),
        },
        Notice::WrongOtp { attempts_left } => match lang {
            Lang::German => format!("Die TAN ist falsch. Noch {attempts_left} Versuch(e)."),
            Lang::English => format!("Wrong one-time password. {attempts_left} attempt(s) left."),
        },
        Notice::NoAccountChosen => lang
            .pick(
                "Bitte wählen Sie ein Konto aus.",
                "Please choose an account.",
            )
            .to_owned(),
        Notice::NoSuchBank => lang
            .pick("Diese Bank gibt es nicht.", "There is no such bank.")
            .to_owned(),
    }
}

fn notice_block(lang: Lang, notice: Option<Notice>) -> maud::Markup {
    html! { @if let Some(notice) = notice { p.error role="alert" { (notice_text(lang, notice)) } } }
}

/// The bank list, filtered by `search`.
pub fn choose_bank(
    link: &AccessLink,
    token: &str,
    search: &str,
    notice: Option<Notice>,
) -> Response {
    let lang = link.request.lang;
    let found = banks::search(search);
    page(
        lang,
        lang.pick("Wählen Sie Ihre Bank", "Choose your bank"),
        html! {
            (notice_block(lang, notice))
            form method="get" action="/finx/widget/" {
                input type="hidden" name="token" value=(token);
                div.field {
                    label for="q" { (lang.pick("Bank, BLZ suchen", "Search bank name or bank code")) }
                    input type="search" id="q" name="q" value=(search);
                }
                button type="submit" id="search" { (lang.pick("Suchen", "Search")) }
            }
            @if found.is_empty() {
                p.error { (lang.pick("Keine Bank gefunden. Versuchen Sie einen anderen Namen.", "No bank found. Try another name.")) }
            }
            ul.banks {
                @for bank in found {
                    li {
                        form method="post" action="/finx/widget/bank" {
                            input type="hidden" name="token" value=(token);
                            button type="submit" name="bank_id" value=(bank.id) { (bank.name) }
                            " " span.hint { "BLZ " (bank.bank_code) }
                        }
                    }
                }
            }
            (cancel_form(lang, token))
        },
    )
}

/// The login form of the chosen bank.
pub fn login(link: &AccessLink, token: &str, notice: Option<Notice>) -> Response {
    let lang = link.request.lang;
    let bank = link.bank.map_or("", |b| b.name);
    page(
        lang,
        &format!("{} {bank}", lang.pick("Anmelden bei", "Log in to")),
        html! {
            (notice_block(lang, notice))
            form method="post" action="/finx/widget/login" {
                input type="hidden" name="token" value=(token);
                div.field {
                    label for="login" { (lang.pick("Anmeldename", "Login name")) }
                    input type="text" id="login" name="login" autocomplete="username";
                }
                div.field {
                    label for="pin" { "PIN" }
                    input type="password" id="pin" name="pin" autocomplete="current-password";
                }
                p.hint { (lang.pick("Testzugang: ", "Test login: ")) (TEST_LOGIN) " / 654321" }
                button type="submit" id="submit" { (lang.pick("Anmelden", "Log in")) }
            }
            (cancel_form(lang, token))
        },
    )
}

/// The one-time password form.
pub fn otp(link: &AccessLink, token: &str, notice: Option<Notice>) -> Response {
    let lang = link.request.lang;
    page(
        lang,
        lang.pick("TAN eingeben", "Enter the one-time password"),
        html! {
            (notice_block(lang, notice))
            p { (lang.pick("Ihre Bank hat Ihnen eine TAN gesendet.", "Your bank sent you a one-time password.")) }
            form method="post" action="/finx/widget/otp" {
                input type="hidden" name="token" value=(token);
                div.field {
                    label for="otp" { "TAN" }
                    input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code";
                }
                p.hint { (lang.pick("Test-TAN: 123456", "Test code: 123456")) }
                button type="submit" id="submit" { (lang.pick("Bestätigen", "Confirm")) }
            }
            (cancel_form(lang, token))
        },
    )
}

/// The account choice: checkboxes (`allow_multi_selection`) or radio buttons.
pub fn select_accounts(
    link: &AccessLink,
    token: &str,
    offered: &[AccountRecord],
    notice: Option<Notice>,
) -> Response {
    let lang = link.request.lang;
    let multi = link.request.allow_multi_selection;
    let title = if multi {
        lang.pick(
            "Welche Konten möchten Sie teilen?",
            "Which accounts do you want to share?",
        )
    } else {
        lang.pick(
            "Welches Konto möchten Sie teilen?",
            "Which account do you want to share?",
        )
    };
    page(
        lang,
        title,
        html! {
            (notice_block(lang, notice))
            form method="post" action="/finx/widget/accounts" {
                input type="hidden" name="token" value=(token);
                @for (index, account) in offered.iter().enumerate() {
                    div.field {
                        @let id = format!("account-{}", account.account_id);
                        @if multi {
                            input type="checkbox" id=(id) name="account" value=(account.account_id) checked;
                        } @else {
                            input type="radio" id=(id) name="account" value=(account.account_id) checked[index == 0];
                        }
                        " " label for=(id) style="display:inline" {
                            (account.name) " · " (account.iban.as_deref().unwrap_or(&account.account_number))
                        }
                    }
                }
                button type="submit" id="submit" { (lang.pick("Konten freigeben", "Share accounts")) }
            }
            (cancel_form(lang, token))
        },
    )
}

/// A link whose flow has ended.
pub fn finished(lang: Lang) -> Response {
    page_with_status(
        lang,
        StatusCode::GONE,
        lang.pick("Vorgang beendet", "Already finished"),
        html! {
            p { (lang.pick("Dieser Link wurde schon verwendet. Starten Sie bitte erneut aus der Anwendung.", "This link was used already. Please start again from the application.")) }
        },
    )
}

/// An unknown or expired link.
pub fn unusable(expired: bool) -> Response {
    let (status, title) = if expired {
        (StatusCode::GONE, "Link abgelaufen / link expired")
    } else {
        (StatusCode::NOT_FOUND, "Link unbekannt / unknown link")
    };
    page_with_status(
        Lang::German,
        status,
        title,
        html! {
            p.error { "Bitte starten Sie erneut aus der Anwendung. / Please start again from the application." }
        },
    )
}
