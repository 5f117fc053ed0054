//! Server-rendered SVG charts for a supervision pair's history page.
//!
//! Each chart is readable without colour: every series has its own fill pattern, the legend
//! repeats the patterns, counts are written on the bars, and a [`Table`] says the same in words
//! for screen readers and for anyone who prefers numbers. The SVG uses presentation attributes
//! only, because the site's CSP (`style-src 'self'`) would block inline `style`, and the output
//! is deterministic so pages can be cached and compared in tests.

use std::fmt::Write as _;

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($($t:tt)*) => {
        let _ = write!($($t)*);
    };
}

/// How one session's items were spread across the four functions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionBalance {
    /// Short session label shown under the bar, e.g. "12 Nov".
    pub label: String,
    /// Items tagged management (workload, compliance, what is due).
    pub management: u32,
    /// Items tagged development (learning, CPD, practice skills).
    pub development: u32,
    /// Items tagged support (wellbeing, the emotional impact of the work).
    pub support: u32,
    /// Items tagged mediation (between the worker, the organisation and partners).
    pub mediation: u32,
}

/// How one session's actions fared: due by now, done on time, done late, still open past due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionTimeliness {
    /// Short session label shown under the bar, e.g. "12 Nov".
    pub label: String,
    /// Actions completed by their due date.
    pub on_time: u32,
    /// Actions completed after their due date.
    pub late: u32,
    /// Actions still open past their due date.
    pub overdue: u32,
    /// Actions still open and not yet due.
    pub open: u32,
}

/// An SVG and the table that says the same in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// A complete `<svg>` element, safe to embed in HTML as is.
    pub svg: String,
    /// The text alternative; cells are plain text for the template engine to escape.
    pub table: Table,
}

/// A data table to show beside a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What the table shows, for `<caption>`.
    pub caption: String,
    /// Column headings, the first naming the session column.
    pub headings: Vec<String>,
    /// One row per session, oldest first, each as long as `headings`.
    pub rows: Vec<Vec<String>>,
}

/// The four functions of the 4x4x4 model, in the order they are stacked, listed and summed.
const FUNCTIONS: [&str; 4] = ["Management", "Development", "Support", "Mediation"];

// Pattern tiles (8x8) drawn over a series' background; the shapes, not the hues, carry meaning.
const SOLID: &str = "";
const DIAGONAL: &str =
    r##"<path d="M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6" stroke="#333" stroke-width="1.4"/>"##;
const DOTS: &str =
    r##"<circle cx="2" cy="2" r="1.4" fill="#333"/><circle cx="6" cy="6" r="1.4" fill="#333"/>"##;
const CROSS: &str = r##"<path d="M0,0 L8,8 M8,0 L0,8" stroke="#333" stroke-width="1.1"/>"##;

/// A stacked series: id suffix, name for legend and table, background colour (an Okabe-Ito
/// hue, tinted where a pattern goes over it) and pattern tile.
type Series = (&'static str, &'static str, &'static str, &'static str);

/// What differs between the two charts.
struct Kind {
    series: [Series; 4],
    title: &'static str,
    /// Written on an empty bar and in the table when a session has nothing to show.
    empty: &'static str,
    axis: &'static str,
    caption: &'static str,
    /// 100%-stacked shares (balance) rather than counts (actions).
    percent: bool,
}

const BALANCE: Kind = Kind {
    series: [
        ("management", FUNCTIONS[0], "#0072B2", SOLID),
        ("development", FUNCTIONS[1], "#F5C979", DIAGONAL),
        ("support", FUNCTIONS[2], "#9FDBC2", DOTS),
        ("mediation", FUNCTIONS[3], "#E8B3D1", CROSS),
    ],
    title: "Balance of supervision functions",
    empty: "no items tagged",
    axis: "Share of items",
    caption: "Items per supervision function in each session, with each function's share",
    percent: true,
};

const ACTIONS: Kind = Kind {
    series: [
        ("on-time", "Done on time", "#009E73", SOLID),
        ("late", "Done late", "#F5C979", DIAGONAL),
        ("overdue", "Overdue", "#F2A889", CROSS),
        ("open", "Open (not yet due)", "#B3DDF5", DOTS),
    ],
    title: "Timeliness of actions agreed",
    empty: "no actions",
    axis: "Number of actions",
    caption: "Actions agreed in each session, by whether they were done on time",
    percent: false,
};

// Layout of the fixed viewBox; the page scales it with width:100%.
const WIDTH: f64 = 640.0;
const PLOT_LEFT: f64 = 64.0;
const PLOT_RIGHT: f64 = 628.0;
const PLOT_TOP: f64 = 52.0;
const PLOT_HEIGHT: f64 = 220.0;
const PLOT_BOTTOM: f64 = PLOT_TOP + PLOT_HEIGHT;
const HEIGHT: f64 = PLOT_BOTTOM + 44.0;
/// Rough advance of one character at font-size 11, to decide what fits without measuring.
const CHAR_WIDTH: f64 = 6.6;
const TEXT: &str = "#1a1a1a";

/// One bar: the session label and its four values in series order.
type Bar<'a> = (&'a str, [u32; 4]);

/// A 100%-stacked bar per session (oldest left), one segment per function, each with its own
/// fill pattern defined in `<defs>` under ids starting with `id_prefix`, a legend with the same
/// patterns, and the count written inside each segment tall enough to hold it. Sessions with no
/// tagged items show an empty bar labelled "no items tagged".
pub fn balance_chart(id_prefix: &str, sessions: &[SessionBalance]) -> Chart {
    let bars: Vec<Bar> = sessions.iter().map(balance_bar).collect();
    let summary = summary_sentence(&balance_summary(sessions));
    build(&BALANCE, id_prefix, &bars, &summary)
}

/// Stacked bars per session: done on time, done late, overdue, open (not yet due), with
/// patterns and legend like [`balance_chart`] and the session's total above each bar.
pub fn actions_chart(id_prefix: &str, sessions: &[ActionTimeliness]) -> Chart {
    let bars: Vec<Bar> = sessions.iter().map(actions_bar).collect();
    build(&ACTIONS, id_prefix, &bars, "")
}

/// Totals across the sessions, as whole percentages per function (rounded so they add to 100
/// when there are items, all zero when there are none), in the order management, development,
/// support, mediation, for a summary like "Management 40%, development 30%, ...".
pub fn balance_summary(sessions: &[SessionBalance]) -> Vec<(&'static str, u32)> {
    let totals = sessions
        .iter()
        .map(balance_bar)
        .fold([0u64; 4], |acc, (_, v)| {
            std::array::from_fn(|i| acc[i] + u64::from(v[i]))
        });
    FUNCTIONS.into_iter().zip(percentages(totals)).collect()
}

fn balance_bar(s: &SessionBalance) -> Bar<'_> {
    (
        &s.label,
        [s.management, s.development, s.support, s.mediation],
    )
}

fn actions_bar(s: &ActionTimeliness) -> Bar<'_> {
    (&s.label, [s.on_time, s.late, s.overdue, s.open])
}

/// Whole percentages that add to 100 (largest-remainder rounding, ties to the earlier
/// series), so a summary never reads 99% or 101%.
fn percentages(values: [u64; 4]) -> [u32; 4] {
    let total: u64 = values.iter().sum();
    if total == 0 {
        return [0; 4];
    }
    let mut pct = values.map(|v| (v * 100 / total) as u32);
    let mut order = [0, 1, 2, 3];
    order.sort_by_key(|&i| std::cmp::Reverse(values[i] * 100 % total));
    let short = 100 - pct.iter().sum::<u32>();
    for &i in order.iter().take(short as usize) {
        pct[i] += 1;
    }
    pct
}

/// "Management 40%, development 30%, support 20%, mediation 10%".
fn summary_sentence(summary: &[(&str, u32)]) -> String {
    let part = |(i, (name, pct)): (usize, &(&str, u32))| match i {
        0 => format!("{name} {pct}%"),
        _ => format!("{} {pct}%", name.to_lowercase()),
    };
    summary
        .iter()
        .enumerate()
        .map(part)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The chart and its table; `tail` is an overall summary for the end of the description.
fn build(kind: &Kind, id_prefix: &str, bars: &[Bar], tail: &str) -> Chart {
    let n = bars.len();
    let plural = if n == 1 { "" } else { "s" };
    let title = format!("{} over {n} session{plural}", kind.title);
    // The <desc> gives every number in words, so a screen reader loses nothing.
    let mut desc = String::from("Oldest session first.");
    for (label, values) in bars {
        w!(desc, " {}.", describe(kind, label, values));
    }
    if !tail.is_empty() && n > 0 {
        w!(desc, " Across all sessions: {tail}.");
    }
    let mut headings = vec!["Session".to_string()];
    headings.extend(kind.series.iter().map(|s| s.1.to_string()));
    headings.push("Total".into());
    let rows = bars.iter().map(|(label, v)| row(kind, label, v)).collect();
    let caption = kind.caption.into();
    let table = Table {
        caption,
        headings,
        rows,
    };
    let svg = render(kind, &sanitise_id(id_prefix), &title, &desc, bars);
    Chart { svg, table }
}

/// "12 Nov: management 4, development 3, support 2, mediation 1", also the bar's tooltip.
fn describe(kind: &Kind, label: &str, values: &[u32; 4]) -> String {
    if values.iter().all(|&v| v == 0) {
        return format!("{label}: {}", kind.empty);
    }
    let part = |(s, v): (&Series, &u32)| format!("{} {v}", s.1.to_lowercase());
    let parts: Vec<String> = kind.series.iter().zip(values).map(part).collect();
    format!("{label}: {}", parts.join(", "))
}

/// A table row: the label, each value (with its share on the balance chart), and the total.
fn row(kind: &Kind, label: &str, values: &[u32; 4]) -> Vec<String> {
    let total: u32 = values.iter().sum();
    let pct = percentages(values.map(u64::from));
    let mut row = vec![label.to_string()];
    row.extend((0..4).map(|i| match kind.percent && total > 0 {
        true => format!("{} ({}%)", values[i], pct[i]),
        false => values[i].to_string(),
    }));
    row.push(match total {
        0 => format!("0 ({})", kind.empty),
        _ => total.to_string(),
    });
    row
}

/// Escapes text and attribute values for XML; labels are user data even if they look like dates.
fn escape(s: &str) -> String {
    // '&' first, so the entities added after it are not escaped again.
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// Keeps ids valid XML names: anything but ASCII letters, digits and '-' becomes '-', and the
/// id starts with a letter.
fn sanitise_id(raw: &str) -> String {
    let id = raw.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-");
    match id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        true => id,
        false => format!("c{id}"),
    }
}

/// Numbers with at most one decimal, so the markup stays small and stable.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// A session label as one or two lines that fit `max` characters, breaking at a space
/// ("12 Nov 2025" -> "12 Nov", "2025") and shortening with an ellipsis as a last resort; the
/// table always carries the full label.
fn label_lines(label: &str, max: usize) -> Vec<String> {
    let fit = |s: &str| match s.chars().count() > max {
        true => s.chars().take(max.saturating_sub(1)).chain(['…']).collect(),
        false => s.to_string(),
    };
    match label.rsplit_once(' ') {
        _ if label.chars().count() <= max => vec![label.to_string()],
        Some((a, b)) => vec![fit(a), fit(b)],
        None => vec![fit(label)],
    }
}

fn render(kind: &Kind, p: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let mut o = String::new();
    let (w, h) = if bars.is_empty() {
        (320.0, 48.0)
    } else {
        (WIDTH, HEIGHT)
    };
    let (title, desc) = (escape(title), escape(desc));
    w!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{p}-title {p}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11" fill="{TEXT}"><title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>"#
    );
    if bars.is_empty() {
        o.push_str(r#"<text x="160" y="29" text-anchor="middle" font-size="14">No sessions yet</text></svg>"#);
        return o;
    }
    o.push_str("<defs>");
    for (key, _, bg, tile) in &kind.series {
        w!(
            o,
            r#"<pattern id="{p}-{key}" patternUnits="userSpaceOnUse" width="8" height="8"><rect width="8" height="8" fill="{bg}"/>{tile}</pattern>"#
        );
    }
    o.push_str("</defs>");
    legend(kind, p, &mut o);
    let max_total = bars.iter().map(|(_, v)| v.iter().sum()).max().unwrap_or(0);
    let axis_max = f64::from(axis(kind, &mut o, max_total));
    let slot = (PLOT_RIGHT - PLOT_LEFT) / bars.len() as f64;
    let bar_w = (slot * 0.62).min(56.0);
    let max_chars = ((slot - 4.0) / CHAR_WIDTH).floor().max(3.0) as usize;
    let (mid, bw) = (PLOT_TOP + PLOT_HEIGHT / 2.0, num(bar_w));
    for (i, (label, values)) in bars.iter().enumerate() {
        let cx_f = PLOT_LEFT + slot * (i as f64 + 0.5);
        let (cx, x) = (num(cx_f), num(cx_f - bar_w / 2.0));
        let total: u32 = values.iter().sum();
        w!(
            o,
            "<g><title>{}</title>",
            escape(&describe(kind, label, values))
        );
        if total == 0 {
            let (note, ty) = (kind.empty, mid + 4.0);
            w!(
                o,
                r##"<rect x="{x}" y="{PLOT_TOP}" width="{bw}" height="{PLOT_HEIGHT}" fill="#ffffff" stroke="#6b6b6b" stroke-dasharray="4 3"/><text x="{cx}" y="{ty}" transform="rotate(-90 {cx} {mid})" text-anchor="middle">{note}</text>"##
            );
        }
        // Stack from the baseline using cumulative sums so segments meet without gaps.
        let scale = PLOT_HEIGHT
            / if kind.percent {
                f64::from(total.max(1))
            } else {
                axis_max
            };
        let mut below = 0;
        for ((key, ..), &v) in kind.series.iter().zip(values).filter(|(_, v)| **v > 0) {
            let y0 = PLOT_BOTTOM - f64::from(below) * scale;
            below += v;
            let y1 = PLOT_BOTTOM - f64::from(below) * scale;
            let (y, sh) = (num(y1), num(y0 - y1));
            w!(
                o,
                r#"<rect x="{x}" y="{y}" width="{bw}" height="{sh}" fill="url(#{p}-{key})" stroke="{TEXT}"/>"#
            );
            // A white pill under the number keeps contrast on any colour or pattern.
            let pill_w = v.to_string().len() as f64 * CHAR_WIDTH + 6.0;
            if y0 - y1 >= 16.0 && bar_w >= pill_w + 4.0 {
                let c = (y0 + y1) / 2.0;
                let (px, py, pw) = (num(cx_f - pill_w / 2.0), num(c - 7.0), num(pill_w));
                let ty = num(c + 4.0);
                w!(
                    o,
                    r##"<rect x="{px}" y="{py}" width="{pw}" height="14" rx="3" fill="#ffffff"/><text x="{cx}" y="{ty}" text-anchor="middle" font-weight="bold">{v}</text>"##
                );
            }
        }
        if !kind.percent && total > 0 {
            let ty = num(PLOT_BOTTOM - f64::from(total) * scale - 5.0);
            w!(
                o,
                r#"<text x="{cx}" y="{ty}" text-anchor="middle">{total}</text>"#
            );
        }
        let ty = PLOT_BOTTOM + 16.0;
        w!(o, r#"<text x="{cx}" y="{ty}" text-anchor="middle">"#);
        for (j, line) in label_lines(label, max_chars).iter().enumerate() {
            let (dy, line) = (if j == 0 { 0 } else { 13 }, escape(line));
            w!(o, r#"<tspan x="{cx}" dy="{dy}">{line}</tspan>"#);
        }
        o.push_str("</text></g>");
    }
    w!(
        o,
        r#"<line x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{PLOT_RIGHT}" y2="{PLOT_BOTTOM}" stroke="{TEXT}"/></svg>"#
    );
    o
}

/// Swatches drawn with the same patterns as the bars, laid out by estimated text width.
fn legend(kind: &Kind, p: &str, o: &mut String) {
    let mut x = PLOT_LEFT;
    o.push_str("<g>");
    for (key, name, ..) in &kind.series {
        let (sx, tx, name_xml) = (num(x), num(x + 20.0), escape(name));
        w!(
            o,
            r#"<rect x="{sx}" y="14" width="14" height="14" fill="url(#{p}-{key})" stroke="{TEXT}"/><text x="{tx}" y="25">{name_xml}</text>"#
        );
        x += 20.0 + name.chars().count() as f64 * CHAR_WIDTH + 18.0;
    }
    o.push_str("</g>");
}

/// Gridlines, tick labels and the axis title; returns the value at the top of the axis.
fn axis(kind: &Kind, o: &mut String, max_total: u32) -> u32 {
    // Counts step 1, 2, 5, 10, 20, 50... so there are at most five steps.
    let (axis_max, step, suffix) = if kind.percent {
        (100, 25, "%")
    } else {
        let steps = [1, 2, 5]
            .iter()
            .cycle()
            .zip(0..)
            .map(|(m, i)| m * 10u32.pow(i / 3));
        let step = steps
            .take(28)
            .find(|s| max_total.div_ceil(*s) <= 5)
            .unwrap_or(1);
        (max_total.div_ceil(step).max(1) * step, step, "")
    };
    for tick in (0..=axis_max).step_by(step as usize) {
        let y = PLOT_BOTTOM - f64::from(tick) / f64::from(axis_max) * PLOT_HEIGHT;
        let (ly, ty, tx) = (num(y), num(y + 4.0), PLOT_LEFT - 6.0);
        w!(
            o,
            r##"<line x1="{PLOT_LEFT}" y1="{ly}" x2="{PLOT_RIGHT}" y2="{ly}" stroke="#d4d4d4"/><text x="{tx}" y="{ty}" text-anchor="end" fill="#333333">{tick}{suffix}</text>"##
        );
    }
    let (cy, title) = (PLOT_TOP + PLOT_HEIGHT / 2.0, kind.axis);
    w!(
        o,
        r##"<text x="16" y="{cy}" transform="rotate(-90 16 {cy})" text-anchor="middle" fill="#333333">{title}</text>"##
    );
    axis_max
}

#[cfg(test)]
#[path = "chart/tests.rs"]
mod tests;
