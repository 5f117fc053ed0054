//! A credential ended through one instance stops working at the others within a second,
//! although each remembers recent answers for up to 15 s.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use praxis::platform::db::schema::{api_tokens, credential_changes};
use rocket::http::Status;

use super::SharedDatabase;

#[test]
fn a_token_revoked_elsewhere_stops_working_within_a_second() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    let b = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    b.get_json(&token, "/api/v1/me").expect(Status::Ok);
    // Revoked as another process would revoke it: the row and the shared counter, in one
    // transaction, with nothing said to this process's memory.
    let mut conn = a.db().conn().unwrap();
    conn.immediate_transaction(|conn| {
        diesel::update(api_tokens::table)
            .set(api_tokens::revoked_at.eq(praxis::platform::clock::now()))
            .execute(conn)?;
        diesel::update(credential_changes::table)
            .set(credential_changes::generation.eq(credential_changes::generation + 1))
            .execute(conn)
    })
    .unwrap();
    drop(conn);
    let revoked_at = Instant::now();
    loop {
        let answer = b.get_json(&token, "/api/v1/me");
        if answer.status == Status::Unauthorized {
            break;
        }
        assert_eq!(answer.status, Status::Ok, "{}", answer.body);
        assert!(
            revoked_at.elapsed() < Duration::from_secs(1),
            "the revoked token still works after a second"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
