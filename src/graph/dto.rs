//! graph::dto (being written)
