//! The nearest-rank percentile of timings. Shared by the benches through `#[path]`.

use std::time::Duration;

/// The nearest-rank percentile `p` (0-100) of `values`, in milliseconds; NaN with none.
pub fn nearest_rank_ms(values: &[Duration], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}
