//! The real `praxis` server binary on a data directory, on a free port.

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use praxis::demo::DEMO_PASSWORD;

use super::http::Client;
use super::machine::status_bytes;

/// A running server, stopped on drop.
pub struct Server {
    child: Child,
    /// Its port.
    pub port: u16,
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// The server binary: `PRAXIS_BENCH_SERVER` if set, else the one Cargo built with the bench.
pub fn binary() -> String {
    std::env::var("PRAXIS_BENCH_SERVER").unwrap_or_else(|_| env!("CARGO_BIN_EXE_praxis").into())
}

impl Server {
    /// Starts the server on `data_dir` (and the PostgreSQL database at `database_url`, if
    /// given) and waits until it answers.
    pub fn start(data_dir: &Path, database_url: Option<&str>) -> Self {
        let port = free_port();
        let log = std::fs::File::create(data_dir.join("server.log")).expect("server log");
        let mut command = Command::new(binary());
        match database_url {
            Some(url) => command.env("PRAXIS_DATABASE_URL", url),
            None => command.env_remove("PRAXIS_DATABASE_URL"),
        };
        let child = command
            .arg("--data-dir")
            .arg(data_dir)
            .arg("serve")
            .env("ROCKET_PORT", port.to_string())
            .env("ROCKET_ADDRESS", "127.0.0.1")
            .env("ROCKET_LOG_LEVEL", "off")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("starting the praxis server");
        let server = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(120);
        while Client::connect(port).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            sleep(Duration::from_millis(50));
        }
        server
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak resident memory (VmHWM), in MiB.
    pub fn peak_memory_mib(&self) -> f64 {
        status_bytes(self.pid(), "VmHWM").map_or(f64::NAN, |bytes| bytes as f64 / 1048576.0)
    }

    /// An API token for each demo user, by username.
    pub fn tokens(&self, usernames: &[&str]) -> HashMap<String, String> {
        let mut client = Client::connect(self.port).expect("connect");
        usernames
            .iter()
            .map(|name| {
                let body = serde_json::json!({
                    "username": name,
                    "password": DEMO_PASSWORD,
                    "name": "bench",
                });
                let reply = client
                    .post("/api/v1/tokens", None, &body.to_string())
                    .expect("token request");
                assert_eq!(reply.status, 201, "token for {name}: {}", reply.body);
                let token = reply.json()["token"].as_str().expect("a token").to_string();
                (name.to_string(), token)
            })
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
