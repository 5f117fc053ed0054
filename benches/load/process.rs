//! A child process the bench started (the server, the bare Rocket app), with what Linux
//! says about its CPU time and memory. It is killed when dropped, also when the bench panics.

use std::net::TcpStream;
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::machine::status_bytes;

/// A running process listening on 127.0.0.1.
pub struct Process {
    child: Child,
    /// The port it listens on.
    pub port: u16,
}

/// Resident memory in bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    /// Peak resident set (VmHWM) since start or since the peak was last reset.
    pub peak: u64,
    /// Resident set now (VmRSS).
    pub resident: u64,
    /// The anonymous part of it (RssAnon): the heap and stacks, not pages of mapped files.
    pub anonymous: u64,
}

impl std::iter::Sum for Memory {
    /// Several processes' memory together.
    fn sum<I: Iterator<Item = Memory>>(memories: I) -> Self {
        memories.fold(Memory::default(), |total, memory| Memory {
            peak: total.peak + memory.peak,
            resident: total.resident + memory.resident,
            anonymous: total.anonymous + memory.anonymous,
        })
    }
}

/// A port nobody listens on, found by binding to port 0.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port on 127.0.0.1")
}

impl Process {
    /// Spawns `command` (already told to listen on `port`) and waits up to two minutes for the
    /// port to accept connections.
    pub fn spawn(mut command: Command, port: u16, what: &str) -> Self {
        let child = command
            .spawn()
            .unwrap_or_else(|error| panic!("starting {what}: {error}"));
        let mut process = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(120);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = process.child.try_wait() {
                panic!("{what} exited before answering ({status})");
            }
            assert!(
                Instant::now() < deadline,
                "{what} did not answer within 2 minutes"
            );
            sleep(Duration::from_millis(50));
        }
        process
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// CPU time used so far, user and system, in seconds.
    pub fn cpu_seconds(&self) -> f64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // The command name may hold spaces; the fields after it do not.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        // utime and stime are the 14th and 15th fields; the rest starts at the 3rd.
        let ticks: f64 = [11, 12]
            .iter()
            .filter_map(|&at| fields.get(at).and_then(|value| value.parse::<f64>().ok()))
            .sum();
        ticks / clock_ticks_per_second()
    }

    /// Peak and current resident memory.
    pub fn memory(&self) -> Memory {
        let bytes = |field: &str| status_bytes(self.pid(), field).unwrap_or(0);
        Memory {
            peak: bytes("VmHWM"),
            resident: bytes("VmRSS"),
            anonymous: bytes("RssAnon"),
        }
    }

    /// Starts a new peak (VmHWM) from the current resident set, so that each run reports its
    /// own peak; false when the kernel refused.
    pub fn reset_peak(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5").is_ok()
    }
}

fn clock_ticks_per_second() -> f64 {
    static TICKS: OnceLock<f64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|output| String::from_utf8_lossy(&output.stdout).trim().parse().ok())
            .unwrap_or(100.0)
    })
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
