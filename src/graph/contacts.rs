//! graph::contacts (being written)
