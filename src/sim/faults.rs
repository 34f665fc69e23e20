//! sim::faults (being written): throttling, 503 bursts, dropped connections, slow answers, expiry.
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::SharedState;

#[derive(Debug, Clone, Default)]
pub struct FaultOptions {}

#[derive(Debug)]
pub struct Faults {
    #[allow(dead_code)]
    options: FaultOptions,
}

impl Faults {
    pub fn new(options: FaultOptions) -> Self {
        Self { options }
    }
}

pub async fn inject(State(_state): State<SharedState>, req: Request, next: Next) -> Response {
    next.run(req).await
}
