//! Errors of reading and writing image files. Every variant names the file; corruption variants
//! name the byte offset too, and each message ends with what to do about it.

use std::io;
use std::path::PathBuf;

use crate::kinds::FileKind;
use crate::version::FormatVersion;

/// Reading an image file (record file or pages file) failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadImageError {
    #[error("cannot open image file {}", .path.display())]
    Open { path: PathBuf, source: io::Error },

    #[error("cannot read image file {} at offset {offset}", .path.display())]
    Io {
        path: PathBuf,
        offset: u64,
        source: io::Error,
    },

    #[error(
        "image file {} is truncated: it ends at byte {len}, inside {what} starting at offset \
         {offset}; the dump was interrupted or the copy is incomplete, dump or copy it again",
        .path.display()
    )]
    Truncated {
        path: PathBuf,
        offset: u64,
        /// What was being read: "the file header", "record 3", "the trailer", ...
        what: String,
        len: u64,
    },

    #[error(
        "{} is not an hmcr image file: its first 8 bytes are {found:02x?}, expected \"HMCRIMG\\0\"",
        .path.display()
    )]
    BadMagic { path: PathBuf, found: [u8; 8] },

    #[error(
        "the header of image file {} is corrupt (CRC-32 stored {stored:#010x}, computed \
         {computed:#010x}); the file was damaged, dump again or use a good copy",
        .path.display()
    )]
    HeaderChecksum {
        path: PathBuf,
        stored: u32,
        computed: u32,
    },

    #[error(
        "image file {} was written in image format {found}, but this hmcr reads image formats \
         up to {supported_major}.x (it writes {supported}); upgrade hmcr to read this image",
        .path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: FormatVersion,
        supported: FormatVersion,
        supported_major: u16,
    },

    #[error(
        "image file {} claims image format {found}, older than any format hmcr ever wrote \
         (the oldest it reads is {oldest_major}.0); the file is damaged or not an hmcr image",
        .path.display()
    )]
    UnknownOlderVersion {
        path: PathBuf,
        found: FormatVersion,
        oldest_major: u16,
    },

    #[error(
        "image file {} has file-kind magic {magic:#010x} ({}), which this hmcr does not know \
         (file format {version}); a newer hmcr may have written it",
        .path.display(), magic_text(.magic)
    )]
    UnknownKind {
        path: PathBuf,
        magic: u32,
        version: FormatVersion,
    },

    #[error(
        "image file {} should be a {expected} file but its header says {found}; the file was \
         renamed or mixed up with another one, dump again",
        .path.display()
    )]
    KindMismatch {
        path: PathBuf,
        expected: FileKind,
        found: FileKind,
    },

    #[error(
        "{} is a pages file (raw pages), not a record file (a bug in hmcr: please report it)",
        .path.display()
    )]
    NotRecordFile { path: PathBuf },

    #[error(
        "record {index} at offset {offset} of image file {} claims {len} bytes, more than the \
         {max}-byte limit; the length prefix is corrupt, dump again or use a good copy",
        .path.display()
    )]
    RecordTooLarge {
        path: PathBuf,
        offset: u64,
        index: u64,
        len: u64,
        max: u64,
    },

    #[error(
        "record {index} at offset {offset} of image file {} is corrupt (CRC-32 stored \
         {stored:#010x}, computed {computed:#010x}); dump again or use a good copy",
        .path.display()
    )]
    RecordChecksum {
        path: PathBuf,
        offset: u64,
        index: u64,
        stored: u32,
        computed: u32,
    },

    #[error(
        "record {index} at offset {offset} of image file {} does not decode as {message}; the \
         writer and reader disagree on the schema or the file is damaged",
        .path.display()
    )]
    Decode {
        path: PathBuf,
        offset: u64,
        index: u64,
        message: String,
        source: protobuf::Error,
    },

    #[error(
        "record {index} of image file {} is a {expected}, but the caller asked for a \
         {requested} (a bug in hmcr: please report it)",
        .path.display()
    )]
    WrongMessageType {
        path: PathBuf,
        index: u64,
        expected: String,
        requested: String,
    },

    #[error(
        "image file {} holds {found} records but a {kind} file holds {expected}; the image is \
         damaged or was written by a broken dump",
        .path.display()
    )]
    RecordCount {
        path: PathBuf,
        kind: FileKind,
        expected: &'static str,
        found: u64,
    },

    #[error(
        "image file {} holds {field} {found}, but its name says {expected}; the file was renamed \
         or mixed up with another one",
        .path.display()
    )]
    IdMismatch {
        path: PathBuf,
        field: &'static str,
        found: u64,
        expected: u64,
    },

    #[error(
        "image file {} is corrupt: the trailer at offset {offset} counts {stored} records but \
         the file holds {counted}; dump again or use a good copy",
        .path.display()
    )]
    TrailerCount {
        path: PathBuf,
        offset: u64,
        stored: u64,
        counted: u64,
    },

    #[error(
        "image file {} is corrupt (whole-file CRC-32 stored {stored:#010x}, computed \
         {computed:#010x}); dump again or use a good copy",
        .path.display()
    )]
    FileChecksum {
        path: PathBuf,
        stored: u32,
        computed: u32,
    },

    #[error(
        "image file {} has {extra} unexpected bytes after its trailer at offset {offset}; the \
         file was appended to or mixed up with another one",
        .path.display()
    )]
    TrailingData {
        path: PathBuf,
        offset: u64,
        extra: u64,
    },

    #[error(
        "pages file {} declares page size {page_size}, which is not a power of two between 4096 \
         and 65536; the file is damaged",
        .path.display()
    )]
    BadPageSize { path: PathBuf, page_size: u32 },

    #[error(
        "pages file {} is {len} bytes long but its header says {page_count} pages of \
         {page_size} bytes after a {header_len}-byte header ({expected} bytes); the file was \
         truncated or appended to, dump or copy it again",
        .path.display()
    )]
    PagesSize {
        path: PathBuf,
        len: u64,
        expected: u64,
        page_count: u64,
        page_size: u32,
        header_len: u64,
    },

    #[error(
        "pages {first}..{end} requested from pages file {}, which holds {total} pages; the \
         pagemap and the pages file do not belong together",
        .path.display(), end = .first.saturating_add(*.count)
    )]
    PagesOutOfRange {
        path: PathBuf,
        first: u64,
        count: u64,
        total: u64,
    },

    #[error(
        "buffer of {len} bytes for pages file {} is not a whole number of {page_size}-byte \
         pages or does not match the run (a bug in hmcr: please report it)",
        .path.display()
    )]
    BufferSize {
        path: PathBuf,
        len: usize,
        page_size: u32,
    },

    #[error(
        "page run at {vaddr:#x} ({nr_pages} pages from page {page_index}) is not stored in pages \
         file {}, so it has no contents to read (a bug in hmcr: please report it)",
        .path.display()
    )]
    RunNotStored {
        path: PathBuf,
        vaddr: u64,
        nr_pages: u64,
        page_index: u64,
    },

    #[error(
        "page run at {vaddr:#x} ({nr_pages} pages from page {page_index}, file offset {offset}) \
         of pages file {} is corrupt (CRC-32 stored {stored:#010x}, computed {computed:#010x}); \
         dump again or use a good copy",
        .path.display()
    )]
    PageRunChecksum {
        path: PathBuf,
        vaddr: u64,
        nr_pages: u64,
        page_index: u64,
        offset: u64,
        stored: u32,
        computed: u32,
    },
}

/// Writing an image file failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteImageError {
    #[error("cannot create image file {}", .path.display())]
    Create { path: PathBuf, source: io::Error },

    #[error("cannot write image file {} at offset {offset}", .path.display())]
    Io {
        path: PathBuf,
        offset: u64,
        source: io::Error,
    },

    #[error("cannot rename {} to {}", .from.display(), .to.display())]
    Rename {
        from: PathBuf,
        to: PathBuf,
        source: io::Error,
    },

    #[error("cannot sync image directory {}", .path.display())]
    SyncDir { path: PathBuf, source: io::Error },

    #[error("cannot list image directory {}", .path.display())]
    ListDir { path: PathBuf, source: io::Error },

    #[error(
        "record {index} of image file {} would be {len} bytes, more than the {max}-byte record \
         limit; this object is too large for image format 1",
        .path.display()
    )]
    RecordTooLarge {
        path: PathBuf,
        index: u64,
        len: u64,
        max: u64,
    },

    #[error("cannot encode record {index} of image file {}", .path.display())]
    Encode {
        path: PathBuf,
        index: u64,
        source: protobuf::Error,
    },

    #[error(
        "record {index} of image file {} must be a {expected}, not a {given} (a bug in hmcr: \
         please report it)",
        .path.display()
    )]
    WrongMessageType {
        path: PathBuf,
        index: u64,
        expected: String,
        given: String,
    },

    #[error(
        "image file {} would hold {count} records but a {kind} file holds {expected} (a bug in \
         hmcr: please report it)",
        .path.display()
    )]
    RecordCount {
        path: PathBuf,
        kind: FileKind,
        expected: &'static str,
        count: u64,
    },

    #[error(
        "{kind} files are {what}; use {instead} to write {} (a bug in hmcr: please report it)",
        .path.display()
    )]
    WrongWriter {
        path: PathBuf,
        kind: FileKind,
        what: &'static str,
        instead: &'static str,
    },

    #[error(
        "page size {page_size} for pages file {} is not a power of two between 4096 and 65536",
        .path.display()
    )]
    BadPageSize { path: PathBuf, page_size: u32 },

    #[error(
        "{len} bytes appended to pages file {} are not a whole number of {page_size}-byte pages \
         (a bug in hmcr: please report it)",
        .path.display()
    )]
    PartialPage {
        path: PathBuf,
        len: usize,
        page_size: u32,
    },

    #[error(
        "image directory {} still has unfinished files ({}); every writer must be finished \
         before the inventory is written",
        .path.display(), .names.join(", ")
    )]
    Unfinished { path: PathBuf, names: Vec<String> },
}

/// Renders a kind magic as its four bytes, printable ones as characters.
pub(crate) fn magic_text(magic: &u32) -> String {
    magic
        .to_le_bytes()
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() {
                char::from(b).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}
