//! A fixed set of threads for database work, one per pooled connection.
//!
//! Tokio's blocking pool starts a new thread whenever no idle one is free at the instant
//! work arrives, so under load it grew to dozens of threads even though only as many tasks
//! as connections ever ran at once; every such thread keeps its own allocator heap, which
//! is most of what a busy server held and kept afterwards. These threads are started once,
//! take work from one queue, and stop when the last [`Workers`] handle is dropped.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use rocket::tokio::sync::oneshot;

use crate::error::{AppError, AppResult};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// The queue in front of the database threads; cheap to share.
pub struct Workers {
    queue: Sender<Job>,
}

impl Workers {
    /// Starts `count` threads named `name-<n>`.
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

    /// Runs `work` on one of the threads and waits, asynchronously, for its answer. A
    /// panic inside `work` is an internal error for this call only; the thread carries on.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        self.queue
            .send(Box::new(move || {
                // The asker may have gone (its request was dropped); nothing to tell then.
                let _ = answer.send(work());
            }))
            .map_err(|_| AppError::Internal("the database threads have stopped".into()))?;
        answered
            .await
            .map_err(|_| AppError::Internal("database work failed unexpectedly".into()))
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
            tracing::error!("database work panicked; its request was answered with an error");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rocket::async_test]
    async fn runs_work_and_survives_a_panic() {
        let workers = Workers::start(2, "test-db").expect("threads start");
        assert_eq!(workers.run(|| 6 * 7).await.expect("answer"), 42);
        let failed = workers.run(|| -> u8 { panic!("work that fails") }).await;
        assert!(matches!(failed, Err(AppError::Internal(_))));
        // Both threads are still there: two slow jobs at once both finish.
        let (first, second) = rocket::tokio::join!(
            workers.run(|| std::thread::current().name().map(str::to_owned)),
            workers.run(|| std::thread::current().name().map(str::to_owned)),
        );
        assert!(
            first
                .expect("first")
                .is_some_and(|name| name.starts_with("test-db-"))
        );
        assert!(
            second
                .expect("second")
                .is_some_and(|name| name.starts_with("test-db-"))
        );
    }
}
