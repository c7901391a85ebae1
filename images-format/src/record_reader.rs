//! Streaming reader of record files: verifies the header, each record's length and CRC, and the
//! trailer (record count, whole-file CRC, nothing after it). Never allocates more than a record
//! length that was checked against both [`MAX_RECORD_LEN`] and the bytes left in the file.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use protobuf::MessageFull;

use crate::error::ReadImageError;
use crate::framing::{self, FileHeader, END_MARKER, HEADER_LEN, MAX_RECORD_LEN, TRAILER_LEN};
use crate::kinds::FileKind;

/// One record as stored: where it starts and its protobuf payload (CRC already verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// 0-based position in the file.
    pub index: u64,
    /// File offset of the record's length prefix.
    pub offset: u64,
    /// The protobuf encoding of the record.
    pub payload: Vec<u8>,
}

/// Reads the records of one record file in order.
///
/// [`RecordReader::next_raw`] / [`RecordReader::next_record`] return `Ok(None)` only after the
/// trailer was verified, so a caller that reads to the end has seen an intact file.
pub struct RecordReader<R: Read = BufReader<File>> {
    src: R,
    path: PathBuf,
    len: u64,
    pos: u64,
    file_crc: crc32fast::Hasher,
    header: FileHeader,
    next_index: u64,
    done: bool,
}

impl std::fmt::Debug for RecordReader<BufReader<File>> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordReader")
            .field("path", &self.path)
            .field("header", &self.header)
            .field("pos", &self.pos)
            .finish_non_exhaustive()
    }
}

impl RecordReader<BufReader<File>> {
    /// Opens a record file and verifies its header; a file of another kind than `expected` is
    /// refused with [`ReadImageError::KindMismatch`].
    pub fn open(path: &Path, expected: FileKind) -> Result<Self, ReadImageError> {
        let file = crate::regular_file::open_regular(path)?;
        let len = file
            .metadata()
            .map_err(|source| ReadImageError::Io {
                path: path.to_path_buf(),
                offset: 0,
                source,
            })?
            .len();
        Self::new(
            BufReader::with_capacity(64 << 10, file),
            len,
            path,
            expected,
        )
    }
}

impl<R: Read> RecordReader<R> {
    /// Reads a record file of `len` bytes from any byte source; `path` is only used in errors.
    pub fn new(src: R, len: u64, path: &Path, expected: FileKind) -> Result<Self, ReadImageError> {
        let mut reader = RecordReader {
            src,
            path: path.to_path_buf(),
            len,
            pos: 0,
            file_crc: crc32fast::Hasher::new(),
            header: FileHeader {
                kind: FileKind::Inventory,
                version: crate::version::CURRENT,
            },
            next_index: 0,
            done: false,
        };
        let mut h = [0u8; HEADER_LEN];
        reader.read_exact(&mut h, 0, || "the file header".to_string())?;
        let header = framing::decode_header(&h, path)?;
        if expected != header.kind {
            return Err(ReadImageError::KindMismatch {
                path: reader.path,
                expected,
                found: header.kind,
            });
        }
        if header.kind.is_pages() {
            return Err(ReadImageError::NotRecordFile { path: reader.path });
        }
        reader.header = header;
        Ok(reader)
    }

    /// The verified header: file kind and format version.
    pub fn header(&self) -> FileHeader {
        self.header
    }

    /// The file this reader reads (as given to `open`/`new`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads exactly `buf.len()` bytes at the current position, feeding the file CRC.
    /// `start` is the offset of the structure being read, for the truncation message.
    fn read_exact(
        &mut self,
        buf: &mut [u8],
        start: u64,
        what: impl FnOnce() -> String,
    ) -> Result<(), ReadImageError> {
        let want = buf.len() as u64;
        if self.len.saturating_sub(self.pos) < want {
            return Err(ReadImageError::Truncated {
                path: self.path.clone(),
                offset: start,
                what: what(),
                len: self.len,
            });
        }
        match self.src.read_exact(buf) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                // The file shrank while we read it.
                return Err(ReadImageError::Truncated {
                    path: self.path.clone(),
                    offset: start,
                    what: what(),
                    len: self.pos,
                });
            }
            Err(source) => {
                return Err(ReadImageError::Io {
                    path: self.path.clone(),
                    offset: self.pos,
                    source,
                })
            }
        }
        self.file_crc.update(buf);
        self.pos += want;
        Ok(())
    }

    /// The next record's payload, or `None` after a verified trailer.
    pub fn next_raw(&mut self) -> Result<Option<RawRecord>, ReadImageError> {
        if self.done {
            return Ok(None);
        }
        let offset = self.pos;
        let index = self.next_index;
        let mut len_bytes = [0u8; 4];
        self.read_exact(&mut len_bytes, offset, || {
            format!("the length prefix of record {index} (or the trailer)")
        })?;
        let len = u32::from_le_bytes(len_bytes);
        if len == END_MARKER {
            self.read_trailer(offset)?;
            return Ok(None);
        }
        if len > MAX_RECORD_LEN {
            return Err(ReadImageError::RecordTooLarge {
                path: self.path.clone(),
                offset,
                index,
                len: u64::from(len),
                max: u64::from(MAX_RECORD_LEN),
            });
        }
        let mut crc_bytes = [0u8; 4];
        self.read_exact(&mut crc_bytes, offset, || format!("record {index}"))?;
        // Check the length against the bytes left before allocating it.
        let needed = u64::from(len) + TRAILER_LEN as u64;
        if self.len.saturating_sub(self.pos) < needed {
            return Err(ReadImageError::Truncated {
                path: self.path.clone(),
                offset,
                what: format!("record {index} ({len} bytes, then the trailer)"),
                len: self.len,
            });
        }
        let mut payload = vec![0u8; len as usize];
        self.read_exact(&mut payload, offset, || format!("record {index}"))?;
        let stored = u32::from_le_bytes(crc_bytes);
        let computed = framing::record_crc(len_bytes, &payload);
        if stored != computed {
            return Err(ReadImageError::RecordChecksum {
                path: self.path.clone(),
                offset,
                index,
                stored,
                computed,
            });
        }
        self.next_index += 1;
        Ok(Some(RawRecord {
            index,
            offset,
            payload,
        }))
    }

    fn read_trailer(&mut self, offset: u64) -> Result<(), ReadImageError> {
        let mut count_bytes = [0u8; 8];
        self.read_exact(&mut count_bytes, offset, || "the trailer".to_string())?;
        let computed = self.file_crc.clone().finalize();
        let mut crc_bytes = [0u8; 4];
        self.read_exact(&mut crc_bytes, offset, || "the trailer".to_string())?;
        let stored = u32::from_le_bytes(crc_bytes);
        if stored != computed {
            return Err(ReadImageError::FileChecksum {
                path: self.path.clone(),
                stored,
                computed,
            });
        }
        let count = u64::from_le_bytes(count_bytes);
        if count != self.next_index {
            return Err(ReadImageError::TrailerCount {
                path: self.path.clone(),
                offset,
                stored: count,
                counted: self.next_index,
            });
        }
        if self.pos != self.len {
            return Err(ReadImageError::TrailingData {
                path: self.path.clone(),
                offset: self.pos,
                extra: self.len - self.pos,
            });
        }
        let kind = self.header.kind;
        if let Some(rule) = kind.record_count() {
            if !rule.accepts(count) {
                return Err(ReadImageError::RecordCount {
                    path: self.path.clone(),
                    kind,
                    expected: rule.describe(),
                    found: count,
                });
            }
        }
        self.done = true;
        Ok(())
    }

    /// The next record decoded as `M`, or `None` after a verified trailer. `M` must be the type
    /// the kinds table gives for this record (else [`ReadImageError::WrongMessageType`]).
    pub fn next_record<M: MessageFull>(&mut self) -> Result<Option<M>, ReadImageError> {
        let index = self.next_index;
        if !self.done {
            check_type::<M>(self.header.kind, index, &self.path)?;
        }
        let Some(raw) = self.next_raw()? else {
            return Ok(None);
        };
        M::parse_from_bytes(&raw.payload)
            .map(Some)
            .map_err(|source| ReadImageError::Decode {
                path: self.path.clone(),
                offset: raw.offset,
                index: raw.index,
                message: M::descriptor().full_name().to_string(),
                source,
            })
    }

    /// Reads every remaining record as `M` and verifies the trailer.
    pub fn read_all<M: MessageFull>(mut self) -> Result<Vec<M>, ReadImageError> {
        let mut out = Vec::new();
        while let Some(m) = self.next_record::<M>()? {
            out.push(m);
        }
        Ok(out)
    }
}

fn check_type<M: MessageFull>(
    kind: FileKind,
    index: u64,
    path: &Path,
) -> Result<(), ReadImageError> {
    let expected = kind
        .record_descriptor(index)
        .expect("pages files are refused when a RecordReader is created");
    let requested = M::descriptor();
    if expected != requested {
        return Err(ReadImageError::WrongMessageType {
            path: path.to_path_buf(),
            index,
            expected: expected.full_name().to_string(),
            requested: requested.full_name().to_string(),
        });
    }
    Ok(())
}

/// Reads a whole record file of `kind` whose records all have type `M`.
pub fn read_records<M: MessageFull>(path: &Path, kind: FileKind) -> Result<Vec<M>, ReadImageError> {
    RecordReader::open(path, kind)?.read_all()
}
