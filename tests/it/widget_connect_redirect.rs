//! The bank-website wait of API mode (a REDIRECT channel) ends as soon as Oxlin reports the new
//! connection working, even when the browser never reaches coffre's loopback (issue 10's
//! reproduction 8: a phone, a tab closed too early), and shows its deadline meanwhile.

use std::time::{Duration, Instant};

use coffre::app::widget::BrowserEvent;
use coffre::app::{ApiEvent, Command, Msg};
use coffre::sandbox::SandboxConfig;
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use secrecy::SecretString;

use crate::support::oxlin_sandbox::{DEADLINE, config_for};
use crate::support::sync_bank::{PASSWORD, bank_on};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bank_website_wait_ends_from_the_connection_status_without_the_callback() {
    let bank = bank_on(SandboxConfig::default(), "no-callback@example.com", &[]).await;
    let (sender, mut msgs) = MsgSender::channel();
    let options = RunnerOptions {
        open_browser: false,
        redirect_timeout: Duration::from_secs(600),
        ..RunnerOptions::default()
    };
    let runner = Runner::new(
        config_for(&bank.sandbox, &SandboxConfig::default()),
        sender,
        options,
    );
    runner.run(Command::LogIn {
        request: 1,
        email: "no-callback@example.com".into(),
        password: SecretString::from(PASSWORD),
    });
    let mut next = async || {
        tokio::time::timeout(DEADLINE, msgs.recv())
            .await
            .expect("no answer in time")
            .unwrap()
    };
    loop {
        if let Msg::Api(ApiEvent::LoggedIn { result, .. }) = next().await {
            result.unwrap();
            break;
        }
    }
    runner.run(Command::StartRedirect {
        request: 2,
        provider: "87".into(),
        channel: "8701".into(),
        renew: None,
    });
    let (mut url, mut deadline) = (None, None);
    while url.is_none() || deadline.is_none() {
        match next().await {
            Msg::Api(ApiEvent::AuthorizeUrlReady { result, .. }) => url = Some(result.unwrap()),
            Msg::Browser(BrowserEvent::PageReady { wait_for, .. }) => deadline = Some(wait_for),
            _ => {}
        }
    }
    assert_eq!(
        deadline,
        Some(Duration::from_secs(600)),
        "the countdown's end"
    );
    let url = url.unwrap();
    let state = url::Url::parse(&url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    // The person approves at the bank on a phone: the 303 back to 127.0.0.1 goes nowhere.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let approved = browser
        .get(format!(
            "{}/testbank/authorize/decision?state={state}&approve=true",
            bank.sandbox.base_url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), 303);
    let started = Instant::now();
    let connection = loop {
        if let Msg::Api(ApiEvent::RedirectCompleted { result, .. }) = next().await {
            break result.expect("the connection works");
        }
    };
    eprintln!(
        "approval to wait ended, without the callback: {:?}",
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        connection.raw().chars().all(|c| c.is_ascii_digit()),
        "{connection:?}"
    );
}
