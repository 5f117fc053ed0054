//! The key that encrypts private cookies: taken from the configuration when set there,
//! otherwise generated once and kept in the data directory so sessions survive restarts.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::secret::random_token;
use crate::error::{AppError, AppResult};

/// Reads the key file, creating it (readable by its owner only) on first start.
pub fn load_or_create(path: &Path) -> AppResult<String> {
    match fs::read_to_string(path) {
        Ok(existing) => {
            let key = existing.trim().to_string();
            if key.len() == 64 && key.chars().all(|c| c.is_ascii_hexdigit()) {
                Ok(key)
            } else {
                Err(AppError::Internal(format!(
                    "{} does not hold a 64-character hex key; remove it to generate a new one \
                     (everyone will have to sign in again)",
                    path.display()
                )))
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => create(path),
        Err(error) => Err(AppError::Internal(format!(
            "reading {}: {error}",
            path.display()
        ))),
    }
}

fn create(path: &Path) -> AppResult<String> {
    let key = random_token(32);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|error| AppError::Internal(format!("creating {}: {error}", path.display())))?;
    file.write_all(key.as_bytes())?;
    file.sync_all()?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_then_reuses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        let first = load_or_create(&path).unwrap();
        let second = load_or_create(&path).unwrap();
        assert_eq!(first, second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn refuses_a_damaged_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        fs::write(&path, "short").unwrap();
        assert!(load_or_create(&path).is_err());
    }
}
