//! The finX sandbox's largest bank (`Großbank Massendaten`, about 25,000 transactions over the
//! default 90 days): links it through the widget over loopback HTTP (the OTP step generates
//! the data), exchanges the code, then reads every transaction page by page (`count=1000`)
//! and prints the times and transactions per second. Goal: paging stays linear (the last page
//! as fast as the first).
//!
//! Run with `cargo bench --bench finx_sandbox_large` (or `--profile dev` for a debug build).

use std::time::{Duration, Instant};

use coffre::sandbox::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET, SandboxConfig, start};
use serde_json::{Value, json};

const CALLBACK: &str = "http://127.0.0.1:9/cb";

fn main() {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run()) {
        eprintln!("finx_sandbox_large: {e}");
        std::process::exit(1);
    }
}

type Failure = Box<dyn std::error::Error>;

async fn run() -> Result<(), Failure> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sandbox = start(SandboxConfig::default()).await?;
    let base = sandbox.finx_url();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;

    let link: Value = http
        .post(format!("{base}/onetime/access"))
        .basic_auth(SANDBOX_FINX_CLIENT_ID, Some(SANDBOX_FINX_CLIENT_SECRET))
        .json(&json!({ "redirect_uri": CALLBACK }))
        .send()
        .await?
        .json()
        .await?;
    let location = link["location"].as_str().ok_or("no location")?;
    let token = location
        .split("token=")
        .nth(1)
        .ok_or("no token")?
        .to_owned();
    let post = |step: &str, fields: Vec<(&str, &str)>| {
        let mut form = vec![("token", token.as_str())];
        form.extend(fields);
        http.post(format!("{base}/widget/{step}"))
            .form(&form)
            .send()
    };
    post("bank", vec![("bank_id", "massendaten")]).await?;
    post("login", vec![("login", "figo01"), ("pin", "654321")]).await?;
    let started = Instant::now();
    post("otp", vec![("otp", "123456")]).await?;
    let generated = started.elapsed();
    let accounts = [
        "A998944684550000001.1",
        "A998944684550000001.2",
        "A998944684550000001.3",
    ];
    let fields = accounts.iter().map(|a| ("account", *a)).collect();
    let callback = post("accounts", fields).await?;
    let callback = callback.headers()["location"].to_str()?.to_owned();
    let code = url::Url::parse(&callback)?
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .ok_or("no code in the callback")?;

    let started = Instant::now();
    let answer: Value = http
        .post(format!("{base}/auth/token"))
        .basic_auth(SANDBOX_FINX_CLIENT_ID, Some(SANDBOX_FINX_CLIENT_SECRET))
        .json(&json!({ "grant_type": "authorization_code", "code": code }))
        .send()
        .await?
        .json()
        .await?;
    let exchanged = started.elapsed();
    let access = answer["access_token"]
        .as_str()
        .ok_or("no access token")?
        .to_owned();

    let started = Instant::now();
    let (mut fetched, mut pages) = (0usize, Vec::<Duration>::new());
    loop {
        let page_started = Instant::now();
        let body: Value = http
            .get(format!(
                "{base}/rest/transactions?count=1000&offset={fetched}&include_pending=true"
            ))
            .bearer_auth(&access)
            .send()
            .await?
            .json()
            .await?;
        pages.push(page_started.elapsed());
        let count = body["transactions"].as_array().map_or(0, Vec::len);
        fetched += count;
        if count < 1000 {
            break;
        }
    }
    let served = started.elapsed();
    println!(
        "finX bank Großbank Massendaten: {fetched} transactions in {} pages of 1000",
        pages.len()
    );
    println!("generate (OTP step):        {generated:>10.1?}");
    println!("code exchange:              {exchanged:>10.1?}");
    println!("read every page:            {served:>10.1?}");
    println!(
        "first page / last page:     {:.1?} / {:.1?}",
        pages[0],
        pages[pages.len() - 1]
    );
    println!(
        "throughput: {:.0} transactions/s",
        fetched as f64 / served.as_secs_f64()
    );
    sandbox.stop().await;
    Ok(())
}
