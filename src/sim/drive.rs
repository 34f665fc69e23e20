//! sim::drive (being written).
use axum::Router;

use super::SharedState;

pub fn routes() -> Router<SharedState> {
    Router::new()
}

/// Pre-authenticated download and upload-session URLs (no bearer token).
pub fn unauthenticated_routes() -> Router<SharedState> {
    Router::new()
}
