//! A reqwest client built on its first request, not when the account is opened: building one
//! loads the system's root certificates (a few hundred files on a Debian machine), which an
//! interface started from its cache (`--offline`, or before the first page arrives) would pay
//! before its first frame for nothing.
use std::sync::{Arc, OnceLock};

/// How to build the client; run at most once, on the first request.
type Build = dyn Fn() -> Result<reqwest::Client, String> + Send + Sync;

/// A cheap-to-clone handle: clones share the one client (and its connection pool) once built.
#[derive(Clone)]
pub(crate) struct LazyHttp {
    build: Arc<Build>,
    built: Arc<OnceLock<Result<reqwest::Client, String>>>,
}

impl LazyHttp {
    /// `build` should do no I/O of its own but `ClientBuilder::build`: settings it checks
    /// (a proxy's URL) are better checked before, where the account is opened.
    pub(crate) fn new(build: impl Fn() -> Result<reqwest::Client, String> + Send + Sync + 'static) -> Self {
        Self { build: Arc::new(build), built: Arc::new(OnceLock::new()) }
    }

    /// The client, built now if this is the first request; the builder's error on every call
    /// when it could not be built.
    pub(crate) fn get(&self) -> Result<&reqwest::Client, &str> {
        self.built.get_or_init(|| (self.build)()).as_ref().map_err(String::as_str)
    }

    /// Whether the client has been built (for tests).
    #[cfg(test)]
    pub(crate) fn is_built(&self) -> bool {
        self.built.get().is_some()
    }
}

impl std::fmt::Debug for LazyHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyHttp").field("built", &self.built.get().is_some()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_client_is_built_once_on_first_use_and_shared_by_clones() {
        let builds = Arc::new(AtomicUsize::new(0));
        let counted = builds.clone();
        let lazy = LazyHttp::new(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            reqwest::Client::builder().build().map_err(|e| e.to_string())
        });
        assert!(!lazy.is_built());
        assert_eq!(builds.load(Ordering::SeqCst), 0, "opening builds nothing");
        let clone = lazy.clone();
        assert!(clone.get().is_ok());
        assert!(lazy.get().is_ok());
        assert!(lazy.is_built());
        assert_eq!(builds.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_failed_build_is_reported_on_every_request() {
        let lazy = LazyHttp::new(|| Err("no TLS".to_owned()));
        assert_eq!(lazy.get().err(), Some("no TLS"));
        assert_eq!(lazy.get().err(), Some("no TLS"));
    }
}
