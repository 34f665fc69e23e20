//! graph::error (being written)
