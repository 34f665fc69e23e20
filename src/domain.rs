//! Domain types the app works with, apart from the wire DTOs (being written).
