//! A measurement, not a regular test (`#[ignore]`, run by hand for issue 9's closing table):
//! kill -9 of a token-resumed `coffre sync` at a random moment of its run (uniform over the time
//! a whole run takes there), `COFFRE_KILL_TRIALS` times (default 20), each time on a fresh
//! sandbox with 150 ms of latency per call, then a cron run without a password. A trial survives when that next run resumes the session (exit 0); it is
//! lost when the user would have to log in again. Each trial's moment and outcome is printed.
//!
//! `cargo test --test it measure_kills -- --ignored --nocapture`

use std::str::FromStr;
use std::time::Duration;

use coffre::sandbox::{Faults, SandboxConfig};

use crate::support::sync_bank::{bank_on, sync, sync_command, sync_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run by hand with --ignored --nocapture"]
async fn measure_kills_of_a_resumed_sync_at_random_moments() {
    let trials: usize = std::env::var("COFFRE_KILL_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let (mut survived, mut lost, mut ended) = (0, 0, 0);
    for trial in 0..trials {
        let config = SandboxConfig {
            faults: Faults::from_str("latency=150ms").unwrap(),
            ..SandboxConfig::default()
        };
        let bank = bank_on(config, &format!("kill{trial}@example.com"), &["default"]).await;
        let started = std::time::Instant::now();
        let (code, output) = sync(&bank).await;
        assert_eq!(code, 0, "the first sync logs in: {output}");
        // A resumed run takes about as long as this one: the kill lands somewhere inside it.
        let whole = started.elapsed().as_millis().max(1) as u64;
        let moment = Duration::from_millis(rand08::random::<u64>() % whole);
        let mut child = sync_command(bank.dir.path(), &[])
            .env_remove("COFFRE_OXLIN_PASSWORD")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let finished_first = tokio::time::timeout(moment, child.wait()).await.is_ok();
        if finished_first {
            ended += 1;
        } else {
            child.start_kill().unwrap();
            child.wait().await.unwrap();
        }
        let (code, output) = sync_with(&bank, None).await;
        let kept = code == 0;
        if kept {
            survived += 1;
        } else {
            lost += 1;
        }
        println!(
            "trial {trial}: killed at {} ms{}: next run exit {code}{}",
            moment.as_millis(),
            if finished_first {
                " (it had ended)"
            } else {
                ""
            },
            if kept { "" } else { &output }
        );
    }
    println!(
        "kills: {trials} tried ({ended} landed after the run had ended), {survived} survived, {lost} lost"
    );
}
