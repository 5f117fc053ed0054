//! The fixed mix of searches: single words, acronyms, a phrase, vocabulary phrasings, a kind
//! filter, sorting by date, boolean operators, a prefix, and a supervisor reading what
//! supervisees share. Each has the SQLite FTS5 expression that comes closest (FTS5 knows no
//! synonyms, so the vocabulary's phrasings are spelled out as alternatives).

/// Who runs a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    /// Practitioners `demo-sw-001`... in turn.
    Practitioner,
    /// `demo-student-001`.
    Student,
    /// `demo-sup-001`, who reads what their supervisees share.
    Supervisor,
}

/// One search of the mix.
#[derive(Debug, Clone, Copy)]
pub struct BenchQuery {
    /// What is typed.
    pub q: &'static str,
    /// Kind filter.
    pub kind: Option<&'static str>,
    /// Newest first instead of by relevance.
    pub by_date: bool,
    /// Who asks.
    pub asker: Asker,
    /// The closest FTS5 MATCH expression.
    pub fts: &'static str,
}

const fn query(q: &'static str, fts: &'static str) -> BenchQuery {
    BenchQuery {
        q,
        kind: None,
        by_date: false,
        asker: Asker::Practitioner,
        fts,
    }
}

/// The mix.
pub const MIX: &[BenchQuery] = &[
    query("safeguarding", "safeguarding"),
    query("s47", r#"s47 OR "s 47" OR "section 47""#),
    query(
        "LAC",
        r#"lac OR cla OR "looked after child" OR "looked after children" OR "child in care" OR "children in care""#,
    ),
    query("\"core group\"", r#""core group""#),
    query(
        "CAMHS referral",
        r#"(camhs OR "child and adolescent mental health") AND referral"#,
    ),
    query(
        "domestic abuse",
        r#"dv OR da OR "domestic abuse" OR "domestic violence""#,
    ),
    BenchQuery {
        kind: Some("reflection"),
        ..query("attachment theory", "attachment AND theory")
    },
    BenchQuery {
        by_date: true,
        ..query("home visit", "home AND visit")
    },
    query(
        "ICPC OR RCPC",
        r#"icpc OR "initial child protection conference" OR "initial conference" OR rcpc OR "review conference" OR "review child protection conference""#,
    ),
    BenchQuery {
        asker: Asker::Student,
        ..query("contact -court", "contact NOT court")
    },
    query("plac*", "plac*"),
    BenchQuery {
        asker: Asker::Supervisor,
        ..query("safeguarding plan", "safeguarding AND plan")
    },
];

/// Practitioners the practitioner searches rotate through.
pub const PRACTITIONERS: &[&str] = &["demo-sw-001", "demo-sw-002", "demo-sw-003", "demo-sw-004"];
/// The student.
pub const STUDENT: &str = "demo-student-001";
/// The supervisor.
pub const SUPERVISOR: &str = "demo-sup-001";

impl BenchQuery {
    /// The username asking in round `round`.
    pub fn username(&self, round: usize) -> &'static str {
        match self.asker {
            Asker::Practitioner => PRACTITIONERS[round % PRACTITIONERS.len()],
            Asker::Student => STUDENT,
            Asker::Supervisor => SUPERVISOR,
        }
    }

    /// The API path.
    pub fn path(&self) -> String {
        let mut path = format!("/api/v1/search?limit=20&q={}", super::http::encode(self.q));
        if let Some(kind) = self.kind {
            path.push_str(&format!("&kind={kind}"));
        }
        if self.by_date {
            path.push_str("&sort=date");
        }
        path
    }
}

/// Every username the mix uses.
pub fn usernames() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = PRACTITIONERS.to_vec();
    names.extend([STUDENT, SUPERVISOR]);
    names
}
