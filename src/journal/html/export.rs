//! Downloading your journal from the account page.

use rocket::http::{ContentType, Header};
use rocket::{Responder, get};

use crate::error::AppError;
use crate::journal::export::{self, ExportFormat};
use crate::journal::service;
use crate::platform::audit::{self, AuditAction, AuditRecord};
use crate::platform::auth::{Actor, ClientAddress, Viewer};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::PageResult;

/// A file to save.
#[derive(Responder)]
pub struct Download {
    body: Vec<u8>,
    kind: ContentType,
    disposition: Header<'static>,
}

/// Builds the export for `actor` and records it in the audit log; shared by page and API.
pub async fn export_for(
    db: &Database,
    actor: Actor,
    format: ExportFormat,
    address: Option<String>,
) -> Result<Download, AppError> {
    let now = clock::now();
    let body = db
        .run(move |conn| {
            let entries = service::all_own(conn, &actor)?;
            let body = match format {
                ExportFormat::Json => export::to_json(&entries)?,
                ExportFormat::Markdown => export::to_markdown_zip(&entries)?,
            };
            let detail = format!("{} entries as {format:?}", entries.len());
            audit::record(
                conn,
                AuditRecord {
                    actor_id: Some(actor.user_id),
                    action: AuditAction::Export,
                    subject: &actor.username,
                    detail: &detail,
                    ip: address.as_deref(),
                },
                now,
            )?;
            Ok(body)
        })
        .await?;
    let (kind, extension) = match format {
        ExportFormat::Json => (ContentType::JSON, "json"),
        ExportFormat::Markdown => (ContentType::ZIP, "zip"),
    };
    let name = format!(
        "praxis-journal-{}.{extension}",
        clock::local(now).format("%Y-%m-%d")
    );
    Ok(Download {
        body,
        kind,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}

#[get("/account/export?<format>")]
async fn export_page(
    format: Option<String>,
    viewer: Viewer,
    address: ClientAddress,
    db: &Database,
) -> PageResult<Download> {
    let format = ExportFormat::parse(format.as_deref().unwrap_or("json"))
        .ok_or_else(|| AppError::invalid("format", "Choose json or markdown."))?;
    Ok(export_for(db, viewer.actor, format, address.0).await?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![export_page]
}
