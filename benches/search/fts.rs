//! The same searches on SQLite FTS5 over the same corpus: an `entries_fts` table (porter
//! stemming, unicode61) in a database of its own beside the corpus, filled from the
//! entries, queried with the permission filter as a join on the real `entries` table.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::mix::BenchQuery;
use super::stats::Searcher;

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

#[derive(QueryableByName)]
struct Total {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// What every FTS search shares: the match, the reader's permissions and the kind filter.
const FROM_WHERE: &str = "\
    FROM entries_fts JOIN praxis.entries e ON e.id = entries_fts.rowid \
    WHERE entries_fts MATCH ?1 AND e.deleted_at IS NULL \
      AND (e.author_id = ?2 OR (e.visibility = 'supervisor' AND e.author_id IN \
           (SELECT supervisee_id FROM praxis.supervision_links WHERE supervisor_id = ?2))) \
      AND (?3 IS NULL OR e.kind = ?3)";

/// A connection to the FTS database with the corpus attached.
pub struct FtsSearch {
    conn: SqliteConnection,
    users: HashMap<String, i32>,
}

impl FtsSearch {
    /// Creates and fills `fts.sqlite3` in `dir` from the corpus database; returns it and the
    /// seconds the fill took.
    pub fn build(dir: &Path, corpus: &Path) -> (Self, f64) {
        let path = dir.join("fts.sqlite3");
        let mut conn = SqliteConnection::establish(&path.to_string_lossy()).expect("fts db");
        let corpus = corpus.to_string_lossy().replace('\'', "''");
        conn.batch_execute(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
             ATTACH DATABASE '{corpus}' AS praxis;"
        ))
        .expect("attach the corpus");
        let started = Instant::now();
        conn.batch_execute(
            "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, tokenize='porter unicode61');
             INSERT INTO entries_fts(rowid, title, body)
             SELECT e.id, e.title,
                    e.body
                    || coalesce(char(10) || (SELECT group_concat(s.body, char(10))
                                             FROM praxis.entry_sections s
                                             WHERE s.entry_id = e.id), '')
                    || coalesce(char(10) || c.activity_type || ' ' || c.description || ' '
                                || c.learning || ' ' || c.impact
                                || coalesce(' ' || c.peer_reflection, ''), '')
             FROM praxis.entries e LEFT JOIN praxis.cpd_records c ON c.entry_id = e.id
             WHERE e.deleted_at IS NULL;
             INSERT INTO entries_fts(entries_fts) VALUES ('optimize');",
        )
        .expect("fill entries_fts");
        let seconds = started.elapsed().as_secs_f64();
        #[derive(QueryableByName)]
        struct User {
            #[diesel(sql_type = Integer)]
            id: i32,
            #[diesel(sql_type = Text)]
            username: String,
        }
        let users = diesel::sql_query("SELECT id, username FROM praxis.users")
            .load::<User>(&mut conn)
            .expect("users")
            .into_iter()
            .map(|user| (user.username, user.id))
            .collect();
        (Self { conn, users }, seconds)
    }
}

impl Searcher for FtsSearch {
    /// The first 20 ids, then the total.
    fn search(&mut self, _: usize, bench: &BenchQuery, username: &str) -> usize {
        let user = self.users[username];
        let order = if bench.by_date {
            "e.occurred_on DESC, e.id DESC"
        } else {
            "bm25(entries_fts, 2.0, 1.0)"
        };
        let top = format!("SELECT e.id AS id {FROM_WHERE} ORDER BY {order} LIMIT 20");
        let ids = diesel::sql_query(top)
            .bind::<Text, _>(bench.fts)
            .bind::<Integer, _>(user)
            .bind::<Nullable<Text>, _>(bench.kind)
            .load::<Id>(&mut self.conn)
            .expect("fts search");
        std::hint::black_box(ids.iter().map(|row| row.id).sum::<i32>());
        let total = diesel::sql_query(format!("SELECT count(*) AS n {FROM_WHERE}"))
            .bind::<Text, _>(bench.fts)
            .bind::<Integer, _>(user)
            .bind::<Nullable<Text>, _>(bench.kind)
            .get_result::<Total>(&mut self.conn)
            .expect("fts count");
        usize::try_from(total.n).unwrap_or(0)
    }
}
