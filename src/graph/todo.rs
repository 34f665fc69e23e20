//! graph::todo (being written)
