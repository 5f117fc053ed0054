//! "Waiting for you": what needs the signed-in person's action, gathered from every slice.
//!
//! Each source in [`sources`] is one small function that returns [`InboxItem`]s of its own
//! kinds, reading through the slices' own access rules (pairs from the supervision links,
//! placements through the placement policy). An item carries only what is safe to show
//! anywhere, in an email included: a kind, a date, a case reference of the person's own, the
//! other party's display name where the person already sees it, and a link. Never entry text,
//! case labels, record text or action descriptions.
//!
//! To add a source, write a file under `sources/` and list it in [`sources::ALL`].

pub mod api;
pub mod html;
pub mod item;
pub mod seen;
pub mod service;
pub mod sources;

use crate::platform::db::DbConnection;
use chrono::NaiveDate;

use crate::deadlines::timescales::Timescales;
use crate::error::AppResult;
use crate::platform::auth::Actor;
pub use item::{InboxItem, ItemKind};

/// How far ahead "due this week" looks, in days after today.
pub const WEEK_AHEAD: u64 = 7;

/// What a source needs besides the connection.
#[derive(Debug, Clone, Copy)]
pub struct Asking<'a> {
    /// Whose inbox it is.
    pub actor: &'a Actor,
    /// Today in the configured zone.
    pub today: NaiveDate,
    /// The timescale rules, for case deadlines.
    pub timescales: &'a Timescales,
}

impl Asking<'_> {
    /// The last day counted as "due this week": today and the six days after it, as the
    /// deadlines page counts "the next 7 days".
    pub fn week_end(&self) -> NaiveDate {
        self.today
            .checked_add_days(chrono::Days::new(WEEK_AHEAD - 1))
            .unwrap_or(self.today)
    }
}

/// Everything waiting for one person, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Inbox {
    /// The items, oldest (or longest overdue) first.
    pub items: Vec<InboxItem>,
}

impl Inbox {
    /// How many items there are of each kind that has any, in the kinds' order.
    pub fn counts(&self) -> Vec<(ItemKind, usize)> {
        ItemKind::ALL
            .iter()
            .map(|kind| (*kind, self.items.iter().filter(|i| i.kind == *kind).count()))
            .filter(|(_, count)| *count > 0)
            .collect()
    }

    /// How many items there are in all.
    pub fn total(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Gathers everything waiting for `asking.actor` from every source.
pub fn collect(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Inbox> {
    let mut items = Vec::new();
    for source in sources::ALL {
        items.extend(source(conn, asking)?);
    }
    items.sort_by(|a, b| (a.date, a.kind, &a.href).cmp(&(b.date, b.kind, &b.href)));
    Ok(Inbox { items })
}
