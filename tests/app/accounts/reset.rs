//! Password resets: an administrator never learns or sets a usable password. A reset ends
//! the person's sessions and tokens and gives the administrator a one-time, expiring link;
//! the person chooses their own password through it and is told at their next sign-in who
//! reset it.

use chrono::Duration;
use praxis::accounts::reset;
use praxis::platform::auth::password;
use regex::Regex;
use rocket::http::{Method, Status};

use crate::common::{Browser, PASSWORD, TestApp};

const CHOSEN: &str = "a passphrase only sam knows";

/// The link in the administrator's page after a reset.
fn link_in(page: &str) -> String {
    Regex::new(r"/reset-password/[0-9a-f]{64}")
        .unwrap()
        .find(page)
        .unwrap_or_else(|| panic!("no reset link in the page: {page}"))
        .as_str()
        .to_string()
}

/// An administrator `root` on the admin page and a practitioner `sam`; returns sam's id.
fn admin_and_sam(app: &TestApp) -> (Browser<'_>, i32) {
    app.user("root", "admin");
    let sam = app.user("sam", "practitioner");
    let admin = app.signed_in("root");
    admin.get("/admin").expect(Status::Ok);
    (admin, sam)
}

fn reset_sam(admin: &Browser<'_>, sam: i32) -> String {
    let page = admin
        .post(&format!("/admin/users/{sam}/reset"), &[])
        .expect(Status::Created)
        .body;
    assert!(page.contains("Reset link for sam"));
    link_in(&page)
}

fn choose(app: &TestApp, link: &str, password: &str) -> Status {
    let browser = app.browser();
    browser.get(link).expect(Status::Ok);
    browser.post(link, &[("password", password)]).status
}

/// What a fresh browser gets when signing in as sam with `password`.
fn sam_signs_in(app: &TestApp, password: &str) -> Status {
    app.browser().sign_in("sam", password).status
}

fn stored_hash(app: &TestApp, user_id: i32) -> String {
    use diesel::prelude::*;
    use praxis::platform::db::schema::users;
    users::table
        .find(user_id)
        .select(users::password_hash)
        .first(&mut app.db().conn().unwrap())
        .unwrap()
}

fn token_works(app: &TestApp, token: &str) -> bool {
    app.api(Method::Get, Some(token), "/api/v1/entries", None)
        .status
        == Status::Ok
}

#[test]
fn a_reset_leaves_no_password_the_administrator_knows() {
    let app = TestApp::new();
    let (admin, sam) = admin_and_sam(&app);
    let sams_laptop = app.signed_in("sam");
    let token = app.token("sam");
    let link = reset_sam(&admin, sam);

    sams_laptop.get("/").expect(Status::SeeOther);
    assert!(!token_works(&app, &token), "the reset revokes sam's tokens");
    // Neither the old password nor anything an administrator might have typed works:
    // two tried at the sign-in page (more would trip the throttle), more against the hash.
    for guess in [PASSWORD, "reset passphrase 1"] {
        assert_eq!(sam_signs_in(&app, guess), Status::Unauthorized);
    }
    let stored = stored_hash(&app, sam);
    for guess in [
        PASSWORD,
        "",
        "reset passphrase 1",
        "password123",
        "sam",
        "root",
    ] {
        assert!(
            !password::verify(guess, &stored),
            "{guess:?} opens sam's account"
        );
    }

    let page = app.browser().get(&link).expect(Status::Ok).body;
    assert!(page.contains("Choose a new password") && page.contains("sam"));
    let short = app.browser();
    short.get(&link);
    let refused = short.post(&link, &[("password", "short")]);
    assert_eq!(refused.status, Status::UnprocessableEntity);
    assert!(refused.body.contains("at least 10 characters"));

    assert_eq!(choose(&app, &link, CHOSEN), Status::SeeOther);
    assert_eq!(sam_signs_in(&app, CHOSEN), Status::SeeOther);
    assert_eq!(sam_signs_in(&app, PASSWORD), Status::Unauthorized);
}

#[test]
fn a_reset_link_works_once() {
    let app = TestApp::new();
    let (admin, sam) = admin_and_sam(&app);
    let link = reset_sam(&admin, sam);
    let browser = app.browser();
    browser.get(&link).expect(Status::Ok);
    browser
        .post(&link, &[("password", CHOSEN)])
        .expect(Status::SeeOther);
    browser.get(&link).expect(Status::NotFound);
    browser
        .post(&link, &[("password", "someone else's choice")])
        .expect(Status::NotFound);
    assert_eq!(
        sam_signs_in(&app, "someone else's choice"),
        Status::Unauthorized
    );
    assert_eq!(sam_signs_in(&app, CHOSEN), Status::SeeOther);
}

#[test]
fn a_reset_link_expires_after_a_day() {
    let app = TestApp::new();
    let kim = app.user("kim", "practitioner");
    let issue_at = |hours_ago: i64| {
        let mut conn = app.db().conn().unwrap();
        let now = praxis::platform::clock::now() - Duration::hours(hours_ago);
        reset::issue(&mut conn, None, kim, None, now)
            .unwrap()
            .path()
    };
    let fresh_enough = issue_at(23);
    app.browser().get(&fresh_enough).expect(Status::Ok);
    let stale = issue_at(25);
    app.browser().get(&stale).expect(Status::NotFound);
    let browser = app.browser();
    browser.get("/sign-in");
    browser
        .post(&stale, &[("password", CHOSEN)])
        .expect(Status::NotFound);
    app.browser().get(&fresh_enough).expect(Status::NotFound);
}

#[test]
fn a_new_reset_replaces_the_earlier_link() {
    let app = TestApp::new();
    let (admin, sam) = admin_and_sam(&app);
    let first = reset_sam(&admin, sam);
    let second = reset_sam(&admin, sam);
    app.browser().get(&first).expect(Status::NotFound);
    assert_eq!(choose(&app, &second, CHOSEN), Status::SeeOther);
}

#[test]
fn a_disabled_account_cannot_use_its_link() {
    let app = TestApp::new();
    let (admin, sam) = admin_and_sam(&app);
    let link = reset_sam(&admin, sam);
    admin
        .post(&format!("/admin/users/{sam}/disable"), &[])
        .expect(Status::SeeOther);
    app.browser().get(&link).expect(Status::NotFound);
}

#[test]
fn a_stale_form_on_the_link_page_changes_nothing() {
    let app = TestApp::new();
    let (admin, sam) = admin_and_sam(&app);
    let link = reset_sam(&admin, sam);
    let browser = app.browser();
    browser.get(&link).expect(Status::Ok);
    browser
        .post_raw(
            &link,
            &[("csrf", "0".repeat(64)), ("password", CHOSEN.into())],
        )
        .expect(Status::Forbidden);
    assert_eq!(sam_signs_in(&app, CHOSEN), Status::Unauthorized);
    assert_eq!(choose(&app, &link, CHOSEN), Status::SeeOther);
}

#[test]
fn the_person_is_told_once_who_reset_their_password() {
    let app = TestApp::new();
    let (admin, sam) = admin_and_sam(&app);
    let link = reset_sam(&admin, sam);
    assert_eq!(choose(&app, &link, CHOSEN), Status::SeeOther);

    let first = app.browser();
    first.sign_in("sam", CHOSEN).expect(Status::SeeOther);
    let home = first.get("/").expect(Status::Ok).body;
    assert!(
        home.contains("Your password was reset by root on"),
        "the notice names the administrator: {home}"
    );
    assert!(!first.get("/").body.contains("Your password was reset"));

    let second = app.browser();
    second.sign_in("sam", CHOSEN).expect(Status::SeeOther);
    assert!(
        !second.get("/").body.contains("Your password was reset"),
        "the notice is shown once"
    );
}

#[test]
fn the_audit_log_names_the_administrator_of_each_reset_and_disablement() {
    let app = TestApp::new();
    let (admin, sam) = admin_and_sam(&app);
    let link = reset_sam(&admin, sam);
    assert_eq!(choose(&app, &link, CHOSEN), Status::SeeOther);
    admin
        .post(&format!("/admin/users/{sam}/disable"), &[])
        .expect(Status::SeeOther);
    let audit = admin.get("/admin/audit").expect(Status::Ok).body;
    let row = |action: &str| {
        Regex::new(&format!(
            r"<td>(\w+)</td>\s*<td>{action}</td>\s*<td>sam</td>"
        ))
        .unwrap()
        .captures(&audit)
        .unwrap_or_else(|| panic!("no {action} row about sam: {audit}"))[1]
            .to_string()
    };
    assert_eq!(row("password_reset"), "root");
    assert_eq!(row("user_disabled"), "root");
    assert_eq!(row("password_chosen_after_reset"), "sam");
    assert!(
        !audit.contains(CHOSEN) && !audit.contains(&link[16..]),
        "neither the password nor the link's secret is logged"
    );
}
