//! A test bank shaped like the shipped `large` file (the same six accounts, currencies and
//! generated lines) scaled to any number of transactions, for the benchmarks at 10,000,
//! 100,000 and 1,000,000 transactions.

use std::sync::Arc;

use coffre::sandbox::testbank::{KNOWN_FILES, TestBank, parse};

/// The sizes every benchmark of the sync's data path runs at.
pub const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// `large` with its `COFFRE_GENERATE` counts scaled so that they add up to `total`.
pub fn scaled_large(total: usize) -> Arc<TestBank> {
    let Some((_, text)) = KNOWN_FILES.iter().find(|(name, _)| *name == "large") else {
        panic!("the shipped files have no `large`");
    };
    let counts: Vec<usize> = text
        .lines()
        .filter_map(|l| l.strip_prefix("COFFRE_GENERATE|"))
        .filter_map(|rest| rest.split('|').next()?.parse().ok())
        .collect();
    let in_file: usize = counts.iter().sum();
    let mut left = total;
    let mut scaled = counts.iter().enumerate().map(|(i, n)| {
        let share = if i + 1 == counts.len() {
            left
        } else {
            n * total / in_file
        };
        left -= share;
        share
    });
    let text: String = text
        .lines()
        .map(|line| match line.strip_prefix("COFFRE_GENERATE|") {
            Some(rest) => {
                let after = rest.split_once('|').map_or("", |(_, after)| after);
                format!("COFFRE_GENERATE|{}|{after}\n", scaled.next().unwrap_or(0))
            }
            None => format!("{line}\n"),
        })
        .collect();
    match parse(&format!("large_{total}"), &text) {
        Ok(bank) => Arc::new(bank),
        Err(e) => panic!("the scaled file does not parse: {e}"),
    }
}
