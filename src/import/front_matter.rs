//! The small part of YAML front matter that note apps write and an import needs: `title`,
//! `date` and `tags` (inline `[a, b]`, comma-separated, or a `- item` list). Other keys are
//! ignored; a file without front matter is all body.

/// What the front matter said, and the body after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title:`.
    pub title: Option<String>,
    /// `date:` as written.
    pub date: Option<String>,
    /// `tags:`.
    pub tags: Vec<String>,
    /// The text after the front matter.
    pub body: String,
}

fn unquote(value: &str) -> String {
    let value = value.trim();
    let quoted = value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')));
    if quoted {
        value[1..value.len() - 1].to_string()
    } else {
        value.to_string()
    }
}

fn inline_list(value: &str) -> Vec<String> {
    let value = value.trim();
    let inner = value
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(value);
    inner
        .split(',')
        .map(unquote)
        .map(|tag| tag.trim_start_matches('#').to_string())
        .filter(|tag| !tag.is_empty())
        .collect()
}

/// Splits a Markdown text into its front matter and body.
pub fn split(text: &str) -> FrontMatter {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return FrontMatter::default();
    };
    if first.trim_end() != "---" {
        return FrontMatter {
            body: text.to_string(),
            ..FrontMatter::default()
        };
    }
    let mut matter = FrontMatter::default();
    let mut consumed = first.len();
    let mut in_tags = false;
    let mut closed = false;
    for line in lines {
        consumed += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            closed = true;
            break;
        }
        if in_tags && let Some(item) = trimmed.trim_start().strip_prefix("- ") {
            matter.tags.extend(inline_list(item));
            continue;
        }
        in_tags = false;
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => matter.title = Some(unquote(value)).filter(|title| !title.is_empty()),
            "date" | "created" => {
                matter.date = Some(unquote(value)).filter(|date| !date.is_empty())
            }
            "tags" | "keywords" => {
                if value.trim().is_empty() {
                    in_tags = true;
                } else {
                    matter.tags.extend(inline_list(value));
                }
            }
            _ => {}
        }
    }
    if !closed {
        return FrontMatter {
            body: text.to_string(),
            ..FrontMatter::default()
        };
    }
    matter.body = text[consumed..].to_string();
    matter
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_title_date_and_each_way_of_writing_tags() {
        let matter = split(
            "---\ntitle: \"Core group\"\ndate: 2024-03-01\ntags: [s47, 'home visit']\n---\nBody.\n",
        );
        assert_eq!(matter.title.as_deref(), Some("Core group"));
        assert_eq!(matter.date.as_deref(), Some("2024-03-01"));
        assert_eq!(matter.tags, vec!["s47", "home visit"]);
        assert_eq!(matter.body, "Body.\n");
        let listed = split("---\ntags:\n  - one\n  - two\nauthor: me\n---\nText");
        assert_eq!(listed.tags, vec!["one", "two"]);
        assert_eq!(listed.body, "Text");
    }

    #[test]
    fn text_without_closed_front_matter_is_all_body() {
        assert_eq!(split("Just a note").body, "Just a note");
        let open = "---\ntitle: never closed\nText";
        assert_eq!(split(open).body, open);
        assert_eq!(split(open).title, None);
    }

    proptest! {
        #[test]
        fn any_text_splits_without_panicking_and_keeps_a_plain_body(text in "\\PC*") {
            let matter = split(&text);
            if !text.trim_start_matches('\u{feff}').starts_with("---") {
                prop_assert_eq!(matter.body, text.trim_start_matches('\u{feff}'));
            }
        }

        #[test]
        fn inline_tags_come_back_as_written(tags in proptest::collection::vec("[a-z][a-z0-9-]{0,10}", 0..5)) {
            let text = format!("---\ntags: [{}]\n---\n", tags.join(", "));
            prop_assert_eq!(split(&text).tags, tags);
        }
    }
}
