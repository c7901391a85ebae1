//! Hand-built and hand-damaged image files, encoded here from docs/image-format.md rather than
//! through the crate's writer, so the tests also check that the code matches the document.

use std::path::Path;

/// Offset of the first record in a record file (after the 24-byte header).
pub const FIRST_RECORD: usize = 24;

pub fn kind_magic(ascii: &[u8; 4]) -> u32 {
    u32::from_le_bytes(*ascii)
}

/// Recomputes the header CRC (bytes 20..24 = CRC-32 of bytes 0..20).
pub fn fix_header_crc(bytes: &mut [u8]) {
    let crc = crc32fast::hash(&bytes[..20]);
    bytes[20..24].copy_from_slice(&crc.to_le_bytes());
}

/// Recomputes the whole-file CRC of a record file (its last 4 bytes).
pub fn fix_file_crc(bytes: &mut [u8]) {
    let n = bytes.len();
    let crc = crc32fast::hash(&bytes[..n - 4]);
    bytes[n - 4..].copy_from_slice(&crc.to_le_bytes());
}

/// Sets the version in a file header and makes every CRC that covers it right again.
pub fn set_version(bytes: &mut [u8], major: u16, minor: u16) {
    bytes[12..14].copy_from_slice(&major.to_le_bytes());
    bytes[14..16].copy_from_slice(&minor.to_le_bytes());
    fix_header_crc(bytes);
}

/// A record file built byte by byte from the documented layout.
pub fn record_file(kind: &[u8; 4], major: u16, minor: u16, payloads: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"HMCRIMG\0");
    out.extend_from_slice(kind);
    out.extend_from_slice(&major.to_le_bytes());
    out.extend_from_slice(&minor.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    fix_header_crc(&mut out);
    for p in payloads {
        let len = (p.len() as u32).to_le_bytes();
        let mut h = crc32fast::Hasher::new();
        h.update(&len);
        h.update(p);
        out.extend_from_slice(&len);
        out.extend_from_slice(&h.finalize().to_le_bytes());
        out.extend_from_slice(p);
    }
    out.extend_from_slice(&u32::MAX.to_le_bytes());
    out.extend_from_slice(&(payloads.len() as u64).to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    fix_file_crc(&mut out);
    out
}

pub fn flip_bit(path: &Path, byte: usize, bit: u8) {
    let mut b = std::fs::read(path).unwrap();
    b[byte] ^= 1 << bit;
    std::fs::write(path, b).unwrap();
}

pub fn edit(path: &Path, f: impl FnOnce(&mut Vec<u8>)) {
    let mut b = std::fs::read(path).unwrap();
    f(&mut b);
    std::fs::write(path, b).unwrap();
}
