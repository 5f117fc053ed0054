//! The words of reminder emails, made only from inbox items: kinds, dates, counts, the
//! person's own case references and links into Praxis. No names, no text from any record.

use chrono::NaiveDate;

use super::store::Outgoing;
use crate::inbox::item::day;
use crate::inbox::{Inbox, InboxItem, ItemKind};

/// Kinds worth an immediate notice: someone did something that waits for the person. Things
/// falling due are left to the digest.
pub const IMMEDIATE_KINDS: &[ItemKind] = &[
    ItemKind::RecordToSign,
    ItemKind::AgreementToSign,
    ItemKind::LearningAgreementToSign,
    ItemKind::ReviewToSign,
    ItemKind::RecordComment,
    ItemKind::RecordDisagreement,
    ItemKind::EvidenceComment,
];

/// Who a message is for.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    /// Their user id.
    pub user_id: i32,
    /// Their address.
    pub address: &'a str,
}

/// One line of a message for an item.
fn line(item: &InboxItem, public_url: &str) -> String {
    let reference = item
        .case_reference
        .as_deref()
        .map(|reference| format!("{reference}: "))
        .unwrap_or_default();
    let overdue = if item.overdue { " (overdue)" } else { "" };
    format!(
        "- {}: {reference}{}{overdue}\n  {public_url}{}\n",
        item.kind.label(),
        item.what,
        item.href
    )
}

fn footer(public_url: &str, why: &str) -> String {
    format!(
        "\nEverything waiting: {public_url}/inbox\n\nYou get this email because you asked for {why} \
         in Praxis. To stop, change your email reminders at {public_url}/account.\n"
    )
}

/// The daily digest of everything waiting, if anything is.
pub fn digest(
    to: Recipient<'_>,
    inbox: &Inbox,
    today: NaiveDate,
    public_url: &str,
) -> Option<Outgoing> {
    if inbox.is_empty() {
        return None;
    }
    let total = inbox.total();
    let mut body = format!("Waiting for you in Praxis on {}:\n\n", day(today));
    for (kind, count) in inbox.counts() {
        body.push_str(&format!("{}: {count}\n", kind.label()));
    }
    body.push('\n');
    for item in &inbox.items {
        body.push_str(&line(item, public_url));
    }
    body.push_str(&footer(public_url, "a daily digest"));
    Some(Outgoing {
        key: format!("digest:{}:{today}", to.user_id),
        recipient_id: to.user_id,
        address: to.address.to_string(),
        subject: format!(
            "Praxis: {total} {} waiting for you",
            if total == 1 { "thing" } else { "things" }
        ),
        body,
    })
}

/// An immediate notice of one item, if its kind has notices. The key names the item and, for
/// comments, the last comment it lists, so a later comment is a new notice.
pub fn notice(to: Recipient<'_>, item: &InboxItem, public_url: &str) -> Option<Outgoing> {
    if !IMMEDIATE_KINDS.contains(&item.kind) {
        return None;
    }
    let through = item.seen.map_or(0, |seen| seen.through);
    let mut body = String::from("New in Praxis:\n\n");
    body.push_str(&line(item, public_url));
    body.push_str(&footer(public_url, "immediate notices"));
    Some(Outgoing {
        key: format!(
            "notice:{}:{}:{}:{}:{through}",
            to.user_id,
            item.kind.as_str(),
            item.href,
            item.date
        ),
        recipient_id: to.user_id,
        address: to.address.to_string(),
        subject: format!("Praxis: {}", item.kind.label()),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: ItemKind) -> InboxItem {
        InboxItem::new(
            kind,
            "Supervision record of 3 Dec 2026".into(),
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            "/supervision/sessions/4#signatures-heading".into(),
        )
        .with_other("Pat Example")
    }

    fn to() -> Recipient<'static> {
        Recipient {
            user_id: 7,
            address: "sam@example.org",
        }
    }

    #[test]
    fn a_digest_counts_and_links_but_names_nobody() {
        let inbox = Inbox {
            items: vec![item(ItemKind::RecordToSign), item(ItemKind::SupervisionDue)],
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let mail = digest(to(), &inbox, today, "https://praxis.test").unwrap();
        assert_eq!(mail.key, "digest:7:2026-12-07");
        assert_eq!(mail.subject, "Praxis: 2 things waiting for you");
        assert!(mail.body.contains("Supervision record to sign: 1"));
        assert!(
            mail.body
                .contains("https://praxis.test/supervision/sessions/4#signatures-heading")
        );
        assert!(!mail.body.contains("Pat Example"));
        assert!(digest(to(), &Inbox::default(), today, "").is_none());
    }

    #[test]
    fn notices_are_for_events_and_a_later_comment_is_a_new_notice() {
        assert!(notice(to(), &item(ItemKind::DeadlineDue), "").is_none());
        let first = item(ItemKind::RecordComment).seen_on("session", 4, 10);
        let later = item(ItemKind::RecordComment).seen_on("session", 4, 12);
        let (a, b) = (
            notice(to(), &first, "").unwrap(),
            notice(to(), &later, "").unwrap(),
        );
        assert_ne!(a.key, b.key);
        assert_eq!(a.key, notice(to(), &first, "").unwrap().key);
        assert!(!a.body.contains("Pat Example"));
    }
}
