//! Waits on the browser in words, in the UI's [`Lang`]: how long coffre waits ("10 min") and
//! how long is left ("9:58 left" / "encore 9:58", the screen's countdown).

use std::time::Duration;

use rust_i18n::t;

use crate::i18n::Lang;

/// A wait's length: "45 s", "10 min", "1 h 30 min".
pub fn duration(wait: Duration, lang: Lang) -> String {
    let code = lang.code();
    let secs = wait.as_secs();
    match secs {
        0..60 => t!("wording.browser.seconds", locale = code, s = secs),
        60..3600 if secs.is_multiple_of(60) => {
            t!("wording.browser.minutes", locale = code, m = secs / 60)
        }
        60..3600 => t!(
            "wording.browser.minutes_seconds",
            locale = code,
            m = secs / 60,
            s = secs % 60
        ),
        _ => t!(
            "wording.browser.hours_minutes",
            locale = code,
            h = secs / 3600,
            m = secs % 3600 / 60
        ),
    }
    .into_owned()
}

/// What is left of a wait, `m:ss left`; "time is up" at zero.
pub fn countdown(left: chrono::Duration, lang: Lang) -> String {
    let code = lang.code();
    let secs = left.num_seconds();
    if secs <= 0 {
        return t!("wording.browser.time_is_up", locale = code).into_owned();
    }
    let time = format!("{}:{:02}", secs / 60, secs % 60);
    t!("wording.browser.left", locale = code, time = time).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_and_countdowns_read_as_a_person_says_them() {
        let en = Lang::En;
        assert_eq!(duration(Duration::from_secs(600), en), "10 min");
        assert_eq!(duration(Duration::from_secs(45), en), "45 s");
        assert_eq!(duration(Duration::from_secs(90), en), "1 min 30 s");
        assert_eq!(duration(Duration::from_secs(5400), en), "1 h 30 min");
        assert_eq!(countdown(chrono::Duration::seconds(598), en), "9:58 left");
        assert_eq!(countdown(chrono::Duration::seconds(0), en), "time is up");
    }

    #[test]
    fn a_french_countdown_reads_in_french() {
        let fr = Lang::Fr;
        assert_eq!(countdown(chrono::Duration::seconds(598), fr), "encore 9:58");
        assert_eq!(countdown(chrono::Duration::seconds(-1), fr), "temps écoulé");
    }
}
