//! o365-graph: a Microsoft Graph client library, the Rust counterpart of python-o365's core.
//!
//! Sign-in flows with automatic refresh and a token store (`auth`), a client with retries,
//! throttling and paging (`client`, `paging`, `retry`), a request budget per mailbox (`budget`), an OData query builder (`query`),
//! `$batch`, delta queries (`delta`), resources (`me`, users, groups, sites), typed Graph JSON (`dto`) and endpoint
//! functions per workload (`mail`, `calendar`, `drive`, `todo`, `contacts`, `users`, `sites`).
//! An application describes its account with `AccountSettings`. Knows nothing of any UI.
pub mod auth;
pub mod batch;
pub mod budget;
pub mod calendar;
pub mod client;
pub mod contacts;
pub mod delta;
pub mod drive;
pub mod dto;
pub mod encode;
pub mod error;
mod lazy_http;
pub mod mail;
pub mod mailbox_settings;
pub mod paging;
pub mod permissions;
pub mod query;
pub mod request;
pub mod resource;
pub mod retry;
pub mod settings;
pub mod sites;
pub mod todo;
pub mod transport;
pub mod users;

/// Windows time zone names (what `dateTimeTimeZone` carries) and IANA names, both ways, from
/// CLDR's windowsZones data.
pub use o365_zones as zones;
pub use settings::{AccountSettings, AuthFlow, SecretString};
