//! graph::users (being written)
