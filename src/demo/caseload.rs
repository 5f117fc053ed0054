//! Each demo worker's caseload: pseudonymised references (`FAM-001`...), categories, abuse
//! categories for child protection cases, open and closed cases.

use crate::platform::db::DbConnection;
use chrono::{Days, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::compose::{DemoCase, Writer};
use super::rng::Rng;
use crate::cases::model::{AbuseCategory, CaseCategory};
use crate::error::AppResult;
use crate::platform::auth::Role;
use crate::platform::db::schema::cases;

/// Rows per insert statement (12 columns, well inside SQLite's 32766 parameters).
const ROWS_PER_INSERT: usize = 2000;

/// Non-identifying labels some workers give their cases.
const LABELS: &[&str] = &[
    "sibling group of three",
    "teenager, placement at risk",
    "pre-birth assessment",
    "kinship placement",
    "unaccompanied young person",
    "young carer",
    "two children, neglect",
    "baby in a parent and child placement",
];

#[derive(Insertable)]
#[diesel(table_name = cases, treat_none_as_default_value = false)]
struct CaseRow {
    id: i32,
    owner_id: i32,
    reference: String,
    label: Option<&'static str>,
    category: &'static str,
    cp_primary: Option<&'static str>,
    cp_secondary: Option<&'static str>,
    status: &'static str,
    opened_on: NaiveDate,
    closed_on: Option<NaiveDate>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn category(rng: &mut Rng) -> CaseCategory {
    use CaseCategory::*;
    let choices = [
        (ChildInNeed, 30),
        (ChildProtection, 25),
        (LookedAfter, 20),
        (CareLeaver, 6),
        (PrivateLaw, 8),
        (AdultSafeguarding, 3),
        (Other, 8),
    ];
    let weights = choices.map(|(_, weight)| weight);
    choices[rng.weighted(&weights)].0
}

fn abuse(rng: &mut Rng) -> AbuseCategory {
    use AbuseCategory::*;
    [Neglect, Emotional, Physical, Sexual][rng.weighted(&[45, 30, 15, 10])]
}

fn case_row(rng: &mut Rng, id: i32, owner_id: i32, number: usize, today: NaiveDate) -> CaseRow {
    let category = category(rng);
    let (cp_primary, cp_secondary) = if category == CaseCategory::ChildProtection {
        let primary = abuse(rng);
        let secondary = Some(abuse(rng)).filter(|&other| other != primary && rng.chance(0.3));
        (Some(primary.as_str()), secondary.map(AbuseCategory::as_str))
    } else {
        (None, None)
    };
    let back = |rng: &mut Rng, most: usize| {
        today
            .checked_sub_days(Days::new(rng.below(most) as u64))
            .unwrap_or(today)
    };
    let opened_on = back(rng, 1000);
    let closed_on = Some(back(rng, 300)).filter(|&closed| closed > opened_on && rng.chance(0.2));
    let created_at = opened_on.and_hms_opt(9, 0, 0).unwrap_or_default();
    CaseRow {
        id,
        owner_id,
        reference: format!("FAM-{number:03}"),
        label: rng.chance(0.3).then(|| *rng.pick(LABELS)),
        category: category.as_str(),
        cp_primary,
        cp_secondary,
        status: if closed_on.is_some() {
            "closed"
        } else {
            "open"
        },
        opened_on,
        closed_on,
        created_at,
        updated_at: created_at,
    }
}

/// Gives every writer a caseload and stores it; returns the writers with their cases.
pub fn write(
    conn: &mut DbConnection,
    writers: Vec<(i32, Role)>,
    rng: &mut Rng,
    today: NaiveDate,
) -> AppResult<Vec<Writer>> {
    conn.immediate_transaction(|conn| {
        let last: Option<i32> = cases::table
            .select(diesel::dsl::max(cases::id))
            .first(conn)?;
        let mut next_id = last.unwrap_or(0) + 1;
        let mut rows = Vec::new();
        let mut result = Vec::with_capacity(writers.len());
        for (user_id, role) in writers {
            let (count, weight) = match role {
                Role::Student => (3 + rng.below(4), 6),
                Role::Supervisor => (2 + rng.below(3), 3),
                _ => (12 + rng.below(17), 10),
            };
            let mut cases = Vec::with_capacity(count);
            for number in 1..=count {
                let row = case_row(rng, next_id, user_id, number, today);
                cases.push(DemoCase {
                    id: next_id,
                    reference: row.reference.clone(),
                });
                rows.push(row);
                next_id += 1;
            }
            result.push(Writer {
                user_id,
                role,
                weight,
                cases,
            });
        }
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            crate::on_backend!(&mut *conn, |c| diesel::insert_into(cases::table)
                .values(chunk)
                .execute(c))?;
        }
        conn.ids_written("cases")?;
        Ok(result)
    })
}
