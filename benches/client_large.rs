//! Benchmark: the headless sync end to end, `coffre sync` (the release binary, as cron runs it)
//! against a sandbox at `--delay-ms 0` (in this process) holding one connection to a bank
//! shaped like `large` at 10,000, 100,000 and 1,000,000 transactions, into an empty store.
//! Prints one table: wall time, transactions per second, and the sync's peak memory and CPU
//! time (user + system, from `/usr/bin/time`, when installed: on a loaded machine the CPU time
//! says more than the wall time). Goal for `large` (120,000): ≤ 1.5 s, ≤ 60 MB.
//!
//! Run with `cargo bench --bench client_large` (add sizes to run only those, e.g. `-- 120000`;
//! `COFFRE_BENCH_WRAP="heaptrack -o FILE"` runs coffre under that command).
//! Also prints `table|…` lines for `benches/table.sh`; with `COFFRE_BENCH_KEEP` set, the synced
//! data dir is kept and its path printed (`kept data in …`, for `benches/vs_hledger_ui.sh`).

#[path = "support/generated_bank.rs"]
mod generated_bank;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::secret::secret;
use coffre::sandbox::testbank::seed_parsed;
use coffre::sandbox::{SandboxConfig, start};

const PASSWORD: &str = "bench password";

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
    println!("headless `coffre sync` into an empty store, sandbox at --delay-ms 0:");
    println!(
        "{:>12} {:>10} {:>12} {:>10} {:>10}",
        "transactions", "wall s", "tx/s", "peak MB", "CPU s"
    );
    for size in sizes {
        if let Err(e) = runtime.block_on(run(size)) {
            eprintln!("client_large: {e}");
            std::process::exit(1);
        }
    }
}

async fn run(size: usize) -> Result<(), Box<dyn std::error::Error>> {
    let config = SandboxConfig::default();
    let sandbox = start(config.clone()).await?;
    let oxlin = OxlinConfig::with_hosts(
        &sandbox.base_url,
        &sandbox.api_url(),
        &sandbox.base_url,
        config.client_id.clone(),
        secret(config.client_secret.clone()),
    );
    let admin = Client::with_client_credentials(oxlin, "users_create")?;
    let email = "bench@example.com";
    let user = admin.create_user(email, &secret(PASSWORD)).await?;
    let bank = generated_bank::scaled_large(size);
    let seeded = seed_parsed(&sandbox.state, &user, bank, &["accounts_read"])?;
    let dir = tempfile::tempdir()?;
    let toml = format!(
        "[oxlin]\nauth_url = \"{b}\"\napi_url = \"{a}\"\nclient_id = \"{i}\"\n\
         client_secret = \"{s}\"\nusername = \"{email}\"\n",
        b = sandbox.base_url,
        a = sandbox.api_url(),
        i = config.client_id,
        s = config.client_secret,
    );
    let config_file = dir.path().join("config.toml");
    std::fs::write(&config_file, toml)?;
    private(&config_file)?;
    let timed = Path::new("/usr/bin/time").exists();
    // `COFFRE_BENCH_WRAP`: a command put before coffre's (e.g. `heaptrack -o /tmp/sync`), to
    // profile the sync as the bench runs it.
    let wrap = std::env::var("COFFRE_BENCH_WRAP").unwrap_or_default();
    let mut words: Vec<&str> = wrap.split_whitespace().collect();
    words.push(env!("CARGO_BIN_EXE_coffre"));
    let mut command = if timed {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "peak-kb %M cpu %U %S"]).args(&words);
        c
    } else {
        let mut c = Command::new(words[0]);
        c.args(&words[1..]);
        c
    };
    command
        .arg("sync")
        .arg("--config")
        .arg(&config_file)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .env("COFFRE_OXLIN_PASSWORD", PASSWORD);
    let started = Instant::now();
    let out = tokio::task::spawn_blocking(move || command.output()).await??;
    let wall = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("coffre sync failed: {stdout}{stderr}").into());
    }
    if !stdout.contains(&format!("{} new transaction(s)", seeded.transactions)) {
        return Err(format!("not every transaction was stored: {stdout}").into());
    }
    // `peak-kb <kb> cpu <user s> <system s>`, the last line /usr/bin/time writes.
    let timing: Vec<f64> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("peak-kb "))
        .next_back()
        .map(|rest| {
            rest.split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let shown = |value: Option<f64>| value.map_or_else(|| "?".to_owned(), |v| format!("{v:.2}"));
    println!(
        "{:>12} {wall:>10.2} {:>12.0} {:>10} {:>10}",
        seeded.transactions,
        seeded.transactions as f64 / wall,
        shown(timing.first().map(|kb| kb / 1024.0)),
        shown(
            timing
                .get(1)
                .zip(timing.get(2))
                .map(|(user, system)| user + system)
        ),
    );
    println!("table|headless sync, wall s|{size}|{wall:.2}");
    if let Some(cpu) = timing.get(1).zip(timing.get(2)).map(|(u, s)| u + s) {
        println!("table|headless sync, CPU s|{size}|{cpu:.2}");
    }
    if let Some(kb) = timing.first() {
        println!("table|headless sync, peak MB|{size}|{:.0}", kb / 1024.0);
    }
    sandbox.stop().await;
    if std::env::var_os("COFFRE_BENCH_KEEP").is_some() {
        // For `benches/vs_hledger_ui.sh`: the synced store and its config, left for it.
        println!("kept data in {}", dir.keep().display());
    }
    Ok(())
}

/// The config holds a client secret: private, as coffre asks.
fn private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}
