//! The data directory and the files in it are private to the account running Praxis.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::{DataDir, TestApp};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn the_data_directory_is_0700_and_its_files_0600() {
    // The database files are SQLite's; a PostgreSQL server keeps its own files.
    let dir = DataDir::sqlite();
    set_mode(dir.path(), 0o755);
    let app = TestApp::on(dir);
    app.user("sam", "practitioner");
    let data = app.dir.path();
    assert_eq!(
        mode(data),
        0o700,
        "a loose data directory is closed at start-up"
    );
    for file in [
        "praxis.sqlite3",
        "praxis.sqlite3-wal",
        "praxis.sqlite3-shm",
        "secret.key",
    ] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }
}

#[test]
fn loose_files_left_by_an_earlier_run_are_made_private_at_start_up() {
    let app = TestApp::on(DataDir::sqlite());
    app.user("sam", "practitioner");
    let data = app.dir.path().to_path_buf();
    set_mode(&data.join("praxis.sqlite3"), 0o644);
    let stray = data.join("index").join("left-by-an-older-version");
    std::fs::create_dir_all(stray.parent().unwrap()).unwrap();
    std::fs::write(&stray, b"segment").unwrap();
    set_mode(&stray, 0o644);
    set_mode(&data, 0o750);
    let app = app.restart();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("praxis.sqlite3")), 0o600);
    assert_eq!(mode(&data.join("index")), 0o700);
    assert_eq!(mode(&stray), 0o600);
    app.signed_in("sam");
}
