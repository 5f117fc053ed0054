//! A background thread that does one round of work now and then every so often, until the
//! app shuts down (dropping it stops the thread and waits for it).

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::{AppError, AppResult};

/// The running thread.
pub struct Periodic {
    stop: Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl Periodic {
    /// Starts a thread named `name` that runs `round` now and every `every`, and `finish`
    /// once it is told to stop.
    pub fn start(
        name: &str,
        every: Duration,
        mut round: impl FnMut() + Send + 'static,
        finish: impl FnOnce() + Send + 'static,
    ) -> AppResult<Self> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                loop {
                    round();
                    match stopped.recv_timeout(every) {
                        Err(RecvTimeoutError::Timeout) => {}
                        Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
                finish();
            })
            .map_err(|error| AppError::Internal(format!("starting {name}: {error}")))?;
        Ok(Self {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Periodic {
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
