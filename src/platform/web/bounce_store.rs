//! Pages of refused submissions, kept for a short while so that the form's own page can show
//! them again after the redirect (and after a reload), in one browser, to one person.
//!
//! Held in memory only: a bounce is a moment in a conversation, not a record. What was typed
//! is also kept as the person's draft in the database, so a restart loses nothing typed.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rocket::http::Status;

/// How long a refused submission's page is shown again at its form's address.
pub const KEPT_FOR: Duration = Duration::from_secs(20 * 60);
/// Most pages kept at once (each browser keeps at most one); the oldest goes first.
const MOST_KEPT: usize = 256;

/// A refused submission's page as answered, and where and for whom it is shown again.
#[derive(Debug, Clone)]
pub struct BouncedPage {
    /// The person who submitted the form.
    pub user_id: i32,
    /// The path the form was posted to.
    pub action: String,
    /// The path of the page showing the form, where the page is shown again.
    pub home: String,
    /// The status it was answered with (422 invalid, 403 stale, 409 changed meanwhile).
    pub status: Status,
    /// The page itself.
    pub html: String,
    kept_at: Instant,
}

impl BouncedPage {
    /// A page answered now.
    pub fn new(user_id: i32, action: &str, home: &str, status: Status, html: String) -> Self {
        Self {
            user_id,
            action: action.to_string(),
            home: home.to_string(),
            status,
            html,
            kept_at: Instant::now(),
        }
    }
}

/// The kept pages, by the browser's bounce token.
#[derive(Debug, Default)]
pub struct BounceStore {
    pages: Mutex<HashMap<String, BouncedPage>>,
}

impl BounceStore {
    fn pages(&self) -> std::sync::MutexGuard<'_, HashMap<String, BouncedPage>> {
        // A panic elsewhere while holding the lock leaves a map that is still whole.
        self.pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps `page` under `token`, replacing what that token held.
    pub fn keep(&self, token: &str, page: BouncedPage) {
        let mut pages = self.pages();
        pages.retain(|_, kept| kept.kept_at.elapsed() < KEPT_FOR);
        while pages.len() >= MOST_KEPT {
            let oldest = pages
                .iter()
                .min_by_key(|(_, kept)| kept.kept_at)
                .map(|(token, _)| token.clone());
            match oldest {
                Some(oldest) => pages.remove(&oldest),
                None => break,
            };
        }
        pages.insert(token.to_string(), page);
    }

    /// The page kept under `token` for `user_id` at `home`, while it is fresh.
    pub fn shown_at(&self, token: &str, user_id: i32, home: &str) -> Option<BouncedPage> {
        self.pages()
            .get(token)
            .filter(|kept| {
                kept.user_id == user_id && kept.home == home && kept.kept_at.elapsed() < KEPT_FOR
            })
            .cloned()
    }

    /// Forgets the page under `token` if it is `user_id`'s and shown at another page than
    /// `path` (the person went on elsewhere: coming back opens the form afresh, with the
    /// draft). True when a page was forgotten.
    pub fn left(&self, token: &str, user_id: i32, path: &str) -> bool {
        let mut pages = self.pages();
        let gone = pages
            .get(token)
            .is_some_and(|kept| kept.user_id == user_id && kept.home != path);
        if gone {
            pages.remove(token);
        }
        gone
    }

    /// Forgets the page under `token` if it is `user_id`'s refusal of the form at `action`
    /// (the form was sent again, or its draft discarded).
    pub fn forget(&self, token: &str, user_id: i32, action: &str) {
        let mut pages = self.pages();
        if pages
            .get(token)
            .is_some_and(|kept| kept.user_id == user_id && kept.action == action)
        {
            pages.remove(token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BounceStore, BouncedPage, MOST_KEPT};
    use rocket::http::Status;

    fn page(user_id: i32) -> BouncedPage {
        BouncedPage::new(
            user_id,
            "/entries",
            "/entries/new",
            Status::UnprocessableEntity,
            "<p>typed</p>".into(),
        )
    }

    #[test]
    fn a_kept_page_is_shown_only_to_its_writer_at_its_home() {
        let store = BounceStore::default();
        store.keep("t", page(1));
        assert!(store.shown_at("t", 1, "/entries/new").is_some());
        assert!(store.shown_at("t", 2, "/entries/new").is_none());
        assert!(store.shown_at("t", 1, "/entries").is_none());
        assert!(store.shown_at("other", 1, "/entries/new").is_none());
        store.forget("t", 2, "/entries");
        assert!(store.shown_at("t", 1, "/entries/new").is_some());
        store.forget("t", 1, "/entries");
        assert!(store.shown_at("t", 1, "/entries/new").is_none());
        store.keep("t", page(1));
        assert!(
            !store.left("t", 2, "/"),
            "another person's visit changes nothing"
        );
        assert!(
            !store.left("t", 1, "/entries/new"),
            "a reload is no leaving"
        );
        assert!(store.left("t", 1, "/"));
        assert!(store.shown_at("t", 1, "/entries/new").is_none());
    }

    #[test]
    fn the_store_is_bounded() {
        let store = BounceStore::default();
        for n in 0..(MOST_KEPT + 10) {
            store.keep(&n.to_string(), page(1));
        }
        assert_eq!(store.pages().len(), MOST_KEPT);
        assert!(
            store
                .shown_at(&(MOST_KEPT + 9).to_string(), 1, "/entries/new")
                .is_some()
        );
    }
}
