//! The `o365` binary.
fn main() {}
