//! A real browser for the widget tests: headless Chromium driven through WebDriver
//! (`chromedriver`, Debian package `chromium-driver`; Chromium itself from `chromium`), with the
//! `fantoccini` client. [`Browser::start`] runs chromedriver on a free port in its own process
//! group; dropping the [`Browser`] kills that group (chromedriver and every Chromium it
//! started), so a failing test leaves no browser behind. Chrome runs with `--headless=new
//! --no-sandbox --disable-dev-shm-usage`, as CI runs as root without a display.
//!
//! Also [`Landing`]: a tiny HTTP listener standing for the client's redirect URL, which records
//! every address the browser lands on.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::sync::mpsc;

use super::tools::tool;

/// A WebDriver session on headless Chromium, and the chromedriver serving it.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

/// A free port on 127.0.0.1 (bound, then released for chromedriver).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session (panics naming the Debian package
    /// when a program is missing).
    pub async fn start() -> Browser {
        // Chromium is started by chromedriver: check it is there too, for a clear message.
        drop(tool("chromium", "chromium"));
        let port = free_port();
        let driver = tool("chromedriver", "chromium-driver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver starts");
        let mut guard = Browser::killer(driver);
        let url = format!("http://127.0.0.1:{port}");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_owned(),
            json!({ "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] }),
        );
        let mut last_error = String::new();
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    let driver = guard.take();
                    return Browser { client, driver };
                }
                Err(error) => last_error = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver on port {port} gave no browser session: {last_error}");
    }

    fn killer(driver: Child) -> Killer {
        Killer(Some(driver))
    }

    /// Opens `url`.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    /// The element `css`, waiting for it up to 10 s; panics with the page's address and text.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(error) => {
                let page = self.client.source().await.unwrap_or_default();
                panic!("no `{css}` on {}: {error}\n{page}", self.url().await)
            }
        }
    }

    /// The id WebDriver gives the current document's root element (a new page, a new id).
    async fn document(&self) -> Option<String> {
        let root = self.client.find(Locator::Css("html")).await.ok()?;
        Some(root.element_id().to_string())
    }

    /// Clicks the element `css` (a link or a submit button) and waits until the browser shows
    /// the next page, so that the next step never acts on the page being left.
    pub async fn click(&self, css: &str) {
        let before = self.document().await;
        let mut clicked = Err(String::new());
        for _ in 0..3 {
            clicked = self
                .find(css)
                .await
                .click()
                .await
                .map_err(|e| e.to_string());
            if clicked.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        clicked.unwrap_or_else(|e| panic!("clicking `{css}` failed: {e}"));
        for _ in 0..200 {
            if self
                .document()
                .await
                .is_some_and(|now| Some(&now) != before.as_ref())
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "clicking `{css}` led to no new page (still {})",
            self.url().await
        );
    }

    /// Clicks the element `css` that changes the page in place (a checkbox), no new page.
    pub async fn click_in_place(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    /// Types `text` into the field `css` (emptied first).
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// The text of the element `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// The address the browser shows.
    pub async fn url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    /// Ends the session, then the driver (dropping `self`).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_group(&mut self.driver);
    }
}

#[tokio::test]
async fn a_dropped_browser_leaves_no_chromedriver_behind() {
    let browser = Browser::start().await;
    let pid = browser.driver.id();
    let alive = |pid: u32| std::path::Path::new(&format!("/proc/{pid}")).exists();
    assert!(alive(pid));
    drop(browser); // what a failing test's unwinding does
    assert!(!alive(pid), "chromedriver {pid} outlived its Browser");
}

/// Kills chromedriver's process group when dropped (a panic while starting included).
struct Killer(Option<Child>);

impl Killer {
    fn take(&mut self) -> Child {
        self.0.take().expect("the driver is still there")
    }
}

impl Drop for Killer {
    fn drop(&mut self) {
        if let Some(driver) = self.0.as_mut() {
            kill_group(driver);
        }
    }
}

/// SIGKILL to the whole process group of `driver` (chromedriver and its Chromium), then reaps it.
fn kill_group(driver: &mut Child) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", driver.id())])
        .stderr(Stdio::null())
        .status();
    let _ = driver.kill();
    let _ = driver.wait();
}

/// The client's redirect URL: an HTTP listener on loopback that answers every request with a
/// short page and records the address (path and query) it was asked.
pub struct Landing {
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    landed: mpsc::UnboundedReceiver<String>,
}

impl Landing {
    pub async fn start() -> Landing {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, landed) = mpsc::unbounded_channel();
        let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
            let tx = tx.clone();
            async move {
                if uri.path() != "/favicon.ico" {
                    let _ = tx.send(uri.to_string());
                }
                axum::response::Html("<p id=landed>back in the application</p>")
            }
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        Landing { base_url, landed }
    }

    /// The next address the browser landed on (waiting up to 20 s).
    pub async fn next(&mut self) -> String {
        tokio::time::timeout(Duration::from_secs(20), self.landed.recv())
            .await
            .expect("the browser reached the redirect URL within 20 s")
            .expect("the listener runs")
    }
}
