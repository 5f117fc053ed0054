//! The instances table: each instance's search position and when it was last seen.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::platform::db::DbConnection;

use super::InstanceId;
use crate::error::AppResult;
use crate::platform::db::schema::instances;

/// One instance as the database knows it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct InstanceRow {
    /// The instance's id.
    pub id: String,
    /// The last search-outbox id its index has applied.
    pub applied_outbox: i64,
    /// When it last started.
    pub started_at: NaiveDateTime,
    /// When it last reported.
    pub seen_at: NaiveDateTime,
}

/// Records that `instance` has started with an index that has applied `applied`.
pub fn register(
    conn: &mut DbConnection,
    instance: &InstanceId,
    applied: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let upsert = diesel::insert_into(instances::table)
        .values((
            instances::id.eq(instance.as_str()),
            instances::applied_outbox.eq(applied),
            instances::started_at.eq(now),
            instances::seen_at.eq(now),
        ))
        .on_conflict(instances::id)
        .do_update()
        .set((
            instances::applied_outbox.eq(applied),
            instances::started_at.eq(now),
            instances::seen_at.eq(now),
        ));
    crate::on_backend!(conn, |c| upsert.execute(c))?;
    Ok(())
}

/// Records `instance`'s position and that it is alive.
pub fn report(
    conn: &mut DbConnection,
    instance: &InstanceId,
    applied: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let updated = diesel::update(instances::table.find(instance.as_str()))
        .set((
            instances::applied_outbox.eq(applied),
            instances::seen_at.eq(now),
        ))
        .execute(conn)?;
    if updated == 0 {
        // Its row was removed by hand: an instance that reports is alive, so it holds its place.
        register(conn, instance, applied, now)?;
    }
    Ok(())
}

/// The lowest position among instances seen since `live_since` (`None` when there are none).
pub fn lowest_live_position(
    conn: &mut DbConnection,
    live_since: NaiveDateTime,
) -> AppResult<Option<i64>> {
    Ok(instances::table
        .filter(instances::seen_at.ge(live_since))
        .select(diesel::dsl::min(instances::applied_outbox))
        .first(conn)?)
}

/// Whether an instance other than `instance` has been seen since `live_since`.
pub fn others_seen_since(
    conn: &mut DbConnection,
    instance: &InstanceId,
    live_since: NaiveDateTime,
) -> AppResult<bool> {
    let others = instances::table
        .filter(instances::id.ne(instance.as_str()))
        .filter(instances::seen_at.ge(live_since));
    Ok(diesel::select(diesel::dsl::exists(others)).get_result(conn)?)
}

/// Forgets instances not seen since `before` (data directories long gone, such as those of
/// replaced containers); returns how many.
pub fn forget_unseen_since(conn: &mut DbConnection, before: NaiveDateTime) -> AppResult<usize> {
    Ok(diesel::delete(instances::table.filter(instances::seen_at.lt(before))).execute(conn)?)
}

/// Every instance the database knows, in the order they were first seen.
pub fn all(conn: &mut DbConnection) -> AppResult<Vec<InstanceRow>> {
    Ok(instances::table
        .order((instances::started_at.asc(), instances::id.asc()))
        .load(conn)?)
}
