//! The database as a request sees it: a handler asks for `&Database` and gets a copy that
//! knows whether the request writes (so its work queues behind other writers) and notes the
//! search-outbox changes it queued (so the searches that must see them wait for them).

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, AtomicI64, Ordering};

use rocket::http::{Method, Status};
use rocket::request::{FromRequest, Outcome, Request};

use super::Database;
use super::written::Queued;
use crate::error::AppError;

/// What a request's copy of the database carries.
#[derive(Clone)]
pub(super) struct Scope {
    writes: bool,
    queued: Arc<QueuedByRequest>,
    author: Arc<AtomicI32>,
}

impl Scope {
    /// The scope of a request that may write, acting for nobody yet.
    #[cfg(test)]
    pub(super) fn writing() -> Self {
        Self {
            writes: true,
            queued: Arc::default(),
            author: Arc::default(),
        }
    }

    pub(super) fn writes(&self) -> bool {
        self.writes
    }

    /// Who the request acts for, once the sign-in guard has found out (whichever of the
    /// handler's guards ran first).
    pub(super) fn author(&self) -> Option<i32> {
        Some(self.author.load(Ordering::Acquire)).filter(|&id| id != 0)
    }

    pub(super) fn queued(&self, queued: Queued) {
        self.queued.own.fetch_max(queued.own, Ordering::AcqRel);
        self.queued
            .everyone
            .fetch_max(queued.everyone, Ordering::AcqRel);
    }
}

/// The newest search-outbox changes a request's work queued.
#[derive(Default)]
struct QueuedByRequest {
    own: AtomicI64,
    everyone: AtomicI64,
}

/// The request's record of what it queued, shared with its database copy.
#[derive(Default)]
struct QueuedCell(Arc<QueuedByRequest>);

/// Who the request acts for (0 until signed in), shared with its database copy.
#[derive(Default)]
struct AuthorCell(Arc<AtomicI32>);

/// Notes that the request acts for `user_id`, so that the search-outbox changes its
/// database work queues are recorded as theirs.
pub fn acts_for(req: &Request<'_>, user_id: i32) {
    req.local_cache(AuthorCell::default)
        .0
        .store(user_id, Ordering::Release);
}

/// The request's own copy of the database, made once per request.
struct RequestDatabase(Option<Database>);

/// The search-outbox changes the request's database work queued.
pub fn queued_by(req: &Request<'_>) -> Queued {
    let queued = &req.local_cache(QueuedCell::default).0;
    Queued {
        own: queued.own.load(Ordering::Acquire),
        everyone: queued.everyone.load(Ordering::Acquire),
    }
}

/// Reading methods never write through a request's database copy; anything else may.
fn writes(method: Method) -> bool {
    !matches!(method, Method::Get | Method::Head | Method::Options)
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for &'r Database {
    type Error = AppError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let scoped = req.local_cache(|| {
            RequestDatabase(req.rocket().state::<Database>().map(|shared| {
                let mut scoped = shared.clone();
                scoped.request = Some(Scope {
                    writes: writes(req.method()),
                    queued: Arc::clone(&req.local_cache(QueuedCell::default).0),
                    author: Arc::clone(&req.local_cache(AuthorCell::default).0),
                });
                scoped
            }))
        });
        match &scoped.0 {
            Some(database) => Outcome::Success(database),
            None => Outcome::Error((
                Status::InternalServerError,
                AppError::Internal("database not managed".into()),
            )),
        }
    }
}
