//! Prometheus metrics at `GET /metrics`, off unless `PRAXIS_METRICS_TOKEN` is set, and then
//! only for a scraper that sends it as a bearer token: requests by route and status, their
//! latency, the database pool's use, the search outbox's lag and the index's size. Labels are
//! route templates (`/entries/<id>`), never paths, so no id or name of anyone reaches them.

mod token;

use std::sync::Arc;
use std::time::Instant;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::{Data, Request, Response, State, get};

pub use token::MetricsToken;

use crate::config::Config;
use crate::error::AppResult;
use crate::platform::db::Database;
use crate::platform::web::ApiResult;
use crate::search::index::SearchIndex;
use crate::search::outbox;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

type Latencies = Family<RouteLabels, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// The metrics the app keeps; managed state when metrics are on.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latencies: Latencies,
    pool: Family<PoolLabels, Gauge>,
    outbox_lag: Gauge,
    index_bytes: Gauge,
    token: MetricsToken,
}

impl Metrics {
    /// Metrics for scrapers holding `token`.
    pub fn new(token: MetricsToken) -> Arc<Self> {
        let mut registry = Registry::with_prefix("praxis");
        let requests = Family::<RequestLabels, Counter>::default();
        let latencies: Latencies = Family::new_with_constructor(latency_histogram);
        let pool = Family::<PoolLabels, Gauge>::default();
        let outbox_lag = Gauge::default();
        let index_bytes = Gauge::default();
        registry.register(
            "http_requests",
            "Requests answered, by method, route template and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by method and route template",
            latencies.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Pooled database connections, by state (in_use, idle)",
            pool.clone(),
        );
        registry.register(
            "search_outbox_lag",
            "Changes written to the database and not yet searchable",
            outbox_lag.clone(),
        );
        registry.register(
            "search_index_bytes",
            "Size of the search index on disk",
            index_bytes.clone(),
        );
        Arc::new(Self {
            registry,
            requests,
            latencies,
            pool,
            outbox_lag,
            index_bytes,
            token,
        })
    }

    fn text(&self) -> AppResult<String> {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .map_err(|error| crate::error::AppError::Internal(format!("metrics: {error}")))?;
        Ok(text)
    }
}

/// When a request started, kept in the request's local cache.
struct Started(Instant);

/// Counts every answered request; attached only when metrics are on.
pub struct RequestMetrics(pub Arc<Metrics>);

#[rocket::async_trait]
impl Fairing for RequestMetrics {
    fn info(&self) -> Info {
        Info {
            name: "Request metrics",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| Started(Instant::now()));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let started = req.local_cache(|| Started(Instant::now())).0;
        let route = req
            .route()
            .map_or_else(|| "unmatched".to_string(), |route| route.uri.to_string());
        let method = req.method().as_str().to_string();
        self.0
            .requests
            .get_or_create(&RequestLabels {
                method: method.clone(),
                route: route.clone(),
                status: res.status().code,
            })
            .inc();
        self.0
            .latencies
            .get_or_create(&RouteLabels { method, route })
            .observe(started.elapsed().as_secs_f64());
    }
}

/// A scraper that sent the configured token; anyone else is told there is nothing here.
pub struct Scraper<'r>(&'r Metrics);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Scraper<'r> {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        let Some(metrics) = req.rocket().state::<Arc<Metrics>>() else {
            return Outcome::Forward(Status::NotFound);
        };
        let sent = req
            .headers()
            .get_one("Authorization")
            .and_then(|value| value.strip_prefix("Bearer "));
        match sent {
            Some(sent) if metrics.token.matches(sent) => Outcome::Success(Scraper(metrics)),
            _ => Outcome::Forward(Status::NotFound),
        }
    }
}

#[get("/metrics")]
async fn metrics(
    scraper: Scraper<'_>,
    db: &Database,
    index: &State<Arc<SearchIndex>>,
    config: &State<Config>,
) -> ApiResult<(ContentType, String)> {
    let metrics = scraper.0;
    let (in_use, idle) = db.pool_use();
    metrics
        .pool
        .get_or_create(&PoolLabels { state: "in_use" })
        .set(i64::from(in_use));
    metrics
        .pool
        .get_or_create(&PoolLabels { state: "idle" })
        .set(i64::from(idle));
    let latest = db.run(outbox::latest).await?;
    let applied = index
        .shared()
        .applied
        .load(std::sync::atomic::Ordering::Acquire);
    metrics.outbox_lag.set((latest - applied).max(0));
    let dir = config.index_dir();
    let bytes = rocket::tokio::task::spawn_blocking(move || size_of(&dir))
        .await
        .unwrap_or(0);
    metrics
        .index_bytes
        .set(i64::try_from(bytes).unwrap_or(i64::MAX));
    let kind = ContentType::new("application", "openmetrics-text")
        .with_params([("version", "1.0.0"), ("charset", "utf-8")]);
    Ok((kind, metrics.text()?))
}

/// Bytes of the files under `dir`.
fn size_of(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => size_of(&entry.path()),
            Ok(_) => entry.metadata().map_or(0, |metadata| metadata.len()),
            Err(_) => 0,
        })
        .sum()
}

/// The metrics route, mounted at the root (it answers 404 unless metrics are on).
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![metrics]
}
