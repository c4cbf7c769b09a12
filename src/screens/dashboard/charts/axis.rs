//! Round axis bounds for an amount chart: the lowest and highest values widened to multiples
//! of a step of 1, 2 or 5 times a power of ten, so the labels read `0`, `1 500`, `3 000`
//! rather than `-13.27`, `2 987.41`. Exact (decimal) arithmetic; a value too large for it keeps
//! the bounds as they are rather than fail.

use rust_decimal::Decimal;

/// Round bounds around some values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The bottom of the axis (at most the lowest value).
    pub low: Decimal,
    /// The top of the axis (at least the highest value, and above `low`).
    pub high: Decimal,
}

impl Bounds {
    /// The middle of the axis.
    pub fn middle(&self) -> Decimal {
        self.low
            .checked_add(self.high)
            .map_or(self.low, |sum| sum / Decimal::TWO)
    }
}

/// Bounds for values between `min` and `max` (in any order), about `steps` steps apart.
pub fn round_bounds(min: Decimal, max: Decimal, steps: u32) -> Bounds {
    let (min, max) = if min <= max { (min, max) } else { (max, min) };
    let span = max.checked_sub(min).unwrap_or(Decimal::MAX);
    let span = if span.is_zero() {
        // A flat line: a step around its value.
        (max.abs() / Decimal::TEN).max(Decimal::ONE)
    } else {
        span
    };
    let step = nice_step(span / Decimal::from(steps.max(1)));
    let low = min
        .checked_div(step)
        .and_then(|q| q.floor().checked_mul(step))
        .unwrap_or(min);
    let high = max
        .checked_div(step)
        .and_then(|q| q.ceil().checked_mul(step))
        .unwrap_or(max);
    let high = if high <= low {
        low.checked_add(step).unwrap_or(Decimal::MAX)
    } else {
        high
    };
    Bounds { low, high }
}

/// The smallest of 1, 2, 5 times a power of ten that is at least `raw` (positive).
fn nice_step(raw: Decimal) -> Decimal {
    let mut power = Decimal::ONE;
    while power < raw / Decimal::TEN {
        match power.checked_mul(Decimal::TEN) {
            Some(p) => power = p,
            None => break,
        }
    }
    while power > raw && power > Decimal::new(1, 6) {
        power /= Decimal::TEN;
    }
    [1, 2, 5, 10]
        .into_iter()
        .filter_map(|m| power.checked_mul(Decimal::from(m)))
        .find(|s| *s >= raw)
        .unwrap_or(power)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn bounds_are_round_numbers_around_the_values() {
        let b = round_bounds(Decimal::new(-1327, 2), Decimal::new(298_741, 2), 4);
        assert_eq!((b.low, b.high), (Decimal::from(-1000), Decimal::from(3000)));
        let flat = round_bounds(Decimal::from(250), Decimal::from(250), 4);
        assert!(flat.low <= Decimal::from(250) && flat.high > Decimal::from(250));
        let zero = round_bounds(Decimal::ZERO, Decimal::ZERO, 4);
        assert!(zero.low < zero.high);
    }

    proptest! {
        #[test]
        fn bounds_always_hold_the_values(a in any::<i64>(), b in any::<i64>(), scale in 0u32..8) {
            let (a, b) = (Decimal::new(a, scale), Decimal::new(b, scale));
            let bounds = round_bounds(a, b, 4);
            prop_assert!(bounds.low <= a.min(b));
            prop_assert!(bounds.high >= a.max(b));
            prop_assert!(bounds.low < bounds.high);
        }
    }
}
