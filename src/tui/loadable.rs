//! `Loadable` (idle, loading, ready, failed) for every remote resource the store holds, and
//! `Paged` for collections that arrive a page at a time.
use super::effect::LoadKey;

/// Which load a result belongs to. A result whose generation is not the one the store waits
/// for is stale (the user moved on) and is dropped.
pub type Generation = u64;

/// `R` is what `r` needs to retry a failure: by default the `LoadKey` that failed; a pane that
/// reloads whatever it shows needs nothing (`()`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Loadable<T, R = LoadKey> {
    #[default]
    Idle,
    Loading {
        generation: Generation,
    },
    Ready(T),
    /// `retry` names the load that failed, so `r` can ask for it again.
    Failed {
        reason: String,
        retry: R,
    },
}

impl<T, R> Loadable<T, R> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Loadable::Ready(value) => Some(value),
            _ => None,
        }
    }

    pub fn ready_mut(&mut self) -> Option<&mut T> {
        match self {
            Loadable::Ready(value) => Some(value),
            _ => None,
        }
    }

    /// True when a result of `generation` is the one this resource waits for.
    pub fn awaits(&self, generation: Generation) -> bool {
        matches!(self, Loadable::Loading { generation: g } if *g == generation)
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, Loadable::Loading { .. })
    }
}

/// The part of a collection loaded so far. `total` is the service's count when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub next_link: Option<String>,
    pub total: Option<u64>,
    pub more: MoreState,
}

/// Where loading the next page stands.
#[derive(Debug, Clone, PartialEq)]
pub enum MoreState {
    Idle,
    Loading { generation: Generation },
    Failed { reason: String },
}

impl<T> Paged<T> {
    pub fn first(items: Vec<T>, next_link: Option<String>, total: Option<u64>) -> Self {
        Paged { items, next_link, total, more: MoreState::Idle }
    }

    pub fn has_more(&self) -> bool {
        self.next_link.is_some()
    }
}

impl MoreState {
    pub fn is_loading(&self) -> bool {
        matches!(self, MoreState::Loading { .. })
    }
}
