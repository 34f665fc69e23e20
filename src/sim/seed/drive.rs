//! stub
pub fn generate(_t: &mut crate::sim::store::Tenant, _s: u64, _c: &super::cast::Cast, _a: chrono::DateTime<chrono::Utc>) {}
