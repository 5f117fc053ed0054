//! Signing, in one place, for every document two people sign: supervision agreements and
//! records, learning agreements and placement reviews.
//!
//! It lives in the platform because two slices sign documents and neither should own the
//! rules. Each slice says *what* its documents contain (a [`SignedText`] built field by field
//! next to its model); this module says how that text is written down, how its version is
//! derived, when a signature is taken, when a document is locked, and what an amendment is:
//!
//! - [`text`]: the canonical signed text and its version (a hash of exactly that text);
//! - [`check`]: a signature (and a change to a shared draft) names the version its author
//!   read; a missing one is invalid (422), one that no longer matches is a conflict (409) and
//!   nothing is written;
//! - [`lock`]: once both have signed, a change is an amendment or a new version, never a
//!   silent reset of the signatures;
//! - [`amendment`]: the one shape of a change after locking (who, when, which part, the text
//!   before and after, and why) and the rules every amendment follows;
//! - [`request`]: the sign button's form and the API's sign body.

pub mod amendment;
pub mod check;
pub mod lock;
pub mod request;
pub mod text;

pub use amendment::Amendment;
pub use check::{require_current, require_unchanged};
pub use lock::{AfterLock, Signatures};
pub use request::{SignForm, SignRequest};
pub use text::SignedText;
