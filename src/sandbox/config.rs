//! How a sandbox is configured: from the command line (`coffre sandbox …`) or in-process (tests,
//! the TUI's embedded default).

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::Args;

/// The client id the sandbox accepts unless told otherwise.
pub const DEFAULT_CLIENT_ID: &str = "coffre-sandbox";
/// The client secret the sandbox accepts unless told otherwise (it guards nothing real).
pub const DEFAULT_CLIENT_SECRET: &str = "sandbox-secret";
/// The finX client id the sandbox accepts under `/finx` (HTTP Basic).
pub const SANDBOX_FINX_CLIENT_ID: &str = "coffre-finx-sandbox";
/// The finX client secret the sandbox accepts under `/finx` (it guards nothing real).
pub const SANDBOX_FINX_CLIENT_SECRET: &str = "finx-sandbox-secret";

/// `coffre sandbox` options.
#[derive(Debug, Clone, Args)]
pub struct SandboxArgs {
    /// Port to listen on (127.0.0.1); 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The Oxlin OAuth client id the sandbox accepts (finX's, under `/finx`, is
    /// `coffre-finx-sandbox`).
    #[arg(long, default_value = DEFAULT_CLIENT_ID)]
    pub client_id: String,
    /// The Oxlin OAuth client secret the sandbox accepts (finX's is `finx-sandbox-secret`).
    #[arg(long, default_value = DEFAULT_CLIENT_SECRET)]
    pub client_secret: String,
    /// Time each sync step takes, in milliseconds (0 in tests, about 800 in demos).
    #[arg(long, default_value_t = 0)]
    pub delay_ms: u64,
    /// Lifetime of access tokens, in seconds.
    #[arg(long, default_value_t = 3600)]
    pub token_ttl: u64,
    /// Seconds the user has to answer a challenge before CHALLENGE_TIMED_OUT.
    #[arg(long, default_value_t = 120)]
    pub challenge_timeout: u64,
    /// Fault injection, e.g. `latency=50ms,errors=0.1,429=0.05,retry-after=1,drop=0.02,expire=30s`.
    #[arg(long, default_value = "")]
    pub faults: Faults,
    /// Keep the sandbox's world (users, connections, accounts, transactions) in this file: it is
    /// loaded at start and saved after changes and at the end.
    #[arg(long = "state", value_name = "FILE")]
    pub state_file: Option<PathBuf>,
    /// Emulate an Oxlin client WITHOUT a PSD2 agreement: connections are added only through the
    /// widget's webviews (`POST /connections`, channel and credential updates and consents
    /// answer 403), and every call with a user token answers 401 until the user has accepted
    /// the terms in `/widget/terms`.
    #[arg(long)]
    pub without_agreement: bool,
}

/// Everything a running sandbox needs to know.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    pub client_id: String,
    pub client_secret: String,
    /// Time each sync step takes.
    pub step_delay: Duration,
    /// Lifetime of access tokens (`expires_in`).
    pub token_ttl: Duration,
    /// Time the user has to answer a challenge.
    pub challenge_timeout: Duration,
    pub faults: Faults,
    /// Where the world persists (see `persist`); `None` keeps it in memory only.
    pub state_file: Option<PathBuf>,
    /// The client has no PSD2 agreement: the widget is the only way to add or change a
    /// connection, and users must accept the terms first (see `routes::widget`). Default false:
    /// the client holds an agreement and the terms count as accepted.
    pub without_agreement: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            port: 0,
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            step_delay: Duration::ZERO,
            token_ttl: Duration::from_secs(3600),
            challenge_timeout: Duration::from_secs(120),
            faults: Faults::default(),
            state_file: None,
            without_agreement: false,
        }
    }
}

impl From<SandboxArgs> for SandboxConfig {
    fn from(args: SandboxArgs) -> Self {
        Self {
            port: args.port,
            client_id: args.client_id,
            client_secret: args.client_secret,
            step_delay: Duration::from_millis(args.delay_ms),
            token_ttl: Duration::from_secs(args.token_ttl),
            challenge_timeout: Duration::from_secs(args.challenge_timeout),
            faults: args.faults,
            state_file: args.state_file,
            without_agreement: args.without_agreement,
        }
    }
}

/// Faults the sandbox injects so a client's robustness can be tested. All off by default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Added to every answer.
    pub latency: Duration,
    /// Share (0..=1) of API answers replaced by a 500 or 503.
    pub server_errors: f64,
    /// Share (0..=1) of API answers replaced by a 429 with `Retry-After`.
    pub rate_limited: f64,
    /// Seconds announced in `Retry-After`.
    pub retry_after_secs: u64,
    /// Share (0..=1) of connections closed without an answer.
    pub dropped: f64,
    /// When set, access tokens stop working this long after they were issued, whatever
    /// `expires_in` said (early expiry).
    pub early_expiry: Option<Duration>,
}

impl Faults {
    /// True when no fault is switched on.
    pub fn is_off(&self) -> bool {
        *self == Self::default()
    }
}

impl FromStr for Faults {
    type Err = String;

    /// Parses `key=value` pairs separated by commas; an empty string means no fault.
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let mut faults = Faults {
            retry_after_secs: 1,
            ..Faults::default()
        };
        let mut any = false;
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            any = true;
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("fault `{pair}` is not of the form key=value"))?;
            match key.trim() {
                "latency" => faults.latency = parse_duration(value)?,
                "errors" | "5xx" => faults.server_errors = parse_share(key, value)?,
                "429" | "rate-limit" => faults.rate_limited = parse_share(key, value)?,
                "retry-after" => {
                    faults.retry_after_secs = value
                        .trim()
                        .parse()
                        .map_err(|_| format!("retry-after `{value}` is not a number of seconds"))?;
                }
                "drop" => faults.dropped = parse_share(key, value)?,
                "expire" => faults.early_expiry = Some(parse_duration(value)?),
                other => {
                    return Err(format!(
                        "unknown fault `{other}` (known: latency, errors, 429, retry-after, drop, expire)"
                    ));
                }
            }
        }
        if !any {
            return Ok(Faults::default());
        }
        Ok(faults)
    }
}

fn parse_share(key: &str, value: &str) -> Result<f64, String> {
    let share: f64 = value
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("{key}: `{value}` is not a number"))?;
    let share = if value.trim().ends_with('%') {
        share / 100.0
    } else {
        share
    };
    if (0.0..=1.0).contains(&share) {
        Ok(share)
    } else {
        Err(format!("{key}: `{value}` is not a share between 0 and 1"))
    }
}

/// Parses `250ms`, `2s` or a bare number of milliseconds.
fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    let (number, unit) = if let Some(n) = value.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = value.strip_suffix('s') {
        (n, 1000)
    } else {
        (value, 1)
    };
    let number: u64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{value}` is not a duration (try 250ms or 2s)"))?;
    Ok(Duration::from_millis(number * unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fault_spec_means_no_fault() {
        assert!(Faults::from_str("").unwrap().is_off());
    }

    #[test]
    fn fault_spec_reads_every_key() {
        let faults =
            Faults::from_str("latency=50ms,errors=10%,429=0.05,retry-after=2,drop=0.01,expire=3s")
                .unwrap();
        assert_eq!(faults.latency, Duration::from_millis(50));
        assert!((faults.server_errors - 0.1).abs() < 1e-9);
        assert!((faults.rate_limited - 0.05).abs() < 1e-9);
        assert_eq!(faults.retry_after_secs, 2);
        assert!((faults.dropped - 0.01).abs() < 1e-9);
        assert_eq!(faults.early_expiry, Some(Duration::from_secs(3)));
    }

    #[test]
    fn fault_spec_rejects_unknown_keys_and_bad_shares() {
        assert!(Faults::from_str("explode=1").is_err());
        assert!(Faults::from_str("errors=2").is_err());
        assert!(Faults::from_str("latency").is_err());
    }
}
