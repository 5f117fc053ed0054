//! The import pages: choose a file (`/account/import`), see the preview (how many entries,
//! which dates, tags and cases to be created, what the confidentiality guard found, what is
//! left out and why), then confirm (`/account/import/confirm`).

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::fs::TempFile;
use rocket::http::{CookieJar, Status};
use rocket::response::{Flash, Redirect};
use rocket::tokio::io::AsyncReadExt;
use rocket::{State, get, post};

use super::archive::read_upload;
use super::plan::{Finding, Plan};
use super::{apply, parse, pending};
use crate::config::{Config, Settings};
use crate::deadlines::timescales::SharedTimescales;
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::{Viewer, csrf};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "import/upload.html")]
struct UploadPage {
    layout: Layout,
    errors: FieldErrors,
    limit_mb: u64,
}

#[derive(Template)]
#[template(path = "import/preview.html")]
struct PreviewPage {
    layout: Layout,
    format: &'static str,
    file: String,
    new_entries: usize,
    already_imported: usize,
    dates: Option<(String, String)>,
    new_topics: Vec<String>,
    existing_tags: Vec<String>,
    new_cases: Vec<String>,
    read_only: Vec<(&'static str, usize)>,
    revisions: usize,
    events: usize,
    findings: Vec<Finding>,
    skipped: Vec<String>,
    upload: String,
}

impl PreviewPage {
    fn new(layout: Layout, plan: Plan, upload: String) -> Self {
        let read_only = plan
            .read_only_counts()
            .into_iter()
            .map(|(kind, count)| (kind.label(), count))
            .collect();
        Self {
            layout,
            format: plan.format.label(),
            file: plan.file,
            new_entries: plan.entries.len(),
            already_imported: plan.already_imported,
            dates: plan.dates.map(|(first, last)| {
                (
                    first.format("%d %B %Y").to_string(),
                    last.format("%d %B %Y").to_string(),
                )
            }),
            new_topics: plan
                .new_topics
                .into_values()
                .map(|(title, _)| title)
                .collect(),
            existing_tags: plan.existing_tags.into_iter().collect(),
            new_cases: plan
                .new_cases
                .into_iter()
                .filter_map(|case| case.reference)
                .collect(),
            read_only,
            revisions: plan.revisions,
            events: plan.events.len(),
            findings: plan.findings,
            skipped: plan.skipped,
            upload,
        }
    }
}

fn upload_page(viewer: &Viewer, settings: &Settings, errors: FieldErrors) -> PageResult {
    let status = if errors.is_empty() {
        Status::Ok
    } else {
        Status::UnprocessableEntity
    };
    let view = UploadPage {
        layout: Layout::signed_in(viewer, "Import entries", Section::Account),
        errors,
        limit_mb: settings.import_max_mb,
    };
    Ok(Page::render_with(status, &view)?)
}

#[get("/account/import")]
fn choose(viewer: Viewer, settings: &State<Settings>) -> PageResult {
    upload_page(&viewer, settings, FieldErrors::new())
}

/// The upload form: the CSRF token and the file.
#[derive(FromForm)]
pub struct UploadForm<'r> {
    csrf: Option<String>,
    file: TempFile<'r>,
}

/// The name a file is known by: its own name when the browser sent it (its extension tells
/// a Markdown file from JSON).
fn upload_name(file: &TempFile<'_>) -> String {
    let stem = file.name().unwrap_or("upload");
    let extension = file
        .content_type()
        .and_then(|kind| kind.extension())
        .map(|extension| extension.as_str().to_string());
    match (stem, extension) {
        (stem, Some(extension)) if !stem.is_empty() => format!("{stem}.{extension}"),
        (stem, _) => stem.to_string(),
    }
}

/// Browsers do not always say what a file is; a name without a known extension gets one from
/// the first byte (JSON starts with a brace; anything else is read as Markdown).
fn with_known_extension(name: String, bytes: &[u8]) -> String {
    let lower = name.to_ascii_lowercase();
    if [".json", ".zip", ".md", ".markdown"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return name;
    }
    match bytes.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{') => format!("{name}.json"),
        _ => format!("{name}.md"),
    }
}

fn refusal(error: AppError) -> Result<FieldErrors, AppError> {
    match error {
        AppError::Invalid(errors) => Ok(errors),
        other => Err(other),
    }
}

#[post("/account/import", data = "<form>")]
async fn upload(
    form: Form<UploadForm<'_>>,
    viewer: Viewer,
    cookies: &CookieJar<'_>,
    settings: &State<Settings>,
    config: &State<Config>,
    timescales: &State<SharedTimescales>,
    db: &Database,
) -> PageResult {
    if !csrf::matches(cookies, form.csrf.as_deref()) {
        return Err(
            AppError::Forbidden(crate::platform::web::form::STALE_FORM_MESSAGE.into()).into(),
        );
    }
    let max = settings.import_max_mb.saturating_mul(1_000_000);
    let name = upload_name(&form.file);
    let mut bytes = Vec::new();
    if form.file.len() > max {
        return upload_page(
            &viewer,
            settings,
            refusal(super::refused(format!(
                "{name} is larger than the import limit of {} MB.",
                settings.import_max_mb
            )))?,
        );
    }
    form.file
        .open()
        .await
        .map_err(AppError::from)?
        .take(max + 1)
        .read_to_end(&mut bytes)
        .await
        .map_err(AppError::from)?;
    let name = with_known_extension(name, &bytes);
    let actor = viewer.actor.clone();
    let data_dir = config.data_dir().to_path_buf();
    let timescales = std::sync::Arc::clone(timescales.inner());
    let planned = db
        .run(move |conn| {
            let plan = super::plan_upload(conn, &actor, &name, &bytes, max, &timescales)?;
            let token = pending::keep(&data_dir, actor.user_id, &bytes)?;
            Ok((plan, format!("{token}.{name}")))
        })
        .await;
    match planned {
        Ok((plan, upload)) => {
            let layout = Layout::signed_in(&viewer, "Check the import", Section::Account);
            Ok(Page::render(&PreviewPage::new(layout, plan, upload))?)
        }
        Err(error) => upload_page(&viewer, settings, refusal(error)?),
    }
}

/// The confirmation: which kept upload to import (`<token>.<file name>`).
#[derive(Debug, FromForm)]
pub struct ConfirmForm {
    #[field(name = "csrf")]
    _csrf: Option<String>,
    upload: String,
}

#[post("/account/import/confirm", data = "<form>")]
async fn confirm(
    form: CsrfForm<ConfirmForm>,
    viewer: Viewer,
    settings: &State<Settings>,
    config: &State<Config>,
    timescales: &State<SharedTimescales>,
    db: &Database,
) -> PageResult<Result<Flash<Redirect>, Page>> {
    let form = form.require()?;
    let max = settings.import_max_mb.saturating_mul(1_000_000);
    let (token, name) = form.upload.split_once('.').ok_or(AppError::NotFound)?;
    let (token, name) = (token.to_string(), name.to_string());
    let actor = viewer.actor.clone();
    let data_dir = config.data_dir().to_path_buf();
    let timescales = std::sync::Arc::clone(timescales.inner());
    let done = db
        .run(move |conn| {
            let bytes = pending::load(&data_dir, actor.user_id, &token)?;
            let upload = read_upload(&name, &bytes, None, max)?;
            let parsed = parse(&upload)?;
            let outcome = apply::apply(
                conn,
                &actor,
                &parsed,
                &timescales,
                clock::today(),
                clock::now(),
                |_, _| {},
            )?;
            pending::forget(&data_dir, actor.user_id, &token);
            Ok(outcome)
        })
        .await;
    match done {
        Ok(outcome) if outcome.created == 0 && outcome.read_only > 0 => Ok(Ok(Flash::success(
            Redirect::to("/imported"),
            format!(
                "Kept {} read-only copies; {} were imported before.",
                outcome.read_only, outcome.plan.already_imported
            ),
        ))),
        Ok(outcome) => Ok(Ok(Flash::success(
            Redirect::to("/entries"),
            format!(
                "Imported {} entries (private) and {} read-only copies; {} were imported before.",
                outcome.created, outcome.read_only, outcome.plan.already_imported
            ),
        ))),
        Err(error) => Ok(Err(upload_page(&viewer, settings, refusal(error)?)?)),
    }
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![choose, upload, confirm]
}
