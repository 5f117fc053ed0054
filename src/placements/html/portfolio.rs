//! The placement portfolio: one page made for printing (front sheet, learning agreement,
//! day log summary, evidence index by PCF domain, observations, reviews) and the same as a
//! Markdown download. Anyone not a party to the placement gets the same 404 as a missing
//! one.

use askama::Template;
use chrono::{NaiveDate, NaiveDateTime};
use rocket::http::{ContentType, Header};
use rocket::{Responder, get};

use super::placement_path;
use crate::placements::accessed;
use crate::placements::model::{DayRow, Observation, ReviewRow, Stage};
use crate::placements::portfolio::{self, DomainIndex, Part, Signature};
use crate::placements::view::{AmendmentView, EvidenceView, PlacementView};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::web::{Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "placements/portfolio.html")]
struct PortfolioPage {
    layout: Layout,
    view: PlacementView,
    path: String,
    generated: NaiveDate,
}

impl PortfolioPage {
    /// Markdown text as sanitised HTML in a prose block, or "Nothing written."
    fn block(&self, text: impl AsRef<str>) -> String {
        let text = text.as_ref();
        if text.trim().is_empty() {
            format!("<p class=\"empty\">{}</p>", portfolio::NOTHING_WRITTEN)
        } else {
            format!("<div class=\"prose\">{}</div>", markdown::render(text))
        }
    }

    /// Whether a text is blank.
    fn blank(&self, text: impl AsRef<str>) -> bool {
        text.as_ref().trim().is_empty()
    }

    fn date(&self, day: &NaiveDate) -> String {
        portfolio::date(*day)
    }

    fn moment(&self, at: &NaiveDateTime) -> String {
        portfolio::moment(*at)
    }

    fn number(&self, value: &f64) -> String {
        portfolio::number(*value)
    }

    fn agreement_parts(&self) -> Vec<Part> {
        portfolio::agreement_parts(&self.view)
    }

    fn agreement_signatures(&self) -> Vec<Signature> {
        self.view
            .agreement
            .as_ref()
            .map_or_else(Vec::new, |agreement| {
                portfolio::signatures(
                    &self.view,
                    agreement.student_signed_at,
                    agreement.educator_signed_at,
                )
            })
    }

    fn agreement_amendments(&self) -> Vec<&AmendmentView> {
        self.view
            .amendments_of(crate::placements::documents::AGREEMENT)
    }

    fn days(&self) -> Vec<&DayRow> {
        portfolio::days_oldest_first(&self.view)
    }

    fn activities(&self, row: &DayRow) -> String {
        portfolio::activities_summary(&row.activities)
    }

    fn absence(&self, row: &DayRow) -> String {
        row.absence_reason
            .as_deref()
            .map(portfolio::one_line)
            .unwrap_or_default()
    }

    fn index(&self) -> Vec<DomainIndex<'_>> {
        portfolio::evidence_index(&self.view)
    }

    fn gap_codes(&self) -> Vec<String> {
        self.view
            .gaps()
            .iter()
            .map(|domain| domain.code.clone())
            .collect()
    }

    fn observation_domains(&self, observation: &Observation) -> String {
        portfolio::observation_domain_labels(&self.view, observation)
    }

    fn stages(&self) -> [Stage; 2] {
        [Stage::Midpoint, Stage::Final]
    }

    fn review(&self, stage: &Stage) -> Option<&ReviewRow> {
        self.view.review(*stage)
    }

    fn review_parts(&self, review: &ReviewRow) -> Vec<Part> {
        portfolio::review_parts(&self.view, review)
    }

    fn review_signatures(&self, review: &ReviewRow) -> Vec<Signature> {
        portfolio::signatures(
            &self.view,
            review.student_signed_at,
            review.educator_signed_at,
        )
    }

    fn review_amendments(&self, stage: &Stage) -> Vec<&AmendmentView> {
        self.view.amendments_of(stage.as_str())
    }

    fn signature(&self, signature: &Signature) -> String {
        portfolio::signature_line(signature)
    }

    /// When an entry was linked as evidence.
    fn linked_on(&self, link: &EvidenceView) -> String {
        portfolio::date(link.row.created_at.date())
    }
}

#[get("/placements/<id>/portfolio")]
async fn page(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    let (actor, today) = (viewer.actor.clone(), clock::today());
    let view = db
        .run(move |conn| accessed::open_evidence(conn, &actor, id, today, clock::now()))
        .await?;
    Ok(Page::render(&PortfolioPage {
        layout: Layout::signed_in(
            &viewer,
            format!("Placement portfolio: {}", view.student.name),
            Section::Placements,
        ),
        path: placement_path(view.placement.id),
        generated: today,
        view,
    })?)
}

/// A portfolio to save.
#[derive(Responder)]
pub struct MarkdownFile {
    body: String,
    kind: ContentType,
    disposition: Header<'static>,
}

#[get("/placements/<id>/portfolio.md")]
async fn download(id: i32, viewer: Viewer, db: &Database) -> PageResult<MarkdownFile> {
    let (actor, today) = (viewer.actor.clone(), clock::today());
    let view = db
        .run(move |conn| accessed::open_evidence(conn, &actor, id, today, clock::now()))
        .await?;
    let name = format!("placement-{}-portfolio.md", view.placement.id);
    Ok(MarkdownFile {
        body: portfolio::to_markdown_on(&view, today),
        kind: ContentType::new("text", "markdown"),
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![page, download]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placements::portfolio::tests::view;
    use crate::platform::policy::PlacementRole;

    fn render(role: PlacementRole) -> String {
        let mut view = view(role);
        view.evidence[0].entry.title = "Boundaries <script>alert(1)</script>".into();
        PortfolioPage {
            layout: Layout::public("Placement portfolio", "token".into(), None),
            path: placement_path(view.placement.id),
            generated: NaiveDate::from_ymd_opt(2026, 3, 21).unwrap(),
            view,
        }
        .render()
        .unwrap()
    }

    #[test]
    fn the_page_has_every_part_with_headings_in_order() {
        let html = render(PlacementRole::Student);
        let mut at = 0;
        for heading in [
            "<h1 id=\"portfolio-title\">Placement portfolio: Sam Student</h1>",
            "<h2 id=\"front-heading\">Front sheet</h2>",
            "<h2 id=\"agreement-heading\">Learning agreement</h2>",
            "<h2 id=\"days-heading\">Day log summary</h2>",
            "<h2 id=\"evidence-heading\">Evidence index by PCF domain</h2>",
            "<h2 id=\"observations-heading\">Direct observations</h2>",
            "<h2 id=\"reviews-heading\">Reviews</h2>",
        ] {
            let found = html[at..]
                .find(heading)
                .unwrap_or_else(|| panic!("{heading} missing or out of order"));
            at += found + heading.len();
        }
        assert_eq!(html.matches("portfolio-break").count(), 5);
        assert!(html.contains("<button type=\"button\" data-print hidden>Print</button>"));
        assert!(
            html.contains("href=\"/placements/1/portfolio.md\" download>Download Markdown</a>")
        );
    }

    #[test]
    fn tables_have_captions_and_header_scopes_and_gaps_are_in_words() {
        let html = render(PlacementRole::Educator);
        assert_eq!(html.matches("<caption>").count(), 2);
        assert!(html.contains("<th scope=\"col\">Date</th>"));
        assert!(html.contains("<th scope=\"row\">2 March 2026</th>"));
        assert!(html.contains("<td>Duty desk | phone calls</td>"));
        assert!(html.contains(
            "<h3 id=\"domain-PCF-3\">PCF-3 Diversity and equality</h3>\n    \n    <p class=\"portfolio-gap\"><strong>No evidence yet.</strong></p>"
        ));
        assert!(html.contains("<h3>Support and supervision arrangements (amended)</h3>"));
        assert!(html.contains("Mid-point review"));
    }

    #[test]
    fn text_is_escaped() {
        let html = render(PlacementRole::Student);
        assert!(!html.contains("<script>alert(1)"));
        assert!(
            html.contains("Boundaries &#60;script&#62;")
                || html.contains("Boundaries &lt;script&gt;")
        );
    }

    #[test]
    fn an_onsite_supervisor_sees_no_reviews() {
        let html = render(PlacementRole::OnsiteSupervisor);
        assert!(html.contains("this copy does not include them"));
        assert!(!html.contains("Mid-point review"));
    }
}
