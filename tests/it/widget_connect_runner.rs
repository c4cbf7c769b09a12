//! Widget mode through the TUI's task runner against a sandbox without a PSD2 agreement: the
//! login stops on the terms, their page resumes it; a bank added from the loopback is stored;
//! each bad return (a wrong or missing state, another address, an unknown connection, an expired
//! or failed page) is refused with a sentence, and nothing is stored.

use std::time::{Duration, Instant};

use coffre::app::widget::{BrowserCommand, BrowserEvent, WidgetPage};
use coffre::app::{ApiEvent, Command, Msg};
use coffre::domain::CallFailure;
use coffre::sandbox::SandboxConfig;
use coffre::store::Store;
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use secrecy::SecretString;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::support::oxlin_sandbox::{DEADLINE, config_for};
use crate::support::sync_bank::{Bank, PASSWORD};
use crate::widget_connect::bank_without_agreement;
use crate::widget_connect_browser::{go_through, redirect_url_with_state};

/// The TUI's runner on a sandbox without agreement, its answers and its store.
struct Tui {
    runner: Runner,
    msgs: UnboundedReceiver<Msg>,
    store: std::path::PathBuf,
    _bank: Bank,
}

impl Tui {
    async fn logged_in_after_the_terms(email: &str) -> Self {
        let bank = bank_without_agreement(email).await;
        let store = bank.dir.path().join("store.sqlite");
        let (sender, msgs) = MsgSender::channel();
        let options = RunnerOptions {
            open_browser: false,
            redirect_timeout: DEADLINE,
            poll_every: Duration::from_millis(50),
            store: Some(store.clone()),
            ..RunnerOptions::default()
        };
        let oxlin = config_for(&bank.sandbox, &SandboxConfig::default());
        let runner = Runner::new(oxlin, sender, options);
        let mut tui = Tui {
            runner,
            msgs,
            store,
            _bank: bank,
        };
        tui.runner.run(Command::LogIn {
            request: 1,
            email: email.into(),
            password: SecretString::from(PASSWORD),
        });
        let login = tui
            .until(|m| match m {
                Msg::Api(ApiEvent::LoggedIn { result, .. }) => Some(result.clone()),
                _ => None,
            })
            .await;
        assert_eq!(login, Err(CallFailure::TermsNotAccepted));
        let page = tui.open(2, WidgetPage::Terms).await;
        tui.paste(2, go_through(&page).await);
        let terms = tui.finished(2).await;
        assert!(terms.is_ok(), "{terms:?}");
        tui
    }

    async fn until<T>(&mut self, mut wanted: impl FnMut(&Msg) -> Option<T>) -> T {
        loop {
            let msg = tokio::time::timeout(DEADLINE, self.msgs.recv())
                .await
                .expect("no answer in time")
                .expect("the runner stopped");
            if let Some(found) = wanted(&msg) {
                return found;
            }
        }
    }

    async fn open(&mut self, request: u64, page: WidgetPage) -> String {
        self.runner
            .run(Command::Browser(BrowserCommand::OpenWidget {
                request,
                page,
            }));
        self.until(|m| match m {
            Msg::Browser(BrowserEvent::PageReady {
                request: r, url, ..
            }) if *r == request => Some(url.clone()),
            Msg::Browser(BrowserEvent::Finished { result, .. }) => panic!("{result:?}"),
            _ => None,
        })
        .await
    }

    fn paste(&self, request: u64, address: String) {
        self.runner
            .run(Command::Browser(BrowserCommand::Paste { request, address }));
    }

    async fn finished(
        &mut self,
        request: u64,
    ) -> Result<coffre::app::widget::WidgetDone, CallFailure> {
        self.until(|m| match m {
            Msg::Browser(BrowserEvent::Finished { request: r, result }) if *r == request => {
                Some(result.clone())
            }
            _ => None,
        })
        .await
    }

    async fn refused(&mut self, request: u64) -> String {
        self.until(|m| match m {
            Msg::Browser(BrowserEvent::PasteRefused { request: r, reason }) if *r == request => {
                Some(coffre::wording::page_failure::page_failure(
                    reason,
                    coffre::i18n::Lang::En,
                ))
            }
            Msg::Browser(BrowserEvent::Finished { result, .. }) => panic!("{result:?}"),
            _ => None,
        })
        .await
    }

    fn stored_anything(&self) -> bool {
        Store::open(&self.store).and_then(|s| s.has_data()).unwrap()
    }
}

/// The failure, worded in English.
fn rejected(result: Result<coffre::app::widget::WidgetDone, CallFailure>) -> String {
    match result {
        Err(e) => coffre::wording::failures::call_failure(&e, coffre::i18n::Lang::En),
        Ok(done) => panic!("not a refusal: {done:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_bad_returns_are_refused_with_a_reason_and_store_nothing() {
    let mut tui = Tui::logged_in_after_the_terms("bad-returns@example.com").await;

    // Wrong or missing state, another address: refused, and the same page still waits.
    let page = tui.open(3, WidgetPage::AddConnection).await;
    let back = redirect_url_with_state(&page);
    let base = back.split('?').next().unwrap().to_owned();
    tui.paste(
        3,
        format!("{base}?state=guessed&connection_id=1&status=success"),
    );
    assert!(tui.refused(3).await.contains("another attempt"));
    tui.paste(3, format!("{base}?connection_id=1&status=success"));
    assert!(tui.refused(3).await.contains("no state"));
    tui.paste(3, "https://bank.example/done?status=success".into());
    assert!(
        tui.refused(3)
            .await
            .contains("not the address coffre waits for")
    );

    // A connection Oxlin does not know.
    tui.paste(3, format!("{back}&connection_id=999999&status=success"));
    let unknown = rejected(tui.finished(3).await);
    assert!(
        unknown.contains("does not know the connection 999999"),
        "{unknown}"
    );

    // An expired page, then a failed one.
    let page = tui.open(4, WidgetPage::AddConnection).await;
    tui.paste(
        4,
        format!("{}&status=expired", redirect_url_with_state(&page)),
    );
    let expired = rejected(tui.finished(4).await);
    assert!(
        expired.contains("expired") && expired.contains("start again"),
        "{expired}"
    );
    let page = tui.open(5, WidgetPage::AddConnection).await;
    tui.paste(
        5,
        format!("{}&status=error", redirect_url_with_state(&page)),
    );
    let failed = rejected(tui.finished(5).await);
    assert!(failed.contains("ended with an error"), "{failed}");
    assert!(!tui.stored_anything(), "a refused return stored something");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_add_connection_from_the_loopback_stores_the_bank_and_renews_it() {
    let mut tui = Tui::logged_in_after_the_terms("loopback@example.com").await;
    let page = tui.open(3, WidgetPage::AddConnection).await;
    let ended_on = go_through(&page).await;
    // The browser on this machine follows the redirect to coffre's loopback.
    let reached = Instant::now();
    let answer = reqwest::get(&ended_on).await.unwrap().text().await.unwrap();
    assert!(answer.contains("Done"), "{answer}");
    let done = tui.finished(3).await.expect("the bank is added");
    eprintln!("loopback callback to bank stored: {:?}", reached.elapsed());
    assert_eq!(done.bank, "Linxo Test Bank");
    assert!(done.new_transactions > 0 && tui.stored_anything());

    // Renewing it (the dashboard's `r`) opens the edit-credentials page for that connection.
    let connection = done.connection.expect("the new connection");
    let renew = tui.open(4, WidgetPage::Renew(connection.clone())).await;
    assert!(renew.contains("/widget/edit_credentials?"), "{renew}");
    assert!(
        renew.contains(&format!("connection_id={}", connection.raw())),
        "{renew}"
    );
    tui.paste(
        4,
        format!("{}&status=cancelled", redirect_url_with_state(&renew)),
    );
    let cancelled = rejected(tui.finished(4).await);
    assert!(cancelled.contains("cancelled"), "{cancelled}");
}
