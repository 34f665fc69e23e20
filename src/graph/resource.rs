//! graph::resource (being written)
