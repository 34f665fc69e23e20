//! sim::seed (being written): the deterministic demo tenant.
use chrono::{DateTime, Utc};

use super::store::Tenant;

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub seed: u64,
    pub messages: usize,
    pub anchor: DateTime<Utc>,
}

pub fn generate(_options: &SeedOptions) -> Tenant {
    todo!("seed helper")
}
