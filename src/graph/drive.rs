//! graph::drive (being written)
