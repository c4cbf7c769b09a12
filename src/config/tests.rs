//! The configuration file's tests: what parses, what is refused and how it says so.

use std::time::{Duration, Instant};

use secrecy::ExposeSecret;

use super::*;

const FILE: &str = r#"
[oxlin]
auth_url = "http://127.0.0.1:4000"
api_url = "http://127.0.0.1:4000/v2.1"
client_id = "coffre-sandbox"
client_secret = "hunter2-secret"
username = "claire@example.com"
password_command = "printf 'pa55word\nsecond line'"
"#;

#[test]
fn a_sandbox_config_reads_and_never_shows_its_secrets() {
    let config = parse(FILE).unwrap().oxlin.unwrap();
    assert!(config.is_sandbox());
    assert!(!format!("{config:?}").contains("hunter2"));
    let client = config.client_config().unwrap();
    assert!(!format!("{client:?}").contains("hunter2"));
    let password = config.password().unwrap().unwrap();
    if std::env::var(PASSWORD_ENV).is_err() {
        assert_eq!(password.expose_secret(), "pa55word");
    }
}

#[test]
fn a_hanging_password_command_is_stopped_after_its_time_limit() {
    let started = Instant::now();
    let error = run_secret_command_within(
        "password_command",
        "sleep 1000; echo never",
        Duration::from_millis(300),
    )
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10), "it waited");
    let text = error.to_string();
    assert!(
        text.contains("password_command") && text.contains("did not finish within 0.3 s"),
        "{text}"
    );
}

#[test]
fn a_hanging_command_is_stopped_with_the_processes_it_started() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("sleeper.pid");
    let command = format!("sleep 1000 & echo $! > {}; wait", pid_file.display());
    let limit = Duration::from_millis(300);
    let error = run_secret_command_within("client_secret_command", &command, limit).unwrap_err();
    assert!(error.to_string().contains("did not finish"), "{error}");
    let pid = std::fs::read_to_string(&pid_file).unwrap_or_default();
    let pid = pid.trim();
    assert!(!pid.is_empty(), "the sleeper never started");
    let stat = Path::new("/proc").join(pid).join("stat");
    let gone = || std::fs::read_to_string(&stat).map_or(true, |s| s.contains(") Z"));
    let started = Instant::now();
    while !gone() && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(gone(), "the command's sleeper {pid} still runs");
}

#[test]
fn a_failing_command_names_the_setting_not_the_output() {
    let error = run_secret_command("password_command", "echo topsecret; exit 3").unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("password_command") && !text.contains("topsecret"),
        "{text}"
    );
}

const HOSTS: &str = r#"[oxlin]
auth_url = "https://auth.oxlin.io"
api_url = "https://api.oxlin.io/v2.1"
embed_url = "https://embed.oxlin.io"
client_id = "me""#;

#[test]
fn a_secret_command_provides_the_client_secret() {
    let text = format!("{HOSTS}\nclient_secret_command = \"echo s3cret\"");
    let section = parse(&text).unwrap().oxlin.unwrap();
    assert!(!section.is_sandbox());
    let client = section.client_config().unwrap();
    assert_eq!(client.client_secret.expose_secret(), "s3cret");
    assert!(!format!("{client:?}").contains("s3cret"));
}

#[test]
fn plain_http_to_a_remote_host_and_two_secrets_are_refused() {
    let http = HOSTS.replace("https://api", "http://api");
    let section = parse(&format!("{http}\nclient_secret = \"x\"")).unwrap();
    let err = section.oxlin.unwrap().client_config().unwrap_err();
    assert!(err.to_string().contains("only HTTPS"), "{err}");
    let both = format!("{HOSTS}\nclient_secret = \"xyz1\"\nclient_secret_command = \"y\"");
    let err = parse(&both)
        .unwrap()
        .oxlin
        .unwrap()
        .client_config()
        .unwrap_err();
    let err = err.to_string();
    assert!(
        err.contains("exactly one") && !err.contains("xyz1"),
        "{err}"
    );
}

#[test]
fn a_typo_is_reported_with_its_line_without_the_value() {
    let error = parse("[oxlin]\nclient_secrett = \"hunter2\"\n").unwrap_err();
    assert!(error.starts_with("line 2"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
}
