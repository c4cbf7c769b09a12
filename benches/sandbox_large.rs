//! Benchmark: the sandbox serving every transaction of a connection, page by page (limit 500)
//! over loopback HTTP, for a bank shaped like `large` at 10,000, 100,000 and 1,000,000
//! transactions: as one list (`GET /transactions`, every account merged) and account by account
//! (`account_id=…`, as `coffre sync` reads). Prints one table (transactions per second). Goal:
//! ≥ 200,000 tx/s at 1M, about the same rate at every size (a page costs the same wherever it
//! is: linear in all).
//!
//! Run with `cargo bench --bench sandbox_large` (add sizes to run only those: `-- 100000`).
//! Also prints `table|…` lines for `benches/table.sh`. The pages are counted, not decoded
//! into `serde_json::Value`s (which cost the bench as much as the sandbox's serving).

#[path = "support/generated_bank.rs"]
mod generated_bank;

use std::time::Instant;

use coffre::sandbox::testbank::seed_parsed;
use coffre::sandbox::{SandboxConfig, start};
use serde::de::IgnoredAny;

const LIMIT: usize = 500;

fn main() {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        generated_bank::SIZES.to_vec()
    } else {
        sizes
    };
    println!("the sandbox serving every transaction of a connection, pages of {LIMIT}:");
    println!(
        "{:>12} {:>10} {:>16} {:>16}",
        "transactions", "seed s", "merged tx/s", "by account tx/s"
    );
    for size in sizes {
        if let Err(e) = runtime.block_on(run(size)) {
            eprintln!("sandbox_large: {e}");
            std::process::exit(1);
        }
    }
}

async fn run(size: usize) -> Result<(), Box<dyn std::error::Error>> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sandbox = start(SandboxConfig::default()).await?;
    let bank = generated_bank::scaled_large(size);
    let started = Instant::now();
    let seeded = seed_parsed(&sandbox.state, "bench-user", bank, &["transactions_read"])?;
    let seeding = started.elapsed().as_secs_f64();
    let client = reqwest::Client::new();
    let fetch_all = |account: Option<String>| {
        let client = client.clone();
        let url = sandbox.api_url();
        let token = seeded.access_token.clone();
        async move {
            let mut fetched = 0usize;
            for page in 1.. {
                let mut url = format!("{url}/transactions?limit={LIMIT}&page={page}");
                if let Some(id) = &account {
                    url.push_str(&format!("&account_id={id}"));
                }
                let answer = client.get(url).bearer_auth(&token).send().await?;
                let status = answer.status();
                let body = answer.bytes().await?;
                if !status.is_success() {
                    let text = String::from_utf8_lossy(&body);
                    return Err(format!("page {page}: {status} {text}").into());
                }
                // Counted, not decoded into values: the bench measures the sandbox.
                let count = serde_json::from_slice::<Vec<IgnoredAny>>(&body)?.len();
                fetched += count;
                if count < LIMIT {
                    break;
                }
            }
            Ok::<usize, Box<dyn std::error::Error>>(fetched)
        }
    };
    let started = Instant::now();
    let merged = fetch_all(None).await?;
    let merged_rate = merged as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut by_account = 0;
    for id in &seeded.account_ids {
        by_account += fetch_all(Some(id.clone())).await?;
    }
    let by_account_rate = by_account as f64 / started.elapsed().as_secs_f64();
    for fetched in [merged, by_account] {
        if fetched != seeded.transactions {
            return Err(format!("fetched {fetched} of {}", seeded.transactions).into());
        }
    }
    println!(
        "{:>12} {seeding:>10.2} {merged_rate:>16.0} {by_account_rate:>16.0}",
        seeded.transactions
    );
    println!("table|sandbox serving, merged tx/s|{size}|{merged_rate:.0}");
    println!("table|sandbox serving, by account tx/s|{size}|{by_account_rate:.0}");
    sandbox.stop().await;
    Ok(())
}
