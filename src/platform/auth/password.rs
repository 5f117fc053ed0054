//! Password hashing with argon2id.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};

use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::threads::Threads;

/// Fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Most characters a password may have (argon2 copes, but a bound stops abuse).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A hash verified when the username is unknown, so both failures take the same time.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash("decoy password for unknown users").expect("hashing a constant cannot fail")
});

/// Hashes a password with argon2id and a fresh random salt (PHC string format).
pub fn hash(password: &str) -> AppResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| AppError::Internal(format!("password hashing: {error}")))
}

/// True when `password` matches the stored `hash`; a malformed hash never matches.
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the time a real verification would, for a username that does not exist.
pub fn verify_decoy(password: &str) {
    let _ = verify(password, &DECOY_HASH);
}

/// How long a password check may wait for the password thread before the request is
/// answered busy.
const CHECK_WAIT: Duration = Duration::from_secs(10);

/// The thread that checks passwords for requests. One, so that a burst of sign-ins holds
/// one argon2 working memory (19 MiB) at a time; and not a database thread, so that writes
/// never wait behind a password check, as they did when sign-in checked the password inside
/// its database work.
static CHECKER: LazyLock<Result<Threads, String>> =
    LazyLock::new(|| Threads::start(1, "praxis-password").map_err(|error| error.to_string()));

/// Runs `check` (work around [`verify`]) on the password thread, after the checks queued
/// before it, and waits for it asynchronously; answers busy when it waited too long.
pub async fn on_password_thread<T, F>(check: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let checker = CHECKER
        .as_ref()
        .map_err(|error| AppError::Internal(error.clone()))?;
    checker
        .run(
            Instant::now() + CHECK_WAIT,
            crate::platform::db::busy,
            move || Ok(check()),
        )
        .await
}

/// Checks a new password against the rules, naming `field` in the message.
pub fn check_strength(field: &str, password: &str, errors: &mut FieldErrors) {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errors.add(
            field,
            format!("Use at least {MIN_PASSWORD_CHARS} characters; a short phrase is easiest."),
        );
    } else if chars > MAX_PASSWORD_CHARS {
        errors.add(
            field,
            format!("Use at most {MAX_PASSWORD_CHARS} characters."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_reject() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse batterY", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[rocket::async_test]
    async fn requests_check_passwords_on_the_password_thread() {
        let stored = hash("correct horse battery").unwrap();
        let (accepted, thread) = on_password_thread(move || {
            let accepted = verify("correct horse battery", &stored);
            (accepted, std::thread::current().name().map(str::to_owned))
        })
        .await
        .expect("checked");
        assert!(accepted);
        assert_eq!(thread.as_deref(), Some("praxis-password-0"));
    }

    #[test]
    fn strength_rules() {
        let mut errors = FieldErrors::new();
        check_strength("password", "short", &mut errors);
        assert!(errors.get("password").is_some());
        let mut errors = FieldErrors::new();
        check_strength("password", "long enough phrase", &mut errors);
        assert!(errors.is_empty());
    }
}
