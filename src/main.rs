//! `praxis`: see `praxis --help`.
// The exceptions, below: allocator options through mimalloc's C interface, and one `prctl`.
#![deny(unsafe_code)]

/// Indexing and search allocate many small strings from two threads or more; mimalloc
/// keeps that fast where the system allocator's locks and consolidation show up in profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    refuse_transparent_huge_pages();
    return_freed_memory_promptly();
    keep_returning_freed_memory();
    praxis::cli::main()
}

/// mimalloc's `purge_delay` option, by its position in `mi_option_e` of the mimalloc the
/// locked `libmimalloc-sys` builds (its Rust bindings name no constant for it).
const PURGE_DELAY_OPTION: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's default purge delay, in milliseconds: how the option is recognised.
const DEFAULT_PURGE_DELAY_MS: std::ffi::c_long = 1000;

/// How long freed memory may wait for reuse before it goes back to the system, in ms.
/// Short enough that threads hand back what a busy spell freed before they fall idle (at
/// mimalloc's default of a second, a server at rest kept 234 MB instead of 166 MB after the
/// load bench); long enough that the indexer, which frees and allocates its segment buffers
/// on every commit, reuses them instead of having the kernel zero fresh pages each time (at
/// 0 ms its write-to-searchable time at a million entries doubled).
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Sets mimalloc's purge delay to [`PURGE_DELAY_MS`]. mimalloc acts on the delay only when
/// the freeing thread allocates again, so with its default a thread that fell idle after a
/// busy spell kept its memory. An operator's own `MIMALLOC_PURGE_DELAY` wins, and a mimalloc
/// whose option at that position does not hold the expected default (its options numbered
/// differently) is left alone.
fn return_freed_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: reading and setting an integer option of the allocator; no memory is passed,
    // and mimalloc allows options to be read and set from any thread at any time.
    #[allow(unsafe_code)]
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY_OPTION) == DEFAULT_PURGE_DELAY_MS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY_OPTION, PURGE_DELAY_MS);
        }
    }
}

/// How often the memory keeper lets mimalloc hand back memory whose purge delay has passed.
const RETURN_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// Starts a thread that asks mimalloc, every [`RETURN_EVERY`], to hand back the freed
/// memory whose purge delay has passed. mimalloc purges only when some thread allocates, so
/// a server that fell idle after a busy spell kept everything freed in the spell's last
/// moments: 176 MB of anonymous memory 30 s after the load bench, against 98 MB when
/// purging at once. The call does nothing when nothing is due.
fn keep_returning_freed_memory() {
    let started = std::thread::Builder::new()
        .name("praxis-memory".into())
        .spawn(|| {
            loop {
                std::thread::sleep(RETURN_EVERY);
                // SAFETY: a collection of this thread's (empty) heap and of the purges due
                // in mimalloc's shared arenas; no memory is passed, and mimalloc allows it
                // from any thread at any time.
                #[allow(unsafe_code)]
                unsafe {
                    libmimalloc_sys::mi_collect(false);
                }
            }
        });
    // Without the thread memory is returned later, not lost; nothing to stop for.
    drop(started);
}

/// Turns transparent huge pages off for this process. mimalloc asks the kernel to back its
/// arena with 2 MB pages, and then much of what it handed back stayed resident: in the full
/// load bench the server peaked at 276 MB and kept 247 MB (169 MB anonymous) 30 s after the
/// load with them; with `MIMALLOC_ALLOW_THP=0`, 229 MB and 191 MB (117 MB anonymous); with
/// this call, 214 MB and 206 MB (130 MB anonymous), at the same throughput. mimalloc
/// reserves its arena before `main`, too early for its own option to act, so the process
/// opts out with `prctl`, which the kernel heeds for every page faulted in later. An
/// operator's own `MIMALLOC_ALLOW_THP` wins.
fn refuse_transparent_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return;
    }
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes integer arguments only; it changes how the kernel
    // backs this process's memory, not what any pointer refers to.
    #[allow(unsafe_code)]
    unsafe {
        // Without it the server only holds more memory; nothing to stop for.
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
