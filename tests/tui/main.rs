//! The full-screen interface without a terminal: the store, `update`, the views drawn on a
//! TestBackend (insta snapshots, pinned clock and zone) and the real worker against the simulated
//! tenant.
//!
//! One test binary of a few: each links the whole crate, and on a 2-core machine linking
//! dominates. Shared fixtures are in tests/support/.
#[path = "../support/compose_ui.rs"]
mod compose_ui;
#[path = "../support/client_harness.rs"]
mod harness;
#[path = "../support/mail_harness.rs"]
mod mail_harness;
#[path = "../support/screen.rs"]
mod screen;
#[path = "../support/tui_driver.rs"]
mod tui_driver;

mod cache;
mod cache_panes;
mod calendar;
mod calendar_groups;
mod calendar_snapshots;
mod compose;
mod compose_daily;
mod compose_drive_link;
mod compose_editor;
mod compose_snapshots;
mod compose_upload;
mod compose_upload_snapshots;
mod daily_snapshots;
mod drive_folders;
mod drive_open;
mod drive_ops;
mod drive_ops_snapshots;
mod drive_sites_snapshots;
mod drive_snapshots;
mod invitation_reader;
mod mail_categories;
mod mail_categories_snapshots;
mod mail_daily;
mod mail_ops;
mod mail_ops_snapshots;
mod mail_snapshots;
mod people;
mod people_snapshots;
mod prompt_snapshots;
mod tasks;
mod tasks_snapshots;
mod worker;
