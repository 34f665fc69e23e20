//! The deterministic demo tenant: the same `SeedOptions` always give the same data.
//!
//! Everything derives from the seed (our own generator, `seed::rng`) and from `anchor` (no wall
//! clock); collections are built in a fixed order, never from hash-map iteration.
mod calendar;
mod cast;
mod drive;
mod files;
mod mail;
mod people;
mod rng;
mod shape;
mod sites;
mod text;
mod todo;
mod words;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};

use super::clock::DataClock;
use super::store::Tenant;

pub use mail::{Roster, SeededAttachment, SeededMail};

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub seed: u64,
    /// Messages in the Inbox itself; other folders get their own, smaller numbers.
    pub messages: usize,
    /// "Now" for the data: mail runs back from it, the calendar around it.
    pub anchor: DateTime<Utc>,
}

pub const DOMAIN: &str = "contoso.onmicrosoft.com";
const DIRECTORY_SIZE: usize = 50;
const CONTACT_COUNT: usize = 200;
const PEOPLE_COUNT: usize = 100;

/// A colleague's invitation to a meeting in the Inbox, with its event (`calendar::shared`).
pub fn invite_owner(tenant: &mut Tenant, anchor: DateTime<Utc>) {
    calendar::shared::invite_owner(tenant, anchor);
}

pub fn generate(options: &SeedOptions) -> Tenant {
    let clock = DataClock::starting_at(options.anchor);
    let mut tenant = Tenant { domain: DOMAIN.to_owned(), clock, ..Tenant::default() };
    let mut rng = rng::Rng::stream(options.seed, "directory");
    tenant.tenant_id = rng.guid();
    let cast = cast::build(&mut rng, DOMAIN, DIRECTORY_SIZE, CONTACT_COUNT);
    tenant.users = people::users(&cast);
    tenant.me_id = cast.me().user_id.clone().unwrap_or_default();

    let summary = mail::generate(&mut tenant, options.seed, &cast, options.anchor, options.messages);

    let mut rng = rng::Rng::stream(options.seed, "people");
    people::contacts(&mut tenant, &mut rng, &cast, options.anchor);
    tenant.people = people::people(&mut rng, &cast, &summary.exchanged, PEOPLE_COUNT);

    calendar::generate(&mut tenant, options.seed, &cast, options.anchor);
    drive::generate(&mut tenant, options.seed, &cast, options.anchor);
    sites::generate(&mut tenant, options.seed, &cast, options.anchor);
    todo::generate(&mut tenant, options.seed, &summary.flagged, options.anchor);
    calendar::shared::generate(&mut tenant, &cast);
    calendar::group::generate(&mut tenant, options.seed, &cast, options.anchor);
    tenant
}
