//! graph::batch (being written)
