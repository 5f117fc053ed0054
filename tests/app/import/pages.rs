//! The import pages: choose a file, see the preview, confirm; a stale upload is refused.

use rocket::http::{ContentType, Status};

use super::formats::day_one_zip;
use super::{actor, written};
use crate::common::TestApp;

const BOUNDARY: &str = "praxis-test-boundary";

fn multipart(csrf: &str, file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/zip\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn hidden_upload(html: &str) -> String {
    let start = html
        .find("name=\"upload\" value=\"")
        .expect("the upload field")
        + 21;
    html[start..].split('"').next().unwrap().to_string()
}

#[test]
fn the_pages_preview_then_import_a_day_one_export() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = actor(&app, "sam");
    let browser = app.signed_in("sam");
    let account = browser.get("/account").expect(Status::Ok).body;
    assert!(account.contains("href=\"/account/import\""));
    let page = browser.get("/account/import").expect(Status::Ok).body;
    assert!(page.contains("enctype=\"multipart/form-data\""));

    let cookies = browser.cookies();
    let mut request = app
        .client
        .post("/account/import")
        .header(ContentType::new("multipart", "form-data").with_params(("boundary", BOUNDARY)))
        .body(multipart(&browser.csrf(), "Day One.zip", &day_one_zip()));
    for cookie in cookies {
        request = request.cookie(cookie);
    }
    let response = request.dispatch();
    assert_eq!(response.status(), Status::Ok);
    let preview = response.into_string().unwrap();
    assert!(preview.contains("Day One export"), "{preview}");
    assert!(preview.contains("CA1989-s47"), "{preview}");
    assert!(
        preview.contains("07700 900123"),
        "the guard's finding is listed"
    );
    assert!(preview.contains("2 photo"), "{preview}");
    assert!(preview.contains("Import 3 entries"), "{preview}");
    assert_eq!(written(&app, &sam), (0, 0), "the preview writes nothing");

    let upload = hidden_upload(&preview);
    let done = browser
        .post("/account/import/confirm", &[("upload", &upload)])
        .expect(Status::SeeOther);
    assert_eq!(done.location(), Some("/entries"));
    assert_eq!(written(&app, &sam), (3, 3));
    let journal = browser.get("/entries").expect(Status::Ok);
    assert!(
        journal.body.contains("Imported 3 entries (private)"),
        "the journal says what was imported: {}",
        journal.body
    );
    let again = browser
        .post("/account/import/confirm", &[("upload", &upload)])
        .expect(Status::UnprocessableEntity);
    assert!(again.body.contains("no longer waiting"), "{}", again.body);
    assert_eq!(written(&app, &sam), (3, 3));

    app.user("alex", "practitioner");
    let other = app.signed_in("alex");
    other.get("/account").expect(Status::Ok);
    other
        .post("/account/import/confirm", &[("upload", &upload)])
        .expect(Status::UnprocessableEntity);
}
