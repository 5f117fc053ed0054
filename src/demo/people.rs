//! The demo team: practitioners, their supervisors, a student with a practice educator, and
//! an administrator, with the links between them.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;

use super::USERNAME_PREFIX;
use super::phrases::{FIRST_NAMES, LAST_NAMES};
use super::rng::Rng;
use crate::accounts::model::LinkKind;
use crate::accounts::team;
use crate::error::AppResult;
use crate::platform::auth::Role;

/// One demo account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Sign-in name, e.g. `demo-sw-001`.
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// Role.
    pub role: Role,
}

/// Who is in the team and who supervises whom (indexes into `people`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// Everyone.
    pub people: Vec<Person>,
    /// Supervisor (or practice educator), supervisee (or student), kind.
    pub links: Vec<(usize, usize, LinkKind)>,
}

/// How many of each role a team of `users` has: (admins, supervisors, practice educators,
/// students, practitioners). There is always at least one practitioner.
pub fn roles(users: usize) -> (usize, usize, usize, usize, usize) {
    let admins = usize::from(users >= 6);
    let students = if users >= 5 { (users / 25).max(1) } else { 0 };
    let educators = if students > 0 {
        students.div_ceil(4)
    } else {
        0
    };
    let supervisors = if users >= 2 { (users / 10).max(1) } else { 0 };
    let practitioners = users.saturating_sub(admins + students + educators + supervisors);
    (admins, supervisors, educators, students, practitioners)
}

/// Plans a team of `users` people (at least one).
pub fn team(users: usize, rng: &mut Rng) -> Team {
    let (admins, supervisors, educators, students, practitioners) = roles(users.max(1));
    let mut people = Vec::with_capacity(users);
    let mut add = |role: Role, label: &str, count: usize, rng: &mut Rng| -> Vec<usize> {
        (1..=count)
            .map(|number| {
                let username = if role == Role::Admin {
                    format!("{USERNAME_PREFIX}admin")
                } else {
                    format!("{USERNAME_PREFIX}{label}-{number:03}")
                };
                let display_name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
                people.push(Person {
                    username,
                    display_name,
                    role,
                });
                people.len() - 1
            })
            .collect()
    };
    add(Role::Admin, "admin", admins, rng);
    let supervisor_ids = add(Role::Supervisor, "sup", supervisors, rng);
    let educator_ids = add(Role::PracticeEducator, "pe", educators, rng);
    let student_ids = add(Role::Student, "student", students, rng);
    let practitioner_ids = add(Role::Practitioner, "sw", practitioners, rng);
    let mut links = Vec::new();
    if !supervisor_ids.is_empty() {
        for (at, &person) in practitioner_ids.iter().chain(&student_ids).enumerate() {
            let supervisor = supervisor_ids[at % supervisor_ids.len()];
            links.push((supervisor, person, LinkKind::Line));
        }
    }
    for (at, &student) in student_ids.iter().enumerate() {
        links.push((
            educator_ids[at % educator_ids.len()],
            student,
            LinkKind::Educator,
        ));
    }
    Team { people, links }
}

/// Stores the team with one password hash for everyone; returns their user ids, in order.
pub fn write(
    conn: &mut DbConnection,
    team: &Team,
    password_hash: &str,
    now: NaiveDateTime,
) -> AppResult<Vec<i32>> {
    conn.immediate_transaction(|conn| {
        let mut ids = Vec::with_capacity(team.people.len());
        for person in &team.people {
            ids.push(team::add_person(
                conn,
                &person.username,
                &person.display_name,
                person.role,
                password_hash,
                now,
            )?);
        }
        for &(supervisor, supervisee, kind) in &team.links {
            team::add_link(conn, ids[supervisor], ids[supervisee], kind, now)?;
        }
        Ok(ids)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_team_has_a_practitioner_and_links_fit_the_roles() {
        for users in 1..60 {
            let team = team(users, &mut Rng::new(1));
            assert_eq!(team.people.len(), users);
            assert!(team.people.iter().any(|p| p.role == Role::Practitioner));
            for &(supervisor, supervisee, kind) in &team.links {
                let (a, b) = (&team.people[supervisor], &team.people[supervisee]);
                match kind {
                    LinkKind::Line => assert_eq!(a.role, Role::Supervisor),
                    LinkKind::Educator => {
                        assert_eq!((a.role, b.role), (Role::PracticeEducator, Role::Student));
                    }
                }
            }
        }
        let team = team(20, &mut Rng::new(1));
        assert!(team.people.iter().any(|p| p.username == "demo-sw-001"));
        assert!(team.people.iter().any(|p| p.username == "demo-admin"));
        assert!(team.links.iter().any(|l| l.2 == LinkKind::Educator));
    }
}
