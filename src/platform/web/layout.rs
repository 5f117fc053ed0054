//! What every page's frame needs: title, who is signed in, the CSRF token, a flash message
//! and which part of the site the page belongs to (for the navigation's `aria-current`).

use crate::platform::auth::guards::Flash;
use crate::platform::auth::{Actor, Role, Viewer};

/// The parts of the site named in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The dashboard.
    Home,
    /// What is waiting for the person's action.
    Inbox,
    /// Entries, revisions and the bin.
    Journal,
    /// Cases.
    Cases,
    /// The tag catalogue.
    Tags,
    /// CPD records.
    Cpd,
    /// Deadlines and the calendar feed.
    Deadlines,
    /// Search.
    Search,
    /// Supervision.
    Supervision,
    /// Student placements.
    Placements,
    /// The account page.
    Account,
    /// Administration.
    Admin,
    /// Pages outside the navigation (sign-in, errors).
    None,
}

impl Section {
    /// The name templates use for the navigation item.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::Inbox => "inbox",
            Self::Journal => "journal",
            Self::Cases => "cases",
            Self::Tags => "tags",
            Self::Cpd => "cpd",
            Self::Deadlines => "deadlines",
            Self::Search => "search",
            Self::Supervision => "supervision",
            Self::Placements => "placements",
            Self::Account => "account",
            Self::Admin => "admin",
            Self::None => "",
        }
    }
}

/// The frame of a page.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The page's own title (the window title adds "Praxis").
    pub title: String,
    /// Who is signed in, if anyone.
    pub user: Option<Actor>,
    /// The CSRF token for forms on the page (including sign-out).
    pub csrf: String,
    /// A one-off message to show at the top.
    pub flash: Option<Flash>,
    /// Which navigation item is current.
    pub section: Section,
    /// How many things wait for the person, when the page has already gathered them (the
    /// dashboard, the inbox): shown in the navigation at once, so the browser need not ask.
    pub waiting: Option<usize>,
}

impl Layout {
    /// The frame for a signed-in page.
    pub fn signed_in(viewer: &Viewer, title: impl Into<String>, section: Section) -> Self {
        Self {
            title: title.into(),
            user: Some(viewer.actor.clone()),
            csrf: viewer.csrf.clone(),
            flash: viewer.flash.clone(),
            section,
            waiting: None,
        }
    }

    /// The frame for a page anyone may see.
    pub fn public(title: impl Into<String>, csrf: String, user: Option<Actor>) -> Self {
        Self {
            title: title.into(),
            user,
            csrf,
            flash: None,
            section: Section::None,
            waiting: None,
        }
    }

    /// Shows how many things wait for the person, already counted by the page.
    pub fn with_waiting(mut self, total: usize) -> Self {
        self.waiting = Some(total);
        self
    }

    /// Adds a message at the top of the page.
    pub fn with_flash(mut self, kind: &str, message: impl Into<String>) -> Self {
        self.flash = Some(Flash {
            kind: kind.to_string(),
            message: message.into(),
        });
        self
    }

    /// Whether the navigation item named `name` (see [`Section::as_str`]) is current.
    pub fn is_current(&self, name: &str) -> bool {
        self.section.as_str() == name
    }

    /// Whether the person supervises or educates others (supervisors, practice educators).
    pub fn supervises(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|user| matches!(user.role, Role::Supervisor | Role::PracticeEducator))
    }

    /// Whether Social Work England's CPD requirement applies: to registered social workers,
    /// not to students (who are not yet registrants) or administrators.
    pub fn is_registrant(&self) -> bool {
        self.user.as_ref().is_some_and(|user| {
            matches!(
                user.role,
                Role::Practitioner | Role::Supervisor | Role::PracticeEducator
            )
        })
    }

    /// Whether to show the placements link (students, practice educators, and supervisors,
    /// who may be a student's on-site supervisor).
    pub fn has_placements(&self) -> bool {
        self.user.as_ref().is_some_and(|user| {
            matches!(
                user.role,
                Role::Student | Role::PracticeEducator | Role::Supervisor
            )
        })
    }

    /// Whether to show the administration link.
    pub fn is_admin(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|user| user.role == Role::Admin)
    }
}
