//! The headless command line (being written).
