//! `praxis`: see `praxis --help`.
// The exceptions, below: one call into mimalloc's C interface, and one `prctl`.
#![deny(unsafe_code)]

/// Indexing and search allocate many small strings from two threads or more; mimalloc
/// keeps that fast where the system allocator's locks and consolidation show up in profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    refuse_transparent_huge_pages();
    keep_returning_freed_memory();
    praxis::cli::main()
}

/// How often the memory keeper lets mimalloc hand back memory whose purge delay has passed.
const RETURN_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// Starts a thread that asks mimalloc, every [`RETURN_EVERY`], to hand back the freed
/// memory whose purge delay (a second, mimalloc's default) has passed. mimalloc purges only
/// when some thread allocates, so a server that fell idle after a busy spell kept everything
/// freed in the spell's last moments: 176 MB of anonymous memory 30 s after the load bench,
/// against 98 MB when purging at once. The call does nothing when nothing is due.
///
/// The delay stays at its default. A shorter one (100 ms, set here before) kept less after
/// the full load bench (134 to 151 MB 30 s after it, against 178 MB; peak 214 to 219 MB
/// against 260 MB, all within the targets) but cost every search: at a million entries HTTP
/// p50 was 1.63 to 1.82 ms with it and 1.38 to 1.44 ms without, most likely because memory
/// freed between searches went back to the kernel and had to be zeroed again.
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
