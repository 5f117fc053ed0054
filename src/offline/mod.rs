//! The installable app: the service worker and the quick-note shell that work without a
//! network, and the endpoints the shell uses to send notes typed offline once the network
//! returns. The shell and worker hold nobody's data; a queued note is sent with the key the
//! browser made when it was typed, so sending it twice saves it once.

use rocket::form::FromForm;
use rocket::http::{ContentType, Header, Status};
use rocket::serde::json::Json;
use rocket::{get, post};
use serde::Serialize;

use crate::error::AppError;
use crate::journal::capture::{self, CaptureKey};
use crate::journal::model::EntryDraft;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::assets::Assets;
use crate::platform::web::findings::finding_lines;
use crate::platform::web::{ApiError, ApiResult, CsrfForm};

/// A response that also tells the browser to drop what this site kept on the device (queued
/// notes, local drafts, the service worker and its cache): given at sign-out.
#[derive(rocket::Responder)]
pub struct ClearsDevice<R> {
    inner: R,
    clear: Header<'static>,
}

impl<R> ClearsDevice<R> {
    /// Wraps `inner` with `Clear-Site-Data`.
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            clear: Header::new("Clear-Site-Data", "\"cache\", \"storage\""),
        }
    }
}

/// A file from `static/` served at the site's root, where a service worker must live to
/// control every page.
#[derive(rocket::Responder)]
pub struct RootFile {
    body: Vec<u8>,
    kind: ContentType,
    scope: Header<'static>,
}

fn root_file(name: &str, kind: ContentType) -> Option<RootFile> {
    let file = Assets::get(name)?;
    Some(RootFile {
        body: file.data.into_owned(),
        kind,
        scope: Header::new("Service-Worker-Allowed", "/"),
    })
}

/// The service worker, at the root so its scope is the whole site.
#[get("/sw.js")]
fn service_worker() -> Option<RootFile> {
    root_file("sw.js", ContentType::JavaScript)
}

/// The quick-note page: a shell with no one's data in it, so it may be kept for offline use.
#[get("/quick-note")]
fn quick_note() -> Option<RootFile> {
    root_file("quick-note.html", ContentType::HTML)
}

/// What the shell needs before sending: the form token of the signed-in person.
#[derive(Debug, Serialize)]
struct SendingSession {
    csrf: String,
}

#[get("/quick-note/session")]
fn session(viewer: Option<Viewer>) -> ApiResult<Json<SendingSession>> {
    let viewer = viewer.ok_or(ApiError(AppError::Unauthenticated))?;
    Ok(Json(SendingSession { csrf: viewer.csrf }))
}

/// A note sent from the shell.
#[derive(Debug, FromForm)]
struct QueuedNote {
    key: String,
    note: Option<String>,
    confirm_privacy: bool,
}

/// The answer to a sent note: saved (now or before) or held for a confidentiality check.
#[derive(Debug, Serialize)]
struct SendOutcome {
    status: &'static str,
    repeated: bool,
    entry: Option<SentEntry>,
    findings: Vec<Finding>,
}

#[derive(Debug, Serialize)]
struct SentEntry {
    id: i32,
    title: String,
    url: String,
}

#[derive(Debug, Serialize)]
struct Finding {
    place: String,
    what: &'static str,
    found: String,
}

#[post("/quick-note/notes", data = "<form>")]
async fn send(
    form: CsrfForm<QueuedNote>,
    viewer: Option<Viewer>,
    db: &Database,
) -> ApiResult<(Status, Json<SendOutcome>)> {
    let viewer = viewer.ok_or(ApiError(AppError::Unauthenticated))?;
    let fields = form.require()?;
    let key = CaptureKey::parse(&fields.key)?;
    let acknowledgement = if fields.confirm_privacy {
        Acknowledgement::Given
    } else {
        Acknowledgement::Required
    };
    let draft = EntryDraft {
        kind: Some("diary".into()),
        body: fields.note,
        ..EntryDraft::default()
    };
    let actor = viewer.actor.clone();
    let outcome = db
        .run(move |conn| {
            capture::create_once(
                conn,
                &actor,
                &key,
                &draft,
                acknowledgement,
                clock::today(),
                clock::now(),
            )
        })
        .await;
    match outcome {
        Ok(captured) => {
            let entry = &captured.saved.record;
            let status = if captured.repeated {
                Status::Ok
            } else {
                Status::Created
            };
            Ok((
                status,
                Json(SendOutcome {
                    status: "saved",
                    repeated: captured.repeated,
                    entry: Some(SentEntry {
                        id: entry.id,
                        title: entry.title.clone(),
                        url: format!("/entries/{}", entry.id),
                    }),
                    findings: findings(&captured.saved.privacy_warnings),
                }),
            ))
        }
        Err(AppError::PrivacyReview(warnings)) => Ok((
            Status::UnprocessableEntity,
            Json(SendOutcome {
                status: "review",
                repeated: false,
                entry: None,
                findings: findings(&warnings),
            }),
        )),
        Err(other) => Err(other.into()),
    }
}

fn findings(warnings: &[crate::platform::privacy::PrivacyWarning]) -> Vec<Finding> {
    finding_lines(warnings)
        .into_iter()
        .map(|line| Finding {
            place: line.place.replace("Body", "Note"),
            what: line.what,
            found: line.found,
        })
        .collect()
}

/// Routes of the installable app.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![service_worker, quick_note, session, send]
}
