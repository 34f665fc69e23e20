//! Domain types the app works with, apart from the wire DTOs (`graph::dto`), and the pure
//! conversions from DTOs. Instants are kept in UTC or with their source offset; showing them in
//! the user's zone goes through `time_zones`, which takes the zone as an argument.
use serde::Serialize;

use o365_graph::dto;

pub mod address_book;
pub mod calendar;
pub mod contact;
pub mod drive;
pub mod mail;
pub mod mailbox_settings;
pub mod time_zones;
pub mod todo;
pub mod user;

pub use calendar::{Calendar, Event, EventAttendee, EventTime};
pub use contact::{AddressKind, Contact, ContactPhone, PhoneKind, PostalAddress};
pub use drive::{DriveItem, DriveItemKind};
pub use mail::{
    AttachmentInfo, AttachmentKind, CategoryEdit, Folder, Message, MessageSummary, QuickFilters, WellKnown,
};
pub use todo::edit::{TaskEdit, TaskField};
pub use todo::{ChecklistItem, Task, TaskList};
pub use user::{Me, User};

// Closed value sets are shared with the wire types: they already keep values this build does
// not know (`Other`), which the app must show rather than hide.
pub use o365_graph::dto::{
    AttendeeType, EventType, Importance, ResponseType, Sensitivity, ShowAs, TaskStatus, WellknownListName,
};

/// A named address: `"Adele Vance" <AdeleV@contoso.onmicrosoft.com>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    /// Empty when Graph gave no name.
    pub name: String,
    pub address: String,
}

impl Mailbox {
    /// The name, or the address when there is no name.
    pub fn display(&self) -> &str {
        if self.name.trim().is_empty() { &self.address } else { &self.name }
    }
}

impl From<&dto::EmailAddress> for Mailbox {
    fn from(value: &dto::EmailAddress) -> Self {
        Mailbox { name: value.name.clone().unwrap_or_default(), address: value.address.clone().unwrap_or_default() }
    }
}

impl Mailbox {
    /// The mailbox of a recipient, `None` when it carries no address object.
    pub fn from_recipient(recipient: &dto::Recipient) -> Option<Self> {
        recipient.email_address.as_ref().map(Mailbox::from)
    }

    pub(crate) fn list(recipients: &[dto::Recipient]) -> Vec<Mailbox> {
        recipients.iter().filter_map(Mailbox::from_recipient).collect()
    }
}

/// A body as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Body {
    Html(String),
    Text(String),
}

impl Body {
    pub fn content(&self) -> &str {
        match self {
            Body::Html(content) | Body::Text(content) => content,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.content().trim().is_empty()
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

impl From<&dto::ItemBody> for Body {
    fn from(value: &dto::ItemBody) -> Self {
        let content = value.content.clone().unwrap_or_default();
        match value.content_type {
            Some(dto::BodyType::Html) => Body::Html(content),
            _ => Body::Text(content),
        }
    }
}

/// A new unread message as a notification names it: who sent it (the name, else the address)
/// and its subject, as the service sent them: remote text, never shown raw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewMail {
    pub from: String,
    pub subject: String,
}

impl NewMail {
    pub fn of(message: &MessageSummary) -> Self {
        let from = message.from.as_ref().map(|f| if f.name.trim().is_empty() { &f.address } else { &f.name });
        NewMail { from: from.cloned().unwrap_or_default(), subject: message.subject.clone() }
    }
}
