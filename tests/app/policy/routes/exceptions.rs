//! Where the app answers otherwise than the principles of the route matrix: each cell named,
//! with its reason. Known leaks stay here, visible, until they are fixed; the matrix fails
//! when a line no longer excuses anything.

/// Which principle a cell is excused from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Waive {
    /// A person the principles allow may get a 404.
    Yes,
    /// A person the principles refuse may get a 422 instead of the 404.
    No,
    /// A person the principles refuse gets in: a leak, kept visible until it is fixed.
    Leak,
}

/// Cells where the app answers otherwise than the principles, each with its reason:
/// `(method or "*", route (a trailing "*" matches the rest), person or "*", resource or "*",
/// waived, reason)`. Each must excuse at least one cell, so a fixed leak leaves no stale line.
pub(super) const EXCEPTIONS: &[(&str, &str, &str, &str, Waive, &str)] = &[
    (
        "GET",
        "/metrics",
        "*",
        "*",
        Waive::Yes,
        "metrics answer only a scraper holding the configured token, never a person",
    ),
    (
        "GET",
        "/api/v1/placements/<id>/reviews/<stage>",
        "lisa",
        "*",
        Waive::Yes,
        "an on-site supervisor reads what the student shares, not reviews",
    ),
    (
        "GET",
        "/placements/<id>/reviews/<stage>",
        "lisa",
        "*",
        Waive::Yes,
        "an on-site supervisor reads what the student shares, not reviews",
    ),
    (
        "POST",
        "/entries/<id>/restore",
        "*",
        "*",
        Waive::Yes,
        "only an entry in the bin can be restored, and the world bins none",
    ),
    (
        "GET",
        "/setup",
        "*",
        "*",
        Waive::Yes,
        "setting up ends with the first account",
    ),
    (
        "POST",
        "/setup",
        "*",
        "*",
        Waive::Yes,
        "setting up ends with the first account",
    ),
];
