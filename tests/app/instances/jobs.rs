//! Background jobs run on one instance at a time: the email rounds are held by one instance
//! while it runs, and taken over by another once it stops.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use praxis::platform::db::schema::leases;
use praxis::platform::instances::InstanceId;

use super::SharedDatabase;
use crate::common::TestApp;
use crate::email::{mailing, opt_in, smtp_server, wait_for};
use crate::supervision::{create, days_ago, draft, pair};

fn email_lease_holder(app: &TestApp) -> Option<String> {
    leases::table
        .find("email")
        .select(leases::holder)
        .first(&mut *app.db().conn().unwrap())
        .optional()
        .unwrap()
}

fn instance_id(app: &TestApp) -> String {
    InstanceId::load_or_create(app.dir.path())
        .unwrap()
        .as_str()
        .to_string()
}

#[test]
fn email_rounds_run_on_one_instance_and_move_when_it_stops() {
    let port = crate::email::free_port();
    let received = smtp_server(port);
    let shared = SharedDatabase::new();
    let mut instances = vec![
        shared.instance_with(mailing(port)),
        shared.instance_with(mailing(port)),
    ];
    let (pat, sam) = pair(&instances[0], "pat", "sam");
    crate::inbox::labelled_case(&instances[0], &sam);
    create(&instances[0], &pat, "sam", draft(days_ago(2)));
    opt_in(&instances[1], "sam", true, false);
    let mail = wait_for(&received, |mail| !mail.is_empty());
    assert_eq!(mail[0].to, ["sam@example.org"]);

    // Both instances poll every second; only one of them holds the rounds meanwhile.
    let ids: Vec<String> = instances.iter().map(instance_id).collect();
    let holder = email_lease_holder(&instances[0]).expect("the email lease is held");
    assert!(ids.contains(&holder), "{holder} is one of {ids:?}");
    let watch_until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < watch_until {
        assert_eq!(email_lease_holder(&instances[0]).as_ref(), Some(&holder));
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(received.lock().unwrap().len(), 1, "the digest came once");

    // The holder stops; the other instance takes the rounds over and sends pat's digest.
    let stopping = ids.iter().position(|id| *id == holder).unwrap();
    drop(instances.remove(stopping));
    let survivor = &instances[0];
    opt_in(survivor, "pat", true, false);
    let mail = wait_for(&received, |mail| mail.len() >= 2);
    assert_eq!(mail[1].to, ["pat@example.org"]);
    assert_eq!(email_lease_holder(survivor), Some(instance_id(survivor)));
    assert_eq!(received.lock().unwrap().len(), 2, "{mail:#?}");
}

#[test]
fn the_clean_up_removes_stale_sign_in_counts_idle_sessions_and_gone_instances_only() {
    use praxis::platform::auth::throttle::SignInThrottle;
    use praxis::platform::db::schema::{instances, sessions, sign_in_failures};
    use praxis::platform::maintenance::Chores;

    let shared = SharedDatabase::new();
    let app = shared.instance();
    app.user("sam", "practitioner");
    app.user("pat", "supervisor");
    let _sam = app.signed_in("sam");
    let pat = app.signed_in("pat");
    let throttle = SignInThrottle::new(5, Duration::from_secs(15 * 60));
    let mut conn = app.db().conn().unwrap();
    let now = praxis::platform::clock::now();
    let long_ago = now - chrono::TimeDelta::hours(2);
    drop(throttle.begin(&mut conn, "sam", Some("10.0.0.1"), long_ago));
    drop(throttle.begin(&mut conn, "pat", Some("10.0.0.2"), now));
    let sam_id = praxis::accounts::directory::find_by_username(&mut conn, "sam")
        .unwrap()
        .unwrap()
        .id;
    diesel::update(sessions::table.filter(sessions::user_id.eq(sam_id)))
        .set(sessions::last_seen_at.eq(long_ago))
        .execute(&mut *conn)
        .unwrap();
    // An instance whose data directory went a month ago, beside the live one.
    diesel::insert_into(instances::table)
        .values((
            instances::id.eq("gone"),
            instances::applied_outbox.eq(0_i64),
            instances::started_at.eq(now - chrono::TimeDelta::days(40)),
            instances::seen_at.eq(now - chrono::TimeDelta::days(31)),
        ))
        .execute(&mut *conn)
        .unwrap();
    drop(conn);
    let chores = Chores {
        throttle,
        session_idle: chrono::Duration::minutes(60),
    };
    assert_eq!(
        chores.run(app.db()).unwrap(),
        4,
        "two counts, sam's session and the instance gone a month"
    );
    let mut conn = app.db().conn().unwrap();
    let counts: Vec<String> = sign_in_failures::table
        .select(sign_in_failures::throttle_key)
        .order(sign_in_failures::throttle_key.asc())
        .load(&mut *conn)
        .unwrap();
    // The sign-ins above were taken back from the test browsers' address, which stays.
    assert_eq!(counts, ["addr:10.0.0.2", "addr:unknown", "user:pat"]);
    let known: Vec<String> = instances::table
        .select(instances::id)
        .load(&mut *conn)
        .unwrap();
    assert_eq!(known, [instance_id(&app)]);
    drop(conn);
    pat.get("/").expect(rocket::http::Status::Ok);
}
