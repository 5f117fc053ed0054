//! How far someone has read the comments on a record or on a piece of evidence. Comments
//! wait in the inbox until they are marked as read, or until the person writes a comment of
//! their own there. Comment ids, not times, say what came after: two comments can share a
//! second.

use crate::platform::db::DbConnection;
use diesel::prelude::*;

use crate::error::AppResult;
use crate::platform::db::schema::inbox_seen;

/// Comments on a supervision record.
pub const SESSION: &str = "session";
/// Comments on a piece of placement evidence.
pub const EVIDENCE: &str = "evidence";

/// The id of the last comment on `(kind, id)` that `user_id` marked as read.
pub fn last_seen(
    conn: &mut DbConnection,
    user_id: i32,
    kind: &str,
    id: i32,
) -> AppResult<Option<i32>> {
    Ok(inbox_seen::table
        .find((user_id, kind, id))
        .select(inbox_seen::seen_through)
        .first(conn)
        .optional()?)
}

/// Records that `user_id` has read the comments on `(kind, id)` up to comment `through`.
pub fn mark(
    conn: &mut DbConnection,
    user_id: i32,
    kind: &str,
    id: i32,
    through: i32,
) -> AppResult<()> {
    crate::on_backend!(conn, |c| diesel::insert_into(inbox_seen::table)
        .values((
            inbox_seen::user_id.eq(user_id),
            inbox_seen::subject_kind.eq(kind),
            inbox_seen::subject_id.eq(id),
            inbox_seen::seen_through.eq(through),
        ))
        .on_conflict((
            inbox_seen::user_id,
            inbox_seen::subject_kind,
            inbox_seen::subject_id,
        ))
        .do_update()
        .set(inbox_seen::seen_through.eq(through))
        .execute(c))?;
    Ok(())
}

/// Of comments `(author, comment id)`, the ones by others that `user_id` has not read:
/// written after both their mark and their own last comment.
pub fn unread<T>(
    comments: &[T],
    user_id: i32,
    seen: Option<i32>,
    fields: impl Fn(&T) -> (i32, i32),
) -> Vec<&T> {
    let own_last = comments
        .iter()
        .map(&fields)
        .filter(|(author, _)| *author == user_id)
        .map(|(_, at)| at)
        .max();
    let since = seen.max(own_last);
    comments
        .iter()
        .filter(|comment| {
            let (author, at) = fields(comment);
            author != user_id && since.is_none_or(|since| at > since)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_or_a_mark_reads_what_came_before_only() {
        let comments = [(2, 1), (1, 2), (2, 3)];
        let fields = |c: &(i32, i32)| *c;
        assert_eq!(unread(&comments, 1, None, fields), vec![&(2, 3)]);
        assert!(unread(&comments, 1, Some(3), fields).is_empty());
        assert_eq!(unread(&comments, 3, None, fields).len(), 3);
        assert!(unread(&comments, 2, None, fields).is_empty());
    }
}
