//! A one-line sparkline of decimal values (`▁▂▄▇█`), scaled between the series' own minimum
//! and maximum, for an account's balance history in a table cell.
//!
//! Privacy mode hides the shape too (a rise or a fall tells about the amounts): the cell keeps
//! its width but shows a row of `·`, never bars. Choice (ours): dots rather than a flat bar
//! line, which would read as "the balance did not move".

use rust_decimal::Decimal;

use crate::ui::format::NumberStyle;

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// What a masked sparkline shows in place of each bar.
const MASKED: char = '·';

/// The last `width` values as bars; a flat series is a flat line, an empty one is empty. In
/// privacy mode (`numbers`), as many dots as there would be bars.
pub fn sparkline(values: &[Decimal], width: usize, numbers: NumberStyle) -> String {
    let values = &values[values.len().saturating_sub(width)..];
    if numbers.is_private() {
        return values.iter().map(|_| MASKED).collect();
    }
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
        let shown = NumberStyle::default();
        assert_eq!(sparkline(&[d(0), d(50), d(100)], 8, shown), "▁▅█");
        assert_eq!(sparkline(&[d(7), d(7)], 8, shown), "▁▁");
        assert_eq!(sparkline(&[d(1), d(2), d(3)], 2, shown), "▁█");
        assert_eq!(sparkline(&[], 4, shown), "");
    }

    #[test]
    fn privacy_mode_hides_the_shape_of_the_balance() {
        let d = |v: i64| Decimal::from(v);
        let private = NumberStyle::default().private(true);
        assert_eq!(sparkline(&[d(0), d(50), d(100)], 8, private), "···");
        assert_eq!(sparkline(&[d(1), d(2), d(3)], 2, private), "··");
    }
}
