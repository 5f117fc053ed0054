//! Where each form lives: the page that shows the form a POST route receives. Used to
//! answer a GET on a path that only receives forms (a reload after a bounce, a bookmarked
//! URL) with that page instead of a 404, and to return to the form after signing in again
//! when a submission met an expired session. The page's draft script puts what was typed
//! back into the form.

/// `(POST route, page showing its form)`; `<name>` stands for one segment, copied across.
const FORM_HOMES: &[(&str, &str)] = &[
    ("/capture", "/"),
    ("/preview", "/entries/new"),
    ("/entries", "/entries/new"),
    ("/entries/<id>", "/entries/<id>/edit"),
    ("/entries/<id>/delete", "/entries/<id>"),
    ("/entries/<id>/events", "/entries/<id>"),
    ("/entries/<id>/restore", "/bin"),
    ("/entries/<id>/revisit", "/entries/<id>"),
    ("/cases", "/cases/new"),
    ("/cases/<reference>", "/cases/<reference>/edit"),
    ("/cases/<reference>/events", "/cases/<reference>"),
    (
        "/cases/<reference>/events/<id>/delete",
        "/cases/<reference>",
    ),
    ("/deadlines/feed", "/deadlines"),
    ("/deadlines/feed/revoke", "/deadlines"),
    ("/deadlines/feed/reminder", "/deadlines"),
    ("/inbox/seen", "/inbox"),
    ("/quick-note/notes", "/quick-note"),
    ("/account/import/confirm", "/account/import"),
    ("/admin/users/<id>/export", "/admin"),
    ("/tags", "/tags"),
    ("/account/password", "/account"),
    ("/account/sign-out-everywhere", "/account"),
    ("/account/tokens", "/account"),
    ("/account/tokens/<id>/revoke", "/account"),
    ("/admin/users", "/admin"),
    ("/admin/users/<id>/disable", "/admin"),
    ("/admin/users/<id>/enable", "/admin"),
    ("/admin/users/<id>/reset", "/admin"),
    ("/admin/links", "/admin/links"),
    ("/admin/links/<id>/delete", "/admin/links"),
    ("/sign-out", "/"),
    ("/placements", "/placements/new"),
    ("/placements/<id>", "/placements/<id>/edit"),
    (
        "/placements/<id>/agreement/sign",
        "/placements/<id>/agreement",
    ),
    ("/placements/<id>/amendments", "/placements/<id>/agreement"),
    (
        "/placements/<id>/days/<day>",
        "/placements/<id>/days/<day>/edit",
    ),
    (
        "/placements/<id>/days/<day>/delete",
        "/placements/<id>/days",
    ),
    ("/placements/<id>/evidence", "/placements/<id>/evidence/new"),
    (
        "/placements/<id>/evidence/<item>/comments",
        "/placements/<id>",
    ),
    (
        "/placements/<id>/evidence/<item>/delete",
        "/placements/<id>",
    ),
    (
        "/placements/<id>/observations/<item>/delete",
        "/placements/<id>",
    ),
    (
        "/placements/<id>/observations",
        "/placements/<id>/observations/new",
    ),
    (
        "/placements/<id>/observations/<item>",
        "/placements/<id>/observations/<item>/edit",
    ),
    (
        "/placements/<id>/reviews/<stage>/comment",
        "/placements/<id>/reviews/<stage>",
    ),
    (
        "/placements/<id>/reviews/<stage>/sign",
        "/placements/<id>/reviews/<stage>",
    ),
    ("/supervision/actions/<id>", "/supervision"),
    (
        "/supervision/sessions/<id>",
        "/supervision/sessions/<id>/edit",
    ),
    (
        "/supervision/sessions/<id>/amendments",
        "/supervision/sessions/<id>",
    ),
    (
        "/supervision/sessions/<id>/comments",
        "/supervision/sessions/<id>",
    ),
    (
        "/supervision/sessions/<id>/sign",
        "/supervision/sessions/<id>",
    ),
    (
        "/supervision/with/<other>/agenda",
        "/supervision/with/<other>/pack",
    ),
    (
        "/supervision/with/<other>/agreement/sign",
        "/supervision/with/<other>/agreement",
    ),
    (
        "/supervision/with/<other>/agreement/new-version",
        "/supervision/with/<other>/agreement",
    ),
    (
        "/supervision/with/<other>/sessions",
        "/supervision/with/<other>/sessions/new",
    ),
];

/// The page showing the form that posts to `path` (a request path, without its query), if
/// `path` is one a form posts to and that page is another path.
pub fn form_home(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    FORM_HOMES.iter().find_map(|(route, home)| {
        let pattern: Vec<&str> = route.split('/').collect();
        if pattern.len() != parts.len() {
            return None;
        }
        let mut bound = Vec::new();
        for (want, got) in pattern.iter().zip(&parts) {
            if want.starts_with('<') {
                if got.is_empty() {
                    return None;
                }
                bound.push((*want, *got));
            } else if want != got {
                return None;
            }
        }
        let filled: Vec<&str> = home
            .split('/')
            .map(|part| {
                bound
                    .iter()
                    .find(|(name, _)| *name == part)
                    .map_or(part, |(_, value)| *value)
            })
            .collect();
        let filled = filled.join("/");
        let filled = if filled.is_empty() {
            "/".to_string()
        } else {
            filled
        };
        (filled != path).then_some(filled)
    })
}

#[cfg(test)]
mod tests {
    use super::form_home;

    #[test]
    fn each_form_path_leads_to_its_page() {
        assert_eq!(form_home("/capture").as_deref(), Some("/"));
        assert_eq!(form_home("/entries").as_deref(), Some("/entries/new"));
        assert_eq!(form_home("/entries/7").as_deref(), Some("/entries/7/edit"));
        assert_eq!(
            form_home("/placements/3/days/9").as_deref(),
            Some("/placements/3/days/9/edit")
        );
        assert_eq!(
            form_home("/supervision/with/pat/sessions").as_deref(),
            Some("/supervision/with/pat/sessions/new")
        );
        assert_eq!(form_home("/tags"), None, "the form's own page is the path");
        assert_eq!(form_home("/entries/7/edit"), None);
        assert_eq!(form_home("/nowhere"), None);
        assert_eq!(form_home("/entries//delete"), None);
    }
}
