//! What the load runs against: one server on SQLite, one on PostgreSQL, or two instances
//! sharing one PostgreSQL database with wrk's connections spread over both.

use super::databases::{self, Database};

/// One way of serving the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setup {
    /// One server on the SQLite file in its data directory.
    Sqlite,
    /// One server on a PostgreSQL database.
    Postgres,
    /// Two servers, each with its own data directory, on one PostgreSQL database.
    TwoOnPostgres,
}

impl Setup {
    /// Its name in the report.
    pub fn label(self) -> &'static str {
        match self {
            Setup::Sqlite => Database::Sqlite.label(),
            Setup::Postgres => Database::Postgres.label(),
            Setup::TwoOnPostgres => "two instances on one PostgreSQL",
        }
    }

    /// Its name in database and file names.
    pub fn slug(self) -> &'static str {
        match self {
            Setup::Sqlite => "sqlite",
            Setup::Postgres => "postgres",
            Setup::TwoOnPostgres => "two_instances",
        }
    }

    /// Servers it starts.
    pub fn instances(self) -> usize {
        match self {
            Setup::TwoOnPostgres => 2,
            _ => 1,
        }
    }

    /// True when it needs the PostgreSQL cluster.
    pub fn on_postgres(self) -> bool {
        self != Setup::Sqlite
    }
}

/// The setups asked for: `PRAXIS_LOAD_DATABASES` (`sqlite`, `postgres` or both; default
/// `sqlite`), then two instances on PostgreSQL when `PRAXIS_LOAD_TWO_INSTANCES=1`.
pub fn from_env() -> Vec<Setup> {
    let mut setups: Vec<Setup> = databases::from_env("PRAXIS_LOAD_DATABASES")
        .into_iter()
        .map(|database| match database {
            Database::Sqlite => Setup::Sqlite,
            Database::Postgres => Setup::Postgres,
        })
        .collect();
    setups.dedup();
    let two = std::env::var("PRAXIS_LOAD_TWO_INSTANCES").is_ok_and(|value| value.trim() == "1");
    if two {
        setups.push(Setup::TwoOnPostgres);
    }
    setups
}
