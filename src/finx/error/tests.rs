//! Each error answer finX may give says what to do, and no secret it echoes is kept.

use super::*;

fn read(status: u16, body: &str) -> FinxError {
    FinxError::from_response(
        "GET /rest/accounts",
        status,
        None,
        body.as_bytes(),
        &SentSecrets::new(),
    )
}

#[test]
fn the_documented_envelope_names_its_field() {
    let body = r#"{"error":{"code":1000,"group":"client","description":"Request body doesn't match input schema.",
          "data":{"bank_code":["Not a valid string."]}}}"#;
    let error = read(400, body);
    assert_eq!(
        error,
        FinxError::FixField {
            field: Some("bank_code".into()),
            message: "Request body doesn't match input schema. bank_code: Not a valid string."
                .into()
        }
    );
    assert_eq!(
        error.to_string(),
        "check `bank_code`: Request body doesn't match input schema. bank_code: Not a valid string."
    );
}

#[test]
fn a_refused_client_is_told_apart_from_a_lost_access() {
    let client = r#"{"error":{"code":1004,"group":"client","description":"Invalid client authorization","data":{}}}"#;
    assert_eq!(
        read(401, client),
        FinxError::ClientRefused("Invalid client authorization".into())
    );
    let oauth = r#"{"error":"invalid_client","error_description":"unknown client"}"#;
    assert!(matches!(read(400, oauth), FinxError::ClientRefused(_)));
    let grant = r#"{"error":"invalid_grant","error_description":"refresh token expired"}"#;
    assert_eq!(
        read(400, grant),
        FinxError::AccessLost("refresh token expired".into())
    );
    assert!(matches!(read(401, ""), FinxError::AccessLost(_)));
}

#[test]
fn each_status_says_what_to_do() {
    let missing = r#"{"error":{"code":1002,"group":"client","description":"Not Found","data":{}}}"#;
    assert_eq!(read(404, missing), FinxError::NotFound("Not Found".into()));
    assert!(matches!(read(403, "{}"), FinxError::Forbidden(_)));
    let busy = FinxError::from_response("x", 429, Some(3), b"", &SentSecrets::new());
    assert_eq!(
        busy,
        FinxError::RetryLater {
            after: Some(Duration::from_secs(3))
        }
    );
    assert!(busy.is_transient());
    let locked = r#"{"error":{"code":1008,"group":"client","description":"Resource busy"}}"#;
    assert!(matches!(read(423, locked), FinxError::RetryLater { .. }));
    let down = read(503, "<html>down</html>");
    assert!(down.is_transient());
    assert_eq!(
        down.to_string(),
        "finX server error 503 during GET /rest/accounts: HTTP 503"
    );
    assert!(!read(400, "{}").is_transient());
}

#[test]
fn the_banks_own_message_is_kept_beside_the_description() {
    let body = r#"{"error":{"code":20000,"group":"bank","description":"Bank error","message":"Konto gesperrt","data":{}}}"#;
    assert_eq!(read(400, body).to_string(), "Bank error (Konto gesperrt)");
}

#[test]
fn an_echoed_secret_and_terminal_escapes_never_reach_the_message() {
    let sent = SentSecrets::new()
        .with_basic_auth("app", "client-s3cret")
        .with("RT-refresh-4711");
    let body = "{\"error\":{\"code\":1000,\"description\":\"bad token RT-refresh-4711 for client-s3cret \\u001b[31m\",\"data\":{\"refresh_token\":[\"RT-refresh-4711\"]}}}";
    let error = FinxError::from_response("POST /auth/token", 400, None, body.as_bytes(), &sent);
    let shown = format!("{error} {error:?}");
    for secret in ["RT-refresh-4711", "client-s3cret", "\u{1b}"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("[hidden]"), "{shown}");
}
