//! Uploads waiting for the person to confirm their preview, kept in the data directory under
//! a random name that starts with the owner's id, so that nobody can confirm another
//! person's upload. Left-over uploads are removed after a day.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::{AppError, AppResult};
use crate::platform::auth::secret::random_token;

/// How long an unconfirmed upload is kept.
const KEPT_FOR: Duration = Duration::from_secs(24 * 60 * 60);

fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("imports")
}

fn path_of(data_dir: &Path, user_id: i32, token: &str) -> AppResult<PathBuf> {
    if token.is_empty()
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(AppError::NotFound);
    }
    Ok(folder(data_dir).join(format!("{user_id}-{token}.upload")))
}

/// Keeps an upload for `user_id`; returns the token that names it.
pub fn keep(data_dir: &Path, user_id: i32, bytes: &[u8]) -> AppResult<String> {
    let dir = folder(data_dir);
    std::fs::create_dir_all(&dir)?;
    if let Ok(items) = std::fs::read_dir(&dir) {
        for item in items.flatten() {
            let stale = item
                .metadata()
                .and_then(|metadata| metadata.modified())
                .is_ok_and(|at| {
                    SystemTime::now().duration_since(at).unwrap_or_default() > KEPT_FOR
                });
            if stale {
                let _ = std::fs::remove_file(item.path());
            }
        }
    }
    let token = random_token(24);
    std::fs::write(path_of(data_dir, user_id, &token)?, bytes)?;
    Ok(token)
}

/// The upload `token` names, if it is `user_id`'s and still kept.
pub fn load(data_dir: &Path, user_id: i32, token: &str) -> AppResult<Vec<u8>> {
    std::fs::read(path_of(data_dir, user_id, token)?).map_err(|_| {
        AppError::invalid(
            "file",
            "This upload is no longer waiting (it was imported, or is more than a day old). Choose the file again.",
        )
    })
}

/// Removes an upload once imported.
pub fn forget(data_dir: &Path, user_id: i32, token: &str) {
    if let Ok(path) = path_of(data_dir, user_id, token) {
        let _ = std::fs::remove_file(path);
    }
}
