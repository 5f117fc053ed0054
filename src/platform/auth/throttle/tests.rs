use super::*;
use crate::platform::clock;
use crate::platform::db::Database;

fn database() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().unwrap();
    let database = Database::open(&dir.path().join("throttle.sqlite3")).unwrap();
    database.migrate().unwrap();
    (dir, database)
}

fn begin(
    database: &Database,
    throttle: &SignInThrottle,
    username: &str,
    address: Option<&str>,
) -> AppResult<Attempt> {
    throttle.begin(
        &mut database.conn().unwrap(),
        username,
        address,
        clock::now(),
    )
}

fn fail(database: &Database, throttle: &SignInThrottle, username: &str, address: Option<&str>) {
    let _attempt = begin(database, throttle, username, address).expect("not yet refused");
}

fn succeed(database: &Database, attempt: Attempt) {
    attempt.succeeded(&mut database.conn().unwrap()).unwrap();
}

#[test]
fn refuses_after_the_allowed_failures_and_names_a_wait() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(3, Duration::from_secs(600));
    for _ in 0..3 {
        fail(&db, &throttle, "Sam", Some("10.0.0.1"));
    }
    match begin(&db, &throttle, "sam", Some("10.0.0.2")) {
        Err(AppError::TooManyAttempts { retry_after_secs }) => {
            assert!(retry_after_secs > 0 && retry_after_secs <= 600)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(begin(&db, &throttle, "alex", Some("10.0.0.2")).is_ok());
}

#[test]
fn an_attempt_counts_before_it_ends() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(2, Duration::from_secs(600));
    let first = begin(&db, &throttle, "sam", None).expect("first");
    let second = begin(&db, &throttle, "sam", None).expect("second");
    assert!(
        begin(&db, &throttle, "sam", None).is_err(),
        "two attempts in flight use up the allowance"
    );
    succeed(&db, first);
    drop(second);
    assert!(begin(&db, &throttle, "sam", None).is_ok());
}

#[test]
fn parallel_attempts_pass_at_most_the_allowed_number() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(5, Duration::from_secs(600));
    let passed: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..40)
            .map(|_| {
                let (db, throttle) = (&db, &throttle);
                // Each on a connection of its own, as separate instances would be.
                scope.spawn(move || {
                    let mut conn = db.dedicated().unwrap();
                    throttle.begin(&mut conn, "sam", None, clock::now()).is_ok()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| usize::from(handle.join().unwrap_or(false)))
            .sum()
    });
    assert_eq!(passed, 5);
}

#[test]
fn success_clears_the_username_but_not_other_failures() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(2, Duration::from_secs(600));
    fail(&db, &throttle, "sam", None);
    succeed(&db, begin(&db, &throttle, "sam", None).expect("allowed"));
    fail(&db, &throttle, "sam", None);
    assert!(begin(&db, &throttle, "sam", None).is_ok());
}

#[test]
fn successes_do_not_use_up_the_address() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(1, Duration::from_secs(600));
    for colleague in 0..10 {
        let attempt = begin(
            &db,
            &throttle,
            &format!("colleague{colleague}"),
            Some("10.0.0.1"),
        )
        .expect("a shared office address is not throttled for successes");
        succeed(&db, attempt);
    }
}

#[test]
fn the_address_is_refused_after_its_larger_allowance() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(1, Duration::from_secs(600));
    for guess in 0..ADDRESS_FACTOR {
        fail(&db, &throttle, &format!("user{guess}"), Some("10.0.0.9"));
    }
    assert!(begin(&db, &throttle, "someone", Some("10.0.0.9")).is_err());
    assert!(begin(&db, &throttle, "someone", Some("10.0.0.8")).is_ok());
}

#[test]
fn a_refusal_for_the_address_does_not_count_against_the_username() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(1, Duration::from_secs(600));
    for guess in 0..ADDRESS_FACTOR {
        fail(&db, &throttle, &format!("user{guess}"), Some("10.0.0.9"));
    }
    assert!(begin(&db, &throttle, "pat", Some("10.0.0.9")).is_err());
    assert!(
        begin(&db, &throttle, "pat", Some("10.0.0.8")).is_ok(),
        "pat has not failed yet"
    );
}

#[test]
fn failures_expire_after_the_lockout() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(1, Duration::from_millis(0));
    fail(&db, &throttle, "sam", None);
    assert!(begin(&db, &throttle, "sam", None).is_ok());
}

#[test]
fn a_count_starts_over_once_stale_and_stale_counts_are_forgotten() {
    let (_dir, db) = database();
    let throttle = SignInThrottle::new(2, Duration::from_secs(600));
    let mut conn = db.conn().unwrap();
    let long_ago = clock::now() - TimeDelta::hours(1);
    for _ in 0..2 {
        let _ = throttle
            .begin(&mut conn, "sam", None, long_ago)
            .expect("allowed then");
    }
    let _ = throttle
        .begin(&mut conn, "sam", None, clock::now())
        .expect("stale count");
    let _ = throttle
        .begin(&mut conn, "sam", None, clock::now())
        .expect("second of two");
    assert!(
        throttle
            .begin(&mut conn, "sam", None, clock::now())
            .is_err()
    );
    let _ = throttle
        .begin(&mut conn, "old", Some("10.1.1.1"), long_ago)
        .expect("allowed then");
    assert_eq!(
        throttle.forget_stale(&mut conn, clock::now()).unwrap(),
        2,
        "the name and the address tried an hour ago"
    );
    assert!(
        throttle
            .begin(&mut conn, "sam", None, clock::now())
            .is_err(),
        "recent failures are kept"
    );
}
