//! o365: a Microsoft 365 client library (Graph client, sign-in, config), a simulated tenant, and the CLI.
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod graph;
pub mod paths;
pub mod render;
pub mod sanitize;
pub mod sim;
pub mod tui;
