//! `praxis`: see `praxis --help`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    praxis::cli::main()
}
