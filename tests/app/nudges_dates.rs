//! Dates that nudge (issue 18): the calendar feed as calendars read it, deadlines that say
//! when they were met late or brought forward, and CPD registration years.

mod cpd;
mod deadlines;
mod feed;
pub(crate) mod feed_parse;
mod feed_settings;
mod resurfacing;
