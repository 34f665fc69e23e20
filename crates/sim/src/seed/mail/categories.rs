//! The owner's Outlook master categories: the six colour categories a new Outlook mailbox
//! starts with (which are also the names the seed puts on messages, `words::MAIL_CATEGORIES`).
use serde_json::json;

use super::super::rng::Rng;
use super::super::words::MAIL_CATEGORIES;
use crate::store::Tenant;

/// (display name, colour) of Outlook's default categories.
const PRESETS: [(&str, &str); 6] = [
    ("Red category", "preset0"),
    ("Orange category", "preset1"),
    ("Yellow category", "preset3"),
    ("Green category", "preset4"),
    ("Blue category", "preset7"),
    ("Purple category", "preset8"),
];

/// Fills `tenant.master_categories`; ids come from their own stream so the rest of the
/// mailbox is the same with or without them.
pub fn generate(tenant: &mut Tenant, seed: u64) {
    let mut rng = Rng::stream(seed, "master-categories");
    for (name, colour) in PRESETS {
        tenant.master_categories.insert(json!({ "id": rng.guid(), "displayName": name, "color": colour }));
    }
    debug_assert!(MAIL_CATEGORIES.iter().all(|used| PRESETS.iter().any(|(name, _)| name == used)));
}
