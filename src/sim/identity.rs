//! sim::identity (being written by the identity helper): the contract other sim parts rely on.
use std::time::Duration;

use axum::Router;

use super::auth::Principal;
use super::store::Tenant;
use super::{SharedState, SimOptions};

/// The client id of the app registered in every simulated tenant (used by `--demo`).
pub const DEMO_CLIENT_ID: &str = "0365de70-51a1-4c1e-9a0e-5e5e5e5e5e5e";

#[derive(Debug, Clone)]
pub struct IdentityConfig {
    pub access_token_lifetime: Duration,
    pub auto_approve_device_codes: bool,
}

impl IdentityConfig {
    pub fn for_tenant(_tenant: &Tenant, options: &SimOptions) -> Self {
        Self {
            access_token_lifetime: options.access_token_lifetime,
            auto_approve_device_codes: options.auto_approve_device_codes,
        }
    }
}

#[derive(Debug)]
pub struct IdentityState {
    #[allow(dead_code)]
    config: IdentityConfig,
}

#[derive(Debug, Clone)]
pub struct TokenRejection(pub String);

impl TokenRejection {
    pub fn message(&self) -> String {
        self.0.clone()
    }
}

impl IdentityState {
    pub fn new(config: IdentityConfig) -> Self {
        Self { config }
    }

    pub fn validate_access_token(&self, _token: &str) -> Result<Principal, TokenRejection> {
        todo!("identity helper")
    }

    pub fn expire_access_tokens(&self) {
        todo!("identity helper")
    }
}

pub fn routes() -> Router<SharedState> {
    Router::new()
}
