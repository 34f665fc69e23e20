//! Where o365 keeps its files (being written).
