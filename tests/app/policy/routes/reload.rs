//! Post/redirect/get for every form, found by enumerating the mounted routes: a GET on the
//! path any page form posts to (a reload after the form was shown again, a bookmarked URL)
//! never answers those allowed a 404, and the page the app names as the form's home (where
//! a reload and a return after signing in lead) shows a form posting to that path.

use rocket::http::{Method, Status};

use super::fill::{NOT_COVERED, variants};
use super::world::{PEOPLE, World};
use crate::common::TestApp;
use praxis::platform::web::form_home::form_home;

/// Routes with no page showing their form, each with its reason.
const HOMELESS: &[(&str, &str)] = &[
    (
        "/preview",
        "the Markdown preview is asked for by the entry form's script, not a form of its own",
    ),
    (
        "/supervision/actions/<id>",
        "an action's form sits on its pair's page, which the action's id alone does not name",
    ),
    (
        "/setup",
        "setting up ends with the first account, so its page is gone in this world",
    ),
    (
        "/sign-in",
        "a signed-in person is sent on from the sign-in page",
    ),
    (
        "/placements/<id>/observations/<observation_id>/delete",
        "no page offers removing an observation; the route is kept for a button to come",
    ),
];

/// Forms shown only in a state this world does not reach, each with the state: their home
/// page must answer, but need not show the form.
const SHOWN_LATER: &[(&str, &str)] = &[
    ("/admin/users/<id>/enable", "only for a disabled account"),
    ("/entries/<id>/events", "only for an entry about a case"),
    ("/entries/<id>/restore", "only for an entry in the bin"),
    (
        "/entries/<id>/revisit",
        "only for a reflection, to its author",
    ),
    (
        "/placements/<id>/amendments",
        "only once the agreement is signed",
    ),
    (
        "/supervision/sessions/<id>/amendments",
        "only once the record is signed",
    ),
    (
        "/supervision/with/<other>/agreement/new-version",
        "only once both have signed the agreement",
    ),
    (
        "/account/import/confirm",
        "only on the preview of an uploaded file",
    ),
    ("/inbox/seen", "only while a comment waits to be read"),
    (
        "/quick-note/notes",
        "sent by the quick-note page's script from its offline queue, not by a form",
    ),
];

fn listed(list: &[(&str, &str)], route: &str) -> bool {
    list.iter().any(|(listed, _)| *listed == route)
}

/// Every path a page form posts to (not the API, the draft script or the session ping).
pub(super) fn form_routes(app: &TestApp) -> Vec<String> {
    let mut routes: Vec<String> = app
        .client
        .rocket()
        .routes()
        .filter(|route| route.method == Method::Post && !route.uri.to_string().starts_with("/api"))
        .map(|route| {
            route
                .uri
                .to_string()
                .split('?')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .filter(|path| !path.starts_with("/drafts") && !path.starts_with("/session/"))
        .collect();
    routes.sort();
    routes.dedup();
    assert!(routes.len() > 40, "only {} form routes found", routes.len());
    routes
}

#[test]
fn every_form_path_reloads_to_the_form_page() {
    let app = TestApp::new();
    let world = World::new(&app);
    let routes = form_routes(&app);
    let mut failures = Vec::new();
    for route in &routes {
        let homeless = listed(HOMELESS, route);
        let mut tried = 0usize;
        let mut shown = false;
        let mut home_answers = false;
        // The disabled account can do nothing.
        for (person, _) in PEOPLE.iter().filter(|(person, _)| *person != "dis") {
            let Some(found) = variants(route, person, &world.ids) else {
                continue;
            };
            let browser = &world.person(person).browser;
            for variant in found.iter().filter(|v| v.resource.readers.contains(person)) {
                tried += 1;
                let path = &variant.path;
                let reload = browser.get(path);
                if homeless {
                    continue;
                }
                // Readers other than the owner may be refused (the matrix's exceptions).
                let owner = variant.resource.readers.first() == Some(person);
                if (owner && reload.status == Status::NotFound) || reload.status.code >= 500 {
                    failures.push(format!("GET {path} as {person}: {}", reload.status));
                }
                let home = form_home(path).unwrap_or_else(|| path.clone());
                if reload.status == Status::SeeOther && reload.location() != Some(home.as_str()) {
                    failures.push(format!(
                        "GET {path} as {person} went to {:?}, not {home}",
                        reload.location()
                    ));
                }
                let page = browser.get(&home);
                home_answers |= page.status == Status::Ok;
                shown |=
                    page.status == Status::Ok && page.body.contains(&format!("action=\"{path}\""));
            }
        }
        if tried == 0 && listed(NOT_COVERED, route) {
            continue;
        } else if tried == 0 {
            failures.push(format!("{route}: nobody in the world may use it"));
        } else if !(homeless || shown || (listed(SHOWN_LATER, route) && home_answers)) {
            failures.push(format!(
                "{route}: no home page showed its form to anyone allowed"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
