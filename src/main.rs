//! `praxis`: see `praxis --help`.
#![forbid(unsafe_code)]

/// Indexing and search allocate many small strings from two threads or more; mimalloc
/// keeps that fast where the system allocator's locks and consolidation show up in profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    praxis::cli::main()
}
