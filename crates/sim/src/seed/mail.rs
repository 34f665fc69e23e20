//! The mailbox: folder tree, `messages` Inbox messages (exactly) with threads, the other folders'
//! mail, attachments, and deliberately hostile samples.
mod attach;
mod body;
mod categories;
mod folders;
mod hostile;
mod inbox;
mod message;
mod others;
mod record;
mod roster;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::cast::{Cast, Person};
use super::rng::Rng;
use crate::store::Tenant;
pub use attach::SeededAttachment;
pub use folders::Folders;
use message::Mail;
pub use record::SeededMail;
pub use roster::Roster;

/// What the rest of the tenant learns from the mailbox.
#[derive(Debug, Default)]
pub struct MailSummary {
    /// Messages exchanged per correspondent address (drives `/me/people` ranking).
    pub exchanged: BTreeMap<String, u64>,
    /// Flagged messages (id, subject, received): the "Flagged email" To Do list.
    pub flagged: Vec<(String, String, DateTime<Utc>)>,
}

/// Shared state of the mail generator.
pub(super) struct MailGen<'a> {
    pub tenant: &'a mut Tenant,
    pub rng: Rng,
    pub cast: &'a Cast,
    pub anchor: DateTime<Utc>,
    pub folders: Folders,
    /// Correspondents in order of how often they write (shuffled once, then picked skewed).
    pub favourites: Vec<&'a Person>,
    pub summary: MailSummary,
    /// Everyone the mailbox's messages name.
    pub roster: Roster,
}

impl<'a> MailGen<'a> {
    /// Stores a message and its attachments; returns its id.
    fn add(&mut self, mail: Mail, attachments: Vec<SeededAttachment>) -> String {
        let me = &self.cast.me().address;
        let outgoing = &mail.from.address == me;
        if outgoing {
            for p in mail.to.iter().chain(mail.cc.iter()) {
                *self.summary.exchanged.entry(p.address.clone()).or_default() += 2;
            }
        } else {
            *self.summary.exchanged.entry(mail.from.address.clone()).or_default() += 1;
        }
        let flagged = mail.flag == message::Flag::Flagged;
        let folder = mail.folder;
        let subject = mail.subject.clone();
        let sent = mail.sent;
        self.tenant.next_id += 1;
        let record = SeededMail::new(self.tenant.next_id, mail, self.rng.next_u64(), &mut self.roster);
        let id = record.id();
        if flagged {
            self.summary.flagged.push((id.clone(), subject, sent));
        }
        self.tenant.messages.insert_seeded(&id, folder, record);
        if !attachments.is_empty() {
            self.tenant.attachments.insert_seeded(id.clone(), attachments);
        }
        id
    }

    /// A correspondent, the frequent ones far more often.
    fn correspondent(&mut self) -> &'a Person {
        let i = self.rng.skewed(self.favourites.len());
        self.favourites[i]
    }

    /// A colleague other than the owner.
    fn colleague(&mut self) -> &'a Person {
        let dir = &self.cast.directory;
        &dir[1 + self.rng.below(dir.len() - 1)]
    }
}

/// Generates the whole mailbox into `tenant`.
pub fn generate(tenant: &mut Tenant, seed: u64, cast: &Cast, anchor: DateTime<Utc>, inbox_count: usize) -> MailSummary {
    let folders = folders::create(tenant);
    let mut rng = Rng::stream(seed, "mail");
    let mut favourites: Vec<&Person> = cast.correspondents().collect();
    // Fisher–Yates with our own generator, so the favourites are stable for a seed.
    for i in (1..favourites.len()).rev() {
        favourites.swap(i, rng.below(i + 1));
    }
    let mut generator = MailGen {
        tenant,
        rng,
        cast,
        anchor,
        folders,
        favourites,
        summary: MailSummary::default(),
        roster: Roster::for_cast(cast),
    };
    let sent_target = (inbox_count / 10).clamp(5, 2000);
    // The Inbox, Sent Items, and a few hundred in the other folders (see `others`).
    generator.tenant.messages.reserve(inbox_count + sent_target + 8 * (20 + inbox_count / 200).min(150) + 350);
    let sent_in_threads = inbox::generate(&mut generator, inbox_count, sent_target);
    others::sent(&mut generator, sent_target.saturating_sub(sent_in_threads), inbox_count);
    others::subfolders(&mut generator, inbox_count);
    others::small_folders(&mut generator);
    generator.tenant.messages.set_roster(Arc::new(generator.roster));
    folders::recount(generator.tenant);
    categories::generate(generator.tenant, seed);
    generator.summary
}
