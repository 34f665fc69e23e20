//! The people of the demo tenant: the directory (mailbox owner first) and outside correspondents.
//!
//! Everything else (mail, meetings, contacts, people ranking) draws its senders from here.
use std::collections::BTreeSet;

use super::rng::Rng;
use super::words::{
    COMPANIES, DEPARTMENTS, GIVEN_NAMES, JOB_TITLES, OFFICES, SERVICES, SURNAMES, WORLD_NAMES, ascii_fold,
};

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub given: String,
    pub surname: String,
    pub address: String,
    pub job: &'static str,
    pub company: String,
    pub department: &'static str,
    pub office: &'static str,
    pub phone: String,
    pub mobile: Option<String>,
    /// Directory object id for members of the tenant.
    pub user_id: Option<String>,
    pub preferred_language: &'static str,
    /// Index into `text::LANGUAGES` when this person writes in another language.
    pub writes_in: Option<usize>,
}

impl Person {
    /// Someone known only by a name and an address (automated senders, spammers, attackers).
    pub fn outsider(name: &str, address: &str) -> Self {
        Person {
            name: name.to_owned(),
            given: String::new(),
            surname: String::new(),
            address: address.to_owned(),
            job: "",
            company: String::new(),
            department: "",
            office: "",
            phone: String::new(),
            mobile: None,
            user_id: None,
            preferred_language: "en-US",
            writes_in: None,
        }
    }

    pub fn is_internal(&self) -> bool {
        self.user_id.is_some()
    }
}

#[derive(Debug)]
pub struct Cast {
    /// Tenant members; `directory[0]` owns the mailbox.
    pub directory: Vec<Person>,
    /// People outside the tenant (customers, vendors, friends): the contacts.
    pub externals: Vec<Person>,
    /// Automated senders.
    pub services: Vec<Person>,
}

impl Cast {
    pub fn me(&self) -> &Person {
        &self.directory[0]
    }

    /// Everyone a message could come from, the owner excluded: colleagues first, then outsiders.
    pub fn correspondents(&self) -> impl Iterator<Item = &Person> {
        self.directory[1..].iter().chain(self.externals.iter())
    }
}

fn phone(rng: &mut Rng) -> String {
    format!("+1 {} 555 01{:02}", rng.pick(&["425", "206", "412", "732", "858"]), rng.below(100))
}

fn unique(taken: &mut BTreeSet<String>, wanted: String) -> String {
    let (local, domain) = wanted.split_once('@').unwrap_or((&wanted, ""));
    let mut candidate = wanted.clone();
    let mut n = 2;
    while !taken.insert(candidate.to_ascii_lowercase()) {
        candidate = format!("{local}{n}@{domain}");
        n += 1;
    }
    candidate
}

pub fn build(rng: &mut Rng, domain: &str, directory_size: usize, external_count: usize) -> Cast {
    let mut taken = BTreeSet::new();
    let mut directory = Vec::with_capacity(directory_size);
    for i in 0..directory_size {
        let (given, given_ascii) = rng.pick(GIVEN_NAMES);
        let (surname, surname_ascii) = rng.pick(SURNAMES);
        let mut first = given_ascii.to_owned();
        if let Some(c) = first.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        let initial = surname_ascii[..1].to_ascii_uppercase();
        let address = unique(&mut taken, format!("{first}{initial}@{domain}"));
        directory.push(Person {
            name: format!("{given} {surname}"),
            given: given.to_owned(),
            surname: surname.to_owned(),
            address,
            job: if i == 0 { "Program Manager" } else { rng.pick(JOB_TITLES) },
            company: "Contoso".to_owned(),
            department: rng.pick(DEPARTMENTS),
            office: rng.pick(OFFICES),
            phone: phone(rng),
            mobile: rng.chance(0.6).then(|| phone(rng)),
            user_id: Some(rng.guid()),
            preferred_language: rng.pick(&["en-US", "en-US", "en-US", "en-GB", "fr-FR", "de-DE", "ja-JP"]),
            writes_in: None,
        });
    }

    let mut externals = Vec::with_capacity(external_count);
    for i in 0..external_count {
        let (company, company_domain) = rng.pick(COMPANIES);
        let (name, given, surname, local, writes_in) = if i % 9 == 4 {
            let w = i / 9 % WORLD_NAMES.len();
            let (name, given, surname, local) = WORLD_NAMES[w];
            // Arabic, Hebrew, Japanese and Chinese speakers write in their language.
            (name.to_owned(), given.to_owned(), surname.to_owned(), local.to_owned(), (w < 8).then_some(w / 2))
        } else {
            let (given, given_ascii) = rng.pick(GIVEN_NAMES);
            let (surname, surname_ascii) = rng.pick(SURNAMES);
            let local = format!("{given_ascii}.{}", ascii_fold(surname_ascii));
            let writes_in = (rng.chance(0.08)).then(|| 4 + rng.below(2));
            (format!("{given} {surname}"), given.to_owned(), surname.to_owned(), local, writes_in)
        };
        externals.push(Person {
            name,
            given,
            surname,
            address: unique(&mut taken, format!("{local}@{company_domain}")),
            job: rng.pick(JOB_TITLES),
            company: company.to_owned(),
            department: rng.pick(DEPARTMENTS),
            office: rng.pick(OFFICES),
            phone: phone(rng),
            mobile: rng.chance(0.7).then(|| phone(rng)),
            user_id: None,
            preferred_language: "en-US",
            writes_in,
        });
    }

    let services = SERVICES.iter().map(|(name, address)| Person::outsider(name, address)).collect();
    Cast { directory, externals, services }
}
