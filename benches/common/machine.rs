//! What Linux says about this machine and about a process on it, for the benches' reports.
//! Shared by the benches through `#[path]`, since bench targets cannot share a module
//! otherwise without putting bench code into the library.

/// The CPU's model name, from `/proc/cpuinfo`.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':']).trim().to_string())
        .unwrap_or_else(|| "unknown CPU".into())
}

/// A `kB` figure of `/proc/<pid>/status` (`VmHWM`, `VmRSS`, `RssAnon`, ...), in bytes; None
/// when the process or the field is not there.
pub fn status_bytes(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let value = status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))?;
    let kib: u64 = value.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}
