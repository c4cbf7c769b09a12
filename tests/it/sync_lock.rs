//! The sync lock with the real binary: many `coffre sync` started at once never run two syncs
//! (exactly one takes the lock each time, the others exit 75 "try again later"); a sync killed
//! with SIGKILL while it holds the lock does not block the next one; a pid left in the lock
//! file, even of a live process, blocks nothing. The sandbox answers slowly (`latency`) so
//! that a sync holds the lock long enough for the others to find it.
//!
//! The processes above rarely start within the same microseconds, so they never reproduced
//! the old lock's race (a file created empty, then filled with the pid: a second process
//! reading it empty took it for stale, removed it and took the lock too). Eight threads
//! released at one barrier, 5,000 rounds, do: against that old lock (commit 40a7f6c, run as a
//! standalone copy with this test's body), the barrier test below failed 3 runs of 3 (rounds
//! with 2 to 6 holders); with 2,000 rounds, 1 run of 3.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use coffre::sync::lock::{LockError, SyncLock};

use crate::support::sync_bank::{bank_on, stored, sync_command};

use coffre::sandbox::SandboxConfig;
use coffre::store::TransactionQuery;

/// Starts at once per round, and rounds.
const STARTS: usize = 6;
const ROUNDS: usize = 4;

fn slow(latency_ms: u64) -> SandboxConfig {
    SandboxConfig {
        faults: format!("latency={latency_ms}ms").parse().unwrap(),
        ..SandboxConfig::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_syncs_never_run_together_exactly_one_takes_the_lock() {
    let bank = bank_on(slow(250), "crowd@example.com", &["default"]).await;
    let mut expected = None;
    for round in 0..ROUNDS {
        let children: Vec<_> = (0..STARTS)
            .map(|_| sync_command(bank.dir.path(), &[]).spawn().unwrap())
            .collect();
        let mut synced = 0;
        let mut refused = 0;
        for child in children {
            let out = child.wait_with_output().await.unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            match out.status.code() {
                Some(0) => synced += 1,
                Some(75) if text.contains("a sync from another coffre is running") => refused += 1,
                other => panic!("round {round}: unexpected exit {other:?}: {text}"),
            }
        }
        assert_eq!(
            (synced, refused),
            (1, STARTS - 1),
            "round {round}: exactly one sync runs"
        );
        let count = stored(&bank)
            .transaction_count(&TransactionQuery::default())
            .unwrap();
        assert!(count > 0);
        assert_eq!(*expected.get_or_insert(count), count, "round {round}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_while_holding_the_lock_does_not_block_the_next() {
    let bank = bank_on(slow(500), "killed-lock@example.com", &["default"]).await;
    let lock_file = bank.dir.path().join("data").join("sync.lock");
    let mut child = sync_command(bank.dir.path(), &[]).spawn().unwrap();
    let pid = child.id().unwrap().to_string();
    // The holder writes its pid once it holds the lock.
    let started = Instant::now();
    while std::fs::read_to_string(&lock_file).unwrap_or_default() != pid {
        assert!(started.elapsed() < Duration::from_secs(30), "never locked");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().await.unwrap(); // SIGKILL
    child.wait().await.unwrap();
    assert!(
        lock_file.exists(),
        "the lock file stays; only its lock went"
    );

    let out = sync_command(bank.dir.path(), &[]).output().await.unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_pid_left_in_the_lock_file_does_not_block_a_sync() {
    let bank = bank_on(SandboxConfig::default(), "reused@example.com", &["default"]).await;
    let data = bank.dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // This test's own pid: a live process, as a reused pid would be.
    std::fs::write(data.join("sync.lock"), std::process::id().to_string()).unwrap();
    let out = sync_command(bank.dir.path(), &[]).output().await.unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The barrier test below, run in a process of its own (this test binary, filtered to it): in
/// the shared test process, another test's `Command::spawn` forks while a locker holds the lock
/// file open, the child shares that open file (an `flock` belongs to it, not to the descriptor)
/// until its `exec` closes it, and the lock stays held after its holder let go: rounds with no
/// holder, every locker "held by another" (seen in CI from round 3561 of 5,000; here 192 rounds
/// of 5,000 while the other `sync_lock` tests spawned `coffre sync`).
#[test]
fn lockers_released_at_one_barrier_never_hold_the_lock_together() {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "sync_lock::barrier_rounds_in_a_process_nobody_forks",
            "--exact",
            "--ignored",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(said.contains("1 passed"), "the rounds ran: {said}");
}

#[test]
#[ignore = "run in a process of its own by lockers_released_at_one_barrier_never_hold_the_lock_together"]
fn barrier_rounds_in_a_process_nobody_forks() {
    const LOCKERS: usize = 8;
    const ROUNDS: usize = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let start = Arc::new(Barrier::new(LOCKERS));
    let tried = Arc::new(Barrier::new(LOCKERS));
    let released = Arc::new(Barrier::new(LOCKERS));
    let holders: Arc<Vec<AtomicUsize>> =
        Arc::new((0..ROUNDS).map(|_| AtomicUsize::new(0)).collect());
    // Failures other than "held by another", with the round and the open descriptors then.
    let errors = Arc::new(Mutex::new(Vec::new()));
    let lockers: Vec<_> = (0..LOCKERS)
        .map(|_| {
            let (start, tried, released) = (start.clone(), tried.clone(), released.clone());
            let (holders, dir) = (holders.clone(), dir.path().to_path_buf());
            let errors = errors.clone();
            std::thread::spawn(move || {
                for (round, held) in holders.iter().enumerate() {
                    start.wait();
                    let lock = SyncLock::acquire(&dir);
                    match &lock {
                        Ok(_) => _ = held.fetch_add(1, Ordering::SeqCst),
                        Err(LockError::Busy(_)) => {}
                        Err(other) => errors.lock().unwrap().push(LockFailure {
                            round,
                            said: other.to_string(),
                            open_files: open_files(),
                        }),
                    }
                    // Everyone has tried before the holder lets go.
                    tried.wait();
                    drop(lock);
                    released.wait();
                }
            })
        })
        .collect();
    for locker in lockers {
        locker.join().unwrap();
    }
    let wrong: Vec<(usize, usize)> = holders
        .iter()
        .map(|held| held.load(Ordering::SeqCst))
        .enumerate()
        .filter(|(_, held)| *held != 1)
        .collect();
    let errors = errors.lock().unwrap();
    assert!(
        wrong.is_empty() && errors.is_empty(),
        "{}",
        why_not_one_holder(&wrong, &errors, dir.path())
    );
}

/// A locker's failure other than "held by another".
struct LockFailure {
    round: usize,
    said: String,
    /// This process's open file descriptors then (`None` where `/proc` is not).
    open_files: Option<usize>,
}

/// This process's open file descriptors, from `/proc/self/fd`.
fn open_files() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/fd").ok()?.count())
}

/// The failure in words: which rounds had no holder or two, and what explains them: "held by
/// another" with no holder points at a lock file still held after its holder let go (its open
/// file shared with a child process: why the rounds run in a process of their own); an error
/// (`Too many open files`, `No space left on device`) at the process or the machine, with the
/// descriptors open then and the process's limit to tell which.
fn why_not_one_holder(
    wrong: &[(usize, usize)],
    errors: &[LockFailure],
    dir: &std::path::Path,
) -> String {
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|l| {
            l.lines()
                .find(|l| l.starts_with("Max open files"))
                .map(str::to_owned)
        });
    let lock_file = dir.join(coffre::sync::lock::LOCK_FILE);
    format!(
        "{} rounds without exactly one holder (round, holders; first 10): {:?}; last: {:?}\n\
         {} failures other than \"held by another\", first 3: {:?}\n\
         open files now: {:?}; {}; the lock file now: {:?}",
        wrong.len(),
        wrong.iter().take(10).collect::<Vec<_>>(),
        wrong.last(),
        errors.len(),
        errors
            .iter()
            .take(3)
            .map(|e| format!(
                "round {}: {} (open files then: {:?})",
                e.round, e.said, e.open_files
            ))
            .collect::<Vec<_>>(),
        open_files(),
        limit.unwrap_or_else(|| "no /proc/self/limits".into()),
        std::fs::metadata(&lock_file).map(|m| m.len()),
    )
}
