//! graph::client (being written)
