//! Percentiles of timings.

use std::time::Duration;

use super::percentile::nearest_rank_ms;

/// Timings of one measurement.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    values: Vec<Duration>,
}

impl Samples {
    /// Adds one timing.
    pub fn push(&mut self, value: Duration) {
        self.values.push(value);
    }

    /// Adds every timing of another set.
    pub fn extend(&mut self, other: &Samples) {
        self.values.extend(&other.values);
    }

    /// How many timings.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The nearest-rank percentile `p` (0-100), in milliseconds.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        nearest_rank_ms(&self.values, p)
    }

    /// Median, ms.
    pub fn p50(&self) -> f64 {
        self.percentile_ms(50.0)
    }

    /// 99th percentile, ms.
    pub fn p99(&self) -> f64 {
        self.percentile_ms(99.0)
    }

    /// Slowest, ms.
    pub fn max(&self) -> f64 {
        self.percentile_ms(100.0)
    }
}

/// Formats milliseconds for a table.
pub fn ms(value: f64) -> String {
    if value.is_nan() {
        "-".into()
    } else if value < 10.0 {
        format!("{value:.2} ms")
    } else {
        format!("{value:.1} ms")
    }
}

/// One way of running the mix's searches.
pub trait Searcher {
    /// Runs search `at` of the mix as `username`; returns how many results there are.
    fn search(&mut self, at: usize, bench: &super::mix::BenchQuery, username: &str) -> usize;
}

/// Each query's timings and its total (from the first round).
pub type QueryTimings = Vec<(Samples, usize)>;

/// Runs round `round` of the mix, adding each query's time to `results`.
pub fn round(
    searcher: &mut dyn Searcher,
    mix: &[super::mix::BenchQuery],
    round: usize,
    results: &mut QueryTimings,
) {
    results.resize(mix.len(), (Samples::default(), 0));
    for (at, bench) in mix.iter().enumerate() {
        let started = std::time::Instant::now();
        let total = searcher.search(at, bench, bench.username(round));
        results[at].0.push(started.elapsed());
        if results[at].0.len() == 1 {
            results[at].1 = total;
        }
    }
}
