//! graph::calendar (being written)
