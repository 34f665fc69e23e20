//! Directory users, the owner's contacts and the relevance-ranked `/me/people` list.
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::cast::{Cast, Person};
use super::rng::Rng;
use super::shape::{iso, weak_etag};
use super::words::{CITIES, STREETS};
use crate::store::{Collection, Tenant};

/// Who directory user `i` reports to: user 1 heads the organisation, the mailbox owner (0)
/// reports to them, and the rest form teams of six under earlier members.
fn manager_index(i: usize) -> Option<usize> {
    match i {
        0 => Some(1),
        1 => None,
        i => Some(1 + (i - 2) / 6),
    }
}

/// `/users` objects with the default property set (graph-facts §4.10), their department and
/// company, and the internal `_managerId` behind `/users/{id}/manager`.
pub fn users(cast: &Cast) -> Collection {
    cast.directory
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let manager = manager_index(i).and_then(|m| cast.directory.get(m)).and_then(|m| m.user_id.clone());
            json!({
                "_managerId": manager,
                "department": p.department,
                "companyName": p.company,
                "id": p.user_id,
                "businessPhones": [p.phone],
                "displayName": p.name,
                "givenName": p.given,
                "surname": p.surname,
                "jobTitle": p.job,
                "mail": p.address,
                "userPrincipalName": p.address,
                "mobilePhone": p.mobile,
                "officeLocation": p.office,
                "preferredLanguage": p.preferred_language,
            })
        })
        .collect()
}

fn address(rng: &mut Rng) -> Value {
    let (city, state, country, postal) = rng.pick(CITIES);
    json!({ "street": rng.pick(STREETS), "city": city, "state": state, "countryOrRegion": country, "postalCode": postal })
}

/// A contact (graph-facts §4.9) for every outside correspondent: most in the default Contacts
/// folder (which `/me/contactFolders` does not list: it lists the folders inside it), every
/// eighth in its "Suppliers" folder.
pub fn contacts(tenant: &mut Tenant, rng: &mut Rng, cast: &Cast, anchor: DateTime<Utc>) {
    let default_id = tenant.mint_id("cfroot");
    let suppliers_id = tenant.mint_id("cfld");
    tenant
        .contact_folders
        .insert(json!({ "id": suppliers_id, "displayName": "Suppliers", "parentFolderId": default_id }));
    for (i, p) in cast.externals.iter().enumerate() {
        let folder_id = if i % 8 == 3 { &suppliers_id } else { &default_id };
        let id = tenant.mint_id("con");
        let created = anchor - Duration::minutes(rng.range(60 * 24 * 20, 60 * 24 * 900));
        let modified = created + Duration::minutes(rng.range(0, 60 * 24 * 10));
        let change_key = rng.change_key();
        let initials: String =
            [&p.given, &p.surname].iter().filter_map(|s| s.chars().next()).map(|c| format!("{c}.")).collect();
        let birthday = rng
            .chance(0.3)
            .then(|| format!("{}-{:02}-{:02}T11:59:00Z", rng.range(1960, 2001), rng.range(1, 13), rng.range(1, 29)));
        tenant.contacts.insert_packed(json!({
            "@odata.etag": weak_etag(&change_key),
            "id": id,
            "createdDateTime": iso(created),
            "lastModifiedDateTime": iso(modified),
            "changeKey": change_key,
            "categories": if rng.chance(0.2) { json!(["Customers"]) } else { json!([]) },
            "parentFolderId": folder_id,
            "birthday": birthday,
            "fileAs": format!("{}, {}", p.surname, p.given),
            "displayName": p.name,
            "givenName": p.given,
            "initials": initials,
            "middleName": null,
            "nickName": null,
            "surname": p.surname,
            "title": null,
            "yomiGivenName": null,
            "yomiSurname": null,
            "yomiCompanyName": null,
            "generation": null,
            "imAddresses": [],
            "jobTitle": p.job,
            "companyName": p.company,
            "department": p.department,
            "officeLocation": p.office,
            "profession": null,
            "businessHomePage": format!("https://www.{}", p.address.split('@').nth(1).unwrap_or("example.com")),
            "assistantName": null,
            "manager": null,
            "homePhones": if rng.chance(0.2) { json!([p.phone.replace("555", "556")]) } else { json!([]) },
            "mobilePhone": p.mobile,
            "businessPhones": [p.phone],
            "spouseName": null,
            "personalNotes": if rng.chance(0.15) { "Met at the Ignite booth." } else { "" },
            "children": [],
            "emailAddresses": [ { "name": p.name, "address": p.address } ],
            "homeAddress": {},
            "businessAddress": address(rng),
            "otherAddress": {},
        }));
    }
}

/// `/me/people`: the most frequent correspondents first (graph-facts §3.7).
pub fn people(rng: &mut Rng, cast: &Cast, mail_counts: &BTreeMap<String, u64>, limit: usize) -> Collection {
    let mut ranked: Vec<(&Person, u64)> =
        cast.correspondents().map(|p| (p, mail_counts.get(&p.address).copied().unwrap_or(0))).collect();
    // Stable order for equal counts: by address, never by hash order.
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.address.cmp(&b.0.address)));
    ranked.truncate(limit);
    let n = ranked.len().max(1) as f64;
    ranked
        .iter()
        .enumerate()
        .map(|(i, (p, _))| {
            let internal = p.is_internal();
            let id = p.user_id.clone().unwrap_or_else(|| rng.guid());
            let mut phones = vec![json!({ "type": "business", "number": p.phone })];
            if let Some(m) = &p.mobile {
                phones.push(json!({ "type": "mobile", "number": m }));
            }
            json!({
                "id": id,
                "displayName": p.name,
                "givenName": p.given,
                "surname": p.surname,
                "birthday": "",
                "personNotes": "",
                "isFavorite": false,
                "jobTitle": p.job,
                "companyName": p.company,
                "yomiCompany": "",
                "department": p.department,
                "officeLocation": p.office,
                "profession": "",
                "userPrincipalName": if internal { p.address.as_str() } else { "" },
                "imAddress": if internal { format!("sip:{}", p.address.to_ascii_lowercase()) } else { String::new() },
                "scoredEmailAddresses": [ { "address": p.address, "relevanceScore": ((n - i as f64) / n * 30.0 * 100.0).round() / 100.0, "selectionLikelihood": "notSpecified" } ],
                "phones": phones,
                "postalAddresses": [],
                "websites": [],
                "personType": { "class": "Person", "subclass": if internal { "OrganizationUser" } else { "PersonalContact" } },
            })
        })
        .collect()
}
