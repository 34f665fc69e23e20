//! The JSON a contact write sends: the settable properties of `contact` (learn.microsoft.com
//! resources/contact), read-only ones (id, dates, change key, folder) left out.
use serde_json::{Map, Value, json};

use crate::dto::{Contact, EmailAddress, PhysicalAddress};

/// What a client may set on a contact.
pub const SETTABLE: &[&str] = &[
    "displayName",
    "givenName",
    "middleName",
    "surname",
    "nickName",
    "title",
    "initials",
    "generation",
    "fileAs",
    "emailAddresses",
    "imAddresses",
    "businessPhones",
    "homePhones",
    "mobilePhone",
    "jobTitle",
    "companyName",
    "department",
    "officeLocation",
    "profession",
    "manager",
    "assistantName",
    "spouseName",
    "businessHomePage",
    "businessAddress",
    "homeAddress",
    "otherAddress",
    "birthday",
    "personalNotes",
    "children",
    "categories",
    "yomiGivenName",
    "yomiSurname",
    "yomiCompanyName",
];

fn text(value: &Option<String>) -> Value {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => json!(v),
        _ => Value::Null,
    }
}

fn address(value: &Option<PhysicalAddress>) -> Value {
    match value {
        Some(a) if !a.is_empty() => json!(a),
        _ => json!({}),
    }
}

fn emails(list: &[EmailAddress]) -> Value {
    let kept: Vec<Value> = list
        .iter()
        .filter(|e| e.address.as_deref().is_some_and(|a| !a.trim().is_empty()))
        .map(|e| {
            let mut one = Map::new();
            if let Some(name) = e.name.as_deref().filter(|n| !n.trim().is_empty()) {
                one.insert("name".into(), json!(name));
            }
            one.insert("address".into(), json!(e.address.as_deref().unwrap_or_default().trim()));
            Value::Object(one)
        })
        .collect();
    Value::Array(kept)
}

/// The write body. `complete` also sends the empty fields (as `null`, `[]` or `{}`), so a
/// `PATCH` leaves the contact exactly as given; otherwise only the fields with a value go.
pub fn contact_body(contact: &Contact, complete: bool) -> Value {
    let c = contact;
    let strings = |list: &[String]| json!(list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>());
    let fields: Vec<(&str, Value)> = vec![
        ("displayName", text(&c.display_name)),
        ("givenName", text(&c.given_name)),
        ("middleName", text(&c.middle_name)),
        ("surname", text(&c.surname)),
        ("nickName", text(&c.nick_name)),
        ("title", text(&c.title)),
        ("initials", text(&c.initials)),
        ("generation", text(&c.generation)),
        ("fileAs", text(&c.file_as)),
        ("emailAddresses", emails(&c.email_addresses)),
        ("imAddresses", strings(&c.im_addresses)),
        ("businessPhones", strings(&c.business_phones)),
        ("homePhones", strings(&c.home_phones)),
        ("mobilePhone", text(&c.mobile_phone)),
        ("jobTitle", text(&c.job_title)),
        ("companyName", text(&c.company_name)),
        ("department", text(&c.department)),
        ("officeLocation", text(&c.office_location)),
        ("profession", text(&c.profession)),
        ("manager", text(&c.manager)),
        ("assistantName", text(&c.assistant_name)),
        ("spouseName", text(&c.spouse_name)),
        ("businessHomePage", text(&c.business_home_page)),
        ("businessAddress", address(&c.business_address)),
        ("homeAddress", address(&c.home_address)),
        ("otherAddress", address(&c.other_address)),
        ("birthday", c.birthday.map_or(Value::Null, |b| json!(b.format("%Y-%m-%dT%H:%M:%SZ").to_string()))),
        ("personalNotes", text(&c.personal_notes)),
        ("children", strings(&c.children)),
        ("categories", strings(&c.categories)),
        ("yomiGivenName", text(&c.yomi_given_name)),
        ("yomiSurname", text(&c.yomi_surname)),
        ("yomiCompanyName", text(&c.yomi_company_name)),
    ];
    let empty = |v: &Value| match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    let mut out = Map::new();
    for (name, value) in fields {
        if complete || !empty(&value) {
            out.insert(name.to_owned(), value);
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_contact_sends_what_it_has_and_a_replacement_everything() {
        let contact = Contact {
            id: "x".into(),
            display_name: Some("Pavel Bansky".into()),
            given_name: Some(" Pavel ".into()),
            email_addresses: vec![
                EmailAddress { name: None, address: Some("pavelb@fabrikam.example".into()) },
                EmailAddress { name: Some("empty".into()), address: Some(" ".into()) },
            ],
            business_phones: vec!["+1 732 555 0102".into(), "".into()],
            ..Contact::default()
        };
        assert_eq!(
            contact_body(&contact, false),
            json!({"displayName": "Pavel Bansky", "givenName": "Pavel",
                   "emailAddresses": [{"address": "pavelb@fabrikam.example"}], "businessPhones": ["+1 732 555 0102"]})
        );
        let full = contact_body(&contact, true);
        let keys: Vec<&String> = full.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), SETTABLE.len());
        assert!(SETTABLE.iter().all(|k| full.get(*k).is_some()), "every settable field and only those");
        assert_eq!((full["surname"].clone(), full["homeAddress"].clone()), (Value::Null, json!({})));
    }
}
