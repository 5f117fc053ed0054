//! Supervision in the inbox: agreements and records to sign, comments and disagreements,
//! sessions and actions due.

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::json;

use super::{follow, inbox, kinds, nothing_for, of_kind};
use crate::common::{Browser, Reply, TestApp};
use crate::supervision::{
    action_path, actions, agree, create, days_ago, days_ahead, draft, id, pair, pair_path,
    session_path, sign, the, with_actions,
};

/// pat supervises sam; stranger and root have no part.
fn world(app: &TestApp) -> (String, String) {
    app.user("stranger", "practitioner");
    app.user("root", "admin");
    pair(app, "pat", "sam")
}

#[test]
fn an_agreement_waits_for_each_party_until_they_sign() {
    let app = TestApp::new();
    let (pat, sam) = world(&app);
    agree(&app, &pat, "sam", "monthly", days_ago(3));
    for token in [&pat, &sam] {
        assert_eq!(of_kind(&app, token, "agreement_to_sign").len(), 1);
    }
    let item = &of_kind(&app, &sam, "agreement_to_sign")[0];
    assert_eq!(item["other_party"], "pat");
    assert_eq!(
        item["href"],
        "/supervision/with/pat/agreement#signatures-heading"
    );
    follow(&app, "sam", item);

    app.sign_as_read(&pat, &format!("{}/agreement/sign", pair_path("sam")))
        .expect(Status::Ok);
    assert!(of_kind(&app, &pat, "agreement_to_sign").is_empty());
    assert_eq!(of_kind(&app, &sam, "agreement_to_sign").len(), 1);
    app.sign_as_read(&sam, &format!("{}/agreement/sign", pair_path("pat")))
        .expect(Status::Ok);
    assert!(of_kind(&app, &sam, "agreement_to_sign").is_empty());
    nothing_for(&app, "stranger");
    nothing_for(&app, "root");
}

#[test]
fn a_record_held_waits_for_both_signatures_and_a_record_ahead_waits_for_none() {
    let app = TestApp::new();
    let (pat, sam) = world(&app);
    let held = id(&create(&app, &pat, "sam", draft(days_ago(2))));
    create(&app, &pat, "sam", draft(days_ahead(5)));
    for token in [&pat, &sam] {
        let waiting = of_kind(&app, token, "record_to_sign");
        assert_eq!(
            waiting.len(),
            1,
            "only the record already held: {waiting:?}"
        );
        assert_eq!(
            waiting[0]["href"],
            format!("/supervision/sessions/{held}#signatures-heading")
        );
        assert_eq!(waiting[0]["date"], days_ago(2).to_string());
    }
    follow(&app, "sam", &of_kind(&app, &sam, "record_to_sign")[0]);

    sign(&app, &sam, held);
    assert!(of_kind(&app, &sam, "record_to_sign").is_empty());
    assert_eq!(of_kind(&app, &pat, "record_to_sign").len(), 1);
    sign(&app, &pat, held);
    assert!(of_kind(&app, &pat, "record_to_sign").is_empty());
    nothing_for(&app, "stranger");
}

#[test]
fn a_disagreement_waits_for_the_other_party_until_they_reply_and_a_comment_until_marked_read() {
    let app = TestApp::new();
    let (pat, sam) = world(&app);
    let record = id(&create(&app, &pat, "sam", draft(days_ago(2))));
    let comments = format!("{}/comments", session_path(record));
    app.post_json(
        &sam,
        &comments,
        json!({"body": "The workload part understates the duty rota.", "disagrees": true}),
    )
    .expect(Status::Created);

    let waiting = of_kind(&app, &pat, "record_disagreement");
    assert_eq!(waiting.len(), 1, "{:?}", inbox(&app, &pat));
    assert_eq!(waiting[0]["other_party"], "sam");
    assert_eq!(waiting[0]["seen"]["kind"], "session");
    assert_eq!(waiting[0]["seen"]["id"], record);
    assert!(of_kind(&app, &sam, "record_disagreement").is_empty());
    assert!(!inbox(&app, &pat).to_string().contains("duty rota"));
    follow(&app, "pat", &waiting[0]);

    // Replying is acting on it.
    app.post_json(&pat, &comments, json!({"body": "Agreed; I will amend it."}))
        .expect(Status::Created);
    assert!(of_kind(&app, &pat, "record_disagreement").is_empty());
    let for_sam = of_kind(&app, &sam, "record_comment");
    assert_eq!(for_sam.len(), 1, "the reply waits for sam");
    let through = for_sam[0]["seen"]["through"].to_string();

    // Marking as read from the list is acting on it too; a stranger's mark changes nothing.
    let stranger = app.signed_in("stranger");
    stranger.get("/inbox").expect(Status::Ok);
    let refused = mark_read(&stranger, record, &through);
    assert_eq!(refused.location(), Some("/inbox"));
    assert_eq!(of_kind(&app, &sam, "record_comment").len(), 1);

    let browser = app.signed_in("sam");
    let page = browser.get("/inbox").expect(Status::Ok).body;
    assert!(page.contains("Mark as read"), "{page}");
    mark_read(&browser, record, &through);
    assert!(of_kind(&app, &sam, "record_comment").is_empty());

    // A later comment waits again.
    app.post_json(&pat, &comments, json!({"body": "Amended now."}))
        .expect(Status::Created);
    assert_eq!(of_kind(&app, &sam, "record_comment").len(), 1);
}

/// Presses "Mark as read" on the comments of `record` up to comment `through`.
#[track_caller]
fn mark_read(browser: &Browser<'_>, record: i64, through: &str) -> Reply {
    let id = record.to_string();
    browser
        .post(
            "/inbox/seen",
            &[("kind", "session"), ("id", &id), ("through", through)],
        )
        .expect(Status::SeeOther)
}

#[test]
fn supervision_due_waits_for_both_and_moves_on_once_a_session_is_held() {
    let app = TestApp::new();
    let (pat, sam) = world(&app);
    agree(&app, &pat, "sam", "weekly", days_ago(20));
    for token in [&pat, &sam] {
        let due = of_kind(&app, token, "supervision_due");
        assert_eq!(due.len(), 1);
        assert_eq!(due[0]["overdue"], true, "{due:?}");
    }
    let item = &of_kind(&app, &pat, "supervision_due")[0];
    assert_eq!(item["href"], "/supervision/with/sam/sessions/new");
    follow(&app, "pat", item);

    // Held today: the next is a week away, past the week the inbox looks at.
    create(&app, &pat, "sam", draft(super::super::supervision::today()));
    assert!(of_kind(&app, &pat, "supervision_due").is_empty());
    assert!(of_kind(&app, &sam, "supervision_due").is_empty());
}

#[test]
fn an_action_waits_for_its_owner_while_late_or_due_this_week_until_done() {
    let app = TestApp::new();
    let (pat, sam) = world(&app);
    let soon = days_ahead(3).to_string();
    let later = days_ahead(30).to_string();
    let late = days_ago(1).to_string();
    create(
        &app,
        &pat,
        "sam",
        with_actions(
            days_ago(10),
            &[
                ("Book the CAMHS consultation", "sam", soon),
                ("Read the court bundle", "sam", later),
                ("Arrange cover for leave", "pat", late),
            ],
        ),
    );
    let for_sam = of_kind(&app, &sam, "action_due");
    assert_eq!(for_sam.len(), 1, "{for_sam:?}");
    assert_eq!(for_sam[0]["overdue"], false);
    assert!(!inbox(&app, &sam).to_string().contains("CAMHS"));
    let for_pat = of_kind(&app, &pat, "action_due");
    assert_eq!(for_pat.len(), 1);
    assert_eq!(for_pat[0]["overdue"], true);
    follow(&app, "sam", &for_sam[0]);

    let listed = actions(&app, &sam, "pat");
    app.put_json(
        &sam,
        &action_path(the(&listed, "Book the CAMHS consultation")),
        json!({"status": "done"}),
    )
    .expect(Status::Ok);
    assert!(of_kind(&app, &sam, "action_due").is_empty());
    assert_eq!(of_kind(&app, &pat, "action_due").len(), 1);
}

#[test]
fn a_link_removed_takes_the_pair_out_of_both_inboxes() {
    let app = TestApp::new();
    app.user("ed", "practice_educator");
    app.user("stu", "student");
    app.link("ed", "stu", LinkKind::Educator);
    let ed = app.token("ed");
    agree(&app, &ed, "stu", "weekly", days_ago(30));
    assert!(!kinds(&app, &ed).is_empty());
    let mut conn = app.db().conn().unwrap();
    use diesel::prelude::*;
    diesel::delete(praxis::platform::db::schema::supervision_links::table)
        .execute(&mut conn)
        .unwrap();
    drop(conn);
    nothing_for(&app, "ed");
    nothing_for(&app, "stu");
}
