//! The server process's own memory settings: it turns transparent huge pages off for
//! itself (they kept memory resident that the allocator had handed back), unless the
//! operator set `MIMALLOC_ALLOW_THP`.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::data_dir::DataDir;

/// A line of a process's status, by its name.
fn status_line(pid: u32, name: &str) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .map(|value| value.trim().to_owned())
}

fn huge_pages_enabled(pid: u32) -> Option<String> {
    status_line(pid, "THP_enabled")
}

/// Starts `praxis serve` on a port of its own, with `allow` as `MIMALLOC_ALLOW_THP` if given.
fn serve(dir: &DataDir, allow: Option<&str>) -> Child {
    let mut command = dir.praxis();
    command
        .arg("serve")
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .env("ROCKET_PORT", "0")
        .env_remove("MIMALLOC_ALLOW_THP")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(allow) = allow {
        command.env("MIMALLOC_ALLOW_THP", allow);
    }
    command.spawn().expect("praxis serve starts")
}

/// The server's `THP_enabled` once `main` has run its first lines: the memory settings come
/// first, and then a thread of the server's own starts.
fn settled(server: &mut Child) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let threads = |pid| {
        status_line(pid, "Threads")
            .and_then(|count| count.parse::<u32>().ok())
            .unwrap_or(0)
    };
    while threads(server.id()) < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let seen = huge_pages_enabled(server.id());
    server.kill().ok();
    server.wait().ok();
    seen.expect("the kernel reports THP_enabled in /proc/<pid>/status")
}

#[test]
fn the_server_turns_transparent_huge_pages_off_for_itself_unless_told_otherwise() {
    let dir = DataDir::sqlite();
    let mut server = serve(&dir, None);
    assert_eq!(settled(&mut server), "0");

    // With the operator's setting the server leaves the kernel's choice alone: it keeps
    // what it inherited from this test process.
    let inherited = huge_pages_enabled(std::process::id()).expect("THP_enabled of the test");
    let mut server = serve(&dir, Some("1"));
    assert_eq!(settled(&mut server), inherited);
}
