//! graph::paging (being written)
