//! The OpenAPI document stays in step with the code: every API route is documented, every
//! documented operation exists, and documented schemas list the fields the API really sends.

use std::collections::BTreeSet;

use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;

mod responses;

/// `(method, path)` of every route Rocket mounts under `/api/v1`, in the document's style.
fn mounted(app: &TestApp) -> BTreeSet<(String, String)> {
    let placeholder = regex::Regex::new(r"<([a-z_]+)(\.\.)?>").unwrap();
    app.client
        .rocket()
        .routes()
        .filter_map(|route| {
            let path = route.uri.path().to_string();
            let path = path.strip_prefix("/api/v1")?;
            let path = placeholder.replace_all(path, "{$1}").to_string();
            Some((route.method.as_str().to_lowercase(), path))
        })
        .collect()
}

/// `(method, path)` of every operation in the document.
fn documented(document: &Value) -> BTreeSet<(String, String)> {
    let methods = ["get", "put", "post", "delete", "patch"];
    document["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            methods
                .iter()
                .filter(|method| item.get(**method).is_some())
                .map(|method| (method.to_string(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

fn required(document: &Value, schema: &str) -> BTreeSet<String> {
    document["components"]["schemas"][schema]["required"]
        .as_array()
        .unwrap_or_else(|| panic!("{schema} lists its required fields"))
        .iter()
        .map(|field| field.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_route_is_documented_and_every_documented_operation_exists() {
    let app = TestApp::new();
    let document = app
        .browser()
        .get("/api/v1/openapi.json")
        .expect(Status::Ok)
        .json();
    assert_eq!(document["openapi"], "3.1.0");
    let mounted = mounted(&app);
    let documented = documented(&document);
    let undocumented: Vec<_> = mounted.difference(&documented).collect();
    let missing: Vec<_> = documented.difference(&mounted).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from openapi.json: {undocumented:?}"
    );
    assert!(
        missing.is_empty(),
        "documented operations with no route: {missing:?}"
    );
    assert!(mounted.len() >= 12, "{mounted:?}");
}

#[test]
fn schemas_list_the_fields_the_api_sends() {
    let app = TestApp::new();
    let document: Value = serde_json::from_str(praxis::openapi::DOCUMENT).unwrap();
    app.user("sam", "practitioner");
    let token = app.token("sam");

    let me = app.get_json(&token, "/api/v1/me").expect(Status::Ok).json();
    assert_eq!(keys(&me), required(&document, "Me"));

    let case = app
        .post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": "FAM-1", "category": "child_in_need"}),
        )
        .expect(Status::Created)
        .json();
    let mut case_fields = required(&document, "Case");
    case_fields.insert("privacy_warnings".into());
    assert_eq!(keys(&case), case_fields);

    let entry = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"body": "Visit", "cases": ["FAM-1"]}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(keys(&entry), required(&document, "Entry"));
    let documented_properties = keys(&document["components"]["schemas"]["Entry"]["properties"]);
    assert_eq!(keys(&entry), documented_properties);

    let list = app
        .get_json(&token, "/api/v1/entries")
        .expect(Status::Ok)
        .json();
    assert_eq!(keys(&list), required(&document, "EntryList"));

    let tags = app
        .get_json(&token, "/api/v1/tags?kind=pcf")
        .expect(Status::Ok)
        .json();
    assert_eq!(keys(&tags[0]), required(&document, "Tag"));

    let problem = app
        .get_json(&token, "/api/v1/entries?limit=0")
        .expect(Status::UnprocessableEntity)
        .json();
    for field in required(&document, "Problem") {
        assert!(
            problem.get(&field).is_some(),
            "problem lacks {field}: {problem}"
        );
    }
}
