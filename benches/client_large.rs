//! Benchmark: the `large` test-bank file's transactions fetched through the Oxlin client over
//! loopback (limit 500), one page at a time against pages fetched concurrently. Prints figures.

use std::time::Instant;

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::endpoints::TransactionFilter;
use coffre::oxlin::secret::secret;
use coffre::sandbox::{SandboxConfig, start};

fn main() {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run()) {
        eprintln!("client_large: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = SandboxConfig::default();
    let sandbox = start(config.clone()).await?;
    let oxlin = OxlinConfig::with_hosts(
        &sandbox.base_url,
        &sandbox.api_url(),
        &sandbox.base_url,
        config.client_id.clone(),
        secret(config.client_secret.clone()),
    );
    let admin = Client::with_client_credentials(oxlin.clone(), "users_create")?;
    let password = secret("bench password");
    admin.create_user("bench@example.com", &password).await?;
    let client = Client::with_password(
        oxlin,
        "bench@example.com",
        password,
        "transactions_read profile",
    )?;
    let me = client.me().await?;
    let seeded =
        coffre::sandbox::testbank::seed(&sandbox.state, &me.id, "large", &["transactions_read"])?;
    println!("seeded {} transactions", seeded.transactions);
    for concurrency in [1, 4, 8] {
        let started = Instant::now();
        let all = client
            .transactions(&TransactionFilter::default(), 500, concurrency)
            .await?;
        let elapsed = started.elapsed();
        println!(
            "concurrency {concurrency}: {} transactions in {:.2} s ({:.0} tx/s)",
            all.len(),
            elapsed.as_secs_f64(),
            all.len() as f64 / elapsed.as_secs_f64()
        );
    }
    sandbox.stop().await;
    Ok(())
}
