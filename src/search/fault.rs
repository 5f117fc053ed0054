//! Faults of the index caught where they happen: a panic inside tantivy or an error reading
//! the index becomes a message for the log and a "try again shortly" for the asker, and the
//! indexer is asked to check the index (and rebuild it if damaged). Search is a help; it must
//! never turn into a 500 or stop the app.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::generation::Generation;
use super::index::SearchIndex;
use crate::error::{AppError, AppResult};

/// Runs `work`, turning a panic into an error that says what the panic said.
pub fn caught<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| panic_message(payload.as_ref()))
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    format!("panic: {text}")
}

/// What the asker is told while the index cannot answer.
pub fn unavailable() -> AppError {
    AppError::Unavailable(
        "Search cannot answer just now: the search index is being checked and, if need be, \
         rebuilt. Try again in a moment."
            .to_string(),
    )
}

/// Runs the index part of a search (`what`, for the log) on the current index. A tantivy
/// error or panic is reported to the indexer and answered "unavailable".
pub fn on_index<T>(
    index: &SearchIndex,
    what: &str,
    work: impl FnOnce(&Generation) -> tantivy::Result<T>,
) -> AppResult<T> {
    let generation = index.shared().current();
    let problem = match caught(|| work(&generation)) {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(error)) => error.to_string(),
        Err(panic) => panic,
    };
    index.report_fault(&generation, what, &problem);
    Err(unavailable())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let text = caught(|| -> u8 { panic!("3 >= 5") }).unwrap_err();
        assert_eq!(text, "panic: 3 >= 5");
        let owned = caught(|| -> u8 { panic!("{} of {}", 1, 2) }).unwrap_err();
        assert_eq!(owned, "panic: 1 of 2");
        assert_eq!(caught(|| 7), Ok(7));
    }
}
