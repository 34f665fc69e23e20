//! Known answers: inputs and hashes, both base64, as published with rclone's OneDrive backend
//! (backend/onedrive/quickxorhash/quickxorhash_test.go), which checks them against OneDrive.
use super::*;

const VECTORS: &[(&str, &str)] = &[
    ("", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
    ("Sg==", "SgAAAAAAAAAAAAAAAQAAAAAAAAA="),
    ("tbQ=", "taAFAAAAAAAAAAAAAgAAAAAAAAA="),
    ("0pZP", "0rDEEwAAAAAAAAAAAwAAAAAAAAA="),
    ("jRRDVA==", "jaDAEKgAAAAAAAAABAAAAAAAAAA="),
    ("eAV52qE=", "eChAHrQRCgAAAAAABQAAAAAAAAA="),
    ("luBZlaT6", "lgBHFipBCn0AAAAABgAAAAAAAAA="),
    ("qaApEj66lw==", "qQBFCiTgA11cAgAABwAAAAAAAAA="),
    ("/aNzzCFPS/A=", "/RjFHJgRgicsAR4ACAAAAAAAAAA="),
    ("n6Neh7p6fFgm", "nxiFFw6hCz3wAQsmCQAAAAAAAAA="),
    ("J9iPGCbfZSTNyw==", "J8DGIzBggm+UgQTNUgYAAAAAAAA="),
    ("i+UZyUGJKh+ISbk=", "iyhHBpIRhESo4AOIQ0IuAAAAAAA="),
    ("h490d57Pqz5q2rtT", "h3gEHe7giWeswgdq3MYupgAAAAA="),
    ("vPgoDjOfO6fm71RxLw==", "vMAHChwwg0/s4BTmdQcV4vACAAA="),
    ("XoJ1AsoR4fDYJrDqYs4=", "XhBEHQSgjAiEAx7YPgEs1CEGZwA="),
    ("gQaybEqS/4UlDc8e4IJm", "gDCALNigBEn8oxAlZ8AzPAAOQZg="),
    ("2fuxhBJXtpWFe8dOfdGeHw==", "O9tHLAghgSvYohKFyMMxnNCHaHg="),
    ("XBV6YKU9V7yMakZnFIxIkuU=", "HbplHsBQih5cgReMQYMRzkABRiA="),
    ("XJZSOiNO2bmfKnTKD7fztcQX", "/6ZArHQwAidkIxefQgEdlPGAW8w="),
    ("g8VtAh+2Kf4k0kY5tzji2i2zmA==", "wDNrgwHWAVukwB8kg4YRcnALHIg="),
    ("T6LYJIfDh81JrAK309H2JMJTXis=", "zBTHrspn3mEcohlJdIUAbjGNaNg="),
    ("DWAAX5/CIfrmErgZa8ot6ZraeSbu", "LR2Z0PjuRYGKQB/mhQAuMrAGZbQ="),
];

/// Standard base64, padded: the tests keep the crate free of dependencies.
fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            _ => 63,
        }
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let data: Vec<u8> = chunk.iter().copied().filter(|c| *c != b'=').collect();
        let n = data.iter().enumerate().fold(0u32, |acc, (i, c)| acc | value(*c) << (18 - 6 * i));
        for i in 0..data.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn known_answers() {
    for (input, expected) in VECTORS {
        let bytes = decode(input);
        assert_eq!(encode(&bytes), *input, "the test's own base64");
        assert_eq!(encode(&quick_xor_hash(&bytes)), *expected, "input {input}");
    }
}

#[test]
fn any_split_of_the_input_gives_the_same_hash() {
    // Long enough to wrap the 160-bit register many times over.
    let data: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let whole = quick_xor_hash(&data);
    for split in [1, 7, 19, 20, 159, 160, 161, 1000, 4999] {
        let mut hash = QuickXorHash::new();
        for part in data.chunks(split) {
            hash.update(part);
        }
        assert_eq!(hash.finish(), whole, "chunks of {split}");
    }
    assert_ne!(quick_xor_hash(&data[..4999]), whole);
}

/// The algorithm as the reference writes it, one byte at a time into the register: the lanes
/// must give the same hash for long inputs too (the published vectors stop at 21 bytes).
fn reference(bytes: &[u8]) -> [u8; 20] {
    let mut cells = [0u64; 3];
    let (mut cell, mut offset) = (0usize, 0u64);
    for &byte in bytes {
        let last = cell == 2;
        let bits_in_cell = if last { 32 } else { 64 };
        let byte = u64::from(byte);
        cells[cell] ^= byte << offset;
        if offset + 8 > bits_in_cell {
            cells[if last { 0 } else { cell + 1 }] ^= byte >> (bits_in_cell - offset);
        }
        offset += 11;
        if offset >= bits_in_cell {
            offset -= bits_in_cell;
            cell = if last { 0 } else { cell + 1 };
        }
    }
    let mut out = [0u8; 20];
    out[..8].copy_from_slice(&cells[0].to_le_bytes());
    out[8..16].copy_from_slice(&cells[1].to_le_bytes());
    out[16..].copy_from_slice(&cells[2].to_le_bytes()[..4]);
    for (i, b) in (bytes.len() as u64).to_le_bytes().iter().enumerate() {
        out[12 + i] ^= b;
    }
    out
}

#[test]
fn long_inputs_match_the_byte_at_a_time_reference() {
    let data: Vec<u8> = (0..100_003u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    for len in [0, 1, 159, 160, 161, 319, 320, 1000, 4096, 100_003] {
        assert_eq!(quick_xor_hash(&data[..len]), reference(&data[..len]), "{len} bytes");
    }
    for split in [1, 3, 8, 159, 160, 161, 4096, 65_536] {
        let mut hash = QuickXorHash::new();
        for part in data.chunks(split) {
            hash.update(part);
        }
        assert_eq!(hash.finish(), reference(&data), "chunks of {split}");
    }
}
