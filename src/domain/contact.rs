//! Contacts as the app sees them (graph-facts §3.7).
use serde::Serialize;

use super::Mailbox;
use o365_graph::dto;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PhoneKind {
    Mobile,
    Business,
    Home,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactPhone {
    pub kind: PhoneKind,
    pub number: String,
}

/// A contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub id: String,
    /// `displayName`, else given name and surname, else `fileAs`.
    pub name: String,
    pub emails: Vec<Mailbox>,
    /// Mobile first, then business, then home numbers.
    pub phones: Vec<ContactPhone>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
}

fn present(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|text| text.trim().to_owned()).filter(|text| !text.is_empty())
}

impl From<&dto::Contact> for Contact {
    fn from(value: &dto::Contact) -> Self {
        let joined = [present(&value.given_name), present(&value.surname)].into_iter().flatten().collect::<Vec<_>>();
        let name = present(&value.display_name)
            .or_else(|| (!joined.is_empty()).then(|| joined.join(" ")))
            .or_else(|| present(&value.file_as))
            .unwrap_or_default();
        let mut phones = Vec::new();
        if let Some(number) = present(&value.mobile_phone) {
            phones.push(ContactPhone { kind: PhoneKind::Mobile, number });
        }
        for (kind, numbers) in [(PhoneKind::Business, &value.business_phones), (PhoneKind::Home, &value.home_phones)] {
            phones.extend(
                numbers
                    .iter()
                    .filter(|number| !number.trim().is_empty())
                    .map(|number| ContactPhone { kind, number: number.clone() }),
            );
        }
        Contact {
            id: value.id.clone(),
            name,
            emails: value
                .email_addresses
                .iter()
                .map(Mailbox::from)
                .filter(|mailbox| !mailbox.address.is_empty())
                .collect(),
            phones,
            company: present(&value.company_name),
            title: present(&value.job_title),
            department: present(&value.department),
        }
    }
}
