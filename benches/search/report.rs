//! The Markdown tables.

use super::SizeResult;
use super::databases::Database;
use super::machine::cpu_model;
use super::mix::MIX;
use super::postgres::Cluster;
use super::stats::{Samples, ms};

fn ratio(a: f64, b: f64) -> String {
    if a.is_nan() || b.is_nan() {
        return "-".into();
    }
    format!("{:.1}x", a / b)
}

fn both(samples: &Samples) -> String {
    format!("{} / {}", ms(samples.p50()), ms(samples.p99()))
}

/// Per-query figures for one corpus (printed as soon as it is measured).
pub fn detail(result: &SizeResult) {
    println!(
        "\n### {} entries, {} users, on {}: each query, p50 / p99\n",
        result.entries,
        result.users,
        result.database.label()
    );
    println!(
        "| Query | Asked by | Results | HTTP | bare `TopDocs` | HTTP/bare | scoped `Count` + \
         `TopDocs` | HTTP/scoped | + facets | + facets + snippets | HTTP/full | FTS5 results | FTS5 |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (at, bench) in MIX.iter().enumerate() {
        let (http, total) = &result.http[at];
        let (raw, raw_total) = &result.raw[at];
        let (fts, fts_total) = &result.fts[at];
        let fts_total = match fts.len() {
            0 => "-".to_string(),
            _ => fts_total.to_string(),
        };
        let results = if total == raw_total {
            total.to_string()
        } else {
            format!("{total} (tantivy {raw_total})")
        };
        let mut query = format!("`{}`", bench.q);
        if let Some(kind) = bench.kind {
            query.push_str(&format!(" kind={kind}"));
        }
        if bench.by_date {
            query.push_str(" sort=date");
        }
        let bare = &result.raw_bare[at].0;
        let full = &result.raw_full[at].0;
        println!(
            "| {query} | {:?} | {results} | {} | {} | {} | {} | {} | {} | {} | {} | {fts_total} \
             | {} |",
            bench.asker,
            both(http),
            both(bare),
            ratio(http.p50(), bare.p50()),
            both(raw),
            ratio(http.p50(), raw.p50()),
            both(&result.raw_facets[at].0),
            both(full),
            ratio(http.p50(), full.p50()),
            both(fts),
        );
    }
}

/// The summary tables, with the machine, the command and the PostgreSQL cluster if any.
pub fn summary(sizes: &[usize], rounds: usize, results: &[SizeResult], cluster: Option<&Cluster>) {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let sizes: Vec<String> = sizes.iter().map(usize::to_string).collect();
    println!("\n## Search benchmark\n");
    println!(
        "Machine: {cores} cores, {}, {}.",
        cpu_model(),
        std::env::consts::OS
    );
    let databases: Vec<&str> = results
        .iter()
        .map(|result| result.database.label())
        .collect();
    println!(
        "Command: `PRAXIS_BENCH_SIZES={} {}cargo bench --bench search`; {rounds} rounds of the \
         {} searches per corpus (HTTP, tantivy and FTS5 interleaved), after 5 warm-up rounds; \
         on {}.",
        sizes.join(","),
        std::env::var("PRAXIS_BENCH_DATABASES")
            .map(|value| format!("PRAXIS_BENCH_DATABASES={value} "))
            .unwrap_or_default(),
        MIX.len(),
        databases.join(" then ")
    );
    if let Some(cluster) = cluster {
        println!(
            "PostgreSQL {} in a throwaway cluster on 127.0.0.1 (`{}`).",
            cluster.version(),
            Cluster::settings()
        );
    }
    println!();
    println!(
        "| Database | Entries | Users | HTTP p50 | HTTP p99 | bare `TopDocs` p50 | p99 | HTTP/bare p50 \
         | scoped `Count` + `TopDocs` p50 | p99 | HTTP/scoped p50 | + facets p50 \
         | + facets + snippets p50 | HTTP/full p50 | FTS5 p50 | FTS5 p99 | FTS5/scoped p50 |"
    );
    println!(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for result in results {
        let http = SizeResult::all(&result.http);
        let bare = SizeResult::all(&result.raw_bare);
        let raw = SizeResult::all(&result.raw);
        let facets = SizeResult::all(&result.raw_facets);
        let full = SizeResult::all(&result.raw_full);
        let fts = SizeResult::all(&result.fts);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            result.database.label(),
            result.entries,
            result.users,
            ms(http.p50()),
            ms(http.p99()),
            ms(bare.p50()),
            ms(bare.p99()),
            ratio(http.p50(), bare.p50()),
            ms(raw.p50()),
            ms(raw.p99()),
            ratio(http.p50(), raw.p50()),
            ms(facets.p50()),
            ms(full.p50()),
            ratio(http.p50(), full.p50()),
            ms(fts.p50()),
            ms(fts.p99()),
            ratio(fts.p50(), raw.p50()),
        );
    }
    println!(
        "\n| Database | Entries | Generate (entries/s) | Full rebuild (entries/s) | Writes | Write p50 \
         | Found after write: p50 | p99 | max | Not found in 10 s | Server peak memory |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for result in results {
        let fresh = &result.freshness;
        println!(
            "| {} | {} | {:.0} | {:.0} | {} at 20/s | {} | {} | {} | {} | {} | {:.0} MiB ({:.0} MiB \
             after the writes) |",
            result.database.label(),
            result.entries,
            result.generate_per_s,
            result.rebuild_per_s,
            fresh.writes.len(),
            ms(fresh.writes.p50()),
            ms(fresh.found.p50()),
            ms(fresh.found.p99()),
            ms(fresh.found.max()),
            fresh.missed,
            result.peak_mib,
            result.peak_end_mib,
        );
    }
    side_by_side(results);
}

/// PostgreSQL's figures against SQLite's on the same corpus size in the same run: the
/// ratios are what to read, since the machine's speed varies between runs.
fn side_by_side(results: &[SizeResult]) {
    let pairs: Vec<(&SizeResult, &SizeResult)> = results
        .iter()
        .filter(|result| result.database == Database::Postgres)
        .filter_map(|postgres| {
            results
                .iter()
                .find(|sqlite| {
                    sqlite.database == Database::Sqlite && sqlite.entries == postgres.entries
                })
                .map(|sqlite| (sqlite, postgres))
        })
        .collect();
    if pairs.is_empty() {
        return;
    }
    println!(
        "\n| Entries | HTTP p50 SQLite / PostgreSQL | PostgreSQL/SQLite | HTTP p99 SQLite / \
         PostgreSQL | PostgreSQL/SQLite | Write p50 SQLite / PostgreSQL | Found after write p99 \
         SQLite / PostgreSQL | Generate SQLite / PostgreSQL (entries/s) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (sqlite, postgres) in pairs {
        let (a, b) = (
            SizeResult::all(&sqlite.http),
            SizeResult::all(&postgres.http),
        );
        println!(
            "| {} | {} / {} | {} | {} / {} | {} | {} / {} | {} / {} | {:.0} / {:.0} |",
            sqlite.entries,
            ms(a.p50()),
            ms(b.p50()),
            ratio(b.p50(), a.p50()),
            ms(a.p99()),
            ms(b.p99()),
            ratio(b.p99(), a.p99()),
            ms(sqlite.freshness.writes.p50()),
            ms(postgres.freshness.writes.p50()),
            ms(sqlite.freshness.found.p99()),
            ms(postgres.freshness.found.p99()),
            sqlite.generate_per_s,
            postgres.generate_per_s,
        );
    }
}
