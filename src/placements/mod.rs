//! Student placements: days, learning agreement, evidence against the PCF, direct
//! observations, reviews and the portfolio.

pub mod model;
pub mod progress;
pub mod validate;
