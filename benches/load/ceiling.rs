//! The ceiling: a bare Rocket handler (`examples/bare_rocket.rs`) on the same machine, built
//! by Cargo with the same profile and target directory as the bench.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::process::{Process, free_port};

/// Builds the example in release and returns the path of its binary.
pub fn build() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--release", "--example", "bare_rocket"])
        .arg("--manifest-path")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .arg("--message-format=json-render-diagnostics")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .expect("running cargo build for the bare Rocket example");
    assert!(
        output.status.success(),
        "cargo could not build examples/bare_rocket.rs"
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == "bare_rocket"
        })
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .expect("cargo named no executable for the bare Rocket example")
}

/// Starts the bare Rocket app on a free port of 127.0.0.1.
pub fn start(binary: &PathBuf) -> Process {
    let port = free_port();
    let mut command = Command::new(binary);
    command
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .env("ROCKET_PORT", port.to_string())
        .env("ROCKET_LOG_LEVEL", "off")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    Process::spawn(command, port, "the bare Rocket example")
}
