//! Byte layout of image files: the frozen 24-byte header every file starts with, the record
//! prefix, the trailer of record files and the header page of pages files. Pure functions over
//! byte slices; the readers and writers do the I/O. All integers are little-endian.
//!
//! ```text
//! every file   0..8   format magic "HMCRIMG\0"
//!              8..12  file-kind magic (kinds.rs)
//!             12..14  format major      14..16  format minor
//!             16..20  flags (0 in format 1; readers ignore them)
//!             20..24  CRC-32 of bytes 0..20
//! record file  records: u32 len | u32 CRC-32 of (len bytes ++ payload) | payload (protobuf)
//!              trailer: u32 0xffff_ffff | u64 record count | u32 CRC-32 of every byte before it
//! pages file  24..28  page size     28..32  reserved (0)     32..40  page count
//!             40..44  CRC-32 of bytes 24..40 ++ 44..header_len; zero up to header_len
//!             header_len = max(4096, page size); then page_count raw pages
//! ```

use crate::error::ReadImageError;
use crate::kinds::FileKind;
use crate::version::{self, FormatVersion, VersionProblem};

use std::path::Path;

/// First 8 bytes of every hmcr image file.
pub const FORMAT_MAGIC: [u8; 8] = *b"HMCRIMG\0";
/// Largest record payload a reader accepts and a writer produces (64 MiB).
pub const MAX_RECORD_LEN: u32 = 64 << 20;

/// Length of the header every file starts with.
pub(crate) const HEADER_LEN: usize = 24;
const HEADER_CRC_AT: usize = 20;
/// Length prefix and CRC in front of each record payload.
pub(crate) const RECORD_PREFIX_LEN: usize = 8;
/// A length prefix with this value starts the trailer instead of a record.
pub(crate) const END_MARKER: u32 = u32::MAX;
/// Marker, record count, file CRC.
pub(crate) const TRAILER_LEN: usize = 16;

/// Smallest header page of a pages file; also how much a pages reader reads first.
pub(crate) const PAGES_HEADER_MIN: usize = 4096;
const PAGES_PAGE_SIZE_AT: usize = 24;
const PAGES_COUNT_AT: usize = 32;
const PAGES_CRC_AT: usize = 40;
/// Page sizes a pages file may declare.
pub(crate) const MIN_PAGE_SIZE: u32 = 4096;
pub(crate) const MAX_PAGE_SIZE: u32 = 65536;

/// What the common header of a file says (after it was verified).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileHeader {
    pub kind: FileKind,
    pub version: FormatVersion,
}

fn le_u16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

pub(crate) fn le_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

pub(crate) fn le_u64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// The 24-byte header of a file of `kind` in format `version`.
pub(crate) fn encode_header(kind: FileKind, version: FormatVersion) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[0..8].copy_from_slice(&FORMAT_MAGIC);
    h[8..12].copy_from_slice(&kind.magic().to_le_bytes());
    h[12..14].copy_from_slice(&version.major.to_le_bytes());
    h[14..16].copy_from_slice(&version.minor.to_le_bytes());
    let crc = crc32fast::hash(&h[..HEADER_CRC_AT]);
    h[HEADER_CRC_AT..].copy_from_slice(&crc.to_le_bytes());
    h
}

/// Verifies the 24-byte header in check order: magic, CRC, version, known kind. The caller then
/// checks the kind against the one it expects.
pub(crate) fn decode_header(
    h: &[u8; HEADER_LEN],
    path: &Path,
) -> Result<FileHeader, ReadImageError> {
    let path_buf = || path.to_path_buf();
    if h[0..8] != FORMAT_MAGIC {
        let mut found = [0u8; 8];
        found.copy_from_slice(&h[0..8]);
        return Err(ReadImageError::BadMagic {
            path: path_buf(),
            found,
        });
    }
    let stored = le_u32(h, HEADER_CRC_AT);
    let computed = crc32fast::hash(&h[..HEADER_CRC_AT]);
    if stored != computed {
        return Err(ReadImageError::HeaderChecksum {
            path: path_buf(),
            stored,
            computed,
        });
    }
    let found = FormatVersion {
        major: le_u16(h, 12),
        minor: le_u16(h, 14),
    };
    match version::check_readable(found) {
        Ok(()) => {}
        Err(VersionProblem::Newer) => {
            return Err(ReadImageError::NewerVersion {
                path: path_buf(),
                found,
                supported: version::CURRENT,
                supported_major: version::FORMAT_MAJOR,
            })
        }
        Err(VersionProblem::UnknownOlder) => {
            return Err(ReadImageError::UnknownOlderVersion {
                path: path_buf(),
                found,
                oldest_major: version::OLDEST_READABLE_MAJOR,
            })
        }
    }
    let magic = le_u32(h, 8);
    let kind = FileKind::from_magic(magic).ok_or_else(|| ReadImageError::UnknownKind {
        path: path_buf(),
        magic,
        version: found,
    })?;
    Ok(FileHeader {
        kind,
        version: found,
    })
}

/// CRC-32 of a record as stored in its prefix: over the 4 length bytes, then the payload.
pub(crate) fn record_crc(len_bytes: [u8; 4], payload: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&len_bytes);
    h.update(payload);
    h.finalize()
}

/// The 8-byte prefix of a record with this payload (payload length already checked).
pub(crate) fn encode_record_prefix(payload: &[u8]) -> [u8; RECORD_PREFIX_LEN] {
    let len = u32::try_from(payload.len())
        .expect("record length was checked against MAX_RECORD_LEN before framing");
    let len_bytes = len.to_le_bytes();
    let mut p = [0u8; RECORD_PREFIX_LEN];
    p[0..4].copy_from_slice(&len_bytes);
    p[4..8].copy_from_slice(&record_crc(len_bytes, payload).to_le_bytes());
    p
}

/// The first 12 trailer bytes (the file CRC, computed over everything before it, follows).
pub(crate) fn encode_trailer_head(count: u64) -> [u8; 12] {
    let mut t = [0u8; 12];
    t[0..4].copy_from_slice(&END_MARKER.to_le_bytes());
    t[4..12].copy_from_slice(&count.to_le_bytes());
    t
}

/// Whether a page size is one a pages file may declare.
pub(crate) fn page_size_ok(page_size: u32) -> bool {
    page_size.is_power_of_two() && (MIN_PAGE_SIZE..=MAX_PAGE_SIZE).contains(&page_size)
}

/// Length of the header page for a page size (valid or not: an invalid one gets the minimum, so
/// that a corrupt page-size field is reported by the header CRC).
pub(crate) fn pages_header_len(page_size: u32) -> usize {
    if page_size_ok(page_size) {
        PAGES_HEADER_MIN.max(page_size as usize)
    } else {
        PAGES_HEADER_MIN
    }
}

fn pages_header_crc(page: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&page[HEADER_LEN..PAGES_CRC_AT]);
    h.update(&page[PAGES_CRC_AT + 4..]);
    h.finalize()
}

/// The complete header page of a pages file.
pub(crate) fn encode_pages_header(page_size: u32, page_count: u64) -> Vec<u8> {
    let mut page = vec![0u8; pages_header_len(page_size)];
    page[..HEADER_LEN].copy_from_slice(&encode_header(FileKind::Pages, version::CURRENT));
    page[PAGES_PAGE_SIZE_AT..PAGES_PAGE_SIZE_AT + 4].copy_from_slice(&page_size.to_le_bytes());
    page[PAGES_COUNT_AT..PAGES_COUNT_AT + 8].copy_from_slice(&page_count.to_le_bytes());
    let crc = pages_header_crc(&page);
    page[PAGES_CRC_AT..PAGES_CRC_AT + 4].copy_from_slice(&crc.to_le_bytes());
    page
}

/// The page-size field of a pages header (unverified), to know how long the header page is.
pub(crate) fn pages_header_page_size(first: &[u8]) -> u32 {
    le_u32(first, PAGES_PAGE_SIZE_AT)
}

/// What a verified pages header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PagesHeader {
    pub version: FormatVersion,
    pub page_size: u32,
    pub page_count: u64,
    pub header_len: u64,
}

/// Verifies a complete pages header page (`pages_header_len` bytes): the common header, the kind,
/// the page-header CRC, then the page size.
pub(crate) fn decode_pages_header(page: &[u8], path: &Path) -> Result<PagesHeader, ReadImageError> {
    let mut common = [0u8; HEADER_LEN];
    common.copy_from_slice(&page[..HEADER_LEN]);
    let header = decode_header(&common, path)?;
    if header.kind != FileKind::Pages {
        return Err(ReadImageError::KindMismatch {
            path: path.to_path_buf(),
            expected: FileKind::Pages,
            found: header.kind,
        });
    }
    let stored = le_u32(page, PAGES_CRC_AT);
    let computed = pages_header_crc(page);
    if stored != computed {
        return Err(ReadImageError::HeaderChecksum {
            path: path.to_path_buf(),
            stored,
            computed,
        });
    }
    let page_size = le_u32(page, PAGES_PAGE_SIZE_AT);
    if !page_size_ok(page_size) {
        return Err(ReadImageError::BadPageSize {
            path: path.to_path_buf(),
            page_size,
        });
    }
    Ok(PagesHeader {
        version: header.version,
        page_size,
        page_count: le_u64(page, PAGES_COUNT_AT),
        header_len: page.len() as u64,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A header with any version and kind magic, with a correct CRC (for compatibility tests).
    pub(crate) fn synthetic_header(kind_magic: u32, major: u16, minor: u16) -> [u8; HEADER_LEN] {
        let mut h = encode_header(FileKind::Pstree, version::CURRENT);
        h[8..12].copy_from_slice(&kind_magic.to_le_bytes());
        h[12..14].copy_from_slice(&major.to_le_bytes());
        h[14..16].copy_from_slice(&minor.to_le_bytes());
        let crc = crc32fast::hash(&h[..HEADER_CRC_AT]);
        h[HEADER_CRC_AT..].copy_from_slice(&crc.to_le_bytes());
        h
    }

    fn p() -> PathBuf {
        PathBuf::from("x.img")
    }

    #[test]
    fn header_round_trips() {
        let h = encode_header(FileKind::Core, version::CURRENT);
        let d = decode_header(&h, &p()).unwrap();
        assert_eq!(d.kind, FileKind::Core);
        assert_eq!(d.version, version::CURRENT);
        assert_eq!(&h[8..12], b"CORE");
    }

    #[test]
    fn older_major_1_is_accepted() {
        let h = synthetic_header(FileKind::Mm.magic(), 1, 0);
        let d = decode_header(&h, &p()).unwrap();
        assert_eq!((d.version.major, d.version.minor), (1, 0));
    }

    #[test]
    fn newer_minor_is_accepted() {
        let h = synthetic_header(FileKind::Mm.magic(), version::FORMAT_MAJOR, 9);
        let d = decode_header(&h, &p()).unwrap();
        assert_eq!(d.version.minor, 9);
    }

    #[test]
    fn newer_major_is_refused_naming_both_versions() {
        let h = synthetic_header(FileKind::Mm.magic(), 3, 3);
        let err = decode_header(&h, &p()).unwrap_err();
        assert!(
            matches!(err, ReadImageError::NewerVersion { .. }),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains("3.3"), "{msg}");
        assert!(msg.contains("2.0"), "{msg}");
        assert!(msg.contains("upgrade hmcr"), "{msg}");
    }

    #[test]
    fn major_zero_is_refused() {
        let h = synthetic_header(FileKind::Mm.magic(), 0, 1);
        let err = decode_header(&h, &p()).unwrap_err();
        assert!(
            matches!(err, ReadImageError::UnknownOlderVersion { .. }),
            "{err:?}"
        );
    }

    #[test]
    fn unknown_kind_is_refused_with_its_magic() {
        let h = synthetic_header(u32::from_le_bytes(*b"ZZZZ"), 1, 0);
        let err = decode_header(&h, &p()).unwrap_err();
        assert!(matches!(err, ReadImageError::UnknownKind { .. }), "{err:?}");
        assert!(err.to_string().contains("ZZZZ"), "{err}");
    }

    #[test]
    fn every_single_bit_flip_of_a_header_is_caught() {
        let h = encode_header(FileKind::Core, version::CURRENT);
        for bit in 0..HEADER_LEN * 8 {
            let mut bad = h;
            bad[bit / 8] ^= 1 << (bit % 8);
            assert!(decode_header(&bad, &p()).is_err(), "bit {bit}");
        }
    }

    #[test]
    fn pages_header_round_trips_and_catches_flips() {
        let page = encode_pages_header(4096, 77);
        assert_eq!(page.len(), 4096);
        let d = decode_pages_header(&page, &p()).unwrap();
        assert_eq!((d.page_size, d.page_count, d.header_len), (4096, 77, 4096));
        for bit in (0..64 * 8).chain([4095 * 8 + 7]) {
            let mut bad = page.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            let len = pages_header_len(pages_header_page_size(&bad));
            bad.resize(len, 0);
            assert!(decode_pages_header(&bad, &p()).is_err(), "bit {bit}");
        }
        let big = encode_pages_header(16384, 1);
        assert_eq!(big.len(), 16384);
        assert_eq!(decode_pages_header(&big, &p()).unwrap().header_len, 16384);
    }
}
