//! Script injection typed wherever users type never reaches a page or the API live.

use praxis::accounts::model::LinkKind;
use praxis::platform::web::assets::Assets;
use rocket::http::Status;
use serde_json::json;

use crate::common::TestApp;

/// Script injection attempts, typed wherever users type.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "\"><svg onload=alert(1)>",
];

/// A start tag as the browser would parse it: its name and attributes.
#[derive(Debug)]
struct StartTag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// The start tags of an HTML document, quoting respected, so that escaped text (even
/// inside an attribute value) is never taken for markup.
fn start_tags(html: &str) -> Vec<StartTag> {
    let bytes = html.as_bytes();
    let skip_space = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' || !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || b"-:".contains(&bytes[i])) {
            i += 1;
        }
        let mut tag = StartTag {
            name: html[start..i].to_ascii_lowercase(),
            attributes: Vec::new(),
        };
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i])
            {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            i = skip_space(i);
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i = skip_space(i + 1);
                match bytes.get(i) {
                    Some(&quote) if quote == b'"' || quote == b'\'' => {
                        let start = i + 1;
                        i = start;
                        while i < bytes.len() && bytes[i] != quote {
                            i += 1;
                        }
                        value = html[start..i.min(bytes.len())].to_string();
                        i += 1;
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = html[start..i].to_string();
                    }
                }
            }
            tag.attributes.push((name, value));
        }
        tags.push(tag);
    }
    tags
}

/// Whether a URL attribute would run script or load a document inline.
fn dangerous_url(value: &str) -> bool {
    let normalised: String = value
        .replace("&#58;", ":")
        .replace("&#x3a;", ":")
        .replace("&#x3A;", ":")
        .replace("&colon;", ":")
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|scheme| normalised.starts_with(scheme))
}

/// Fails when `html` holds live markup that could run script: a script other than the
/// app's own file, an event-handler attribute, a `javascript:`/`data:` URL, or an element
/// no template uses and only an injection would bring.
#[track_caller]
fn assert_inert(html: &str, what: &str) {
    for tag in start_tags(html) {
        let attribute = |name: &str| {
            tag.attributes
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        match tag.name.as_str() {
            // Only the app's own script files, served from its embedded static folder.
            "script" => assert!(
                attribute("src")
                    .and_then(|src| src.strip_prefix("/static/"))
                    .is_some_and(|name| name.ends_with(".js") && Assets::get(name).is_some()),
                "{what}: a live script tag {tag:?}"
            ),
            "svg" | "img" | "iframe" | "object" | "embed" | "math" | "base" | "meta"
                if tag.name != "meta" || attribute("http-equiv").is_some() =>
            {
                panic!("{what}: an injected element {tag:?}")
            }
            _ => {}
        }
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on"),
                "{what}: a live event handler {tag:?}"
            );
            if [
                "href",
                "src",
                "action",
                "formaction",
                "xlink:href",
                "srcdoc",
            ]
            .contains(&name.as_str())
            {
                assert!(!dangerous_url(value), "{what}: a dangerous URL {tag:?}");
            }
        }
    }
}

#[test]
fn the_checker_catches_live_markup() {
    let caught = |html: &str| std::panic::catch_unwind(|| assert_inert(html, "probe")).is_err();
    assert!(caught("<p>x</p><script>alert(1)</script>"));
    assert!(caught("<p><img src=x onerror=alert(1)></p>"));
    assert!(caught("<a href=\"javascript:alert(1)\">x</a>"));
    assert!(caught("<a href=\" JaVaScRiPt:alert(1)\">x</a>"));
    assert!(caught(
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>"
    ));
    assert!(caught("<input value=\"\"><svg onload=alert(1)>\">"));
    assert!(caught("<div title=x onmouseover=alert(1)>"));
    assert!(!caught(
        "<script src=\"/static/app.js\" defer></script><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    ));
    assert!(!caught(
        "<input value=\"&#34;&gt;&lt;svg onload=alert(1)&gt;\"><p>[x](javascript:alert(1))</p>"
    ));
    assert!(!caught("<a href=\"https://www.gov.uk/\">guidance</a>"));
}

#[test]
fn script_injection_never_reaches_a_page_or_the_api() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("sue", "supervisor");
    app.link("sue", "ann", LinkKind::Line);
    let token = app.token("ann");
    let ann = app.signed_in("ann");
    let sue = app.signed_in("sue");

    let mut pages: Vec<String> = vec![
        "/".into(),
        "/entries".into(),
        "/cases".into(),
        "/tags".into(),
    ];
    let mut ids = Vec::new();
    for (index, payload) in PAYLOADS.iter().enumerate() {
        let reference = format!("XSS-{index}");
        let case = app.post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": reference, "label": payload, "category": "child_in_need"}),
        );
        assert_eq!(case.status, Status::Created, "{}", case.body);
        let topic = ann.post("/tags", &[("title", payload), ("summary", payload)]);
        assert_eq!(topic.status, Status::SeeOther, "{payload}: {}", topic.body);
        let topic_page = topic.location().expect("the topic's page").to_string();
        let code = topic_page.trim_start_matches("/tags/").to_string();
        let created = app
            .post_json(
                &token,
                "/api/v1/entries",
                json!({
                    "kind": "reflection",
                    "title": payload,
                    "body": format!("{payload}\n\nAnd again: {payload}"),
                    "model": "gibbs",
                    "sections": {"description": payload, "feelings": payload},
                    "cases": [reference],
                    "tags": [code],
                    "visibility": "supervisor",
                    "for_supervision": true,
                }),
            )
            .expect(Status::Created)
            .json();
        let id = created["id"].as_i64().unwrap();
        // An edit keeps the payload in a revision too.
        app.put_json(
            &token,
            &format!("/api/v1/entries/{id}"),
            json!({
                "kind": "reflection",
                "title": payload,
                "body": payload,
                "model": "gibbs",
                "sections": {"analysis": payload},
                "cases": [reference],
                "tags": [code],
                "visibility": "supervisor",
            }),
        )
        .expect(Status::Ok);
        ids.push(id);
        pages.extend([
            format!("/entries/{id}"),
            format!("/entries/{id}/edit"),
            format!("/entries/{id}/revisions"),
            format!("/cases/{reference}"),
            format!("/cases/{reference}/edit"),
            topic_page,
        ]);
    }
    // A diary note's title made from a payload, captured on the dashboard.
    ann.post("/capture", &[("note", PAYLOADS[1])])
        .expect(Status::SeeOther);

    for path in &pages {
        let page = ann.get(path);
        assert_eq!(page.status, Status::Ok, "{path}");
        assert_inert(&page.body, path);
    }
    // Search-like filters echo what was typed.
    for payload in PAYLOADS {
        let encoded = rocket::http::RawStr::new(payload)
            .percent_encode()
            .to_string();
        for path in [
            format!("/tags?q={encoded}"),
            format!("/entries?kind={encoded}&from={encoded}"),
        ] {
            let page = ann.get(&path);
            assert!(page.status.code < 500, "{path}");
            assert_inert(&page.body, &path);
        }
        // Messages about bad input quote it back.
        for (path, fields) in [
            ("/entries", vec![("kind", *payload), ("body", "x")]),
            (
                "/entries",
                vec![("kind", "diary"), ("body", "x"), ("occurred_on", payload)],
            ),
            (
                "/entries",
                vec![("kind", "diary"), ("body", "x"), ("cases", payload)],
            ),
            (
                "/entries",
                vec![("kind", "diary"), ("body", "x"), ("tag_codes", payload)],
            ),
            (
                "/entries",
                vec![("kind", "reflection"), ("title", "t"), ("model", payload)],
            ),
            ("/capture", vec![("note", "x"), ("occurred_on", payload)]),
            (
                "/cases",
                vec![("reference", payload), ("category", payload)],
            ),
            ("/tags", vec![("title", "x"), ("summary", &"y".repeat(201))]),
        ] {
            let page = ann.post(path, &fields);
            assert_eq!(
                page.status,
                Status::UnprocessableEntity,
                "{path} {fields:?}"
            );
            assert_inert(&page.body, &format!("{path} refusing {fields:?}"));
        }
    }
    // The supervisor reads the shared entries.
    for path in ["/".to_string(), "/entries?view=shared".to_string()]
        .into_iter()
        .chain(ids.iter().map(|id| format!("/entries/{id}")))
    {
        let page = sue.get(&path).expect(Status::Ok);
        assert_inert(&page.body, &format!("{path} (supervisor)"));
    }
    // The API's rendered HTML is as clean; the Markdown comes back as written.
    for (id, payload) in ids.iter().zip(PAYLOADS) {
        let entry = app
            .get_json(&token, &format!("/api/v1/entries/{id}"))
            .expect(Status::Ok)
            .json();
        let html = entry["body_html"].as_str().unwrap();
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert_inert(html, "body_html");
        assert_eq!(entry["title"], *payload);
        assert_eq!(entry["body"], *payload);
    }
    let list = app
        .get_json(&token, "/api/v1/entries")
        .expect(Status::Ok)
        .json();
    for item in list["items"].as_array().unwrap() {
        let html = item["body_html"].as_str().unwrap();
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert_inert(html, "body_html in the list");
    }
}
