//! Serves the `large` test-bank file (≥ 100,000 transactions) page by page (limit 500) over
//! loopback HTTP and prints transactions per second. Goal: ≥ 20,000/s.
//!
//! Run with `cargo bench --bench sandbox_large`.

use std::time::Instant;

use coffre::sandbox::testbank::{load, seed};
use coffre::sandbox::{SandboxConfig, start};
use serde_json::Value;

fn main() {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run()) {
        eprintln!("sandbox_large: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sandbox = start(SandboxConfig::default()).await?;

    let started = Instant::now();
    let bank = load("large")?;
    let parsed = started.elapsed();
    let in_file: usize = bank.accounts.iter().map(|a| a.transactions.len()).sum();

    let started = Instant::now();
    let seeded = seed(
        &sandbox.state,
        "bench-user",
        "large",
        &["transactions_read"],
    )?;
    let imported = started.elapsed();

    let client = reqwest::Client::new();
    let started = Instant::now();
    let (mut fetched, mut pages) = (0usize, 0usize);
    loop {
        pages += 1;
        let url = format!("{}/transactions?limit=500&page={pages}", sandbox.api_url());
        let answer = client
            .get(url)
            .bearer_auth(&seeded.access_token)
            .send()
            .await?;
        let status = answer.status();
        let body: Value = answer.json().await?;
        let count = body.as_array().map_or(0, Vec::len);
        if !status.is_success() {
            return Err(format!("page {pages}: {status} {body}").into());
        }
        fetched += count;
        if count < 500 {
            break;
        }
    }
    let served = started.elapsed();
    if fetched != seeded.transactions {
        return Err(format!("fetched {fetched} of {} transactions", seeded.transactions).into());
    }
    let per_second = fetched as f64 / served.as_secs_f64();
    println!(
        "large file: {in_file} transactions in {} accounts",
        bank.accounts.len()
    );
    println!("parse (first load):        {parsed:>10.1?}");
    println!("import (list + sync):      {imported:>10.1?}");
    println!("served {fetched} transactions in {pages} pages of 500: {served:.2?}");
    println!("throughput: {per_second:.0} transactions/s (goal: 20000)");
    sandbox.stop().await;
    Ok(())
}
