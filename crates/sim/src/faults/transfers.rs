//! Faults and counters for the pre-authenticated transfer URLs (`/download/...`, `/upload/...`,
//! `/monitor/...`): download streams cut after a number of bytes, so a client's resume with
//! `Range` is tested on purpose; the bytes each upload PUT carried, so a test can count what was
//! sent twice; and the requests to those URLs that carried an Authorization header, which a
//! client must never send there (graph-facts §3.5).
use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderMap, header};

/// Where pre-authenticated URLs live on the simulator.
pub const PREAUTHENTICATED_PREFIXES: [&str; 3] = ["/download/", "/upload/", "/monitor/"];

#[derive(Debug, Default)]
pub struct TransferFaults {
    /// Cuts for coming download streams: each ends the stream after this many bytes.
    cuts: Mutex<VecDeque<u64>>,
    /// Every Nth download stream is cut halfway (`FaultOptions::download_cut_every`).
    cut_every: Mutex<Option<u32>>,
    downloads: AtomicU64,
    preauthenticated: AtomicU64,
    with_token: AtomicU64,
    upload_bytes: AtomicU64,
}

impl TransferFaults {
    /// Cuts each of the next `n` download streams after `after_bytes` bytes of its body.
    pub fn cut_next_downloads(&self, n: u32, after_bytes: u64) {
        let mut cuts = self.cuts.lock().unwrap_or_else(|e| e.into_inner());
        cuts.extend((0..n).map(|_| after_bytes));
    }

    pub(super) fn set_cut_every(&self, every: Option<u32>) {
        *self.cut_every.lock().unwrap_or_else(|e| e.into_inner()) = every.filter(|&n| n > 0);
    }

    /// For a download stream of `len` bytes starting now: after how many bytes to cut it.
    pub fn take_download_cut(&self, len: u64) -> Option<u64> {
        let number = self.downloads.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(cut) = self.cuts.lock().unwrap_or_else(|e| e.into_inner()).pop_front() {
            return Some(cut.min(len));
        }
        let every = *self.cut_every.lock().unwrap_or_else(|e| e.into_inner());
        every.filter(|&k| number.is_multiple_of(u64::from(k))).map(|_| len / 2)
    }

    /// Records a request to a pre-authenticated URL.
    pub(super) fn observe(&self, path: &str, method: &axum::http::Method, headers: &HeaderMap) {
        self.preauthenticated.fetch_add(1, Ordering::SeqCst);
        if headers.contains_key(header::AUTHORIZATION) {
            tracing::warn!(path, "a pre-authenticated URL was sent an Authorization header");
            self.with_token.fetch_add(1, Ordering::SeqCst);
        }
        if path.starts_with("/upload/") && method == axum::http::Method::PUT {
            let length = headers
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
            self.upload_bytes.fetch_add(length, Ordering::SeqCst);
        }
    }

    /// Requests to pre-authenticated URLs so far.
    pub fn preauthenticated_requests(&self) -> u64 {
        self.preauthenticated.load(Ordering::SeqCst)
    }

    /// Of those, the ones that carried an Authorization header (should stay 0).
    pub fn preauthenticated_with_token(&self) -> u64 {
        self.with_token.load(Ordering::SeqCst)
    }

    /// Body bytes announced by the PUTs to upload URLs so far (Content-Length), fragments sent
    /// again included.
    pub fn upload_bytes(&self) -> u64 {
        self.upload_bytes.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_cuts_come_first_then_the_schedule() {
        let t = TransferFaults::default();
        t.set_cut_every(Some(2));
        t.cut_next_downloads(1, 500);
        assert_eq!(t.take_download_cut(100), Some(100), "clamped to the stream");
        assert_eq!(t.take_download_cut(100), Some(50), "the second stream: every 2nd, halfway");
        assert_eq!(t.take_download_cut(100), None);
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_LENGTH, "42".parse().unwrap());
        t.observe("/upload/x", &axum::http::Method::PUT, &headers);
        headers.insert(header::AUTHORIZATION, "Bearer t".parse().unwrap());
        t.observe("/download/y", &axum::http::Method::GET, &headers);
        assert_eq!((t.preauthenticated_requests(), t.preauthenticated_with_token(), t.upload_bytes()), (2, 1, 42));
    }
}
