//! First run: while no account exists, a one-time token printed on the console opens the
//! page that creates the first administrator.

use std::sync::Mutex;

use crate::platform::auth::secret::{constant_time_eq, random_token};

/// The one-time setup token, present only while no account exists.
#[derive(Debug, Default)]
pub struct SetupToken(Mutex<Option<String>>);

impl SetupToken {
    /// A fresh token when `needed`, else none.
    pub fn new(needed: bool) -> Self {
        Self(Mutex::new(needed.then(|| random_token(24))))
    }

    /// The token, for the console message.
    pub fn peek(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Whether `candidate` is the live token.
    pub fn matches(&self, candidate: &str) -> bool {
        self.peek()
            .is_some_and(|token| constant_time_eq(&token, candidate))
    }

    /// Retires the token once the first administrator exists.
    pub fn retire(&self) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_until_retired() {
        let token = SetupToken::new(true);
        let value = token.peek().unwrap();
        assert!(token.matches(&value));
        assert!(!token.matches("guess"));
        token.retire();
        assert!(!token.matches(&value));
        assert!(SetupToken::new(false).peek().is_none());
    }
}
