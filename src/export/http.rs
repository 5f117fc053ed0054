//! Where exports are downloaded: `/account/export` (the account page), `/api/v1/export`
//! (the API) and `/admin/users/<id>/export` (an administrator answering a subject access
//! request).

use rocket::form::FromForm;
use rocket::http::{ContentType, Header};
use rocket::{Responder, State, get, post};

use super::ExportFormat;
use super::run::{self, Requester};
use crate::deadlines::timescales::SharedTimescales;
use crate::error::AppError;
use crate::platform::auth::{Actor, AdminViewer, ApiCaller, ClientAddress, Viewer};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{ApiResult, CsrfForm, PageResult};

/// A file to save.
#[derive(Responder)]
pub struct Download {
    body: Vec<u8>,
    kind: ContentType,
    disposition: Header<'static>,
}

fn parse_format(format: Option<&str>) -> Result<ExportFormat, AppError> {
    ExportFormat::parse(format.unwrap_or("json"))
        .ok_or_else(|| AppError::invalid("format", "Choose json or markdown."))
}

/// Whose export to produce: the asker's own, or (administrators) someone else's by id.
enum Whose {
    Own(Actor),
    Subject { admin: Actor, id: i32 },
}

async fn download(
    db: &Database,
    timescales: &SharedTimescales,
    whose: Whose,
    format: ExportFormat,
    address: Option<String>,
) -> Result<Download, AppError> {
    let timescales = std::sync::Arc::clone(timescales);
    let produced = db
        .run(move |conn| {
            let (person, admin) = match whose {
                Whose::Own(person) => (person, None),
                Whose::Subject { admin, id } => {
                    (run::subject_by_id(conn, &admin, id)?, Some(admin))
                }
            };
            let requester = match &admin {
                Some(admin) => Requester::Administrator(admin),
                None => Requester::Themselves,
            };
            run::produce(
                conn,
                &person,
                requester,
                format,
                &timescales,
                clock::today(),
                clock::now(),
                address.as_deref(),
            )
        })
        .await?;
    Ok(Download {
        body: produced.body,
        kind: match format {
            ExportFormat::Json => ContentType::JSON,
            ExportFormat::Markdown => ContentType::ZIP,
        },
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", produced.file_name),
        ),
    })
}

#[get("/account/export?<format>")]
async fn own_page(
    format: Option<String>,
    viewer: Viewer,
    address: ClientAddress,
    timescales: &State<SharedTimescales>,
    db: &Database,
) -> PageResult<Download> {
    let format = parse_format(format.as_deref())?;
    Ok(download(db, timescales, Whose::Own(viewer.actor), format, address.0).await?)
}

#[get("/export?<format>")]
async fn own_api(
    format: Option<String>,
    caller: ApiCaller,
    address: ClientAddress,
    timescales: &State<SharedTimescales>,
    db: &Database,
) -> ApiResult<Download> {
    let format = parse_format(format.as_deref())?;
    Ok(download(db, timescales, Whose::Own(caller.0), format, address.0).await?)
}

/// The subject access form: the format wanted.
#[derive(Debug, FromForm)]
pub struct SubjectAccessForm {
    #[field(name = "csrf")]
    _csrf: Option<String>,
    /// `json` or `markdown`.
    format: Option<String>,
}

#[post("/admin/users/<id>/export", data = "<form>")]
async fn subject_access(
    id: i32,
    form: CsrfForm<SubjectAccessForm>,
    admin: AdminViewer,
    address: ClientAddress,
    timescales: &State<SharedTimescales>,
    db: &Database,
) -> PageResult<Download> {
    let form = form.require()?;
    let format = parse_format(form.format.as_deref())?;
    let whose = Whose::Subject {
        admin: admin.0.actor,
        id,
    };
    Ok(download(db, timescales, whose, format, address.0).await?)
}

/// Page routes, mounted at `/`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![own_page, subject_access]
}

/// API routes, mounted under `/api/v1`.
pub fn api_routes() -> Vec<rocket::Route> {
    let mut routes = rocket::routes![own_api];
    routes.extend(super::schema::routes());
    routes
}
