//! Probes for load balancers and orchestrators: `GET /healthz` says the process answers,
//! `GET /readyz` that it can serve (the database answers and the search index is caught up
//! within a bound). Both are public and say nothing beyond that.

use std::sync::Arc;
use std::time::Duration;

use rocket::http::Header;
use rocket::serde::json::Json;
use rocket::{Responder, State, get};
use serde::Serialize;

use crate::error::RETRY_UNAVAILABLE_SECS;
use crate::platform::db::Database;
use crate::search::index::{IndexState, SearchIndex};
use crate::search::outbox;

/// How long the index may take to reach the database's newest change and still be ready.
const INDEX_BOUND: Duration = Duration::from_secs(2);

/// How long the database may take to answer the probe. A database that cannot be reached
/// keeps a request waiting for a connection far longer (the pool's queue wait); a probe
/// must answer sooner than a load balancer gives up on it.
const DATABASE_BOUND: Duration = Duration::from_secs(2);

/// What a probe answers.
#[derive(Debug, Serialize)]
struct Readiness {
    status: &'static str,
    /// What the instance still waits for: `database` or `search index`.
    #[serde(skip_serializing_if = "Option::is_none")]
    waiting_for: Option<&'static str>,
}

#[derive(Responder)]
enum ReadyReply {
    #[response(status = 200)]
    Ready(Json<Readiness>),
    #[response(status = 503)]
    NotReady(Json<Readiness>, Header<'static>),
}

impl ReadyReply {
    fn waiting_for(what: &'static str) -> Self {
        Self::NotReady(
            Json(Readiness {
                status: "not ready",
                waiting_for: Some(what),
            }),
            Header::new("Retry-After", RETRY_UNAVAILABLE_SECS.to_string()),
        )
    }
}

#[get("/healthz")]
fn healthz() -> Json<Readiness> {
    Json(Readiness {
        status: "alive",
        waiting_for: None,
    })
}

#[get("/readyz")]
async fn readyz(db: &Database, index: &State<Arc<SearchIndex>>) -> ReadyReply {
    let answered = rocket::tokio::time::timeout(DATABASE_BOUND, db.run(outbox::latest)).await;
    let Ok(Ok(latest)) = answered else {
        tracing::warn!("readiness: the database did not answer");
        return ReadyReply::waiting_for("database");
    };
    let rebuilding = matches!(index.shared().state(), IndexState::Rebuilding { .. });
    if rebuilding || !index.caught_up_to(latest, INDEX_BOUND).await {
        return ReadyReply::waiting_for("search index");
    }
    ReadyReply::Ready(Json(Readiness {
        status: "ready",
        waiting_for: None,
    }))
}

/// The probes, mounted at the root.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![healthz, readyz]
}
