//! Signing what was read, for the learning agreement and the mid-point review: a signature
//! names the version the signer was shown; one on a text the other party changed since is
//! refused (409) and writes nothing; one naming no version is refused (422, naming
//! `version`); once both have signed, a save is refused and the signatures stay, and a change
//! is an amendment. Through the API and the pages alike.

use rocket::http::Status;
use serde_json::{Value, json};

use super::{api_path, cast, days_ago, page_path, placement};
use crate::common::TestApp;
use crate::forms::{form_values, submit};

/// One of the placement's signed documents, and who writes its draft.
struct Document {
    /// Path under the placement (`agreement`, `reviews/midpoint`).
    under: &'static str,
    /// A complete draft, and the same draft changed.
    draft: fn() -> Value,
    changed: fn() -> Value,
    /// A field amended after the lock, by the writer.
    amended_field: &'static str,
    amendment_document: &'static str,
}

const DOCUMENTS: [Document; 2] = [
    Document {
        under: "agreement",
        draft: || {
            json!({"goals": "Lead a core group.", "support": "Weekly supervision.",
                   "expectations": "Log every day."})
        },
        changed: || {
            json!({"goals": "Lead a core group and a review.", "support": "Weekly supervision.",
                   "expectations": "Log every day."})
        },
        amended_field: "goals",
        amendment_document: "agreement",
    },
    Document {
        under: "reviews/midpoint",
        draft: || json!({"progress": "Steady progress.", "plan": "Two observations."}),
        changed: || json!({"progress": "Steady progress; one concern.", "plan": "Two observations."}),
        amended_field: "progress",
        amendment_document: "midpoint",
    },
];

fn read(app: &TestApp, token: &str, path: &str) -> Value {
    app.get_json(token, path).expect(Status::Ok).json()
}

#[test]
fn a_placement_document_is_signed_only_on_the_version_read_and_stays_signed() {
    for document in &DOCUMENTS {
        let app = TestApp::new();
        let cast = cast(&app);
        let placement = placement(&app, &cast, "first", days_ago(30));
        let path = format!("{}/{}", api_path(placement), document.under);
        // The practice educator drafts both documents (either may draft the agreement).
        app.put_json(&cast.pe, &path, (document.draft)())
            .expect(Status::Ok);
        let seen = read(&app, &cast.pe, &path)["version"].clone();
        assert!(seen.is_string(), "{seen}");

        // The educator changes the text while the student has it open.
        app.put_json(&cast.pe, &path, (document.changed)())
            .expect(Status::Ok);
        let before = read(&app, &cast.stu, &path);
        assert_ne!(before["version"], seen);
        let stale = app.post_json(&cast.stu, &format!("{path}/sign"), json!({"version": seen}));
        assert_eq!(stale.status, Status::Conflict, "{}", stale.body);
        assert!(
            stale.body.contains("changed since you opened it"),
            "{}",
            stale.body
        );
        for unnamed in [json!({}), json!({"version": ""})] {
            let refused = app.post_json(&cast.stu, &format!("{path}/sign"), unnamed);
            assert_eq!(
                refused.status,
                Status::UnprocessableEntity,
                "{}",
                refused.body
            );
            assert_eq!(
                refused.json()["errors"][0]["field"],
                "version",
                "{}",
                refused.body
            );
        }
        assert_eq!(
            read(&app, &cast.stu, &path),
            before,
            "a refused signature wrote"
        );

        // Signed on the version now shown, by both: locked.
        let current = json!({"version": before["version"]});
        app.post_json(&cast.stu, &format!("{path}/sign"), current.clone())
            .expect(Status::Ok);
        let locked = app
            .post_json(&cast.pe, &format!("{path}/sign"), current)
            .expect(Status::Ok)
            .json();
        assert_eq!(locked["locked"], true, "{locked}");

        // A save is refused and the signatures stay; a change is an amendment.
        let edit = app.put_json(&cast.pe, &path, (document.draft)());
        assert_eq!(edit.status, Status::Conflict, "{}", edit.body);
        assert!(edit.body.contains("amendment"), "{}", edit.body);
        assert_eq!(read(&app, &cast.pe, &path), locked);
        app.post_json(
            &cast.pe,
            &format!("{}/amendments", api_path(placement)),
            json!({"document": document.amendment_document, "field": document.amended_field,
                   "text": "Amended after signing.", "reason": "A later agreement"}),
        )
        .expect(Status::Created);
        let amended = read(&app, &cast.pe, &path);
        assert_eq!(amended[document.amended_field], "Amended after signing.");
        assert_eq!(amended["student_signed_at"], locked["student_signed_at"]);
        assert_eq!(amended["educator_signed_at"], locked["educator_signed_at"]);
        let change = &amended["amendments"][0];
        assert_eq!(change["author"], "pe", "{change}");
        assert_eq!(change["reason"], "A later agreement");
        assert!(change["field_label"].is_string(), "{change}");
    }
}

#[test]
fn a_placement_sign_button_carries_the_version_shown_and_a_stale_one_signs_nothing() {
    for document in &DOCUMENTS {
        let app = TestApp::new();
        let cast = cast(&app);
        let placement = placement(&app, &cast, "first", days_ago(30));
        let api = format!("{}/{}", api_path(placement), document.under);
        let page = format!("{}/{}", page_path(placement), document.under);
        let sign = format!("{page}/sign");
        app.put_json(&cast.pe, &api, (document.draft)())
            .expect(Status::Ok);
        let browser = app.signed_in("stu");
        let shown = form_values(&browser.get(&page).expect(Status::Ok).body, &sign);
        let version = read(&app, &cast.stu, &api)["version"].clone();
        assert!(
            shown.contains(&("version".to_string(), version.as_str().unwrap().to_string())),
            "{shown:?}"
        );

        app.put_json(&cast.pe, &api, (document.changed)())
            .expect(Status::Ok);
        let before = read(&app, &cast.stu, &api);
        let stale = submit(&browser, &sign, &shown);
        assert_eq!(stale.status, Status::Conflict, "{}", stale.body);
        assert!(
            stale.body.contains("changed since you opened it"),
            "{}",
            stale.body
        );
        let unnamed = browser.post(&sign, &[]);
        assert_eq!(
            unnamed.status,
            Status::UnprocessableEntity,
            "{}",
            unnamed.body
        );
        assert_eq!(
            read(&app, &cast.stu, &api),
            before,
            "a refused signature wrote"
        );

        let fresh = form_values(&browser.get(&page).expect(Status::Ok).body, &sign);
        submit(&browser, &sign, &fresh).expect(Status::SeeOther);
        assert!(read(&app, &cast.stu, &api)["student_signed_at"].is_string());
    }
}
