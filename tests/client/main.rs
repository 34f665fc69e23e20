//! The client library (o365-graph) against the simulated tenant: sign-in flows and refresh, paging,
//! retries, batching, errors, typed DTOs, the query builder, and every workload's reads and writes,
//! asserting the tenant's state.
//!
//! One test binary of a few: each links the whole crate, and on a 2-core machine linking
//! dominates. Shared fixtures are in tests/support/.
#[path = "../support/cli_harness.rs"]
mod cli_harness;
#[path = "../support/client_harness.rs"]
mod harness;
#[path = "../support/mail_harness.rs"]
mod mail_harness;

mod auth_flows;
mod auth_refresh;
mod batch;
mod calendar_sync;
mod calendar_writes;
mod contacts_sync;
mod drive_files;
mod drive_sync;
mod dto;
mod errors;
mod mail_categories;
mod mail_folders;
mod mail_organise;
mod mail_sync;
mod mail_upload;
mod mail_writes;
mod paging;
mod people;
mod permissions;
mod query;
mod reads;
mod retries;
mod sites;
mod todo_sync;
mod todo_writes;
