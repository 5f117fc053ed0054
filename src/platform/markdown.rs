//! Markdown is stored as written and rendered here, and only here, to safe HTML.
//!
//! Raw HTML in the source is shown as text, not interpreted; the result is then passed
//! through ammonia, which keeps a small allow-list of tags and drops every URL scheme but
//! http, https and mailto (so `javascript:` and `data:` links never reach a page).

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .rm_tags(["img"]);
    builder
});

/// Renders Markdown to sanitised HTML, safe to insert into a page as is.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Authors write prose, not markup: show any HTML they typed as text.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    SANITISER.clean(&unsafe_html).to_string()
}

/// Text made safe to put inside HTML: `&`, `<`, `>`, `"` and `'` become entities.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// Plain text of a Markdown document, for titles and previews.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            // Blocks and line breaks separate words; inline markup (emphasis, links) does not.
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !text.ends_with(' ')
                    && !matches!(event, Event::End(ref end) if is_inline(end)) =>
            {
                text.push(' ');
            }
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_inline(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_ordinary_markdown() {
        let html = render("**Core group** went well.\n\n- agreed plan\n- next visit");
        assert!(html.contains("<strong>Core group</strong>"));
        assert!(html.contains("<li>agreed plan</li>"));
    }

    #[test]
    fn script_and_handlers_never_survive() {
        // Escaped text may mention `onerror=`; what must never appear is a live tag
        // carrying a handler or a dangerous URL.
        let handler = regex::Regex::new(r"<[^>]*\son[a-z]+\s*=").unwrap();
        let bad_link = regex::Regex::new(r#"<a[^>]*href="\s*(javascript|data):"#).unwrap();
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[click](javascript:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD4=)",
            "[click](JaVaScRiPt:alert(1))",
            "<svg onload=alert(1)>",
            "![x](javascript:alert(1))",
        ] {
            let html = render(payload);
            let lower = html.to_lowercase();
            assert!(!handler.is_match(&lower), "{payload} -> {html}");
            assert!(!bad_link.is_match(&lower), "{payload} -> {html}");
            for forbidden in ["<script", "<img", "<svg"] {
                assert!(!lower.contains(forbidden), "{payload} -> {html}");
            }
        }
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert!(render("<b>bold?</b>").contains("&lt;b&gt;bold?&lt;/b&gt;"));
    }

    #[test]
    fn safe_links_keep_working() {
        let html = render("[guidance](https://www.gov.uk/)");
        assert!(html.contains("href=\"https://www.gov.uk/\""));
        assert!(html.contains("noopener"));
    }

    #[test]
    fn escapes_html() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jo'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn plain_text_strips_markup() {
        assert_eq!(
            plain_text("We held the **ICPC**. Then [s47](https://x.test)."),
            "We held the ICPC. Then s47."
        );
        assert_eq!(
            plain_text("# Visit\n\nSaw *Child B* at home."),
            "Visit Saw Child B at home."
        );
    }
}
