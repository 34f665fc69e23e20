//! Contacts as the app sees them (graph-facts §3.7, §4.9): every field Graph keeps, in the
//! app's words, with the conversions both ways (a contact the user edits goes back as a write).
//! Their text forms live beside: `vcard` (RFC 6350 export and import) and `card_text` (what
//! `$EDITOR` and the built-in form edit).
pub mod card_text;
pub mod vcard;

use chrono::{NaiveDate, TimeZone, Utc};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AddressKind {
    Home,
    Business,
    Other,
}

impl AddressKind {
    pub const ALL: [AddressKind; 3] = [AddressKind::Home, AddressKind::Business, AddressKind::Other];

    pub fn label(self) -> &'static str {
        match self {
            AddressKind::Home => "Home",
            AddressKind::Business => "Work",
            AddressKind::Other => "Other",
        }
    }
}

/// A postal address; empty parts are empty strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PostalAddress {
    pub street: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
}

impl PostalAddress {
    pub fn is_empty(&self) -> bool {
        [&self.street, &self.city, &self.state, &self.postal_code, &self.country].iter().all(|p| p.trim().is_empty())
    }

    /// One line: the non-empty parts joined with commas.
    pub fn one_line(&self) -> String {
        let parts = [&self.street, &self.city, &self.state, &self.postal_code, &self.country];
        parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ")
    }
}

/// A contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub id: String,
    /// `displayName`, else given name and surname, else `fileAs`.
    pub name: String,
    pub given_name: String,
    pub middle_name: String,
    pub surname: String,
    pub nickname: String,
    pub emails: Vec<Mailbox>,
    /// Mobile first, then business, then home numbers.
    pub phones: Vec<ContactPhone>,
    pub im_addresses: Vec<String>,
    pub company: Option<String>,
    /// The job title.
    pub title: Option<String>,
    pub department: Option<String>,
    pub office: Option<String>,
    pub profession: Option<String>,
    pub manager: Option<String>,
    pub assistant: Option<String>,
    pub spouse: Option<String>,
    pub web_page: Option<String>,
    /// Home, business, other: those that are not empty.
    pub addresses: Vec<(AddressKind, PostalAddress)>,
    pub birthday: Option<NaiveDate>,
    pub notes: String,
    pub categories: Vec<String>,
    pub children: Vec<String>,
    /// The contact folder it is in.
    pub folder_id: Option<String>,
}

fn present(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|text| text.trim().to_owned()).filter(|text| !text.is_empty())
}

fn text(value: &Option<String>) -> String {
    present(value).unwrap_or_default()
}

fn nonempty(list: &[String]) -> Vec<String> {
    list.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

impl From<&dto::PhysicalAddress> for PostalAddress {
    fn from(a: &dto::PhysicalAddress) -> Self {
        PostalAddress {
            street: text(&a.street),
            city: text(&a.city),
            state: text(&a.state),
            postal_code: text(&a.postal_code),
            country: text(&a.country_or_region),
        }
    }
}

impl From<&PostalAddress> for dto::PhysicalAddress {
    fn from(a: &PostalAddress) -> Self {
        let part = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        dto::PhysicalAddress {
            street: part(&a.street),
            city: part(&a.city),
            state: part(&a.state),
            country_or_region: part(&a.country),
            postal_code: part(&a.postal_code),
        }
    }
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
            phones.extend(nonempty(numbers).into_iter().map(|number| ContactPhone { kind, number }));
        }
        let addresses = [
            (AddressKind::Home, &value.home_address),
            (AddressKind::Business, &value.business_address),
            (AddressKind::Other, &value.other_address),
        ]
        .into_iter()
        .filter_map(|(kind, a)| a.as_ref().map(|a| (kind, PostalAddress::from(a))))
        .filter(|(_, a)| !a.is_empty())
        .collect();
        Contact {
            id: value.id.clone(),
            name,
            given_name: text(&value.given_name),
            middle_name: text(&value.middle_name),
            surname: text(&value.surname),
            nickname: text(&value.nick_name),
            emails: value
                .email_addresses
                .iter()
                .map(Mailbox::from)
                .filter(|mailbox| !mailbox.address.is_empty())
                .collect(),
            phones,
            im_addresses: nonempty(&value.im_addresses),
            company: present(&value.company_name),
            title: present(&value.job_title),
            department: present(&value.department),
            office: present(&value.office_location),
            profession: present(&value.profession),
            manager: present(&value.manager),
            assistant: present(&value.assistant_name),
            spouse: present(&value.spouse_name),
            web_page: present(&value.business_home_page),
            addresses,
            birthday: value.birthday.map(|b| b.date_naive()),
            notes: value.personal_notes.clone().unwrap_or_default().trim_end().to_owned(),
            categories: nonempty(&value.categories),
            children: nonempty(&value.children),
            folder_id: present(&value.parent_folder_id),
        }
    }
}

impl Contact {
    /// The first address, for completion and the list.
    pub fn first_email(&self) -> Option<&str> {
        self.emails.first().map(|m| m.address.as_str())
    }

    pub fn phone(&self, kind: PhoneKind) -> impl Iterator<Item = &str> {
        self.phones.iter().filter(move |p| p.kind == kind).map(|p| p.number.as_str())
    }

    pub fn address(&self, kind: AddressKind) -> Option<&PostalAddress> {
        self.addresses.iter().find(|(k, _)| *k == kind).map(|(_, a)| a)
    }

    /// The name to show and to send: the display name, else given name and surname.
    pub fn shown_name(&self) -> String {
        if !self.name.trim().is_empty() {
            return self.name.trim().to_owned();
        }
        [self.given_name.trim(), self.surname.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The card's lines, label and value (`contacts show`, the people pane's card); empty
    /// fields are left out, notes come last, a line each.
    pub fn card_lines(&self) -> Vec<(String, String)> {
        let contact = self;
        let mut lines: Vec<(String, String)> = vec![("Name".into(), contact.shown_name())];
        let mut push = |label: &str, value: &str| {
            if !value.trim().is_empty() {
                lines.push((label.to_owned(), value.to_owned()));
            }
        };
        push("Nickname", &contact.nickname);
        for mailbox in &contact.emails {
            push("Email", &mailbox.address);
        }
        for (kind, label) in
            [(PhoneKind::Mobile, "Mobile"), (PhoneKind::Business, "Work phone"), (PhoneKind::Home, "Home phone")]
        {
            for number in contact.phone(kind) {
                push(label, number);
            }
        }
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        push("Company", &text(&contact.company));
        push("Job title", &text(&contact.title));
        push("Department", &text(&contact.department));
        push("Office", &text(&contact.office));
        push("Profession", &text(&contact.profession));
        push("Manager", &text(&contact.manager));
        push("Assistant", &text(&contact.assistant));
        push("Web page", &text(&contact.web_page));
        for kind in AddressKind::ALL {
            if let Some(address) = contact.address(kind) {
                push(&format!("{} address", kind.label()), &address.one_line());
            }
        }
        push("Birthday", &contact.birthday.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
        push("Spouse", &text(&contact.spouse));
        push("Children", &contact.children.join(", "));
        push("IM", &contact.im_addresses.join(", "));
        push("Categories", &contact.categories.join(", "));
        for (at, line) in contact.notes.lines().enumerate() {
            lines.push((if at == 0 { "Notes".into() } else { String::new() }, line.to_owned()));
        }
        lines
    }

    /// The contact as Graph's write body wants it (`o365_graph::contacts::contact_body`): only
    /// the settable fields, the service's own (id, dates, folder) left out.
    pub fn to_dto(&self) -> dto::Contact {
        let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let optional = |s: &Option<String>| s.as_deref().and_then(opt);
        let mobile = self.phone(PhoneKind::Mobile).next().map(str::to_owned);
        let mut extra_mobiles: Vec<String> = self.phone(PhoneKind::Mobile).skip(1).map(str::to_owned).collect();
        let mut business: Vec<String> = self.phone(PhoneKind::Business).map(str::to_owned).collect();
        // Graph keeps one mobile number; more go with the business ones rather than be lost.
        business.append(&mut extra_mobiles);
        let address = |kind| self.address(kind).map(dto::PhysicalAddress::from);
        dto::Contact {
            display_name: opt(&self.shown_name()),
            given_name: opt(&self.given_name),
            middle_name: opt(&self.middle_name),
            surname: opt(&self.surname),
            nick_name: opt(&self.nickname),
            email_addresses: self
                .emails
                .iter()
                .map(|m| dto::EmailAddress { name: opt(&m.name), address: opt(&m.address) })
                .collect(),
            mobile_phone: mobile,
            business_phones: business,
            home_phones: self.phone(PhoneKind::Home).map(str::to_owned).collect(),
            im_addresses: self.im_addresses.clone(),
            company_name: optional(&self.company),
            job_title: optional(&self.title),
            department: optional(&self.department),
            office_location: optional(&self.office),
            profession: optional(&self.profession),
            manager: optional(&self.manager),
            assistant_name: optional(&self.assistant),
            spouse_name: optional(&self.spouse),
            business_home_page: optional(&self.web_page),
            home_address: address(AddressKind::Home),
            business_address: address(AddressKind::Business),
            other_address: address(AddressKind::Other),
            // Outlook keeps a birthday as that day's 11:59 UTC (so no zone shifts it a day).
            birthday: self.birthday.and_then(|d| d.and_hms_opt(11, 59, 0)).map(|t| Utc.from_utc_datetime(&t)),
            personal_notes: opt(&self.notes).map(|_| self.notes.clone()),
            categories: self.categories.clone(),
            children: self.children.clone(),
            ..dto::Contact::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_goes_to_the_wire_and_back_unchanged() {
        let contact = Contact {
            name: "Pavel Bansky".into(),
            given_name: "Pavel".into(),
            surname: "Bansky".into(),
            emails: vec![Mailbox { name: "Pavel Bansky".into(), address: "pavelb@fabrikam.example".into() }],
            phones: vec![
                ContactPhone { kind: PhoneKind::Mobile, number: "+1 425 555 0188".into() },
                ContactPhone { kind: PhoneKind::Business, number: "+1 732 555 0102".into() },
                ContactPhone { kind: PhoneKind::Home, number: "+1 732 555 0199".into() },
            ],
            company: Some("Fabrikam".into()),
            addresses: vec![(
                AddressKind::Business,
                PostalAddress { street: "1 Way".into(), city: "Redmond".into(), ..PostalAddress::default() },
            )],
            birthday: NaiveDate::from_ymd_opt(1980, 2, 29),
            notes: "Two\nlines".into(),
            categories: vec!["Customers".into()],
            ..Contact::default()
        };
        assert_eq!(Contact::from(&contact.to_dto()), contact);
    }
}
