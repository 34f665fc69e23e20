//! OneDrive's quickXorHash, from Microsoft's published algorithm (onedrive-api-docs,
//! "code-snippets/quickxorhash"): a 160-bit register; byte `i` of the input is XORed into it at
//! bit `11 * i` (mod 160); at the end the input's length, as a little-endian 64-bit number, is
//! XORed into the last 8 of the 20 bytes. OneDrive sends the 20 bytes base64-encoded.
//!
//! Bytes 160 apart land on the same bits (11 * 160 is a multiple of 160), and XOR does not care
//! in which order it is done, so the input is first folded into 160 lanes (lane `j` holds the
//! XOR of every byte whose index is `j` mod 160), 160 bytes at a time as twenty 64-bit words:
//! memory speed, where placing each byte in the register costs a few nanoseconds (seconds for a
//! gigabyte, which is what a download's check would take). `finish` places the 160 lane bytes.

/// Width of the register in bits, and so the number of lanes.
const WIDTH: usize = 160;
/// How far each byte's position moves from the previous one's.
const SHIFT: u64 = 11;
/// Bits of the register kept in the last cell.
const BITS_IN_LAST_CELL: u64 = 32;

/// A quickXorHash being computed: feed bytes with `update`, take the 20 bytes with `finish`.
#[derive(Debug, Clone)]
pub struct QuickXorHash {
    /// Lane `j`: the XOR of every byte whose index in the input is `j` mod 160.
    lanes: [u8; WIDTH],
    length: u64,
}

impl Default for QuickXorHash {
    fn default() -> Self {
        QuickXorHash { lanes: [0; WIDTH], length: 0 }
    }
}

impl QuickXorHash {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `bytes` to what has been hashed so far (any split of the input gives the same hash).
    pub fn update(&mut self, bytes: &[u8]) {
        let start = (self.length % WIDTH as u64) as usize;
        self.length = self.length.wrapping_add(bytes.len() as u64);
        // Up to the next lane 0, one byte at a time.
        let head = ((WIDTH - start) % WIDTH).min(bytes.len());
        let (first, rest) = bytes.split_at(head);
        for (lane, &byte) in self.lanes[start..].iter_mut().zip(first) {
            *lane ^= byte;
        }
        // Whole blocks of 160, as words.
        let mut words = [0u64; WIDTH / 8];
        let mut blocks = rest.chunks_exact(WIDTH);
        for block in &mut blocks {
            for (word, chunk) in words.iter_mut().zip(block.chunks_exact(8)) {
                *word ^= u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            }
        }
        for (lanes, word) in self.lanes.chunks_exact_mut(8).zip(words) {
            for (lane, byte) in lanes.iter_mut().zip(word.to_le_bytes()) {
                *lane ^= byte;
            }
        }
        // What is left starts again at lane 0.
        for (lane, &byte) in self.lanes.iter_mut().zip(blocks.remainder()) {
            *lane ^= byte;
        }
    }

    /// The 20 bytes of the hash.
    pub fn finish(&self) -> [u8; 20] {
        let cells = place(&self.lanes);
        let mut out = [0u8; 20];
        out[..8].copy_from_slice(&cells[0].to_le_bytes());
        out[8..16].copy_from_slice(&cells[1].to_le_bytes());
        // Only the low 32 bits of the last cell are part of the register.
        out[16..].copy_from_slice(&cells[2].to_le_bytes()[..4]);
        for (i, b) in self.length.to_le_bytes().iter().enumerate() {
            out[12 + i] ^= b;
        }
        out
    }
}

/// The register for the lanes: lane `j` XORed in at bit `11 * j` (mod 160), kept as three 64-bit
/// cells, the last holding only 32 bits, as the reference keeps it.
fn place(lanes: &[u8; WIDTH]) -> [u64; 3] {
    let mut cells = [0u64; 3];
    let (mut cell, mut offset) = (0usize, 0u64);
    for &byte in lanes {
        let last = cell == cells.len() - 1;
        let bits_in_cell = if last { BITS_IN_LAST_CELL } else { 64 };
        let byte = u64::from(byte);
        cells[cell] ^= byte << offset;
        if offset + 8 > bits_in_cell {
            // The byte straddles the end of this cell: its high bits wrap into the next one
            // (the first after the last, the register being a ring).
            let next = if last { 0 } else { cell + 1 };
            cells[next] ^= byte >> (bits_in_cell - offset);
        }
        offset += SHIFT;
        if offset >= bits_in_cell {
            offset -= bits_in_cell;
            cell = if last { 0 } else { cell + 1 };
        }
    }
    cells
}

/// The quickXorHash of `bytes` in one call.
pub fn quick_xor_hash(bytes: &[u8]) -> [u8; 20] {
    let mut hash = QuickXorHash::new();
    hash.update(bytes);
    hash.finish()
}

#[cfg(test)]
mod tests;
