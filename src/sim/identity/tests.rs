//! Route-level tests of the simulated identity platform.
