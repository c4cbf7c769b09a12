//! `y` on a browser wait: the address goes to the terminal's clipboard through OSC 52
//! (`ESC ] 52 ; c ; base64 BEL`), which xterm, kitty, WezTerm, iTerm2, tmux (`set-clipboard`)
//! and most terminals over SSH understand; one write to the terminal, no clipboard daemon.

use std::io::Write;

use base64::Engine;

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// Writes the sequence to the terminal (stdout); a failure is only logged.
pub(crate) fn copy_to_clipboard(text: &str) {
    let mut out = std::io::stdout();
    if let Err(e) = out
        .write_all(osc52(text).as_bytes())
        .and_then(|()| out.flush())
    {
        tracing::debug!("cannot copy to the clipboard: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_sent_whole_as_one_osc_52_sequence() {
        let seq = osc52("http://127.0.0.1:1/widget/add_connection?session_id=s&x=1");
        assert!(
            seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'),
            "{seq:?}"
        );
        let body = &seq["\x1b]52;c;".len()..seq.len() - 1];
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(
            decoded,
            b"http://127.0.0.1:1/widget/add_connection?session_id=s&x=1"
        );
    }
}
