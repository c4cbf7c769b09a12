//! What the finX client says when the server refuses, breaks or echoes: an error envelope names
//! the field, malformed JSON is an unreadable answer (never a panic, never a token in the
//! message), a 5xx or 429 is waited out and retried, and no secret the request carried (client
//! secret, code, tokens) survives in an error or a `Debug` output, whatever the server echoes.

use base64::Engine;
use coffre::finx::Client;
use coffre::finx::error::FinxError;
use coffre::finx::wire::{Callback, TokenRequest};
use coffre::oxlin::secret::secret;

use crate::support::finx_server::{CLIENT_ID, CLIENT_SECRET, FinxServer, REDIRECT_URI};

const ENVELOPE: &str = r#"{"error":{"code":1000,"group":"client","description":"Request body doesn't match input schema.",
          "data":{"bank_code":["Not a valid string."]}}}"#;

async fn linked(server: &FinxServer) -> Client {
    Client::with_refresh_token(server.config(), secret(server.grant_refresh_token())).unwrap()
}

#[tokio::test]
async fn an_error_envelope_names_the_field_to_fix() {
    let server = FinxServer::start(0).await;
    server.fail_next("/rest/accounts", 400, ENVELOPE);
    let error = linked(&server).await.accounts().await.unwrap_err();
    assert!(
        matches!(&error, FinxError::FixField { field: Some(f), .. } if f == "bank_code"),
        "{error:?}"
    );
    assert_eq!(server.count("fault"), 1, "a refusal is not asked again");
}

#[tokio::test]
async fn malformed_json_is_an_unreadable_answer_and_never_shows_a_token() {
    let server = FinxServer::start(0).await;
    let client = linked(&server).await;
    for body in [r#"{"accounts":["#, "<html>", r#"{"accounts":5}"#, "[]"] {
        server.fail_next("/rest/accounts", 200, body);
        let error = client.accounts().await.unwrap_err();
        assert!(
            matches!(error, FinxError::Malformed { .. }),
            "{body}: {error}"
        );
    }
    let broken_tokens =
        r#"{"access_token":"at-LEAKED-42","refresh_token":"rt-LEAKED-43","expires_in":"#;
    server.fail_next("/auth/token", 200, broken_tokens);
    let error = client.refresh().await.unwrap_err();
    assert!(matches!(error, FinxError::Malformed { .. }), "{error}");
    assert!(!error.to_string().contains("LEAKED"), "{error}");
}

#[tokio::test]
async fn a_server_error_then_success_is_retried_and_a_429_waits() {
    let server = FinxServer::start(0).await;
    let client = linked(&server).await;
    server.fail_next("/rest/accounts", 503, "");
    server.fail_next(
        "/rest/accounts",
        500,
        r#"{"error":{"code":30000,"description":"oops"}}"#,
    );
    server
        .world
        .lock()
        .unwrap()
        .faults
        .push_back(crate::support::finx_server::Fault {
            path: "/rest/accounts",
            status: 429,
            body: String::new(),
            retry_after: Some(0),
        });
    assert_eq!(client.accounts().await.unwrap().len(), 2);
    assert_eq!(server.count("fault"), 3);
    assert_eq!(server.count("GET /rest/accounts with"), 1);
    // The token endpoint is retried on a 5xx too: finX did not spend the refresh token.
    server.fail_next("/auth/token", 502, "");
    client.refresh().await.unwrap();
    assert_eq!(server.count("issued"), 2, "{:#?}", server.log());
}

#[tokio::test]
async fn a_server_that_stays_down_fails_after_the_retries_with_a_clear_message() {
    let server = FinxServer::start(0).await;
    let client = linked(&server).await;
    client.accounts().await.unwrap();
    for _ in 0..5 {
        server.fail_next("/rest/transactions", 503, "");
    }
    let error = client.transactions(&Default::default()).await.unwrap_err();
    assert!(error.is_transient(), "{error}");
    assert_eq!(
        error.to_string(),
        "finX server error 503 during GET /rest/transactions: HTTP 503"
    );
    assert_eq!(server.count("fault"), 5, "one try and four retries");
}

#[tokio::test]
async fn secrets_echoed_by_the_server_never_reach_an_error() {
    let server = FinxServer::start(0).await;
    server.world.lock().unwrap().echo = true;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    let secrets = [
        "code-SECRET-0815",
        "rt-SECRET-4711",
        CLIENT_SECRET,
        basic.as_str(),
        "at-1",
    ];
    let check = |error: &FinxError| {
        let shown = format!("{error} / {error:?}");
        for secret in secrets {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("[hidden]"), "nothing was echoed: {shown}");
    };

    let client = server.client();
    check(
        &client
            .exchange_code(secret("code-SECRET-0815"), REDIRECT_URI)
            .await
            .unwrap_err(),
    );
    let client = Client::with_refresh_token(server.config(), secret("rt-SECRET-4711")).unwrap();
    check(&client.accounts().await.unwrap_err());

    // A bearer token refused and echoed, then the refresh token refused and echoed.
    let client = linked(&server).await;
    client.accounts().await.unwrap();
    {
        let mut world = server.world.lock().unwrap();
        world.access_tokens.clear();
        world.refresh_tokens.clear();
    }
    check(&client.accounts().await.unwrap_err());
    assert!(
        server
            .log()
            .iter()
            .any(|l| l.starts_with("refused GET /rest/accounts with at-1"))
    );
}

#[tokio::test]
async fn debug_output_never_shows_a_secret() {
    let server = FinxServer::start(0).await;
    let client = Client::with_refresh_token(server.config(), secret("rt-SECRET-4711")).unwrap();
    let request = TokenRequest::AuthorizationCode {
        code: secret("code-SECRET-0815"),
        redirect_uri: Some(REDIRECT_URI.into()),
    };
    let callback = Callback::from_query("code=code-SECRET-0815&state=s&success=true");
    let shown = format!("{client:?} {:?} {request:?} {callback:?}", server.config());
    for secret in ["code-SECRET-0815", "rt-SECRET-4711", CLIENT_SECRET] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    // The body sent is the only place they appear.
    let body = serde_json::to_string(&request).unwrap();
    assert!(body.contains("code-SECRET-0815"), "{body}");
}

#[tokio::test]
async fn a_server_that_never_answers_fails_the_call_at_its_deadline() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream); // read nothing, answer nothing
        }
    });
    let mut config = coffre::finx::FinxConfig::new(
        &format!("http://{address}"),
        CLIENT_ID,
        secret(CLIENT_SECRET),
    );
    config.timeout = std::time::Duration::from_millis(300);
    config.backoff = std::time::Duration::from_millis(10);
    let client = Client::new(config).unwrap();
    let error = client
        .create_access(REDIRECT_URI, "s", None, None, None)
        .await
        .unwrap_err();
    assert!(matches!(error, FinxError::Network { .. }), "{error}");
    assert!(
        error.to_string().contains("POST /onetime/access"),
        "{error}"
    );
}
