//! The kinds of CPD activity a record can be, after the kinds Social Work England's guidance
//! names (learning from courses and events, reading and research, reflection, supervision,
//! learning with peers, observation, teaching others), with "Other" for anything else.
//! Stored as its wire name; a stored name this build does not know fails the read loudly.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use crate::platform::text_enum::text_enum;

text_enum! {
    /// A kind of CPD activity.
    #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
    #[diesel(sql_type = diesel::sql_types::Text)]
    CpdActivity {
        /// A course or training day.
        Course => ("course", "Course or training"),
        /// Learning online.
        Elearning => ("elearning", "E-learning"),
        /// A conference, seminar or webinar.
        Conference => ("conference", "Conference, seminar or webinar"),
        /// Reading, research or study.
        Reading => ("reading", "Reading or research"),
        /// Reflecting on one's own practice.
        Reflection => ("reflection", "Reflection on practice"),
        /// Learning in supervision.
        Supervision => ("supervision", "Supervision"),
        /// Learning with peers: discussion, case review, action learning.
        PeerLearning => ("peer_learning", "Peer learning or discussion"),
        /// Shadowing or observing others' practice.
        Shadowing => ("shadowing", "Shadowing or observation"),
        /// Teaching, mentoring or practice education.
        Teaching => ("teaching", "Teaching, mentoring or practice education"),
        /// Anything else, described in the record's own words.
        Other => ("other", "Other"),
    }
}

/// Older free-text names that plainly mean one of the kinds (the suggestions the form used
/// to offer that are not a kind's label).
const ALIASES: &[(&str, CpdActivity)] = &[
    ("practice educator work", CpdActivity::Teaching),
    ("e learning", CpdActivity::Elearning),
];

impl CpdActivity {
    /// The kind a free-text activity type names (its wire name or label, in any case), or
    /// `Other` when it names none; the text is then kept as the record's own words.
    pub fn from_text(text: &str) -> Self {
        let wanted = text.trim().to_lowercase();
        Self::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == wanted || kind.label().to_lowercase() == wanted)
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, _)| *alias == wanted)
                    .map(|(_, kind)| *kind)
            })
            .unwrap_or(Self::Other)
    }
}

// For every backend that stores text (SQLite, PostgreSQL and the two behind one connection).
impl<DB> ToSql<Text, DB> for CpdActivity
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        <str as ToSql<Text, DB>>::to_sql(self.as_str(), out)
    }
}

impl<DB> FromSql<Text, DB> for CpdActivity
where
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(value: <DB as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, DB>>::from_sql(value)?;
        Self::parse(&text).ok_or_else(|| format!("unknown CPD activity {text:?}").into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_maps_to_its_kind_or_to_other() {
        assert_eq!(CpdActivity::from_text("course"), CpdActivity::Course);
        assert_eq!(
            CpdActivity::from_text(" Reading or research "),
            CpdActivity::Reading
        );
        assert_eq!(
            CpdActivity::from_text("Practice educator work"),
            CpdActivity::Teaching
        );
        assert_eq!(
            CpdActivity::from_text("Course on the PLO"),
            CpdActivity::Other
        );
        for kind in CpdActivity::ALL {
            assert_eq!(CpdActivity::from_text(kind.label()), *kind);
            assert_eq!(CpdActivity::parse(kind.as_str()), Some(*kind));
        }
    }
}
