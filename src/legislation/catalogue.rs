//! The tag catalogue shipped in the binary: legislation and statutory guidance, the nine PCF
//! domains and the six Social Work England professional standards, read from `catalogue.toml`.

use std::sync::LazyLock;

use serde::Deserialize;

use super::model::TagKind;

/// The text of the shipped catalogue, compiled into the binary so it cannot go missing at run time.
pub const SHIPPED_TOML: &str = include_str!("catalogue.toml");

/// Every Act that tags can belong to, and every catalogue tag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Statutes, from the file's `[[act]]` tables.
    #[serde(default, rename = "act")]
    pub acts: Vec<Act>,
    /// Catalogue items, from the file's `[[tag]]` tables, in file order.
    #[serde(default, rename = "tag")]
    pub tags: Vec<CatalogueTag>,
}

/// A statute whose sections, articles or parts are catalogued as `{prefix}-s{N}`,
/// `{prefix}-art{N}` or `{prefix}-pt{N}`, and whose own tag (if any) has the code `prefix`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// Code prefix of the Act's tags, e.g. `CA1989`.
    pub prefix: String,
    /// Ways practitioners name the Act, matched case-insensitively as whole phrases.
    pub names: Vec<String>,
    /// Whether a section number written with no Act ("s47") means this Act.
    #[serde(default)]
    pub default_for_bare_sections: bool,
}

/// One item of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueTag {
    /// Stable code stored on entries, e.g. `CA1989-s47` or `PCF-6`.
    pub code: String,
    /// Which family the tag belongs to.
    pub kind: TagKind,
    /// The statute's own title and number, or the framework's name for the item.
    pub title: String,
    /// One line saying what the item is about.
    pub summary: String,
    /// Official address of the text, where a stable one is known.
    #[serde(default)]
    pub url: Option<String>,
    /// Extra whole phrases that name this item ("Working Together", "EPO").
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Catalogue {
    /// Parses a catalogue in the format of `catalogue.toml`.
    pub fn parse(text: &str) -> Result<Catalogue, toml::de::Error> {
        toml::from_str(text)
    }

    /// The tag with exactly this code.
    pub fn tag(&self, code: &str) -> Option<&CatalogueTag> {
        self.tags.iter().find(|tag| tag.code == code)
    }
}

/// The catalogue shipped in the binary, parsed on first use.
///
/// Panics only if the shipped file is malformed, which the unit tests rule out.
pub fn shipped() -> &'static Catalogue {
    static SHIPPED: LazyLock<Catalogue> = LazyLock::new(|| {
        Catalogue::parse(SHIPPED_TOML).unwrap_or_else(|err| {
            panic!("the shipped tag catalogue src/legislation/catalogue.toml is malformed: {err}")
        })
    });
    &SHIPPED
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use regex::Regex;

    use super::*;

    const REQUIRED: &[&str] = &[
        "CA1989-s1",
        "CA1989-s7",
        "CA1989-s8",
        "CA1989-s17",
        "CA1989-s20",
        "CA1989-s31",
        "CA1989-s32",
        "CA1989-s38",
        "CA1989-s43",
        "CA1989-s44",
        "CA1989-s46",
        "CA1989-s47",
        "CA2004-s11",
        "CLCA2000",
        "ACA2002",
        "CSWA2017",
        "CFA2014",
        "CareAct2014-s1",
        "CareAct2014-s9",
        "CareAct2014-s42",
        "MCA2005",
        "MCA2005-s1",
        "MCA2005-s2",
        "MCA2005-s3",
        "MCA2005-s4",
        "MHA1983",
        "HRA1998-art2",
        "HRA1998-art3",
        "HRA1998-art5",
        "HRA1998-art6",
        "HRA1998-art8",
        "DPA2018",
        "UKGDPR",
        "EqA2010",
        "EqA2010-s149",
        "WT2023",
    ];

    fn count(kind: TagKind) -> usize {
        shipped().tags.iter().filter(|tag| tag.kind == kind).count()
    }

    #[test]
    fn shipped_file_parses() {
        assert!(Catalogue::parse(SHIPPED_TOML).is_ok());
        assert!(!shipped().tags.is_empty());
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = HashSet::new();
        for tag in &shipped().tags {
            assert!(seen.insert(&tag.code), "duplicate code {}", tag.code);
        }
    }

    #[test]
    fn required_codes_exist() {
        for code in REQUIRED {
            assert!(shipped().tag(code).is_some(), "missing {code}");
        }
    }

    #[test]
    fn counts_per_kind() {
        assert!(count(TagKind::Legislation) >= 40);
        assert_eq!(count(TagKind::Pcf), 9);
        assert_eq!(count(TagKind::Sws), 6);
        assert_eq!(count(TagKind::Topic), 0);
        let pcf: Vec<&str> = shipped()
            .tags
            .iter()
            .filter(|tag| tag.kind == TagKind::Pcf)
            .map(|tag| tag.title.as_str())
            .collect();
        assert_eq!(pcf[0], "Professionalism");
        assert_eq!(pcf[8], "Professional Leadership");
    }

    #[test]
    fn every_numbered_tag_has_its_act() {
        let numbered = Regex::new(r"^(.+)-(?:s|art|pt)\d+([A-Za-z]*)$").unwrap();
        let prefixes: HashSet<&str> = shipped().acts.iter().map(|a| a.prefix.as_str()).collect();
        for tag in &shipped().tags {
            if let Some(caps) = numbered.captures(&tag.code) {
                assert!(prefixes.contains(&caps[1]), "no [[act]] for {}", tag.code);
                // Detection builds codes with upper-case letters ("s14A"), so the file must too.
                assert_eq!(caps[2].to_uppercase(), &caps[2], "{}", tag.code);
            }
        }
        // Every Act has a tag of its own, which detection offers when only the Act is named.
        for act in &shipped().acts {
            assert!(
                shipped().tag(&act.prefix).is_some(),
                "{} has no tag",
                act.prefix
            );
        }
        let defaults = shipped()
            .acts
            .iter()
            .filter(|a| a.default_for_bare_sections);
        assert_eq!(
            defaults.map(|a| a.prefix.as_str()).collect::<Vec<_>>(),
            ["CA1989"]
        );
    }

    #[test]
    fn urls_are_https() {
        for tag in &shipped().tags {
            if let Some(url) = &tag.url {
                assert!(url.starts_with("https://"), "{}: {url}", tag.code);
            }
        }
    }

    #[test]
    fn phrases_are_unambiguous_whole_words() {
        // A phrase naming two things could not be matched to one, and detection matches phrases
        // between word boundaries, so each must start and end with a letter or digit.
        let mut seen = HashSet::new();
        let acts = shipped().acts.iter().flat_map(|a| &a.names);
        for phrase in acts.chain(shipped().tags.iter().flat_map(|t| &t.aliases)) {
            assert!(
                seen.insert(phrase.to_lowercase()),
                "phrase used twice: {phrase}"
            );
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            assert!(
                alnum(phrase.chars().next()) && alnum(phrase.chars().last()),
                "{phrase}"
            );
        }
    }

    #[test]
    fn text_fields_are_filled() {
        for tag in &shipped().tags {
            assert!(!tag.title.trim().is_empty() && !tag.summary.trim().is_empty());
            assert!(!tag.summary.contains('\n'), "{}", tag.code);
        }
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let text =
            "[[tag]]\ncode = \"X\"\nkind = \"topic\"\ntitle = \"X\"\nsummary = \"x\"\nextra = 1\n";
        assert!(Catalogue::parse(text).is_err());
    }
}
