//! OneDrive's quickXorHash, from Microsoft's published algorithm (onedrive-api-docs,
//! "code-snippets/quickxorhash"): a 160-bit register; byte `i` of the input is XORed into it at
//! bit `11 * i` (mod 160); at the end the input's length, as a little-endian 64-bit number, is
//! XORed into the last 8 of the 20 bytes. OneDrive sends the 20 bytes base64-encoded.
//!
//! The register is kept as three 64-bit cells, the last holding only 32 bits, exactly as the
//! reference keeps it, so each byte costs one or two XORs whatever the input's size.

/// Width of the register in bits.
const WIDTH: u64 = 160;
/// How far each byte's position moves from the previous one's.
const SHIFT: u64 = 11;
/// Bits of the register kept in the last cell.
const BITS_IN_LAST_CELL: u64 = 32;

/// A quickXorHash being computed: feed bytes with `update`, take the 20 bytes with `finish`.
#[derive(Debug, Clone, Default)]
pub struct QuickXorHash {
    cells: [u64; 3],
    length: u64,
    /// Where the next byte goes, in bits from the start of the register.
    shift: u64,
}

impl QuickXorHash {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `bytes` to what has been hashed so far (any split of the input gives the same hash).
    pub fn update(&mut self, bytes: &[u8]) {
        let mut cell = (self.shift / 64) as usize;
        let mut offset = self.shift % 64;
        for &byte in bytes {
            let last = cell == self.cells.len() - 1;
            let bits_in_cell = if last { BITS_IN_LAST_CELL } else { 64 };
            let byte = u64::from(byte);
            if offset + 8 <= bits_in_cell {
                self.cells[cell] ^= byte << offset;
            } else {
                // The byte straddles the end of this cell: its high bits wrap into the next one
                // (the first after the last, the register being a ring).
                let next = if last { 0 } else { cell + 1 };
                self.cells[cell] ^= byte << offset;
                self.cells[next] ^= byte >> (bits_in_cell - offset);
            }
            offset += SHIFT;
            if offset >= bits_in_cell {
                offset -= bits_in_cell;
                cell = if last { 0 } else { cell + 1 };
            }
        }
        self.shift = (self.shift + SHIFT * (bytes.len() as u64 % WIDTH)) % WIDTH;
        self.length = self.length.wrapping_add(bytes.len() as u64);
    }

    /// The 20 bytes of the hash.
    pub fn finish(&self) -> [u8; 20] {
        let mut out = [0u8; 20];
        out[..8].copy_from_slice(&self.cells[0].to_le_bytes());
        out[8..16].copy_from_slice(&self.cells[1].to_le_bytes());
        // Only the low 32 bits of the last cell are part of the register.
        out[16..].copy_from_slice(&self.cells[2].to_le_bytes()[..4]);
        for (i, b) in self.length.to_le_bytes().iter().enumerate() {
            out[12 + i] ^= b;
        }
        out
    }
}

/// The quickXorHash of `bytes` in one call.
pub fn quick_xor_hash(bytes: &[u8]) -> [u8; 20] {
    let mut hash = QuickXorHash::new();
    hash.update(bytes);
    hash.finish()
}

#[cfg(test)]
mod tests;
