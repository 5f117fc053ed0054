//! A fixed set of threads taking blocking work from one queue: the database threads, and
//! the one that checks passwords.
//!
//! Tokio's blocking pool starts a new thread whenever no idle one is free at the instant
//! work arrives, so under load it grew to dozens of threads even though only as many tasks
//! as connections ever ran at once; every such thread keeps its own allocator heap, which
//! is most of what a busy server held and kept afterwards. These threads are started once
//! and stop when the last [`Threads`] handle is dropped.
//!
//! The threads themselves are the bound on the work: work waits in the queue in memory,
//! holding neither a thread nor a database connection, and a thread that finishes one piece
//! takes the next at once. (Database work was once admitted by a semaphore on the executor
//! instead; each finished piece then waited for the executor to poll the next asker before
//! a thread had anything to do, and under load those gaps cost a third of the throughput.)

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rocket::tokio::sync::oneshot;

use crate::error::{AppError, AppResult};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// The queue in front of a set of threads; cheap to share.
pub struct Threads {
    queue: Sender<Job>,
}

impl Threads {
    /// Starts `count` threads (at least one) named `name-<n>`.
    pub fn start(count: usize, name: &str) -> AppResult<Self> {
        let (queue, jobs) = channel::<Job>();
        let jobs = Arc::new(Mutex::new(jobs));
        for number in 0..count.max(1) {
            let jobs = Arc::clone(&jobs);
            std::thread::Builder::new()
                .name(format!("{name}-{number}"))
                .spawn(move || serve(&jobs))
                .map_err(|error| AppError::Internal(format!("starting {name}: {error}")))?;
        }
        Ok(Self { queue })
    }

    /// Runs `work` on one of the threads, after the work queued before it, and waits
    /// asynchronously for its answer. Work still queued at `deadline` is not started: the
    /// call answers `late()` instead. Work whose asker has gone (its request was dropped) is
    /// not started at all. A panic inside `work` is an internal error for this call only;
    /// the thread carries on.
    pub async fn run<T, F>(
        &self,
        deadline: Instant,
        late: fn() -> AppError,
        work: F,
    ) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce() -> AppResult<T> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job = move || {
            if answer.is_closed() {
                return;
            }
            let result = if Instant::now() > deadline {
                Err(late())
            } else {
                work()
            };
            let _ = answer.send(result);
        };
        self.queue
            .send(Box::new(job))
            .map_err(|_| AppError::Internal("the worker threads have stopped".into()))?;
        answered
            .await
            .map_err(|_| AppError::Internal("blocking work failed unexpectedly".into()))?
    }
}

/// One thread's life: take the next job, run it, until the queue is gone.
fn serve(jobs: &Mutex<Receiver<Job>>) {
    loop {
        // The lock is held only while waiting for the next job, never while running one.
        let next = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(job) = next else { return };
        if catch_unwind(AssertUnwindSafe(job)).is_err() {
            tracing::error!("blocking work panicked; its asker was answered with an error");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    fn soon() -> Instant {
        Instant::now() + Duration::from_secs(10)
    }

    fn late() -> AppError {
        AppError::Unavailable("late".into())
    }

    fn thread_name() -> AppResult<String> {
        Ok(std::thread::current().name().unwrap_or_default().to_owned())
    }

    #[rocket::async_test]
    async fn runs_work_and_survives_a_panic() {
        let threads = Threads::start(2, "test-db").expect("threads start");
        assert_eq!(
            threads
                .run(soon(), late, || Ok(6 * 7))
                .await
                .expect("answer"),
            42
        );
        let failed = threads
            .run(soon(), late, || -> AppResult<u8> {
                panic!("work that fails")
            })
            .await;
        assert!(matches!(failed, Err(AppError::Internal(_))));
        // Both threads are still there: two pieces at once both finish.
        let (first, second) = rocket::tokio::join!(
            threads.run(soon(), late, thread_name),
            threads.run(soon(), late, thread_name),
        );
        for name in [first.expect("first"), second.expect("second")] {
            assert!(
                ["test-db-0", "test-db-1"].contains(&name.as_str()),
                "{name}"
            );
        }
    }

    #[rocket::async_test]
    async fn work_still_queued_at_its_deadline_is_refused_not_run() {
        let threads = Threads::start(1, "test-db").expect("threads start");
        let ran = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&ran);
        let (blocker, refused) = rocket::tokio::join!(
            threads.run(soon(), late, || {
                std::thread::sleep(Duration::from_millis(200));
                Ok(())
            }),
            threads.run(
                Instant::now() + Duration::from_millis(50),
                late,
                move || {
                    counter.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                }
            ),
        );
        blocker.expect("the first work runs");
        assert!(matches!(refused, Err(AppError::Unavailable(_))));
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }

    #[rocket::async_test]
    async fn work_whose_asker_has_gone_is_not_run() {
        let threads = Threads::start(1, "test-db").expect("threads start");
        let ran = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&ran);
        let blocker = threads.run(soon(), late, || {
            std::thread::sleep(Duration::from_millis(200));
            Ok(())
        });
        let abandoned = threads.run(soon(), late, move || {
            counter.fetch_add(1, Ordering::SeqCst);
            Ok(())
        });
        // The second asker gives up while its work still waits behind the first.
        let gave_up = rocket::tokio::time::timeout(Duration::from_millis(50), async {
            rocket::tokio::join!(blocker, abandoned)
        })
        .await;
        assert!(gave_up.is_err());
        // Whatever runs next shows the abandoned work was skipped.
        threads
            .run(soon(), late, || Ok(()))
            .await
            .expect("later work");
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }
}
