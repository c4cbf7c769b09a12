//! The ascending order of every row by one column, computed once per column (on first use) and
//! kept: a later sort by that column is then one pass over it that keeps the rows passing the
//! filter. Ties go by row number, so each order is total and a descending sort is exactly the
//! ascending one reversed.
//!
//! - Date, account, status and category have few distinct keys: a counting sort, `O(n)`.
//! - Amount: one sort of `(amount, row)` pairs.
//! - Label (the lowercased search text): sorted eight bytes at a time — pairs of (next eight
//!   bytes as a number, row) are sorted, then each run that shares those bytes and goes on is
//!   sorted by the following eight — so a comparison is between integers, not strings.

use rust_decimal::Decimal;

/// Counting sort of rows `0..n` by `key(row) < buckets` (stable: ties by row number).
pub fn by_small_key(n: u32, buckets: usize, key: impl Fn(u32) -> usize) -> Vec<u32> {
    let mut starts = vec![0usize; buckets + 1];
    for i in 0..n {
        starts[key(i).min(buckets - 1) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut out = vec![0u32; n as usize];
    for i in 0..n {
        let b = key(i).min(buckets - 1);
        out[starts[b]] = i;
        starts[b] += 1;
    }
    out
}

/// Rows `0..n` by day number (a counting sort when the days span a sane range).
pub fn by_day(n: u32, day: impl Fn(u32) -> i32) -> Vec<u32> {
    let (min, max) = (0..n).fold((i32::MAX, i32::MIN), |(lo, hi), i| {
        (lo.min(day(i)), hi.max(day(i)))
    });
    let span = (max as i64 - min as i64 + 1).max(1);
    if n == 0 || span > 4 * n as i64 + 100_000 {
        let mut ix: Vec<u32> = (0..n).collect();
        ix.sort_unstable_by_key(|i| (day(*i), *i));
        return ix;
    }
    by_small_key(n, span as usize, |i| (day(i) as i64 - min as i64) as usize)
}

/// Rows `0..n` by amount.
pub fn by_amount(n: u32, amount: impl Fn(u32) -> Decimal) -> Vec<u32> {
    let mut keyed: Vec<(Decimal, u32)> = (0..n).map(|i| (amount(i), i)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Rows `0..n` by text, byte order.
pub fn by_text<'a>(n: u32, text: impl Fn(u32) -> &'a str) -> Vec<u32> {
    let mut ix: Vec<u32> = (0..n).collect();
    sort_text(&mut ix, 0, &text);
    ix
}

/// Eight bytes of `text` from `depth` as a big-endian number, padded with zero bytes.
fn chunk(text: &[u8], depth: usize) -> u64 {
    let mut bytes = [0u8; 8];
    if let Some(rest) = text.get(depth..) {
        let len = rest.len().min(8);
        bytes[..len].copy_from_slice(&rest[..len]);
    }
    u64::from_be_bytes(bytes)
}

fn sort_text<'a>(ix: &mut [u32], depth: usize, text: &impl Fn(u32) -> &'a str) {
    let mut keyed: Vec<(u64, u32)> = ix
        .iter()
        .map(|i| (chunk(text(*i).as_bytes(), depth), *i))
        .collect();
    keyed.sort_unstable();
    for (slot, (_, i)) in ix.iter_mut().zip(&keyed) {
        *slot = *i;
    }
    let mut start = 0;
    while start < keyed.len() {
        let key = keyed[start].0;
        let end = start + keyed[start..].iter().take_while(|k| k.0 == key).count();
        // A run whose eighth byte is padding holds texts that all ended: equal, by row already.
        // (Cleaned text holds no zero byte, so padding is never confused with text.)
        if end - start > 1 && key & 0xff != 0 {
            sort_text(&mut ix[start..end], depth + 8, text);
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_order_is_byte_order_then_row_number() {
        let texts = [
            "prlv sepa edf 12",
            "prlv sepa edf 1",
            "cb",
            "prlv sepa edf 12",
            "",
            "prlv sepa edf 12\tnotes",
            "prlv sepa",
        ];
        let got = by_text(texts.len() as u32, |i| texts[i as usize]);
        let mut want: Vec<u32> = (0..texts.len() as u32).collect();
        want.sort_by_key(|i| (texts[*i as usize], *i));
        assert_eq!(got, want);
    }

    #[test]
    fn counting_sort_is_stable_and_days_far_apart_still_sort() {
        let keys = [3usize, 1, 3, 0, 1];
        assert_eq!(by_small_key(5, 4, |i| keys[i as usize]), [3, 1, 4, 0, 2]);
        let days = [i32::MAX - 1, -5, 7, -5];
        assert_eq!(by_day(4, |i| days[i as usize]), [1, 3, 2, 0]);
    }
}
