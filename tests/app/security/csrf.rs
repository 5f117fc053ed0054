//! Every supervision and placement form refuses a post without this browser's CSRF token
//! (missing, or another session's), answers 403, and changes nothing; the same post with the
//! token goes through, so the refusal is the token's doing.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::{Browser, TestApp};
use crate::placements::{self, cast, days_ago, lock_review, midpoint};
use crate::supervision::{create, id, with_actions};

/// Everything the forms below could change, as the parties read it.
fn snapshot(app: &TestApp, tokens: &[&str], placement: i64, record: i64) -> Vec<Value> {
    let mut seen = Vec::new();
    for token in tokens {
        for path in [
            format!("/api/v1/placements/{placement}"),
            format!("/api/v1/supervision/sessions/{record}"),
            "/api/v1/supervision/pairs/lisa/actions".to_string(),
            "/api/v1/supervision/pairs/lisa/pack".to_string(),
            "/api/v1/supervision/pairs/lisa/agreement".to_string(),
        ] {
            let reply = app.get_json(token, &path);
            seen.push(json!({"path": path, "status": reply.status.code, "body": reply.body}));
        }
    }
    seen
}

#[test]
fn supervision_and_placement_forms_refuse_a_post_without_the_sessions_token() {
    let app = TestApp::new();
    let cast = cast(&app);
    // Lisa, stu's line supervisor, supervises her too.
    let lisa = cast.lisa.clone();
    let placement = placements::placement(&app, &cast, "final", days_ago(60));
    lock_review(&app, &cast, placement, "midpoint", midpoint());
    let record = create(
        &app,
        &lisa,
        "stu",
        with_actions(
            days_ago(3),
            &[("Book the course", "stu", days_ago(1).to_string())],
        ),
    );
    let (record_id, action) = (id(&record), id(&record["actions"][0]));
    let page = format!("/placements/{placement}");
    let session = format!("/supervision/sessions/{record_id}");
    let today = praxis::platform::clock::today().to_string();
    let forms: Vec<(String, Vec<(&str, String)>)> = vec![
        (
            "/supervision/with/lisa/agreement".into(),
            vec![
                ("frequency", "monthly".into()),
                ("starts_on", days_ago(30).to_string()),
            ],
        ),
        ("/supervision/with/lisa/agreement/sign".into(), vec![]),
        (
            "/supervision/with/lisa/agenda".into(),
            vec![("text", "Caseload weighting".into())],
        ),
        (
            "/supervision/with/lisa/sessions".into(),
            vec![
                ("held_on", today.clone()),
                ("session_type", "individual".into()),
                ("agenda", "A new record".into()),
            ],
        ),
        (
            session.clone(),
            vec![
                ("held_on", days_ago(3).to_string()),
                ("session_type", "group".into()),
                ("agenda", "Changed".into()),
            ],
        ),
        (format!("{session}/sign"), vec![]),
        (
            format!("{session}/comments"),
            vec![("body", "I see it differently".into())],
        ),
        (
            format!("/supervision/actions/{action}"),
            vec![("status", "done".into())],
        ),
        (
            page.clone(),
            vec![("setting", "Hospital".into()), ("team", "Discharge".into())],
        ),
        (
            format!("{page}/days"),
            vec![
                ("day", days_ago(2).to_string()),
                ("portion", "full".into()),
                ("hours", "7".into()),
                ("activities", "Duty desk".into()),
            ],
        ),
        (
            format!("{page}/agreement"),
            vec![("goals", "Court skills".into())],
        ),
        (
            format!("{page}/observations"),
            vec![
                ("observed_on", days_ago(2).to_string()),
                ("observer", "Team manager".into()),
                ("observed", "A core group".into()),
                ("domains", "PCF-5".into()),
            ],
        ),
        (
            format!("{page}/amendments"),
            vec![
                ("document", "midpoint".into()),
                ("field", "student_comment".into()),
                ("text", "Agreed".into()),
                ("reason", "Late comment".into()),
            ],
        ),
    ];
    let stu = app.signed_in("stu");
    let other_session: Browser<'_> = app.signed_in("stu");
    let foreign_token = other_session.csrf();
    let tokens = [cast.stu.as_str(), lisa.as_str()];
    for (path, fields) in &forms {
        let before = snapshot(&app, &tokens, placement, record_id);
        let mut with_foreign = vec![("csrf", foreign_token.clone())];
        with_foreign.extend(fields.iter().cloned());
        for attempt in [fields.clone(), with_foreign] {
            let reply = stu.post_raw(path, &attempt);
            assert_eq!(reply.status, Status::Forbidden, "{path}: {}", reply.body);
            assert_eq!(
                snapshot(&app, &tokens, placement, record_id),
                before,
                "{path} changed something without the token"
            );
        }
        // With this session's token the same post is not refused as stale.
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        let accepted = stu.post(path, &fields);
        assert_ne!(
            accepted.status,
            Status::Forbidden,
            "{path} refused with the token: {}",
            accepted.body
        );
    }
}
