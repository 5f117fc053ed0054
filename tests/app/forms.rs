//! Reading a page's form as a browser would submit it: every named control with its value
//! (ticked boxes and radios only, the selected option of a select, a textarea's text), so a
//! test can send a form back exactly as it was shown.

use regex::Regex;

use crate::common::{Browser, Reply};

/// The fields the form posting to `action` would send, in document order, without the
/// submit buttons (a test names the button it presses).
pub fn form_values(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |at| start + at);
    let form = &html[start..end];
    let control = Regex::new(
        r#"(?s)<input\b([^>]*)>|<textarea\b([^>]*)>(.*?)</textarea>|<select\b([^>]*)>(.*?)</select>"#,
    )
    .unwrap();
    let mut values = Vec::new();
    for found in control.captures_iter(form) {
        if let Some(attributes) = found.get(1).map(|m| m.as_str()) {
            let kind = attribute(attributes, "type").unwrap_or_default();
            let ticked = attributes.contains(" checked");
            if kind == "submit" || (matches!(kind.as_str(), "checkbox" | "radio") && !ticked) {
                continue;
            }
            if let Some(name) = attribute(attributes, "name") {
                let value = attribute(attributes, "value").unwrap_or_else(|| match kind.as_str() {
                    "checkbox" | "radio" => "on".into(),
                    _ => String::new(),
                });
                values.push((name, value));
            }
        } else if let Some(attributes) = found.get(2).map(|m| m.as_str()) {
            if let Some(name) = attribute(attributes, "name") {
                let text = found[3].strip_prefix('\n').unwrap_or(&found[3]);
                values.push((name, unescape(text)));
            }
        } else if let Some(attributes) = found.get(4).map(|m| m.as_str())
            && let Some(name) = attribute(attributes, "name")
        {
            values.push((name, selected(&found[5])));
        }
    }
    values
}

/// Posts `fields` (as [`form_values`] read them) to `action`, exactly as they are.
pub fn submit(browser: &Browser<'_>, action: &str, fields: &[(String, String)]) -> Reply {
    let sent: Vec<(&str, String)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    browser.post_raw(action, &sent)
}

/// Presses a sign button as a browser does: opens the document's page (`sign_path` without
/// `/sign`) and sends its sign form as shown, version included. Where the page cannot be
/// read or has no sign form, the button is pressed with the CSRF token alone.
pub fn sign_as_shown(browser: &Browser<'_>, sign_path: &str) -> Reply {
    let document = sign_path.strip_suffix("/sign").expect("a sign path");
    let page = browser.get(document);
    if page.body.contains(&format!("action=\"{sign_path}\"")) {
        submit(browser, sign_path, &form_values(&page.body, sign_path))
    } else {
        browser.post(sign_path, &[])
    }
}

/// The value of the selected option (or the first, as a browser would).
fn selected(options: &str) -> String {
    let option = Regex::new(r#"<option\b([^>]*)>([^<]*)"#).unwrap();
    let all: Vec<_> = option.captures_iter(options).collect();
    let chosen = all
        .iter()
        .find(|found| found[1].contains(" selected"))
        .or(all.first());
    chosen.map_or_else(String::new, |found| {
        attribute(&found[1], "value").unwrap_or_else(|| unescape(&found[2]))
    })
}

fn attribute(attributes: &str, name: &str) -> Option<String> {
    let pattern = Regex::new(&format!(r#"(?:^|\s){name}="([^"]*)""#)).unwrap();
    pattern
        .captures(attributes)
        .map(|found| unescape(&found[1]))
}

fn unescape(text: &str) -> String {
    let numeric = Regex::new(r"&#(x[0-9a-fA-F]+|[0-9]+);").unwrap();
    let text = numeric.replace_all(text, |found: &regex::Captures<'_>| {
        let code = &found[1];
        let number = match code.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => code.parse(),
        };
        number
            .ok()
            .and_then(char::from_u32)
            .map_or_else(|| found[0].to_string(), String::from)
    });
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}
