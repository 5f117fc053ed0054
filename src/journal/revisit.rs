//! Revisiting a reflection's action plan: the date it falls due, its default a month after
//! writing, and marking it revisited (cleared, or moved to a new date).

use crate::platform::db::DbConnection;
use chrono::{Months, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{EntryKind, EntryView};
use super::reflective::ReflectiveModel;
use super::service::{get_for_change, view_of};
use super::store;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::db::schema::entries;

/// The same day a month later, or the last day of that month when it is shorter
/// (31 January becomes 28 or 29 February).
pub fn month_ahead(day: NaiveDate) -> NaiveDate {
    // chrono clamps to the end of a shorter month; only the very last representable
    // month has no month after it.
    day.checked_add_months(Months::new(1)).unwrap_or(day)
}

/// The revisit date a new reflection gets when its writer leaves the field out: a month
/// after `today` when the model has an action stage, none for free reflections and models
/// without one.
pub fn default_for(model: Option<ReflectiveModel>, today: NaiveDate) -> Option<NaiveDate> {
    model
        .and_then(ReflectiveModel::action_stage)
        .map(|_| month_ahead(today))
}

/// One of the person's reflections whose action plan is due to be looked at again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueRevisit {
    /// The entry's id.
    pub entry_id: i32,
    /// The day the reflection is about.
    pub occurred_on: NaiveDate,
    /// The day set for revisiting it.
    pub revisit_on: NaiveDate,
}

/// The actor's own reflections (not in the bin) due to be revisited on or before `through`,
/// oldest first. Nobody else's entries are read, shared or not: a revisit is the author's.
pub fn due(
    conn: &mut DbConnection,
    actor: &Actor,
    through: NaiveDate,
) -> AppResult<Vec<DueRevisit>> {
    let rows: Vec<(i32, NaiveDate, Option<NaiveDate>)> = entries::table
        .filter(entries::author_id.eq(actor.user_id))
        .filter(entries::deleted_at.is_null())
        .filter(entries::kind.eq(EntryKind::Reflection.as_str()))
        .filter(entries::revisit_on.le(through))
        .order((entries::revisit_on.asc(), entries::id.asc()))
        .select((entries::id, entries::occurred_on, entries::revisit_on))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(entry_id, occurred_on, revisit_on)| {
            revisit_on.map(|revisit_on| DueRevisit {
                entry_id,
                occurred_on,
                revisit_on,
            })
        })
        .collect())
}

/// Marks one of the actor's reflections revisited: `next` is the day to look again, or
/// `None` when the plan is done with, or what was wrong with the day asked for (reported
/// only to the author: anyone else learns nothing about the entry). No revision is kept,
/// since the text is unchanged.
pub fn set(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    next: Result<Option<NaiveDate>, FieldErrors>,
    now: NaiveDateTime,
) -> AppResult<EntryView> {
    let entry = get_for_change(conn, actor, id)?;
    let next = next.map_err(AppError::Invalid)?;
    if entry.kind != EntryKind::Reflection {
        return Err(AppError::invalid(
            "revisit_on",
            "Only a reflection carries a revisit date.",
        ));
    }
    conn.immediate_transaction(|conn| {
        diesel::update(entries::table.find(entry.id))
            .set((entries::revisit_on.eq(next), entries::updated_at.eq(now)))
            .execute(conn)?;
        let row = store::find_row(conn, entry.id)?.ok_or(AppError::NotFound)?;
        view_of(conn, row)
    })
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Days};
    use proptest::prelude::*;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_end_of_january_comes_back_at_the_end_of_february() {
        assert_eq!(month_ahead(date(2027, 1, 31)), date(2027, 2, 28));
        assert_eq!(month_ahead(date(2028, 1, 31)), date(2028, 2, 29));
        assert_eq!(month_ahead(date(2028, 1, 29)), date(2028, 2, 29));
        assert_eq!(month_ahead(date(2028, 2, 29)), date(2028, 3, 29));
        assert_eq!(month_ahead(date(2026, 12, 7)), date(2027, 1, 7));
        assert_eq!(month_ahead(date(2027, 3, 31)), date(2027, 4, 30));
    }

    #[test]
    fn only_models_with_an_action_stage_get_a_default() {
        let today = date(2027, 1, 31);
        for model in [
            ReflectiveModel::Gibbs,
            ReflectiveModel::Kolb,
            ReflectiveModel::Driscoll,
        ] {
            assert_eq!(default_for(Some(model), today), Some(date(2027, 2, 28)));
        }
        for model in [ReflectiveModel::Schon, ReflectiveModel::Johns] {
            assert_eq!(default_for(Some(model), today), None);
        }
        assert_eq!(default_for(None, today), None);
    }

    fn last_day_of(year: i32, month: u32) -> u32 {
        let (next_year, next_month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        date(next_year, next_month, 1)
            .checked_sub_days(Days::new(1))
            .expect("a date")
            .day()
    }

    proptest! {
        /// Over sixty years of days, leap years among them: a month ahead lands in the next
        /// calendar month, on the same day of the month or, when that month is shorter, on its
        /// last day; and it is never less than 28 nor more than 31 days ahead.
        #[test]
        fn a_month_ahead_is_the_same_day_next_month_or_its_last_day(offset in 0i64..(366 * 60)) {
            let day = date(1996, 1, 1) + chrono::Duration::days(offset);
            let ahead = month_ahead(day);
            let (year, month) = if day.month() == 12 {
                (day.year() + 1, 1)
            } else {
                (day.year(), day.month() + 1)
            };
            prop_assert_eq!((ahead.year(), ahead.month()), (year, month));
            prop_assert_eq!(ahead.day(), day.day().min(last_day_of(year, month)));
            let gap = (ahead - day).num_days();
            prop_assert!((28..=31).contains(&gap), "{} -> {}", day, ahead);
        }
    }
}
