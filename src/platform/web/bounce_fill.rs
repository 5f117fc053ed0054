//! A refused form's page with nothing typed lost: text fields of the refused form that the
//! page shows empty get back what was sent in them. Most handlers show every typed value
//! again themselves; this catches the ones that show only the messages, so that no refusal
//! anywhere empties a field. Only empty text fields are filled, never boxes, lists,
//! passwords or hidden fields, and only in the form that was sent.

use regex::Regex;

use crate::platform::markdown::escape_html;
use std::sync::LazyLock;

static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<(textarea|input)\b([^>]*)>"#).unwrap_or_else(|_| unreachable!())
});
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\sname="([^"]*)""#).unwrap_or_else(|_| unreachable!()));
static TYPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\stype="([^"]*)""#).unwrap_or_else(|_| unreachable!()));

/// Text-like input types a typed value may be put back into.
const TEXT_TYPES: &[&str] = &["text", "search", "url", "email", "tel"];

/// The value sent once under `name` (a name sent more than once, or never, is left alone).
fn sent_once<'a>(typed: &'a [(String, String)], name: &str) -> Option<&'a str> {
    let mut found = typed.iter().filter(|(sent, _)| sent == name);
    match (found.next(), found.next()) {
        (Some((_, value)), None) if !value.is_empty() => Some(value),
        _ => None,
    }
}

/// How every page form that sends to `action` begins (a search form may share the path).
pub fn posting_to(action: &str) -> String {
    format!("method=\"post\" action=\"{action}\"")
}

/// `html` with the empty text fields of the form posting to `action` holding what `typed`
/// sent in them.
pub fn with_typed_values(html: &str, action: &str, typed: &[(String, String)]) -> String {
    let Some(start) = html.find(&posting_to(action)) else {
        return html.to_string();
    };
    let Some(length) = html[start..].find("</form>") else {
        return html.to_string();
    };
    let form = &html[start..start + length];
    let mut filled = String::with_capacity(form.len());
    let mut copied = 0;
    for tag in FIELD.captures_iter(form) {
        let (Some(whole), Some(kind), Some(attributes)) = (tag.get(0), tag.get(1), tag.get(2))
        else {
            continue;
        };
        let attributes = attributes.as_str();
        let Some(name) = NAME.captures(attributes).and_then(|found| found.get(1)) else {
            continue;
        };
        let Some(value) = sent_once(typed, name.as_str()) else {
            continue;
        };
        let hidden = attributes.split_whitespace().any(|word| word == "hidden");
        if kind.as_str() == "textarea" {
            if !hidden && form[whole.end()..].starts_with("</textarea>") {
                filled.push_str(&form[copied..whole.end()]);
                filled.push_str(&escape_html(value));
                copied = whole.end();
            }
        } else {
            let input_type = TYPE
                .captures(attributes)
                .and_then(|found| found.get(1))
                .map_or("text", |found| found.as_str());
            if !hidden && TEXT_TYPES.contains(&input_type) && !attributes.contains(" value=") {
                let close = if attributes.ends_with('/') {
                    whole.end() - 2
                } else {
                    whole.end() - 1
                };
                filled.push_str(&form[copied..close]);
                filled.push_str(&format!(" value=\"{}\"", escape_html(value)));
                copied = close;
            }
        }
    }
    filled.push_str(&form[copied..]);
    format!("{}{}{}", &html[..start], filled, &html[start + length..])
}

#[cfg(test)]
mod tests {
    use super::with_typed_values;

    fn typed(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn empty_text_fields_of_the_sent_form_get_the_typed_text() {
        let page = r#"<form method="post" action="/a"><textarea name="body"></textarea><input name="title"><input type="password" name="password"><input name="kept" value="shown"></form><form method="post" action="/b"><textarea name="body"></textarea></form>"#;
        let sent = typed(&[
            ("body", "Core group <b>&</b> \"plan\""),
            ("title", "Visit"),
            ("password", "secret"),
            ("kept", "typed"),
        ]);
        let filled = with_typed_values(page, "/a", &sent);
        assert!(filled.contains(
            r#"<textarea name="body">Core group &lt;b&gt;&amp;&lt;/b&gt; &quot;plan&quot;</textarea>"#
        ));
        assert!(filled.contains(r#"<input name="title" value="Visit">"#));
        assert!(!filled.contains("secret"), "passwords are never shown");
        assert!(filled.contains(r#"<input name="kept" value="shown">"#));
        assert!(
            filled.ends_with(
                r#"<form method="post" action="/b"><textarea name="body"></textarea></form>"#
            ),
            "other forms are left alone: {filled}"
        );
    }

    #[test]
    fn pages_without_the_form_are_unchanged() {
        let page = "<p>Nothing here</p>";
        assert_eq!(with_typed_values(page, "/a", &typed(&[("x", "y")])), page);
        let hidden = r#"<form method="post" action="/a"><input name="username" hidden></form>"#;
        assert_eq!(
            with_typed_values(hidden, "/a", &typed(&[("username", "sam")])),
            hidden
        );
    }
}
