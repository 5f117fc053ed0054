//! Post/redirect/get on every refusal, found by enumerating the mounted form routes: for
//! each form with something to type, a refused submission (a stale token, and an invalid
//! value where the form has a field that can be invalid) answers 303 to the form's own page,
//! and that page, also when reloaded, shows the typed text, rendered on the server.

use regex::Regex;
use rocket::http::Status;

use super::fill::variants;
use super::reload::form_routes;
use super::world::{PEOPLE, World};
use crate::common::{Browser, TestApp};
use praxis::platform::web::form_home::form_home;

/// Form routes with text to type whose refusals are answered directly, with the reason.
const ANSWERED_DIRECTLY: &[(&str, &str)] = &[
    (
        "/preview",
        "the Markdown preview answers the entry form's script, not a form of its own",
    ),
    (
        "/setup",
        "no one is signed in yet, so nothing can be kept for anyone",
    ),
    (
        "/sign-in",
        "no one is signed in yet; the username is shown again directly, never the password",
    ),
];

/// Invalid values by field type, for forms holding such a field: a day no calendar has.
const INVALID_BY_TYPE: &[(&str, &str)] = &[("date", "2026-02-30")];

/// One field of a form as the page shows it.
#[derive(Debug, Clone)]
struct Field {
    name: String,
    kind: String,
    value: String,
}

/// The fields of the form posting to `action` on `page`: hidden, text-like, dates and the
/// first option of each list; boxes are left unticked.
fn form_fields(page: &str, action: &str) -> Option<Vec<Field>> {
    let start = page.find(&format!("method=\"post\" action=\"{action}\""))?;
    let form = &page[start..start + page[start..].find("</form>")?];
    let attribute = |tag: &str, name: &str| {
        Regex::new(&format!(r#"\s{name}="([^"]*)""#))
            .ok()?
            .captures(tag)
            .map(|found| found[1].replace("&#x2F;", "/").replace("&amp;", "&"))
    };
    let mut fields = Vec::new();
    let tags = Regex::new(r"<(input|textarea|select)\b[^>]*>").expect("pattern");
    let hidden_attribute = Regex::new(r"\shidden[\s>/]").expect("pattern");
    for tag in tags.find_iter(form).map(|found| found.as_str()) {
        let Some(name) = attribute(tag, "name") else {
            continue;
        };
        let hidden = hidden_attribute.is_match(tag);
        let kind = if hidden {
            "hidden".to_string()
        } else if tag.starts_with("<textarea") {
            "textarea".to_string()
        } else if tag.starts_with("<select") {
            "select".to_string()
        } else {
            attribute(tag, "type").unwrap_or_else(|| "text".into())
        };
        let value = attribute(tag, "value").unwrap_or_default();
        fields.push(Field { name, kind, value });
    }
    Some(fields)
}

fn is_typed(field: &Field) -> bool {
    ["text", "textarea", "search", "url"].contains(&field.kind.as_str()) && field.name != "csrf"
}

/// The form's fields as sent, with `marker` in every typed one and `invalid` applied.
fn submission(
    fields: &[Field],
    marker: &str,
    invalid: Option<(&str, &str)>,
) -> Vec<(String, String)> {
    fields
        .iter()
        .filter(|field| {
            !["checkbox", "radio", "submit", "file", "select"].contains(&field.kind.as_str())
        })
        .filter(|field| field.name != "csrf")
        .map(|field| {
            let value = match invalid {
                Some((kind, bad)) if field.kind == kind => bad.to_string(),
                _ if is_typed(field) => format!("{marker} {}", field.name),
                _ => field.value.clone(),
            };
            (field.name.clone(), value)
        })
        .collect()
}

/// Sends `fields` to `path` (with a stale token when `stale`) and checks the answer is a
/// redirect to the form's page showing what was typed, also when reloaded.
fn refused_and_kept(
    browser: &Browser<'_>,
    path: &str,
    fields: &[(String, String)],
    stale: bool,
    marker: &str,
) -> Result<(), String> {
    let mut sent: Vec<(&str, String)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    if stale {
        sent.insert(0, ("csrf", "0".repeat(64)));
    } else {
        sent.insert(0, ("csrf", browser.csrf()));
    }
    let answer = browser.post_raw_once(path, &sent);
    let home = form_home(path).unwrap_or_else(|| path.to_string());
    if answer.status != Status::SeeOther || answer.location() != Some(home.as_str()) {
        return Err(format!(
            "answered {} to {:?}, not 303 to {home}",
            answer.status,
            answer.location()
        ));
    }
    for attempt in ["after the redirect", "on a reload"] {
        let page = browser.get(&home);
        if page.status.code >= 500 || !page.body.contains(marker) {
            return Err(format!(
                "{home} {attempt} ({}) did not show the typed text",
                page.status
            ));
        }
    }
    Ok(())
}

#[test]
fn every_refused_form_redirects_to_its_page_with_the_typed_text() {
    let app = TestApp::new();
    let world = World::new(&app);
    let routes = form_routes(&app);
    let mut failures = Vec::new();
    let (mut stale_checked, mut invalid_checked) = (0usize, 0usize);
    for route in routes
        .iter()
        .filter(|route| !ANSWERED_DIRECTLY.iter().any(|(listed, _)| listed == route))
    {
        let owned = PEOPLE
            .iter()
            .filter(|(person, _)| *person != "dis")
            .find_map(|(person, _)| {
                let variant = variants(route, person, &world.ids)?
                    .into_iter()
                    .find(|variant| variant.resource.readers.first() == Some(person))?;
                Some((*person, variant.path))
            });
        let Some((person, path)) = owned else {
            continue;
        };
        let browser = &world.person(person).browser;
        let home = form_home(&path).unwrap_or_else(|| path.clone());
        let page = browser.get(&home);
        let Some(fields) = form_fields(&page.body, &path) else {
            continue;
        };
        if !fields.iter().any(is_typed) {
            continue;
        }
        let marker = format!("Typed in the pocket {}", route.len());
        if let Err(why) = refused_and_kept(
            browser,
            &path,
            &submission(&fields, &marker, None),
            true,
            &marker,
        ) {
            failures.push(format!("{route} as {person}, stale: {why}"));
        }
        stale_checked += 1;
        browser.get("/account");
        for (kind, bad) in INVALID_BY_TYPE {
            if fields.iter().any(|field| field.kind == *kind) {
                let sent = submission(&fields, &marker, Some((kind, bad)));
                if let Err(why) = refused_and_kept(browser, &path, &sent, false, &marker) {
                    failures.push(format!("{route} as {person}, invalid {kind}: {why}"));
                }
                invalid_checked += 1;
                browser.get("/account");
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        stale_checked >= 20,
        "only {stale_checked} forms with text were tried"
    );
    assert!(
        invalid_checked >= 8,
        "only {invalid_checked} forms were sent invalid"
    );
}
