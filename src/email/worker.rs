//! The email worker: a thread of its own (the mail server may be slow; nothing here runs on
//! the web server's executor) that, each round, has the scheduler write what is due and then
//! sends what waits in the outbox, retrying failures with a growing delay.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::TimeDelta;

use super::scheduler::{self, Moment};
use super::sender::Sender;
use super::{EmailSettings, store};
use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::instances::InstanceId;
use crate::platform::instances::lease::JobLease;

/// Messages sent per round at most, so one round cannot run on for long.
const BATCH: i64 = 50;
/// How long a claimed message is left to its sender before another round may try it.
const CLAIM: TimeDelta = TimeDelta::minutes(5);
/// The longest wait between two attempts.
const MAX_RETRY: Duration = Duration::from_secs(3600);
/// The lease that lets one instance among those sharing the database run the rounds.
const LEASE: &str = "email";
/// How long a round's hold on the lease lasts beyond the wait for the next round: long
/// enough for a slow round, short enough that another instance takes over soon after this
/// one stops without saying so.
const LEASE_SLACK: Duration = Duration::from_secs(60);

/// Wakes or stops the worker.
#[derive(Default)]
struct Signal {
    stopping: AtomicBool,
    wake: Mutex<bool>,
    bell: Condvar,
}

/// The running worker; dropping it (when the app shuts down) stops the thread.
pub struct EmailWorker {
    signal: Arc<Signal>,
    thread: Option<JoinHandle<()>>,
}

impl EmailWorker {
    /// Starts the worker thread.
    pub fn start(
        settings: EmailSettings,
        database: Database,
        timescales: Arc<Timescales>,
        instance: InstanceId,
    ) -> AppResult<Self> {
        let sender = Sender::new(&settings.smtp_url, settings.smtp_ca_file.as_deref())
            .map_err(AppError::Config)?;
        let signal = Arc::new(Signal::default());
        let worker_signal = Arc::clone(&signal);
        let thread = std::thread::Builder::new()
            .name("praxis-email".into())
            .spawn(move || {
                let lease = JobLease::new(LEASE, instance, settings.poll + LEASE_SLACK);
                run(
                    &settings,
                    &database,
                    &timescales,
                    &sender,
                    &worker_signal,
                    &lease,
                );
                lease.release(&database);
            })
            .map_err(|error| AppError::Internal(format!("email worker: {error}")))?;
        Ok(Self {
            signal,
            thread: Some(thread),
        })
    }

    /// Starts a round now rather than at the next tick.
    pub fn wake(&self) {
        if let Ok(mut woken) = self.signal.wake.lock() {
            *woken = true;
            self.signal.bell.notify_all();
        }
    }
}

impl Drop for EmailWorker {
    fn drop(&mut self) {
        self.signal.stopping.store(true, Ordering::SeqCst);
        self.wake();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(
    settings: &EmailSettings,
    database: &Database,
    timescales: &Timescales,
    sender: &Sender,
    signal: &Signal,
    lease: &JobLease,
) {
    while !signal.stopping.load(Ordering::SeqCst) {
        // Another instance sharing the database has the rounds while it holds the lease.
        if lease.held(database)
            && let Err(error) = one_round(settings, database, timescales, sender, signal)
        {
            tracing::warn!("email round failed: {error}");
        }
        let Ok(woken) = signal.wake.lock() else {
            return;
        };
        let Ok((mut woken, _)) = signal
            .bell
            .wait_timeout_while(woken, settings.poll, |woken| !*woken)
        else {
            return;
        };
        *woken = false;
    }
}

fn one_round(
    settings: &EmailSettings,
    database: &Database,
    timescales: &Timescales,
    sender: &Sender,
    signal: &Signal,
) -> AppResult<()> {
    let now = clock::now();
    let moment = Moment {
        now,
        today: clock::today(),
        local_time: clock::local(now).time(),
    };
    let due = {
        let mut conn = database.conn()?;
        scheduler::round(
            &mut conn,
            timescales,
            settings.digest_time,
            &settings.public_url,
            moment,
        )?;
        store::due(&mut conn, now, BATCH)?
    };
    for queued in due {
        if signal.stopping.load(Ordering::SeqCst) {
            break;
        }
        let now = clock::now();
        // The connection is let go while the server is talked to.
        if !store::claim(&mut *database.conn()?, queued.id, now, now + CLAIM)? {
            continue;
        }
        match sender.send(&settings.from, &queued) {
            Ok(()) => store::mark_sent(&mut *database.conn()?, queued.id, clock::now())?,
            Err(error) => {
                let wait = retry_delay(settings.retry, queued.attempts);
                tracing::warn!(
                    "email {} not sent (attempt {}), trying again in {}s: {error}",
                    queued.id,
                    queued.attempts + 1,
                    wait.as_secs()
                );
                let retry_at = clock::now() + TimeDelta::from_std(wait).unwrap_or(CLAIM);
                store::mark_failed(&mut *database.conn()?, queued.id, &error, retry_at)?;
            }
        }
    }
    Ok(())
}

/// The wait before the next attempt after `failed` failures: the first delay, doubled for
/// each failure, at most an hour.
pub fn retry_delay(first: Duration, failed: i32) -> Duration {
    let doublings = u32::try_from(failed.clamp(0, 16)).unwrap_or(16);
    first.saturating_mul(1 << doublings).min(MAX_RETRY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_up_to_an_hour() {
        let first = Duration::from_secs(30);
        assert_eq!(retry_delay(first, 0), Duration::from_secs(30));
        assert_eq!(retry_delay(first, 1), Duration::from_secs(60));
        assert_eq!(retry_delay(first, 3), Duration::from_secs(240));
        assert_eq!(retry_delay(first, 40), MAX_RETRY);
    }

    #[test]
    fn the_delay_never_shrinks_and_never_passes_the_cap() {
        for first in [1, 2, 30, 900, 4000] {
            let first = Duration::from_secs(first);
            for failed in -3..100 {
                let delay = retry_delay(first, failed);
                assert!(delay <= MAX_RETRY.max(first), "{first:?} {failed}");
                assert!(
                    retry_delay(first, failed + 1) >= delay,
                    "{first:?} {failed}"
                );
            }
        }
    }
}
