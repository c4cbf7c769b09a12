//! The log records each failed API call (its name and why) and never a secret: the client's
//! secret (`secret`) stays out of it.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use coffre::oxlin::endpoints::AccountFilter;

use crate::support::hostile_server::{Hostile, Reply};

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_failed_api_call_is_logged_with_its_name_and_without_secrets() {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = Hostile::start(|_| Reply::Announced {
        length: 1_500_000_000,
        then: 1 << 10,
    })
    .await;
    let client = server.client(Duration::from_secs(30));
    let error = client
        .accounts(&AccountFilter::default())
        .await
        .unwrap_err();
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("WARN") && l.contains("oxlin call"))
        .unwrap_or_else(|| panic!("no failed call in the log:\n{text}"));
    assert!(
        line.contains("accounts") && line.contains(&error.to_string()),
        "{line}"
    );
    assert!(!text.contains("secret"), "the client secret leaked: {text}");
}
