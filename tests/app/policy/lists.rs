//! Lists, tag pages, links that end, unsharing and the bin, admins' pages and exports:
//! none shows an entry its viewer may not read.

use std::io::Read;

use diesel::prelude::*;
use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{Target, World};
use crate::common::TestApp;

#[test]
fn lists_show_only_what_the_viewer_may_read() {
    let app = TestApp::new();
    let world = World::new(&app);
    let (ann_private, ann_shared) = (world.id(Target::AnnPrivate), world.id(Target::AnnShared));
    let (stu_shared, stu_private) = (world.id(Target::StuShared), world.id(Target::StuPrivate));

    assert_eq!(
        world.listed("ann", "/api/v1/entries"),
        vec![ann_private, ann_shared]
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
    );
    assert_eq!(
        world.listed("sue", "/api/v1/entries?shared=true"),
        vec![ann_shared]
    );
    assert_eq!(world.listed("sue", "/api/v1/entries"), Vec::<i32>::new());
    assert_eq!(
        world.listed("pe", "/api/v1/entries?shared=true"),
        vec![stu_shared]
    );
    for name in ["otto", "pat", "root", "stranger"] {
        assert!(world.listed(name, "/api/v1/entries").is_empty(), "{name}");
        assert!(
            world.listed(name, "/api/v1/entries?shared=true").is_empty(),
            "{name}"
        );
    }
    assert!(
        world
            .listed("ann", "/api/v1/entries?shared=true")
            .is_empty()
    );

    // The pages list the same: titles of what may be read, nothing else.
    let titles = [
        (Target::AnnPrivate, world.title(Target::AnnPrivate)),
        (Target::AnnShared, world.title(Target::AnnShared)),
        (Target::StuShared, world.title(Target::StuShared)),
        (Target::StuPrivate, world.title(Target::StuPrivate)),
    ];
    let readable: &[(&str, &[Target])] = &[
        ("sue", &[Target::AnnShared]),
        ("pe", &[Target::StuShared]),
        ("otto", &[]),
        ("pat", &[]),
        ("root", &[]),
        ("stranger", &[]),
    ];
    for (name, may_read) in readable {
        let browser = &world.person(name).browser;
        let pages = [
            browser.get("/entries").expect(Status::Ok).body,
            browser.get("/entries?view=shared").expect(Status::Ok).body,
            browser.get("/").expect(Status::Ok).body,
        ];
        for (target, title) in &titles {
            let shown = pages.iter().any(|page| page.contains(title.as_str()));
            assert_eq!(shown, may_read.contains(target), "{name} and {title}");
        }
    }
    // A tag's page lists the viewer's own entries only; the API's shared list filters.
    for (name, _) in readable {
        let page = world
            .person(name)
            .browser
            .get("/tags/CA1989-s47")
            .expect(Status::Ok)
            .body;
        for (_, title) in &titles {
            assert!(
                !page.contains(title.as_str()),
                "{name} sees {title} on a tag page"
            );
        }
    }
    assert_eq!(
        world.listed("sue", "/api/v1/entries?shared=true&tag=CA1989-s47"),
        vec![ann_shared]
    );
    // A supervisor's shared view holds the shared entry, never the private one.
    let shared_page = world.person("sue").browser.get("/entries?view=shared").body;
    assert!(shared_page.contains(&format!("/entries/{ann_shared}")));
    assert!(!shared_page.contains(&format!("/entries/{ann_private}\"")));
    assert!(!shared_page.contains(&format!("/entries/{stu_private}\"")));
}

#[test]
fn removing_a_link_ends_access_to_shared_entries() {
    use praxis::platform::db::schema::{supervision_links, users};
    let app = TestApp::new();
    let world = World::new(&app);
    let ann_shared = world.id(Target::AnnShared);
    let sue = world.person("sue");
    sue.browser
        .get(&format!("/entries/{ann_shared}"))
        .expect(Status::Ok);

    let link_id: i32 = {
        let mut conn = app.db().conn().unwrap();
        let sue_id: i32 = users::table
            .filter(users::username.eq("sue"))
            .select(users::id)
            .first(&mut conn)
            .unwrap();
        supervision_links::table
            .filter(supervision_links::supervisor_id.eq(sue_id))
            .select(supervision_links::id)
            .first(&mut conn)
            .unwrap()
    };
    let admin = &world.person("root").browser;
    assert!(
        admin
            .get("/admin/links")
            .body
            .contains(&format!("/admin/links/{link_id}/delete"))
    );
    admin
        .post(&format!("/admin/links/{link_id}/delete"), &[])
        .expect(Status::SeeOther);

    sue.browser
        .get(&format!("/entries/{ann_shared}"))
        .expect(Status::NotFound);
    app.get_json(&sue.token, &format!("/api/v1/entries/{ann_shared}"))
        .expect(Status::NotFound);
    assert!(
        world
            .listed("sue", "/api/v1/entries?shared=true")
            .is_empty()
    );
    assert!(
        !sue.browser
            .get("/")
            .body
            .contains(&world.title(Target::AnnShared))
    );
    // The other link is untouched.
    assert_eq!(
        world.listed("pe", "/api/v1/entries?shared=true"),
        vec![world.id(Target::StuShared)]
    );
    // The removal is audited.
    assert!(admin.get("/admin/audit").body.contains("link_removed"));
}

#[test]
fn admins_see_no_journal_content_on_their_pages() {
    let app = TestApp::new();
    let world = World::new(&app);
    let admin = &world.person("root").browser;
    let titles: Vec<String> = [
        Target::AnnPrivate,
        Target::AnnShared,
        Target::StuShared,
        Target::StuPrivate,
    ]
    .into_iter()
    .map(|target| world.title(target))
    .collect();
    for path in [
        "/",
        "/entries",
        "/entries?view=shared",
        "/admin",
        "/admin/links",
        "/admin/audit",
        "/cases",
        "/tags/CA1989-s47",
    ] {
        let page = admin.get(path).expect(Status::Ok);
        for title in &titles {
            assert!(!page.body.contains(title.as_str()), "{path} shows {title}");
            assert!(
                !page.body.contains("Body of"),
                "{path} shows an entry's text"
            );
        }
    }
}

#[test]
fn exports_hold_only_the_callers_own_entries() {
    let app = TestApp::new();
    let world = World::new(&app);
    let sue = world.person("sue");
    app.post_json(
        &sue.token,
        "/api/v1/entries",
        json!({"kind": "diary", "title": "Sue's own note", "body": "Mine."}),
    )
    .expect(Status::Created);

    let titles = |document: Value| -> Vec<String> {
        document["entries"]
            .as_array()
            .expect("an array of entries")
            .iter()
            .map(|entry| entry["title"].as_str().unwrap().to_string())
            .collect()
    };
    let json_export = app
        .get_json(&sue.token, "/api/v1/export?format=json")
        .expect(Status::Ok);
    assert_eq!(titles(json_export.json()), vec!["Sue's own note"]);
    let page_export = sue
        .browser
        .get("/account/export?format=json")
        .expect(Status::Ok);
    assert_eq!(titles(page_export.json()), vec!["Sue's own note"]);
    let ann_export = app
        .get_json(&world.person("ann").token, "/api/v1/export?format=json")
        .json();
    assert_eq!(
        titles(ann_export),
        vec![
            world.title(Target::AnnPrivate),
            world.title(Target::AnnShared)
        ]
    );
    let admin_export = app
        .get_json(&world.person("root").token, "/api/v1/export?format=json")
        .json();
    assert!(titles(admin_export).is_empty());

    // The Markdown zip likewise.
    let bytes = app
        .get_bytes(&sue.token, "/api/v1/export?format=markdown")
        .expect(Status::Ok)
        .bytes;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    for index in 0..archive.len() {
        archive
            .by_index(index)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
    }
    let journal_files = archive
        .file_names()
        .filter(|name| {
            name.as_ref()
                .is_ok_and(|name| name.starts_with("praxis-export/journal/"))
        })
        .count();
    assert_eq!(journal_files, 1);
    assert!(text.contains("Sue's own note"));
    assert!(!text.contains("Ann shared"));
}

#[test]
fn unsharing_or_binning_an_entry_ends_the_supervisors_access() {
    let app = TestApp::new();
    let world = World::new(&app);
    let (ann, sue) = (world.person("ann"), world.person("sue"));
    let shared = world.id(Target::AnnShared);
    let path = format!("/api/v1/entries/{shared}");
    app.get_json(&sue.token, &path).expect(Status::Ok);

    // Made private again: gone for the supervisor, as if it never existed.
    let mut private = world.entry(Target::AnnShared).unwrap().document.clone();
    private["visibility"] = json!("private");
    app.put_json(&ann.token, &path, private).expect(Status::Ok);
    app.get_json(&sue.token, &path).expect(Status::NotFound);
    sue.browser
        .get(&format!("/entries/{shared}"))
        .expect(Status::NotFound);
    assert!(
        world
            .listed("sue", "/api/v1/entries?shared=true")
            .is_empty()
    );

    // Shared again, then moved to the bin: the bin is the author's alone.
    let document = world.entry(Target::AnnShared).unwrap().document.clone();
    app.put_json(&ann.token, &path, document).expect(Status::Ok);
    app.get_json(&sue.token, &path).expect(Status::Ok);
    ann.browser
        .post(&format!("/entries/{shared}/delete"), &[])
        .expect(Status::SeeOther);
    app.get_json(&sue.token, &path).expect(Status::NotFound);
    assert!(
        world
            .listed("sue", "/api/v1/entries?shared=true")
            .is_empty()
    );
    let title = world.title(Target::AnnShared);
    assert!(
        !sue.browser
            .get("/bin")
            .expect(Status::Ok)
            .body
            .contains(&title)
    );
    assert!(
        ann.browser
            .get("/bin")
            .expect(Status::Ok)
            .body
            .contains(&title)
    );
    sue.browser
        .post(&format!("/entries/{shared}/restore"), &[])
        .expect(Status::NotFound);
    world
        .person("stranger")
        .browser
        .post(&format!("/entries/{shared}/restore"), &[])
        .expect(Status::NotFound);
    app.get_json(&ann.token, &path).expect(Status::NotFound);
    ann.browser
        .post(&format!("/entries/{shared}/restore"), &[])
        .expect(Status::SeeOther);
    app.get_json(&sue.token, &path).expect(Status::Ok);
}

#[test]
fn supervision_is_not_passed_up_the_line() {
    // Sue supervises Ann and is supervised herself; her supervisor reads what Sue shares,
    // never what Ann shared with Sue.
    let app = TestApp::new();
    let world = World::new(&app);
    app.user("boss", "supervisor");
    app.link("boss", "sue", LinkKind::Line);
    let sue = world.person("sue");
    let own = app
        .post_json(
            &sue.token,
            "/api/v1/entries",
            json!({"kind": "diary", "title": "Sue's shared note", "body": "For my supervisor.", "visibility": "supervisor"}),
        )
        .expect(Status::Created)
        .json();
    let boss = app.token("boss");
    let shared: Vec<i64> = app
        .get_json(&boss, "/api/v1/entries?shared=true")
        .expect(Status::Ok)
        .json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    assert_eq!(shared, vec![own["id"].as_i64().unwrap()]);
    app.get_json(
        &boss,
        &format!("/api/v1/entries/{}", world.id(Target::AnnShared)),
    )
    .expect(Status::NotFound);
}
