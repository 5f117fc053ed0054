//! Builds the Rocket application: storage, state, fairings, every area's routes, catchers.

use std::sync::Arc;
use std::time::Duration;

use rocket::fairing::AdHoc;
use rocket::figment::providers::Serialized;
use rocket::{Build, Rocket};

use crate::accounts::setup::SetupToken;
use crate::config::{self, Config, Settings};
use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::platform::auth::credential_cache::CredentialCache;
use crate::platform::auth::credential_watch::CredentialWatch;
use crate::platform::auth::throttle::SignInThrottle;
use crate::platform::auth::{TrustedProxies, secret_key};
use crate::platform::db::Database;
use crate::platform::instances::InstanceId;
use crate::platform::maintenance::{Chores, Maintenance};
use crate::platform::web::{assets, catchers, headers::SecurityHeaders};
use crate::platform::{clock, data_dir};
use crate::search::freshness::IndexWaker;
use crate::search::index::{IndexOptions, SearchIndex};
use crate::{accounts, cases, dashboard, deadlines, journal, legislation};

/// Opens the data directory (creating and migrating it on first start) and builds the app.
pub fn build(config: Config) -> AppResult<Rocket<Build>> {
    let database = Database::open_configured(&config)?;
    let instance = InstanceId::load_or_create(config.data_dir())?;
    let mut conn = database.conn()?;
    legislation::service::load_catalogue(&mut conn)?;
    let setup = SetupToken::new(accounts::directory::count_users(&mut conn)? == 0);
    drop(conn);

    let mut figment = config::figment();
    let configured_key = figment
        .extract_inner::<rocket::config::SecretKey>("secret_key")
        .is_ok_and(|key| key.is_provided());
    if !configured_key {
        let key = secret_key::load_or_create(&config.secret_key_path())?;
        figment = figment.merge(("secret_key", key));
    }
    // Nothing in Rocket may read the client's address from a header anyone can send;
    // `ClientAddress` decides whom to believe.
    figment = figment.merge(("ip_header", false));
    if config.quiet {
        figment = figment.merge(("log_level", "off"));
    }
    for (key, value) in &config.overrides {
        figment = figment.merge(Serialized::default(key, value));
    }
    let settings = Settings::from_figment(&figment)?;
    // An import upload may be as large as the import limit allows.
    let import_bytes = settings.import_max_mb.saturating_mul(1_000_000);
    figment = figment
        .merge(("limits.file", import_bytes))
        .merge(("limits.data-form", import_bytes.saturating_add(1_000_000)));
    clock::use_zone(settings.time_zone()).map_err(AppError::Config)?;
    let trusted_proxies = TrustedProxies::parse(&settings.trusted_proxies)?;
    let timescales = Arc::new(Timescales::from_settings(&settings)?);
    let search = SearchIndex::start(
        &IndexOptions {
            dir: config.index_dir(),
            writer_memory_mb: settings.search_writer_memory_mb,
            instance: instance.clone(),
            outbox_retention: settings.outbox_retention(),
        },
        database.clone(),
    )?;
    let throttle = SignInThrottle::new(
        settings.sign_in_attempts,
        Duration::from_secs(u64::from(settings.sign_in_lockout_minutes) * 60),
    );
    let email_worker =
        match crate::email::EmailSettings::from_settings(&settings).map_err(AppError::Config)? {
            Some(email) => Some(crate::email::worker::EmailWorker::start(
                email,
                database.clone(),
                Arc::clone(&timescales),
                instance.clone(),
            )?),
            None => None,
        };
    let maintenance = Maintenance::start(
        database.clone(),
        instance.clone(),
        Chores {
            throttle: throttle.clone(),
            session_idle: chrono::Duration::minutes(settings.session_idle_minutes.into()),
        },
    )?;
    let credential_watch = CredentialWatch::start(database.clone())?;
    let tightened = data_dir::restrict_contents(config.data_dir())?;
    if tightened > 0 {
        tracing::info!("made {tightened} files and folders in the data directory private");
    }
    let quiet = config.quiet;
    let metrics = settings
        .metrics_token
        .clone()
        .map(crate::platform::metrics::Metrics::new);

    let rocket = rocket::custom(figment);
    let rocket = match metrics {
        Some(metrics) => rocket
            .manage(Arc::clone(&metrics))
            .attach(crate::platform::metrics::RequestMetrics(metrics)),
        None => rocket,
    };
    Ok(rocket
        .manage(database)
        .manage(CredentialCache::default())
        .manage(settings)
        .manage(throttle)
        .manage(trusted_proxies)
        .manage(setup)
        .manage(timescales)
        .manage(Arc::clone(&search))
        .manage(config)
        .manage(EmailWorkerSlot(email_worker))
        .manage(MaintenanceSlot(maintenance))
        .manage(CredentialWatchSlot(credential_watch))
        .manage(crate::platform::web::bounce_store::BounceStore::default())
        .attach(crate::platform::web::bounce::PostRedirectGet)
        .attach(SecurityHeaders)
        .attach(IndexWaker(search))
        .attach(AdHoc::on_liftoff("Banner", move |rocket| {
            Box::pin(async move {
                if !quiet {
                    print_banner(rocket);
                }
            })
        }))
        .mount("/", rocket::routes![assets::asset, assets::favicon])
        .mount("/", crate::platform::health::routes())
        .mount("/", crate::platform::metrics::routes())
        .mount("/", accounts::html::routes())
        .mount("/", dashboard::routes())
        .mount("/", crate::inbox::html::routes())
        .mount("/", crate::email::html::routes())
        .mount("/", crate::drafts::routes())
        .mount("/", journal::html::routes())
        .mount("/", cases::html::routes())
        .mount("/", legislation::html::routes())
        .mount("/", deadlines::html::routes())
        .mount("/", deadlines::feed_html::routes())
        .mount("/", crate::resurfacing::html::routes())
        .mount("/", crate::search::html::routes())
        .mount("/", crate::supervision::html::routes())
        .mount("/", crate::placements::html::routes())
        .mount("/", crate::export::http::routes())
        .mount("/", crate::import::html::routes())
        .mount("/", crate::imported::html::routes())
        .mount("/", crate::offline::routes())
        .mount("/api/v1", accounts::api::routes())
        .mount("/api/v1", journal::api::routes())
        .mount("/api/v1", cases::api::routes())
        .mount("/api/v1", legislation::api::routes())
        .mount("/api/v1", deadlines::api::routes())
        .mount("/api/v1", crate::search::api::routes())
        .mount("/api/v1", crate::supervision::api::routes())
        .mount("/api/v1", crate::placements::api::routes())
        .mount("/api/v1", crate::inbox::api::routes())
        .mount("/api/v1", crate::openapi::routes())
        .mount("/api/v1", crate::export::http::api_routes())
        .mount("/api/v1", crate::pickers::routes())
        .mount("/api/v1", crate::imported::api::routes())
        .mount("/api/v1", crate::import::api::routes())
        .register("/", catchers::pages())
        .register("/api", catchers::api()))
}

/// The email worker, kept by Rocket so that it stops when the app does.
struct EmailWorkerSlot(#[allow(dead_code)] Option<crate::email::worker::EmailWorker>);

/// The clean-up thread, kept by Rocket so that it stops when the app does.
struct MaintenanceSlot(#[allow(dead_code)] Maintenance);

/// The credential watch, kept by Rocket so that it stops when the app does.
struct CredentialWatchSlot(#[allow(dead_code)] CredentialWatch);

/// Tells the person who started the app where to open it (and, on first run, where to
/// create the first administrator).
fn print_banner(rocket: &Rocket<rocket::Orbit>) {
    let config = rocket.config();
    let host = if config.address.is_unspecified() {
        "localhost".to_string()
    } else {
        config.address.to_string()
    };
    let base = format!("http://{host}:{}", config.port);
    println!("Praxis is running at {base}/");
    if let Some(token) = rocket.state::<SetupToken>().and_then(SetupToken::peek) {
        println!("No account exists yet. Create the first administrator at:");
        println!("  {base}/setup?token={token}");
    }
}
