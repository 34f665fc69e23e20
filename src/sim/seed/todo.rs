//! stub
pub fn generate(_t: &mut crate::sim::store::Tenant, _s: u64, _c: &[(String, String, chrono::DateTime<chrono::Utc>)], _a: chrono::DateTime<chrono::Utc>) {}
