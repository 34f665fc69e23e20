//! graph::mail (being written)
