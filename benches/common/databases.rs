//! Which databases a bench measures on, from a comma-separated setting such as
//! `sqlite,postgres`. Shared by the benches through `#[path]`.

/// A database the app can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Database {
    /// The embedded SQLite file in the data directory.
    Sqlite,
    /// A database of a throwaway PostgreSQL cluster the bench starts.
    Postgres,
}

impl Database {
    /// Its name in reports.
    pub fn label(self) -> &'static str {
        match self {
            Database::Sqlite => "SQLite",
            Database::Postgres => "PostgreSQL",
        }
    }
}

/// The databases named in the environment variable `name` (`sqlite`, `postgres`, in the
/// order given); SQLite alone when it is unset. Panics on a name it does not know, so that a
/// typo does not measure something else than asked.
pub fn from_env(name: &str) -> Vec<Database> {
    let Ok(text) = std::env::var(name) else {
        return vec![Database::Sqlite];
    };
    let chosen: Vec<Database> = text
        .split(',')
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .map(|word| match word.to_ascii_lowercase().as_str() {
            "sqlite" => Database::Sqlite,
            "postgres" | "postgresql" => Database::Postgres,
            other => panic!("{name}: unknown database {other:?} (sqlite or postgres)"),
        })
        .collect();
    assert!(!chosen.is_empty(), "{name} names no database");
    chosen
}
