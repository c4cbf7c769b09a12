//! Linking a German bank from the TUI (issue 12), through the TUI's task runner against the
//! in-process sandbox over loopback: `LinkGermanBank` shows finX's page, the widget is passed
//! as a browser without JavaScript does, the browser comes back on the loopback (or its
//! address is pasted), the code is exchanged, the link synced into the store and the wait ends
//! naming the bank. A cancel, another attempt's state, a used code: a sentence, and nothing
//! stored.

use std::time::{Duration, Instant};

use coffre::app::widget::{BrowserCommand, BrowserEvent, WidgetDone};
use coffre::app::{Command, Msg};
use coffre::domain::{CallFailure, ConnectionId, PageFailure};
use coffre::finx::FinxConfig;
use coffre::oxlin::secret::secret;
use coffre::sandbox::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET, SandboxConfig};
use coffre::store::Store;
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::support::finx_sandbox::{FinxHarness, finx_harness, query_of};
use crate::support::oxlin_sandbox::{DEADLINE, config_for};

/// The TUI's runner with German banks on the sandbox of `h`, its answers and its store.
struct Tui {
    runner: Runner,
    msgs: UnboundedReceiver<Msg>,
    store: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Tui {
    fn on(h: &FinxHarness) -> Self {
        Self::speaking(h, coffre::i18n::Lang::En)
    }

    /// [`Tui::on`], its tasks speaking `lang`.
    fn speaking(h: &FinxHarness, lang: coffre::i18n::Lang) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store.sqlite");
        let (sender, msgs) = MsgSender::channel();
        let sender = sender.speaking(lang);
        let options = RunnerOptions {
            open_browser: false,
            redirect_timeout: DEADLINE,
            store: Some(store.clone()),
            ..RunnerOptions::default()
        };
        let finx = FinxConfig::new(
            &h.sandbox.finx_url(),
            SANDBOX_FINX_CLIENT_ID,
            secret(SANDBOX_FINX_CLIENT_SECRET),
        );
        let oxlin = config_for(&h.sandbox, &SandboxConfig::default());
        let runner = Runner::new(oxlin, sender, options).with_finx(finx);
        Tui {
            runner,
            msgs,
            store,
            _dir: dir,
        }
    }

    /// Asks for a German bank (wait 7): the address of finX's page.
    async fn open(&mut self, iban: Option<&str>) -> String {
        self.runner
            .run(Command::Browser(BrowserCommand::LinkGermanBank {
                request: 7,
                iban: iban.map(str::to_owned),
                renew: None,
            }));
        self.until(|m| match m {
            Msg::Browser(BrowserEvent::PageReady {
                request: 7, url, ..
            }) => Some(url.clone()),
            _ => None,
        })
        .await
    }

    async fn until<T>(&mut self, mut pick: impl FnMut(&Msg) -> Option<T>) -> T {
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            match tokio::time::timeout(Duration::from_millis(200), self.msgs.recv()).await {
                Ok(Some(msg)) => {
                    if let Some(found) = pick(&msg) {
                        return found;
                    }
                }
                Ok(None) => panic!("the runner stopped"),
                Err(_) => {}
            }
        }
        panic!("nothing came in time");
    }

    async fn finished(&mut self) -> Result<WidgetDone, CallFailure> {
        self.until(|m| match m {
            Msg::Browser(BrowserEvent::Finished { request: 7, result }) => Some(result.clone()),
            _ => None,
        })
        .await
    }

    fn stored_accounts(&self) -> usize {
        let _ = Store::open(&self.store).unwrap();
        let db = rusqlite::Connection::open(&self.store).unwrap();
        db.query_row(
            "SELECT COUNT(*) FROM accounts WHERE id LIKE 'finx:%'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap_or(0) as usize
    }
}

/// Passes finX's page at `url` for `bank` sharing every account: where the browser is sent.
async fn pass_widget(h: &FinxHarness, url: &str, bank: &str) -> String {
    let token = query_of(url)["token"].clone();
    h.through_widget(&token, bank).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_bank_added_from_the_tui_is_exchanged_synced_and_named() {
    let h = finx_harness().await;
    let mut tui = Tui::on(&h);
    let url = tui.open(None).await;
    let back = pass_widget(&h, &url, "demobank").await;
    assert!(back.starts_with("http://127.0.0.1:"), "{back}");
    let page = reqwest::get(&back).await.unwrap();
    assert_eq!(page.status(), 200);
    let done = tui.finished().await.expect("the bank is linked");
    assert!(matches!(&done.connection, Some(c) if *c != ConnectionId::finx("")));
    assert!(done.new_transactions > 0, "{done:?}");
    assert!(!done.bank.is_empty());
    assert_eq!(tui.stored_accounts(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_in_finx_page_adds_nothing_and_says_so() {
    let h = finx_harness().await;
    let mut tui = Tui::on(&h);
    let url = tui.open(None).await;
    let token = query_of(&url)["token"].clone();
    let cancelled = h.post(&token, "cancel", &[]).await;
    reqwest::get(&cancelled).await.unwrap();
    let why = tui.finished().await.err();
    assert_eq!(why, Some(CallFailure::Page(PageFailure::FinxCancelled)));
    assert_eq!(tui.stored_accounts(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_attempts_address_is_refused_and_the_real_one_pasted_links_the_bank() {
    let h = finx_harness().await;
    let mut tui = Tui::on(&h);
    let url = tui.open(None).await;
    let back = pass_widget(&h, &url, "demobank").await;
    let state = query_of(&back)["state"].clone();
    let forged = back.replace(&state, "another-attempt");
    for address in [forged, back] {
        tui.runner.run(Command::Browser(BrowserCommand::Paste {
            request: 7,
            address,
        }));
    }
    let refused = tui
        .until(|m| match m {
            Msg::Browser(BrowserEvent::PasteRefused { request: 7, reason }) => Some(reason.clone()),
            _ => None,
        })
        .await;
    assert_eq!(refused, PageFailure::OtherAttempt);
    assert!(tui.finished().await.is_ok());
    assert_eq!(tui.stored_accounts(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_used_code_says_to_link_the_bank_again_and_stores_nothing() {
    let h = finx_harness().await;
    let mut tui = Tui::on(&h);
    let url = tui.open(None).await;
    let back = pass_widget(&h, &url, "demobank").await;
    h.exchange_to(&query_of(&back)["code"], &back[..back.find('?').unwrap()])
        .await;
    reqwest::get(&back).await.unwrap();
    let why = tui.finished().await.err();
    assert_eq!(why, Some(CallFailure::Page(PageFailure::FinxCodeRefused)));
    assert_eq!(tui.stored_accounts(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s_syncs_a_german_bank_and_r_renews_it_into_one_bank_with_one_link() {
    let h = finx_harness().await;
    let mut tui = Tui::on(&h);
    let url = tui.open(None).await;
    let back = pass_widget(&h, &url, "demobank").await;
    reqwest::get(&back).await.unwrap();
    let bank = tui.finished().await.unwrap().connection.unwrap();

    tui.runner.run(Command::SyncGermanBank {
        connection: bank.clone(),
        generation: 9,
    });
    let step = tui
        .until(|m| match m {
            Msg::Api(coffre::app::ApiEvent::SyncProgressed {
                generation: 9,
                step,
                ..
            }) if *step != coffre::domain::SyncStep::Syncing => Some(step.clone()),
            _ => None,
        })
        .await;
    assert_eq!(step, coffre::domain::SyncStep::Done);

    tui.runner
        .run(Command::Browser(BrowserCommand::LinkGermanBank {
            request: 7,
            iban: None,
            renew: Some(bank.clone()),
        }));
    let url = tui
        .until(|m| match m {
            Msg::Browser(BrowserEvent::PageReady {
                request: 7, url, ..
            }) => Some(url.clone()),
            _ => None,
        })
        .await;
    let back = pass_widget(&h, &url, "demobank").await;
    reqwest::get(&back).await.unwrap();
    let renewed = tui.finished().await.expect("renewed");
    assert_ne!(renewed.connection.as_ref(), Some(&bank), "a new access");
    assert_eq!(tui.stored_accounts(), 3, "one bank, not two");
    let store = Store::open(&tui.store).unwrap();
    let links = store
        .finx_links(&h.sandbox.finx_url(), SANDBOX_FINX_CLIENT_ID)
        .unwrap();
    assert_eq!(links.len(), 1, "the renewed link kept its row");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_german_bank_forgets_its_link_without_asking_oxlin() {
    let h = finx_harness().await;
    let mut tui = Tui::on(&h);
    let url = tui.open(None).await;
    let back = pass_widget(&h, &url, "demobank").await;
    reqwest::get(&back).await.unwrap();
    let bank = tui.finished().await.unwrap().connection.unwrap();

    // Not logged in to Oxlin: a German bank is deleted all the same.
    tui.runner
        .run(Command::DeleteConnection { connection: bank });
    let said = tui
        .until(|m| match m {
            Msg::Api(coffre::app::ApiEvent::Notice(said)) => Some(Ok(said.clone())),
            Msg::Api(coffre::app::ApiEvent::Failed { error, .. }) => Some(Err(error.clone())),
            _ => None,
        })
        .await;
    assert!(said.is_ok(), "{said:?}");
    assert_eq!(tui.stored_accounts(), 0);
    let store = Store::open(&tui.store).unwrap();
    let links = store
        .finx_links(&h.sandbox.finx_url(), SANDBOX_FINX_CLIENT_ID)
        .unwrap();
    assert!(links.is_empty(), "the link (and its token) is gone");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_bank_linked_in_french_says_its_steps_in_french() {
    let h = finx_harness().await;
    let mut tui = Tui::speaking(&h, coffre::i18n::Lang::Fr);
    let url = tui.open(None).await;
    let back = pass_widget(&h, &url, "demobank").await;
    reqwest::get(&back).await.unwrap();
    let step = tui
        .until(|m| match m {
            Msg::Browser(BrowserEvent::Progress { request: 7, step }) => Some(step.clone()),
            _ => None,
        })
        .await;
    assert_eq!(step, "finX transmet l'accès…");
    assert!(tui.finished().await.is_ok());
}
