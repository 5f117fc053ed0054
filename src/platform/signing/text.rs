//! The canonical signed text: an explicit serialisation of exactly what two people sign.
//!
//! The format is fixed so that a version computed in one release matches the same document
//! in the next. A text starts with a header line naming the format and the kind of document;
//! then each field follows, in the order its document lists them, on its own line:
//! `name=<byte length>:<value>`, or `name~` when the field is empty by nature (an optional
//! date not given). The length prefix makes the text unambiguous whatever a value contains
//! (newlines, `=`, other field names). Lists are spelt out as `parts[0].name`.
//!
//! Changing a document's fields changes its versions, which only means unsigned drafts must
//! be read again; each document pins its serialisation in a unit test so the change is seen.

use std::fmt::Write as _;

use blake2::{Blake2s256, Digest};
use chrono::{NaiveDate, NaiveTime};

/// The first word of every signed text; bump the number if the format itself changes.
const FORMAT: &str = "praxis-signed-text/1";

/// A value as it appears in a signed text.
pub trait SignedValue {
    /// The value's canonical spelling, or `None` for "not given".
    fn canonical(&self) -> Option<String>;
}

impl SignedValue for str {
    fn canonical(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl SignedValue for String {
    fn canonical(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl SignedValue for i32 {
    fn canonical(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl SignedValue for bool {
    fn canonical(&self) -> Option<String> {
        Some(if *self { "yes" } else { "no" }.to_string())
    }
}

impl SignedValue for NaiveDate {
    fn canonical(&self) -> Option<String> {
        Some(self.format("%Y-%m-%d").to_string())
    }
}

impl SignedValue for NaiveTime {
    fn canonical(&self) -> Option<String> {
        Some(self.format("%H:%M").to_string())
    }
}

impl<T: SignedValue + ?Sized> SignedValue for &T {
    fn canonical(&self) -> Option<String> {
        (**self).canonical()
    }
}

impl<T: SignedValue> SignedValue for Option<T> {
    fn canonical(&self) -> Option<String> {
        self.as_ref().and_then(SignedValue::canonical)
    }
}

/// A document's signed text, built field by field in the document's own order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedText {
    text: String,
}

impl SignedText {
    /// An empty text for a kind of document (`supervision-agreement`, `placement-review`...).
    pub fn new(kind: &str) -> Self {
        Self {
            text: format!("{FORMAT} {kind}\n"),
        }
    }

    /// Adds one field.
    pub fn field(mut self, name: impl AsRef<str>, value: impl SignedValue) -> Self {
        let name = name.as_ref();
        // Writing to a String cannot fail.
        let _ = match value.canonical() {
            Some(value) => writeln!(self.text, "{name}={}:{value}", value.len()),
            None => writeln!(self.text, "{name}~"),
        };
        self
    }

    /// The text as signed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The version: a hash of exactly this text, as 32 hexadecimal digits.
    pub fn version(&self) -> String {
        let digest = Blake2s256::digest(self.text.as_bytes());
        digest[..16]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_written_in_order_with_their_lengths() {
        let text = SignedText::new("example")
            .field("title", "Plan\nwith=signs")
            .field("minutes", 90)
            .field("held_on", NaiveDate::from_ymd_opt(2026, 3, 2))
            .field("next_on", None::<NaiveDate>)
            .field("about_placement", false);
        assert_eq!(
            text.as_str(),
            "praxis-signed-text/1 example\n\
             title=15:Plan\nwith=signs\n\
             minutes=2:90\n\
             held_on=10:2026-03-02\n\
             next_on~\n\
             about_placement=2:no\n"
        );
        assert_eq!(text.version().len(), 32);
    }

    #[test]
    fn values_cannot_pose_as_other_fields() {
        let joined = SignedText::new("example").field("a", "x\nb=1:y");
        let split = SignedText::new("example").field("a", "x").field("b", "y");
        assert_ne!(joined.version(), split.version());
        let empty = SignedText::new("example").field("a", "");
        let missing = SignedText::new("example").field("a", None::<String>);
        assert_ne!(empty.version(), missing.version());
    }
}
