//! The command line documents itself: completion scripts for five shells, a man page, and help
//! texts that say what each command really does.

use std::process::Output;

fn coffre(args: &[&str]) -> Output {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(args)
        .env_remove("COFFRE_DATA_DIR")
        .output()
        .unwrap();
    assert!(output.status.success(), "coffre {args:?}: {output:?}");
    output
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(coffre(args).stdout).unwrap()
}

#[test]
fn completions_exist_for_every_shell_and_know_the_subcommands() {
    for (shell, marker) in [
        ("bash", "complete -F _coffre"),
        ("zsh", "#compdef coffre"),
        ("fish", "complete -c coffre"),
        ("elvish", "edit:completion:arg-completer[coffre]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        for word in ["export", "sync", "dialect", "excel-fr"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn man_prints_a_roff_page_naming_every_command() {
    let page = stdout(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..200]);
    assert!(page.contains(".TH coffre 1"), "{page}");
    for word in ["sandbox", "sync", "export", "completions"] {
        assert!(page.contains(word), "{word}: {page}");
    }
}

#[test]
fn sync_help_does_not_promise_the_sandbox_without_a_config() {
    let help = stdout(&["sync", "--help"]);
    assert!(
        !help.contains("without it coffre runs on its sandbox"),
        "{help}"
    );
    assert!(help.contains("`coffre sync` needs one"), "{help}");
    let export = stdout(&["export", "--help"]);
    assert!(export.contains("readable by you only"), "{export}");
    assert!(export.contains("excel-fr"), "{export}");
}

/// The first line of a help says what coffre (or the command) is for: both aggregators, not
/// only Oxlin.
fn first_line(args: &[&str]) -> String {
    stdout(args).lines().next().unwrap_or_default().to_owned()
}

#[test]
fn help_says_coffre_aggregates_french_banks_through_oxlin_and_german_ones_through_finx() {
    let about = first_line(&["--help"]);
    for word in ["Oxlin", "finX", "French", "German"] {
        assert!(about.contains(word), "coffre --help begins {about:?}");
    }
    let sandbox = first_line(&["sandbox", "--help"]);
    assert!(
        sandbox.contains("Oxlin") && sandbox.contains("finX"),
        "{sandbox}"
    );
    let connect = stdout(&["connect", "--help"]);
    assert!(
        connect.lines().next().unwrap().contains("finX"),
        "{connect}"
    );
    assert!(
        !connect.contains("super::"),
        "no code path in a help: {connect}"
    );
    let options = stdout(&["--help"]);
    assert!(options.contains("`[finx]` section (German"), "{options}");
}
