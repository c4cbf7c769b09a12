//! A spinner whose frame comes from `now` (one frame per 100 ms), so it turns while the app ticks
//! and stands still in a snapshot.

use chrono::{DateTime, Utc};

const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// The spinner character to show at `now`.
pub fn spinner_frame(now: DateTime<Utc>) -> char {
    let tenth = now.timestamp_millis().div_euclid(100);
    FRAMES[tenth.rem_euclid(FRAMES.len() as i64) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn spinner_moves_with_time_only() {
        let t = Utc.timestamp_millis_opt(1_000).unwrap();
        let later = Utc.timestamp_millis_opt(1_100).unwrap();
        assert_eq!(spinner_frame(t), spinner_frame(t));
        assert_ne!(spinner_frame(t), spinner_frame(later));
    }
}
