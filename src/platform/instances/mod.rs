//! Several app instances on one database: each has an id kept in its own data directory,
//! records in the database how far its search index has applied the outbox, and takes a
//! lease before running a background job that must run once across instances.

pub mod lease;
pub mod store;

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{AppError, AppResult};
use crate::platform::auth::secret::random_token;

/// The file in the data directory that holds the instance's id.
pub const ID_FILE: &str = "instance-id";

/// Longest id read from [`ID_FILE`]: anything longer was not written by Praxis.
const MAX_ID_CHARS: usize = 64;

/// Which instance this is: random, made on first start and kept in the data directory, so
/// a restarted instance takes up its own position again. An id of its own per data
/// directory, because each data directory holds one search index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InstanceId(String);

impl InstanceId {
    /// Reads the id in `data_dir`, creating it (readable by its owner only) on first start.
    pub fn load_or_create(data_dir: &Path) -> AppResult<Self> {
        let path = data_dir.join(ID_FILE);
        match fs::read_to_string(&path) {
            Ok(kept) => {
                let id = kept.trim();
                let valid = !id.is_empty()
                    && id.len() <= MAX_ID_CHARS
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                if valid {
                    Ok(Self(id.to_string()))
                } else {
                    Err(AppError::Config(format!(
                        "{} does not hold an instance id; remove it to make a new one",
                        path.display()
                    )))
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let id = random_token(16);
                let mut options = fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(crate::platform::data_dir::FILE_MODE);
                }
                let mut file = options.open(&path).map_err(|error| {
                    AppError::Internal(format!("creating {}: {error}", path.display()))
                })?;
                file.write_all(id.as_bytes())?;
                file.sync_all()?;
                Ok(Self(id))
            }
            Err(error) => Err(AppError::Internal(format!(
                "reading {}: {error}",
                path.display()
            ))),
        }
    }

    /// The id as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for InstanceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = InstanceId::load_or_create(dir.path()).unwrap();
        let again = InstanceId::load_or_create(dir.path()).unwrap();
        assert_eq!(first, again);
        let other = tempfile::tempdir().unwrap();
        assert_ne!(first, InstanceId::load_or_create(other.path()).unwrap());
    }

    #[test]
    fn a_damaged_id_file_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(ID_FILE), "not an id\n").unwrap();
        let error = InstanceId::load_or_create(dir.path()).unwrap_err();
        assert!(error.to_string().contains(ID_FILE), "{error}");
    }
}
