use super::*;

fn bal(label: &str, m: u32, d: u32, s: u32, med: u32) -> SessionBalance {
    let (management, development, support, mediation) = (m, d, s, med);
    let label = label.to_string();
    SessionBalance {
        label,
        management,
        development,
        support,
        mediation,
    }
}

fn act(label: &str, on_time: u32, late: u32, overdue: u32, open: u32) -> ActionTimeliness {
    let label = label.to_string();
    ActionTimeliness {
        label,
        on_time,
        late,
        overdue,
        open,
    }
}

/// Checks the SVG is well-formed XML: one root, balanced tags, quoted attributes, known
/// entities only. Enough for our own output, which has no comments, CDATA or doctype.
fn assert_well_formed(xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start]);
        assert!(
            !stack.is_empty() || rest[..start].trim().is_empty(),
            "text outside root"
        );
        let end = start + rest[start..].find('>').expect("unclosed tag");
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "'<' inside tag {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched close tag");
        } else {
            let body = tag.strip_suffix('/').unwrap_or(tag);
            let name = body.split_whitespace().next().expect("tag name");
            check_attributes(&body[name.len()..]);
            roots += usize::from(stack.is_empty());
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    check_text(rest);
    assert!(
        rest.trim().is_empty() && stack.is_empty(),
        "unclosed: {stack:?}"
    );
    assert_eq!(roots, 1, "exactly one root element");
}

fn check_attributes(mut attrs: &str) {
    let mut seen = Vec::new();
    while !attrs.trim().is_empty() {
        let (name, after) = attrs
            .trim_start()
            .split_once("=\"")
            .expect("attr=\"value\"");
        assert!(
            !name.is_empty() && !name.contains(char::is_whitespace),
            "bad name {name:?}"
        );
        assert!(!seen.contains(&name), "duplicate attribute {name}");
        seen.push(name);
        let (value, tail) = after.split_once('"').expect("closing quote");
        check_text(value);
        attrs = tail;
    }
}

fn check_text(text: &str) {
    for piece in text.split('&').skip(1) {
        let entity = piece.split(';').next().unwrap();
        assert!(
            ["amp", "lt", "gt", "quot", "apos"].contains(&entity),
            "entity &{entity};"
        );
    }
}

/// Every `id="..."` in the SVG.
fn ids(svg: &str) -> Vec<&str> {
    svg.split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect()
}

fn sample() -> Vec<SessionBalance> {
    vec![
        bal("12 Nov", 4, 3, 2, 1),
        bal("19 Nov", 0, 0, 0, 0),
        bal("26 Nov", 9, 0, 1, 0),
    ]
}

#[test]
fn escape_handles_all_five_specials() {
    assert_eq!(escape(r#"<&>"'"#), "&lt;&amp;&gt;&quot;&apos;");
    assert_eq!(escape("12 Nov"), "12 Nov");
}

#[test]
fn summary_adds_to_100_and_rounds_sensibly() {
    let summary = |m, d, s, med| -> Vec<u32> {
        balance_summary(&[bal("a", m, d, s, med)])
            .into_iter()
            .map(|(_, p)| p)
            .collect()
    };
    assert_eq!(summary(1, 1, 1, 0), [34, 33, 33, 0]);
    assert_eq!(summary(4, 3, 2, 1), [40, 30, 20, 10]);
    assert_eq!(summary(2, 1, 0, 0), [67, 33, 0, 0]);
    assert_eq!(summary(1, 1, 1, 3), [17, 17, 16, 50]);
    assert_eq!(summary(0, 0, 0, 0), [0, 0, 0, 0]);
    assert_eq!(balance_summary(&[]).iter().map(|p| p.1).sum::<u32>(), 0);
    for (m, d, s, med) in [
        (1, 2, 3, 4),
        (7, 0, 0, 0),
        (5, 5, 5, 5),
        (1, 0, 2, 97),
        (3, 3, 3, 1),
    ] {
        assert_eq!(
            summary(m, d, s, med).iter().sum::<u32>(),
            100,
            "{m} {d} {s} {med}"
        );
    }
    let names: Vec<&str> = balance_summary(&sample()).iter().map(|p| p.0).collect();
    assert_eq!(names, ["Management", "Development", "Support", "Mediation"]);
    assert_eq!(
        summary_sentence(&balance_summary(&sample()[..1])),
        "Management 40%, development 30%, support 20%, mediation 10%"
    );
}

#[test]
fn balance_numbers_are_in_table_and_svg() {
    let chart = balance_chart("bal", &sample());
    let t = &chart.table;
    assert_eq!(
        t.headings,
        [
            "Session",
            "Management",
            "Development",
            "Support",
            "Mediation",
            "Total"
        ]
    );
    assert_eq!(
        t.rows[0],
        ["12 Nov", "4 (40%)", "3 (30%)", "2 (20%)", "1 (10%)", "10"]
    );
    assert_eq!(
        t.rows[1],
        ["19 Nov", "0", "0", "0", "0", "0 (no items tagged)"]
    );
    assert_eq!(t.rows[2][1], "9 (90%)");
    // Segments of 4, 3, 2 and 9 are tall enough for their count; 1 of 10 is not (22px).
    for n in ["4", "3", "2", "9", "1"] {
        assert!(
            chart.svg.contains(&format!(">{n}</text>")),
            "count {n} drawn"
        );
    }
    assert!(chart.svg.contains(">no items tagged</text>"));
    assert!(
        chart
            .svg
            .contains("12 Nov: management 4, development 3, support 2, mediation 1.")
    );
    assert!(chart.svg.contains("19 Nov: no items tagged."));
    assert!(chart.svg.contains(">0%</text>") && chart.svg.contains(">100%</text>"));
    assert_well_formed(&chart.svg);
}

#[test]
fn actions_numbers_are_in_table_and_svg() {
    let chart = actions_chart("act", &[act("1 Oct", 3, 1, 2, 0), act("8 Oct", 0, 0, 0, 0)]);
    let t = &chart.table;
    assert_eq!(
        t.headings[1..5],
        ["Done on time", "Done late", "Overdue", "Open (not yet due)"]
    );
    assert_eq!(t.rows[0], ["1 Oct", "3", "1", "2", "0", "6"]);
    assert_eq!(t.rows[1][5], "0 (no actions)");
    for n in ["3", "1", "2", "6"] {
        assert!(
            chart.svg.contains(&format!(">{n}</text>")),
            "count {n} drawn"
        );
    }
    assert!(
        chart
            .svg
            .contains("1 Oct: done on time 3, done late 1, overdue 2, open (not yet due) 0.")
    );
    assert!(chart.svg.contains(">Number of actions</text>"));
    assert_well_formed(&chart.svg);
}

#[test]
fn patterns_and_legend_cover_every_series() {
    let balance = balance_chart("b", &sample());
    let actions = actions_chart("a", &[act("1 Oct", 1, 1, 1, 1)]);
    for (chart, kind) in [(&balance, &BALANCE), (&actions, &ACTIONS)] {
        let prefix = if chart == &balance { "b" } else { "a" };
        let tiles: Vec<&str> = kind.series.iter().map(|s| s.3).collect();
        assert_eq!(tiles.len(), 4);
        for (i, (key, name, ..)) in kind.series.iter().enumerate() {
            assert!(!tiles[i + 1..].contains(&tiles[i]), "patterns differ");
            assert!(
                chart
                    .svg
                    .contains(&format!("<pattern id=\"{prefix}-{key}\""))
            );
            assert!(
                chart
                    .svg
                    .contains(&format!("fill=\"url(#{prefix}-{key})\""))
            );
            assert!(
                chart.svg.contains(&format!(">{}</text>", escape(name))),
                "legend {name}"
            );
        }
    }
}

#[test]
fn ids_use_the_prefix_and_do_not_collide() {
    let one = balance_chart("pair-7-balance", &sample());
    let two = actions_chart("pair-7-actions", &[act("1 Oct", 1, 0, 0, 0)]);
    let (a, b) = (ids(&one.svg), ids(&two.svg));
    assert!(a.len() >= 6 && b.len() >= 6);
    assert!(a.iter().all(|id| id.starts_with("pair-7-balance-")));
    assert!(b.iter().all(|id| id.starts_with("pair-7-actions-")));
    let mut all = [a, b].concat();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "ids are unique across both charts");
    assert!(
        one.svg
            .contains(r#"aria-labelledby="pair-7-balance-title pair-7-balance-desc""#)
    );
    // Awkward prefixes still give valid ids.
    assert!(
        balance_chart("7 a<b", &sample())
            .svg
            .contains("id=\"c7-a-b-title\"")
    );
}

#[test]
fn labels_are_escaped() {
    let nasty = r#"<&>"'"#;
    let chart = balance_chart("e", &[bal(nasty, 1, 0, 0, 0)]);
    assert!(chart.svg.contains("&lt;&amp;&gt;&quot;&apos;"));
    assert!(!chart.svg.contains(nasty));
    assert_eq!(
        chart.table.rows[0][0], nasty,
        "the table is escaped by the template"
    );
    assert_well_formed(&chart.svg);
    assert_well_formed(&actions_chart("e", &[act(nasty, 1, 0, 0, 0)]).svg);
}

#[test]
fn no_sessions_gives_a_small_message() {
    for chart in [balance_chart("z", &[]), actions_chart("z", &[])] {
        assert!(chart.svg.contains(">No sessions yet</text>"));
        assert!(chart.svg.contains(r#"viewBox="0 0 320 48""#));
        assert!(
            chart.svg.contains("<title id=\"z-title\">")
                && chart.svg.contains("<desc id=\"z-desc\">")
        );
        assert!(chart.table.rows.is_empty() && chart.table.headings.len() == 6);
        assert_well_formed(&chart.svg);
    }
}

#[test]
fn twelve_sessions_fit_and_render_the_same_twice() {
    let sessions: Vec<SessionBalance> = (1..=12)
        .map(|i| bal(&format!("{i} Dec 2025"), i, 12 - i, i % 3, 1))
        .collect();
    let chart = balance_chart("t", &sessions);
    assert_eq!(chart.table.rows.len(), 12);
    assert_eq!(chart, balance_chart("t", &sessions), "deterministic");
    for i in 1..=12 {
        assert!(
            chart.svg.contains(&format!(">{i} Dec</tspan>")),
            "label {i} on its own line"
        );
    }
    assert!(chart.svg.contains(">2025</tspan>"));
    assert_well_formed(&chart.svg);
    let actions: Vec<ActionTimeliness> = (0..12).map(|i| act("5 Jan", i, 1, i % 2, 3)).collect();
    let actions = actions_chart("u", &actions);
    assert!(
        actions.svg.contains(">15</text>"),
        "the tallest total is drawn"
    );
    assert_well_formed(&actions.svg);
}

#[test]
fn svg_is_csp_safe_and_scalable() {
    for svg in [
        balance_chart("s", &sample()).svg,
        actions_chart("s", &[act("x", 1, 2, 3, 4)]).svg,
    ] {
        assert!(svg.starts_with(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 316" role="img""#
        ));
        assert!(
            !svg.contains("style") && !svg.contains("<script") && !svg.contains("width=\"640\"")
        );
    }
}

#[test]
fn long_labels_wrap_or_shorten() {
    assert_eq!(label_lines("12 Nov", 6), ["12 Nov"]);
    assert_eq!(label_lines("12 Nov 2025", 6), ["12 Nov", "2025"]);
    assert_eq!(label_lines("Wednesday", 6), ["Wedne…"]);
}
