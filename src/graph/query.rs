//! graph::query (being written)
