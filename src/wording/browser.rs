//! Waits on the browser in words: how long coffre waits ("10 min") and how long is left
//! ("9:58 left", the screen's countdown).

use std::time::Duration;

/// A wait's length: "45 s", "10 min", "1 h 30 min".
pub fn duration(wait: Duration) -> String {
    let secs = wait.as_secs();
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 if secs.is_multiple_of(60) => format!("{} min", secs / 60),
        60..3600 => format!("{} min {} s", secs / 60, secs % 60),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

/// What is left of a wait, `m:ss left`; "time is up" at zero.
pub fn countdown(left: chrono::Duration) -> String {
    let secs = left.num_seconds();
    if secs <= 0 {
        return "time is up".into();
    }
    format!("{}:{:02} left", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_and_countdowns_read_as_a_person_says_them() {
        assert_eq!(duration(Duration::from_secs(600)), "10 min");
        assert_eq!(duration(Duration::from_secs(45)), "45 s");
        assert_eq!(duration(Duration::from_secs(90)), "1 min 30 s");
        assert_eq!(countdown(chrono::Duration::seconds(598)), "9:58 left");
        assert_eq!(countdown(chrono::Duration::seconds(0)), "time is up");
    }
}
