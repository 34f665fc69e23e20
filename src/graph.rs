//! The Microsoft Graph client layer: HTTP, sign-in, OData queries, paging, batching, typed resources.
//!
//! Knows nothing of the UI.
pub mod auth;
pub mod batch;
pub mod calendar;
pub mod client;
pub mod contacts;
pub mod drive;
pub mod dto;
pub mod error;
pub mod mail;
pub mod paging;
pub mod query;
pub mod request;
pub mod resource;
pub mod retry;
pub mod sites;
pub mod todo;
pub mod transport;
pub mod users;
