//! graph::retry (being written)
