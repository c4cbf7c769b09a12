//! A one-line sparkline of decimal values (`▁▂▄▇█`), scaled between the series' own minimum
//! and maximum, for an account's balance history in a table cell.

use rust_decimal::Decimal;

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The last `width` values as bars; a flat series is a flat line, an empty one is empty.
pub fn sparkline(values: &[Decimal], width: usize) -> String {
    let values = &values[values.len().saturating_sub(width)..];
    let (Some(min), Some(max)) = (values.iter().min(), values.iter().max()) else {
        return String::new();
    };
    let span = *max - *min;
    values
        .iter()
        .map(|v| {
            if span.is_zero() {
                return LEVELS[0];
            }
            let level = (*v - *min) * Decimal::from(LEVELS.len() - 1) / span;
            let i = level.round().try_into().unwrap_or(0usize);
            LEVELS[i.min(LEVELS.len() - 1)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rising_balance_rises_and_flat_stays_flat() {
        let d = |v: i64| Decimal::from(v);
        assert_eq!(sparkline(&[d(0), d(50), d(100)], 8), "▁▅█");
        assert_eq!(sparkline(&[d(7), d(7)], 8), "▁▁");
        assert_eq!(sparkline(&[d(1), d(2), d(3)], 2), "▁█");
        assert_eq!(sparkline(&[], 4), "");
    }
}
