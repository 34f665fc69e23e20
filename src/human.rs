//! What people type and read, shared by the command line and the full-screen interface: date
//! arguments in the user's zone, sizes, text cut to a width.
pub mod addresses;
pub mod dates;
pub mod durations;
pub mod text;

pub use text::{fit, human_size};
