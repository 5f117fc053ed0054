//! `praxis`: see `praxis --help`.
// The one exception is setting an allocator option, below, through mimalloc's C interface.
#![deny(unsafe_code)]

/// Indexing and search allocate many small strings from two threads or more; mimalloc
/// keeps that fast where the system allocator's locks and consolidation show up in profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    return_freed_memory_promptly();
    praxis::cli::main()
}

/// mimalloc's `purge_delay` option, by its position in `mi_option_e` of the mimalloc the
/// locked `libmimalloc-sys` builds (its Rust bindings name no constant for it).
const PURGE_DELAY_OPTION: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's default purge delay, in milliseconds: how the option is recognised.
const DEFAULT_PURGE_DELAY_MS: std::ffi::c_long = 1000;

/// Gives memory freed after a burst of work back to the system at once. mimalloc delays
/// that by a second, and acts on the delay only when the freeing thread allocates again, so
/// threads that fall idle after a busy spell kept their memory for good: a server back at
/// rest held well over its idle size. An operator's own `MIMALLOC_PURGE_DELAY` wins, and a
/// mimalloc whose option at that position does not hold the expected default (its options
/// numbered differently) is left alone.
fn return_freed_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: reading and setting an integer option of the allocator; no memory is passed,
    // and mimalloc allows options to be read and set from any thread at any time.
    #[allow(unsafe_code)]
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY_OPTION) == DEFAULT_PURGE_DELAY_MS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY_OPTION, 0);
        }
    }
}
