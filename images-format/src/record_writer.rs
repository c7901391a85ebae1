//! Writer of record files: header, length-prefixed CRC-protected protobuf records, trailer.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use protobuf::MessageFull;

use crate::error::WriteImageError;
use crate::framing::{self, MAX_RECORD_LEN};
use crate::kinds::FileKind;
use crate::pending_file::PendingFile;
use crate::version;

/// Writes one record file under a temporary name; [`RecordWriter::finish`] completes it and
/// gives it its final name. Dropping an unfinished writer removes the temporary file.
#[derive(Debug)]
pub struct RecordWriter {
    out: BufWriter<File>,
    pending: PendingFile,
    kind: FileKind,
    count: u64,
    offset: u64,
    file_crc: crc32fast::Hasher,
    scratch: Vec<u8>,
}

impl RecordWriter {
    /// Starts the record file `dest` of `kind` (written as `dest.tmp` until finished).
    pub fn create(dest: PathBuf, kind: FileKind) -> Result<Self, WriteImageError> {
        if kind.is_pages() {
            return Err(WriteImageError::WrongWriter {
                path: dest,
                kind,
                what: "raw pages, not records",
                instead: "PagesWriter",
            });
        }
        let (pending, file) = PendingFile::create(dest)?;
        let mut writer = RecordWriter {
            out: BufWriter::with_capacity(256 << 10, file),
            pending,
            kind,
            count: 0,
            offset: 0,
            file_crc: crc32fast::Hasher::new(),
            scratch: Vec::new(),
        };
        writer.put(&framing::encode_header(kind, version::CURRENT))?;
        Ok(writer)
    }

    /// The final path of the file.
    pub fn path(&self) -> &Path {
        self.pending.dest()
    }

    /// Number of records appended so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), WriteImageError> {
        self.out
            .write_all(bytes)
            .map_err(|source| WriteImageError::Io {
                path: self.pending.dest().to_path_buf(),
                offset: self.offset,
                source,
            })?;
        self.file_crc.update(bytes);
        self.offset += bytes.len() as u64;
        Ok(())
    }

    /// Appends one record. `M` must be the type the kinds table gives for this record.
    pub fn append<M: MessageFull>(&mut self, record: &M) -> Result<(), WriteImageError> {
        let index = self.count;
        let expected = self
            .kind
            .record_descriptor(index)
            .expect("RecordWriter::create refuses the pages kind");
        let given = M::descriptor();
        if expected != given {
            return Err(WriteImageError::WrongMessageType {
                path: self.path().to_path_buf(),
                index,
                expected: expected.full_name().to_string(),
                given: given.full_name().to_string(),
            });
        }
        if let Some(rule) = self.kind.record_count() {
            if !rule.accepts(index + 1) && rule.accepts(index) {
                return Err(WriteImageError::RecordCount {
                    path: self.path().to_path_buf(),
                    kind: self.kind,
                    expected: rule.describe(),
                    count: index + 1,
                });
            }
        }
        let mut payload = std::mem::take(&mut self.scratch);
        payload.clear();
        let result = self.encode_and_put(record, index, &mut payload);
        self.scratch = payload;
        result
    }

    fn encode_and_put<M: MessageFull>(
        &mut self,
        record: &M,
        index: u64,
        payload: &mut Vec<u8>,
    ) -> Result<(), WriteImageError> {
        let size = record.compute_size();
        if size > u64::from(MAX_RECORD_LEN) {
            return Err(WriteImageError::RecordTooLarge {
                path: self.path().to_path_buf(),
                index,
                len: size,
                max: u64::from(MAX_RECORD_LEN),
            });
        }
        record
            .write_to_vec(payload)
            .map_err(|source| WriteImageError::Encode {
                path: self.path().to_path_buf(),
                index,
                source,
            })?;
        self.put(&framing::encode_record_prefix(payload))?;
        self.put(payload)?;
        self.count += 1;
        Ok(())
    }

    /// Writes the trailer, syncs the file and renames it to its final name.
    pub fn finish(mut self) -> Result<(), WriteImageError> {
        if let Some(rule) = self.kind.record_count() {
            if !rule.accepts(self.count) {
                return Err(WriteImageError::RecordCount {
                    path: self.path().to_path_buf(),
                    kind: self.kind,
                    expected: rule.describe(),
                    count: self.count,
                });
            }
        }
        self.put(&framing::encode_trailer_head(self.count))?;
        let crc = self.file_crc.clone().finalize();
        self.put(&crc.to_le_bytes())?;
        let path = self.path().to_path_buf();
        let offset = self.offset;
        let file = self.out.into_inner().map_err(|e| WriteImageError::Io {
            path,
            offset,
            source: e.into_error(),
        })?;
        self.pending.commit(file, offset)
    }
}

/// Writes a whole record file of `kind` whose records all have type `M`.
pub fn write_records<M: MessageFull>(
    dest: PathBuf,
    kind: FileKind,
    records: &[M],
) -> Result<(), WriteImageError> {
    let mut w = RecordWriter::create(dest, kind)?;
    for r in records {
        w.append(r)?;
    }
    w.finish()
}
