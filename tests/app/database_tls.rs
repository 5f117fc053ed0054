//! TLS to PostgreSQL: with `sslmode` in `PRAXIS_DATABASE_URL` the app's connections are
//! encrypted (and, with `sslmode=verify-full` and `sslrootcert`, the server is checked
//! against its certificate); a certificate that cannot be checked stops start-up with the
//! setting named. Runs when `.ci/postgres-tests` has started its cluster with TLS
//! (`PRAXIS_TEST_POSTGRES_TLS_URL`, `PRAXIS_TEST_POSTGRES_TLS_ROOT_CERT`).

use diesel::prelude::*;
use diesel::sql_types::Bool;

use crate::common::{DataDir, TestApp};
use crate::search::{find, hit_ids, note};

/// The cluster's TLS URL and its certificate, when the suite runs with them.
fn tls_cluster() -> Option<(String, String)> {
    let url = std::env::var("PRAXIS_TEST_POSTGRES_TLS_URL").ok()?;
    let root_cert = std::env::var("PRAXIS_TEST_POSTGRES_TLS_ROOT_CERT").ok()?;
    Some((url, root_cert))
}

/// `dir`'s database reached through `tls_url`'s server with the connection options `options`.
fn through_tls(dir: &DataDir, tls_url: &str, options: &str) -> String {
    let plain = dir.postgres_url().expect("the suite runs on PostgreSQL");
    let database = plain.rsplit('/').next().unwrap_or_default();
    let database = database.split('?').next().unwrap_or_default();
    let server = tls_url.split('?').next().unwrap_or_default();
    let server = server.rsplit_once('/').map_or(server, |(server, _)| server);
    format!("{server}/{database}?{options}")
}

#[derive(QueryableByName)]
struct Encrypted {
    #[diesel(sql_type = Bool)]
    ssl: bool,
}

/// Whether the app's own pooled connection is encrypted, as the server sees it.
fn encrypted(app: &TestApp) -> bool {
    let mut conn = app.db().conn().expect("a pooled connection");
    diesel::sql_query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .get_result::<Encrypted>(&mut *conn)
        .expect("the connection's TLS state")
        .ssl
}

#[test]
fn the_app_works_over_tls_when_the_url_requires_it() {
    let Some((tls_url, root_cert)) = tls_cluster() else {
        return;
    };
    for options in [
        "sslmode=require".to_string(),
        format!("sslmode=verify-full&sslrootcert={root_cert}"),
    ] {
        let dir = DataDir::new();
        let url = through_tls(&dir, &tls_url, &options);
        let app = TestApp::launch(dir, move |config| config.with_database_url(url));
        assert!(
            encrypted(&app),
            "{options}: the connection is not encrypted"
        );
        app.user("sam", "practitioner");
        let token = app.token("sam");
        let id = note(&app, &token, "Visit", "Talked about the sourdough starter.");
        assert_eq!(
            hit_ids(&find(&app, &token, "sourdough")),
            vec![id],
            "{options}"
        );
    }
    // The suite's own URL does without TLS: the check above can tell the difference.
    let plain = TestApp::new();
    assert!(!encrypted(&plain), "the plain connection is encrypted too");
}

#[test]
fn a_certificate_that_cannot_be_checked_stops_start_up_naming_the_setting() {
    let Some((tls_url, _)) = tls_cluster() else {
        return;
    };
    let dir = DataDir::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let missing = elsewhere.path().join("no-such-root.crt");
    let url = through_tls(
        &dir,
        &tls_url,
        &format!("sslmode=verify-full&sslrootcert={}", missing.display()),
    );
    let config = dir.config().with_database_url(url);
    let Err(error) = praxis::build(config) else {
        panic!("the app started though the server's certificate could not be checked");
    };
    let said = error.to_string();
    assert!(said.contains("PRAXIS_DATABASE_URL"), "{said}");
    assert!(said.contains("no-such-root.crt"), "{said}");
}
