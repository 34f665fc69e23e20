//! The fault knob `expire_delta_every` (`o365 sim --expire-delta-every N`): every Nth delta
//! request that resumes from a deltaLink finds that the service lost the sync state of its
//! resource, as Exchange and OneDrive do after a while (graph-facts §2.8). The resource's tokens
//! are expired in the tenant's journals before the request is served, so the endpoint itself
//! answers 410 `syncStateNotFound`, and the old token stays refused afterwards; other
//! resources keep theirs. A first round or its next pages are never counted, so a resync that
//! follows always gets through.
use std::sync::atomic::Ordering;

use axum::http::Uri;

use crate::SharedState;
use crate::delta::token;

/// The resource a request resumes from its deltaLink (`$deltatoken`, or a drive's `token`
/// carrying a delta token), if it does.
pub fn resumed_scope(uri: &Uri) -> Option<String> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .filter(|(k, _)| k.eq_ignore_ascii_case("$deltatoken") || k.eq_ignore_ascii_case("token"))
        .find_map(|(_, v)| token::delta_scope(&v))
}

/// Counts a resuming delta request and, when the knob says this one is due, expires its resource.
pub fn on_request(state: &SharedState, uri: &Uri) {
    let every = state.faults.options.lock().unwrap_or_else(|e| e.into_inner()).expire_delta_every;
    let Some(every) = every.filter(|&n| n > 0) else { return };
    let Some(scope) = resumed_scope(uri) else { return };
    let number = state.faults.delta_resumes.fetch_add(1, Ordering::SeqCst) + 1;
    if number.is_multiple_of(u64::from(every)) {
        tracing::info!("fault knob: the sync state of a delta resource is lost (request {number})");
        state.write_tenant().expire_sync_state(&scope);
    }
}
