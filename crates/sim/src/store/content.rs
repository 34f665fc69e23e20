//! The bytes of drive files: stored, or generated from a seed on first read, and their hashes,
//! computed the first time a response shows them and kept per tenant.
use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use base64::Engine;
use o365_quickxorhash::QuickXorHash;
use sha2::{Digest, Sha256};

/// The bytes of a drive file: stored, or produced on demand from a seed so that
/// multi-megabyte files cost no memory until someone changes them.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    /// Uploaded bytes, shared: a download takes a handle and serves slices of it, never a copy
    /// (a gigabyte file was copied whole for each request, a resumed `Range` one too).
    Shared(Bytes),
    Generated {
        seed: u64,
        len: u64,
    },
}

impl Content {
    pub fn len(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Shared(b) => b.len() as u64,
            Content::Generated { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes in `start..end` (end exclusive, clamped to the length).
    pub fn read_range(&self, start: u64, end: u64) -> Vec<u8> {
        let end = end.min(self.len());
        if start >= end {
            return Vec::new();
        }
        match self {
            Content::Bytes(b) => b[start as usize..end as usize].to_vec(),
            Content::Shared(b) => b[start as usize..end as usize].to_vec(),
            Content::Generated { seed, .. } => {
                let mut out = vec![0u8; (end - start) as usize];
                fill_generated(*seed, start, &mut out);
                out
            }
        }
    }

    /// The bytes in `start..end` (clamped) for a response body: a slice of shared bytes costs
    /// no copy; the others are read as `read_range` reads them.
    pub fn chunk(&self, start: u64, end: u64) -> Bytes {
        match self {
            Content::Shared(b) => {
                let end = end.min(self.len());
                if start >= end { Bytes::new() } else { b.slice(start as usize..end as usize) }
            }
            _ => Bytes::from(self.read_range(start, end)),
        }
    }

    /// Upper-case hex SHA-256 of the bytes, as `file.hashes.sha256Hash` carries it.
    pub fn sha256_hex(&self) -> String {
        self.hashes().sha256
    }

    /// Both hashes the drive reports, in one pass over the bytes.
    pub fn hashes(&self) -> FileHashes {
        let mut sha = Sha256::new();
        let mut xor = QuickXorHash::new();
        let mut offset = 0;
        while offset < self.len() {
            let end = (offset + 1024 * 1024).min(self.len());
            let chunk = self.read_range(offset, end);
            sha.update(&chunk);
            xor.update(&chunk);
            offset = end;
        }
        FileHashes {
            sha256: sha.finalize().iter().map(|b| format!("{b:02X}")).collect(),
            quick_xor: base64::engine::general_purpose::STANDARD.encode(xor.finish()),
        }
    }
}

/// `file.hashes` of a file: `sha256Hash` (upper-case hex) and `quickXorHash` (base64), the one
/// OneDrive for Business and SharePoint report (graph-facts §3.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHashes {
    pub sha256: String,
    pub quick_xor: String,
}

/// Mixing constants of the generator (splitmix64's).
const LINE_MIX: u64 = 0x9E37_79B9_7F4A_7C15;
const COLUMN_MIX: u64 = 0xBF58_476D_1CE4_E5B9;
const FINAL_MIX: u64 = 0x94D0_49BB_1331_11EB;

/// Printable ASCII derived from (seed, offset), 63 characters and a newline per 64-byte line, so a
/// generated file is text a person can page. Written as plain loops over a slice with the
/// per-line part computed once: the simulator's own crate is not optimised in a debug build, and
/// hashing a file the first time a listing shows it runs this for every byte.
fn fill_generated(seed: u64, start: u64, out: &mut [u8]) {
    let mut i = 0;
    while i < out.len() {
        let offset = start + i as u64;
        let line = offset / 64;
        let base = seed ^ line.wrapping_mul(LINE_MIX);
        let mut column = offset % 64;
        while column < 64 && i < out.len() {
            out[i] = if column == 63 {
                b'\n'
            } else {
                let mut x = base ^ column.wrapping_mul(COLUMN_MIX);
                x ^= x >> 31;
                x = x.wrapping_mul(FINAL_MIX);
                x ^= x >> 29;
                b' ' + (x % 95) as u8
            };
            column += 1;
            i += 1;
        }
    }
}

/// The hashes of drive files by item id, computed when a response first shows one (a tenant starts
/// without hashing the hundred megabytes its drive could produce) and forgotten when the bytes
/// change. One per tenant.
#[derive(Debug, Default)]
pub struct ContentHashes {
    known: Mutex<HashMap<String, FileHashes>>,
}

impl ContentHashes {
    /// The SHA-256 of `content`, stored as item `id`.
    pub fn sha256(&self, id: &str, content: &Content) -> String {
        self.hashes(id, content).sha256
    }

    /// The hashes of `content`, stored as item `id`.
    pub fn hashes(&self, id: &str, content: &Content) -> FileHashes {
        let known = |map: &HashMap<String, FileHashes>| map.get(id).cloned();
        if let Some(hash) = known(&self.known.lock().unwrap_or_else(|e| e.into_inner())) {
            return hash;
        }
        // Hashed outside the lock: a large file must not hold up other responses' small ones.
        let hash = content.hashes();
        self.known.lock().unwrap_or_else(|e| e.into_inner()).insert(id.to_owned(), hash.clone());
        hash
    }

    /// Forgets the hash of item `id`, whose bytes changed or went.
    pub fn forget(&self, id: &str) {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }

    /// How many hashes have been computed and kept (for tests of laziness).
    pub fn len(&self) -> usize {
        self.known.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator as it was first written, one byte at a time: the bytes (and so the hashes
    /// clients compare) must not change with the faster loop.
    fn reference_byte(seed: u64, offset: u64) -> u8 {
        let line = offset / 64;
        if offset % 64 == 63 {
            return b'\n';
        }
        let mut x = seed ^ line.wrapping_mul(LINE_MIX) ^ (offset % 64).wrapping_mul(COLUMN_MIX);
        x ^= x >> 31;
        x = x.wrapping_mul(FINAL_MIX);
        x ^= x >> 29;
        b' ' + (x % 95) as u8
    }

    #[test]
    fn generated_content_is_stable_and_ranged() {
        let c = Content::Generated { seed: 7, len: 1000 };
        let whole = c.read_range(0, 1000);
        assert_eq!(whole, (0..1000).map(|o| reference_byte(7, o)).collect::<Vec<_>>());
        assert_eq!(c.read_range(10, 20), whole[10..20].to_vec());
        assert_eq!(c.read_range(60, 200), whole[60..200].to_vec());
        assert_eq!(c.read_range(990, 2000).len(), 10);
        assert!(whole.iter().all(|b| b.is_ascii()));
    }

    #[test]
    fn hashes_are_the_bytes_and_kept_until_forgotten() {
        let content = Content::Bytes(b"abc".to_vec());
        let hashes = ContentHashes::default();
        assert!(hashes.is_empty());
        let abc = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        assert_eq!(hashes.sha256("f1", &content), abc);
        assert_eq!(hashes.len(), 1);
        // Kept: the same id answers from memory even when asked with other bytes.
        assert_eq!(hashes.sha256("f1", &Content::Bytes(Vec::new())), abc);
        hashes.forget("f1");
        assert_ne!(hashes.sha256("f1", &Content::Bytes(Vec::new())), abc);
        let generated = Content::Generated { seed: 3, len: 3_000_000 };
        assert_eq!(generated.sha256_hex(), Content::Bytes(generated.read_range(0, 3_000_000)).sha256_hex());
        // quickXorHash of "Sg==" (one byte, 0x4A), a published known answer.
        assert_eq!(Content::Bytes(vec![0x4A]).hashes().quick_xor, "SgAAAAAAAAAAAAAAAQAAAAAAAAA=");
        let whole = Content::Bytes(generated.read_range(0, 3_000_000));
        assert_eq!(generated.hashes(), whole.hashes(), "hashed across 1 MiB reads as one");
        let shared = Content::Shared(Bytes::from(generated.read_range(0, 3_000_000)));
        assert_eq!(shared.hashes(), whole.hashes());
        assert_eq!((shared.len(), shared.read_range(10, 20)), (3_000_000, whole.read_range(10, 20)));
        assert_eq!(shared.chunk(2_999_990, 4_000_000).as_ref(), whole.read_range(2_999_990, 3_000_000));
        assert_eq!(generated.chunk(5, 9).as_ref(), whole.read_range(5, 9));
    }
}
