//! A throwaway PostgreSQL cluster for the benches: `initdb` into a temporary directory,
//! `pg_ctl start` on a free port of 127.0.0.1, and on drop (also when the bench panics) an
//! immediate stop and the directory removed. As `.ci/postgres-tests` does, the cluster runs
//! as `nobody` when the bench runs as root, since PostgreSQL refuses to run as root.
//! Shared by the benches through `#[path]`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// Settings the cluster starts with. Commits do not wait for their WAL to reach the disk
/// (`synchronous_commit=off`), the same promise as the app's SQLite in WAL mode with
/// `synchronous=NORMAL`: a crash of the machine may lose the last commits, never corrupt.
const SERVER_OPTIONS: &str = "-c listen_addresses=127.0.0.1 -c max_connections=400 \
                              -c synchronous_commit=off";

/// A running cluster, stopped and removed on drop.
pub struct Cluster {
    bin: PathBuf,
    dir: TempDir,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl Cluster {
    /// Starts a new cluster, or panics saying what is missing.
    pub fn start() -> Self {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("praxis-bench-pg-")
            .tempdir()
            .expect("a temporary directory for PostgreSQL");
        if running_as_root() {
            run(Command::new("chown").arg("nobody").arg(dir.path()), "chown");
        }
        let data = dir.path().join("data");
        run(
            owner_command(&bin.join("initdb"))
                .arg("-D")
                .arg(&data)
                .args(["-U", "postgres", "--auth=trust", "--encoding=UTF8"])
                .arg("--locale=C.UTF-8"),
            "initdb",
        );
        let port = free_port();
        let options = format!("-p {port} -k {} {SERVER_OPTIONS}", dir.path().display());
        let cluster = Self { bin, dir, port };
        run(
            owner_command(&cluster.bin.join("pg_ctl"))
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.path().join("server.log"))
                .args(["-w", "-o", &options, "start"]),
            "pg_ctl start",
        );
        cluster
    }

    /// Creates an empty database `name` and returns its URL.
    pub fn create_database(&self, name: &str) -> String {
        run(
            Command::new(self.bin.join("createdb"))
                .args(["-h", "127.0.0.1", "-U", "postgres"])
                .arg(format!("--port={}", self.port))
                .arg(name),
            "createdb",
        );
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// The PostgreSQL version, as `pg_ctl --version` prints it.
    pub fn version(&self) -> String {
        let output = Command::new(self.bin.join("pg_ctl"))
            .arg("--version")
            .output()
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
            .unwrap_or_default();
        output
            .trim_start_matches("pg_ctl (PostgreSQL) ")
            .to_string()
    }

    /// The settings the cluster was started with, for reports.
    pub fn settings() -> &'static str {
        SERVER_OPTIONS
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = owner_command(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// The directory holding `initdb` and the other programs: where the `initdb` on PATH really
/// is (a link on PATH may stand for it alone), or the newest of Debian's
/// `/usr/lib/postgresql/*/bin`.
fn bin_dir() -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .find_map(|dir| std::fs::canonicalize(dir.join("initdb")).ok())
        .and_then(|initdb| initdb.parent().map(Path::to_path_buf));
    let debian = || {
        let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let version = entry.file_name().to_str()?.parse().ok()?;
                let bin = entry.path().join("bin");
                bin.join("initdb").is_file().then_some((version, bin))
            })
            .collect();
        versions.sort();
        versions.pop().map(|(_, bin)| bin)
    };
    on_path.or_else(debian).unwrap_or_else(|| {
        panic!(
            "PostgreSQL's initdb is neither on PATH nor under /usr/lib/postgresql; install it \
             with `apt-get install postgresql` to measure on PostgreSQL"
        )
    })
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0")
}

/// `program` run as the cluster's owner: `nobody` when the bench runs as root.
fn owner_command(program: &Path) -> Command {
    if running_as_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "nobody", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command, what: &str) {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|error| panic!("running {what}: {error}"));
    assert!(
        output.status.success(),
        "{what} failed ({}): {}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port on 127.0.0.1")
}
