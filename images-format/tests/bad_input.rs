//! Every kind of bad input, through the public readers: each gives its typed error naming the
//! file (and the offset where one applies), and nothing panics.

// Test helpers unwrap: a panic is a test failure with a backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::craft::{self, FIRST_RECORD};
use common::TempDir;
use images_format::proto::mm::Vma;
use images_format::proto::pstree::ProcessEntry;
use images_format::{
    FileKind, ImageDir, ImageFile, OpenImageDirError, PagesReader, ReadImageError, RecordReader,
};

/// A private copy of the basic golden image.
fn golden_copy() -> (TempDir, PathBuf) {
    let tmp = TempDir::new("bad");
    let dir = tmp.path().join("img");
    common::copy_dir(&common::golden_root().join("v1.0-basic"), &dir);
    (tmp, dir)
}

fn open(dir: &Path) -> ImageDir {
    ImageDir::open(dir).unwrap()
}

fn assert_names(err: &ReadImageError, file: &str) {
    let msg = err.to_string();
    assert!(msg.contains(file), "message does not name {file}: {msg}");
}

#[test]
fn wrong_format_magic() {
    let (_t, dir) = golden_copy();
    craft::edit(&dir.join("core-100.img"), |b| {
        b[0..8].copy_from_slice(b"CRIU\0\0\0\0")
    });
    let err = open(&dir).read_core(100).unwrap_err();
    assert!(
        matches!(err, ReadImageError::BadMagic { found, .. } if &found[..4] == b"CRIU"),
        "{err:?}"
    );
    assert_names(&err, "core-100.img");
    assert!(err.to_string().contains("not an hmcr image file"), "{err}");
}

#[test]
fn unknown_file_kind() {
    let (_t, dir) = golden_copy();
    craft::edit(&dir.join("mm-100.img"), |b| {
        b[8..12].copy_from_slice(b"ZZZZ");
        craft::fix_header_crc(b);
    });
    let err = open(&dir).read_mm(100).unwrap_err();
    assert!(
        matches!(err, ReadImageError::UnknownKind { magic, .. } if magic == craft::kind_magic(b"ZZZZ")),
        "{err:?}"
    );
    assert_names(&err, "mm-100.img");
}

#[test]
fn kind_mismatch_file_named_core_holding_mm_records() {
    let (_t, dir) = golden_copy();
    std::fs::copy(dir.join("mm-100.img"), dir.join("core-100.img")).unwrap();
    let err = open(&dir).read_core(100).unwrap_err();
    assert!(
        matches!(
            err,
            ReadImageError::KindMismatch {
                expected: FileKind::Core,
                found: FileKind::Mm,
                ..
            }
        ),
        "{err:?}"
    );
    assert_names(&err, "core-100.img");
}

#[test]
fn pages_file_where_records_are_expected_and_back() {
    let (_t, dir) = golden_copy();
    std::fs::copy(dir.join("pages-100.img"), dir.join("mm-100.img")).unwrap();
    let err = open(&dir).read_mm(100).unwrap_err();
    assert!(
        matches!(
            err,
            ReadImageError::KindMismatch {
                expected: FileKind::Mm,
                found: FileKind::Pages,
                ..
            }
        ),
        "{err:?}"
    );
    std::fs::copy(dir.join("pstree.img"), dir.join("pages-100.img")).unwrap();
    let err = open(&dir).open_pages(100).unwrap_err();
    assert!(
        matches!(
            err,
            ReadImageError::KindMismatch {
                expected: FileKind::Pages,
                found: FileKind::Pstree,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn truncation_anywhere_is_reported_as_truncation() {
    let (_t, dir) = golden_copy();
    let path = dir.join("mm-100.img");
    let full = std::fs::read(&path).unwrap();
    // Inside the header, at a record boundary, inside a record, inside the trailer, and just
    // before the last byte.
    for cut in [
        0,
        10,
        FIRST_RECORD,
        FIRST_RECORD + 3,
        FIRST_RECORD + 20,
        full.len() - 10,
        full.len() - 1,
    ] {
        std::fs::write(&path, &full[..cut]).unwrap();
        let err = RecordReader::open(&path, FileKind::Mm)
            .and_then(|r| r.read_all::<Vma>())
            .unwrap_err();
        assert!(
            matches!(err, ReadImageError::Truncated { .. }),
            "cut at {cut}: {err:?}"
        );
        assert_names(&err, "mm-100.img");
        assert!(err.to_string().contains("truncated"), "{err}");
    }
}

#[test]
fn truncated_pages_file() {
    let (_t, dir) = golden_copy();
    let path = dir.join("pages-100.img");
    let full = std::fs::read(&path).unwrap();
    std::fs::write(&path, &full[..full.len() - 4096]).unwrap();
    let err = PagesReader::open(&path).unwrap_err();
    assert!(
        matches!(err, ReadImageError::PagesSize { page_count: 4, .. }),
        "{err:?}"
    );
    std::fs::write(&path, &full[..100]).unwrap();
    let err = PagesReader::open(&path).unwrap_err();
    assert!(matches!(err, ReadImageError::Truncated { .. }), "{err:?}");
    let mut longer = full.clone();
    longer.extend_from_slice(&[0; 4096]);
    std::fs::write(&path, &longer).unwrap();
    let err = PagesReader::open(&path).unwrap_err();
    assert!(matches!(err, ReadImageError::PagesSize { .. }), "{err:?}");
}

#[test]
fn flipped_bit_in_a_record_names_the_record_offset() {
    let (_t, dir) = golden_copy();
    // mm-100.img: the second record's payload.
    let path = dir.join("mm-100.img");
    let bytes = std::fs::read(&path).unwrap();
    let first_len = u32::from_le_bytes(bytes[24..28].try_into().unwrap()) as usize;
    let second = FIRST_RECORD + 8 + first_len;
    craft::flip_bit(&path, second + 8 + 2, 5);
    let err = open(&dir).read_mm(100).unwrap_err();
    assert!(
        matches!(err, ReadImageError::RecordChecksum { index: 1, offset, .. } if offset == second as u64),
        "{err:?}"
    );
    assert!(
        err.to_string().contains(&format!("offset {second}")),
        "{err}"
    );
}

#[test]
fn flipped_bit_in_header_and_trailer() {
    let (_t, dir) = golden_copy();
    let path = dir.join("pstree.img");
    craft::flip_bit(&path, 13, 0); // the major version: caught by the header CRC
    let err = open(&dir).read_pstree().unwrap_err();
    assert!(
        matches!(err, ReadImageError::HeaderChecksum { .. }),
        "{err:?}"
    );
    craft::flip_bit(&path, 13, 0);
    let len = std::fs::metadata(&path).unwrap().len() as usize;
    craft::flip_bit(&path, len - 10, 1); // the record count in the trailer
    let err = open(&dir).read_pstree().unwrap_err();
    assert!(
        matches!(err, ReadImageError::FileChecksum { .. }),
        "{err:?}"
    );
}

#[test]
fn flipped_bit_in_page_data_fails_the_run_crc() {
    let (_t, dir) = golden_copy();
    let image = open(&dir);
    let pagemap = image.read_pagemap(100).unwrap();
    let run = &pagemap.runs[2]; // the one stored page of the ghost-file mapping
    let pages = image.open_pages(100).unwrap();
    let offset = pages.page_offset(run.page_index).unwrap();
    drop(pages);
    craft::flip_bit(&dir.join("pages-100.img"), offset as usize + 100, 7);
    let pages = image.open_pages(100).unwrap();
    let err = pages.verify_run(run).unwrap_err();
    assert!(
        matches!(err, ReadImageError::PageRunChecksum { offset: o, .. } if o == offset),
        "{err:?}"
    );
    let mut buf = vec![0; 4096];
    let err = pages.read_run(run, &mut buf).unwrap_err();
    assert!(
        matches!(err, ReadImageError::PageRunChecksum { .. }),
        "{err:?}"
    );
    // The other runs are intact.
    pages.verify_run(&pagemap.runs[0]).unwrap();
    pages.verify_run(&pagemap.runs[3]).unwrap();
}

#[test]
fn flipped_bit_in_the_pages_header() {
    let (_t, dir) = golden_copy();
    let path = dir.join("pages-100.img");
    for byte in [25usize, 33, 2000] {
        craft::flip_bit(&path, byte, 3);
        let err = PagesReader::open(&path).unwrap_err();
        assert!(
            matches!(err, ReadImageError::HeaderChecksum { .. }),
            "byte {byte}: {err:?}"
        );
        craft::flip_bit(&path, byte, 3);
    }
    PagesReader::open(&path).unwrap();
}

#[test]
fn absurd_length_prefix_is_refused_before_allocating() {
    let (_t, dir) = golden_copy();
    let path = dir.join("pstree.img");
    craft::edit(&path, |b| {
        b[24..28].copy_from_slice(&0xfff0_0000u32.to_le_bytes())
    });
    let err = open(&dir).read_pstree().unwrap_err();
    assert!(
        matches!(
            err,
            ReadImageError::RecordTooLarge {
                len: 0xfff0_0000,
                offset: 24,
                index: 0,
                ..
            }
        ),
        "{err:?}"
    );
    assert_names(&err, "pstree.img");
    // Under the cap but beyond the end of the file: truncation, found before reading it.
    craft::edit(&path, |b| {
        b[24..28].copy_from_slice(&(60u32 << 20).to_le_bytes())
    });
    let err = open(&dir).read_pstree().unwrap_err();
    assert!(
        matches!(err, ReadImageError::Truncated { offset: 24, .. }),
        "{err:?}"
    );
}

#[test]
fn newer_major_version_is_refused_naming_both_versions() {
    let (_t, dir) = golden_copy();
    craft::edit(&dir.join("pstree.img"), |b| craft::set_version(b, 3, 1));
    let err = open(&dir).read_pstree().unwrap_err();
    assert!(
        matches!(err, ReadImageError::NewerVersion { .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    for needle in ["pstree.img", "3.1", "2.0", "upgrade hmcr"] {
        assert!(msg.contains(needle), "no {needle:?} in: {msg}");
    }
    // The inventory too: then the directory does not open at all.
    craft::edit(&dir.join("inventory.img"), |b| craft::set_version(b, 3, 0));
    let err = ImageDir::open(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            OpenImageDirError::Inventory(ReadImageError::NewerVersion { .. })
        ),
        "{err:?}"
    );
}

#[test]
fn newer_minor_version_with_unknown_fields_still_loads() {
    let (_t, dir) = golden_copy();
    // A 1.9 pstree whose record carries a field this hmcr does not know (field 99, varint 7).
    let mut entry = ProcessEntry::new();
    entry.pid = 100;
    entry.threads = vec![100, 101];
    let mut payload = protobuf::Message::write_to_bytes(&entry).unwrap();
    payload.extend_from_slice(&[0x98, 0x06, 0x07]); // tag (99 << 3 | 0) as varint, value 7
    let file = craft::record_file(b"PSTR", 1, 9, &[&payload]);
    std::fs::write(dir.join("pstree.img"), file).unwrap();
    let pstree = open(&dir).read_pstree().unwrap();
    assert_eq!(pstree.len(), 1);
    assert_eq!(pstree[0].pid, 100);
    assert_eq!(pstree[0].threads, vec![100, 101]);
    assert_eq!(pstree[0].special_fields.unknown_fields().iter().count(), 1);
    // Re-encoding keeps the unknown field.
    let again = protobuf::Message::write_to_bytes(&pstree[0]).unwrap();
    assert!(again.ends_with(&[0x98, 0x06, 0x07]));
}

#[test]
fn older_unknown_major_is_refused() {
    let (_t, dir) = golden_copy();
    craft::edit(&dir.join("pstree.img"), |b| craft::set_version(b, 0, 5));
    let err = open(&dir).read_pstree().unwrap_err();
    assert!(
        matches!(err, ReadImageError::UnknownOlderVersion { .. }),
        "{err:?}"
    );
}

#[test]
fn protobuf_decode_failure_names_record_and_type() {
    let (_t, dir) = golden_copy();
    // Field 1 (start, varint) whose varint never ends: valid framing, invalid protobuf.
    let file = craft::record_file(b"MMAP", 1, 0, &[&[0x08, 0x80]]);
    std::fs::write(dir.join("mm-100.img"), file).unwrap();
    let err = open(&dir).read_mm(100).unwrap_err();
    assert!(
        matches!(&err, ReadImageError::Decode { index: 0, offset: 24, message, .. } if message == "hmcr.images.Vma"),
        "{err:?}"
    );
    assert_names(&err, "mm-100.img");
}

#[test]
fn wrong_record_count() {
    let (_t, dir) = golden_copy();
    let file = craft::record_file(b"CORE", 1, 0, &[&[0x08, 100], &[0x08, 100]]);
    std::fs::write(dir.join("core-100.img"), file).unwrap();
    let err = open(&dir).read_core(100).unwrap_err();
    assert!(
        matches!(err, ReadImageError::RecordCount { found: 2, .. }),
        "{err:?}"
    );
    let file = craft::record_file(b"PMAP", 1, 0, &[]);
    std::fs::write(dir.join("pagemap-100.img"), file).unwrap();
    let err = open(&dir).read_pagemap(100).unwrap_err();
    assert!(
        matches!(err, ReadImageError::RecordCount { found: 0, .. }),
        "{err:?}"
    );
}

#[test]
fn trailing_bytes_after_the_trailer() {
    let (_t, dir) = golden_copy();
    craft::edit(&dir.join("fdinfo-100.img"), |b| {
        b.extend_from_slice(b"junk")
    });
    let err = open(&dir).read_fdinfo(100).unwrap_err();
    assert!(
        matches!(err, ReadImageError::TrailingData { extra: 4, .. }),
        "{err:?}"
    );
}

#[test]
fn record_file_under_another_objects_name() {
    let (_t, dir) = golden_copy();
    std::fs::copy(dir.join("core-101.img"), dir.join("core-100.img")).unwrap();
    let err = open(&dir).read_core(100).unwrap_err();
    assert!(
        matches!(
            err,
            ReadImageError::IdMismatch {
                found: 101,
                expected: 100,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn asking_for_the_wrong_message_type_is_a_typed_error() {
    let (_t, dir) = golden_copy();
    let err = RecordReader::open(&dir.join("pstree.img"), FileKind::Pstree)
        .unwrap()
        .read_all::<Vma>()
        .unwrap_err();
    assert!(
        matches!(err, ReadImageError::WrongMessageType { .. }),
        "{err:?}"
    );
}

#[test]
fn incomplete_or_damaged_directories() {
    let (_t, dir) = golden_copy();
    std::fs::remove_file(dir.join("mm-102.img")).unwrap();
    let err = ImageDir::open(&dir).unwrap_err();
    assert!(
        matches!(&err, OpenImageDirError::MissingFile { name, .. } if name == "mm-102.img"),
        "{err:?}"
    );
    std::fs::remove_file(dir.join("inventory.img")).unwrap();
    let err = ImageDir::open(&dir).unwrap_err();
    assert!(
        matches!(err, OpenImageDirError::Incomplete { .. }),
        "{err:?}"
    );
    let err = ImageDir::open(dir.join("pstree.img")).unwrap_err();
    assert!(
        matches!(err, OpenImageDirError::NotADirectory { .. }),
        "{err:?}"
    );
    let err = ImageDir::open(dir.join("nope")).unwrap_err();
    assert!(matches!(err, OpenImageDirError::Open { .. }), "{err:?}");
}

#[test]
fn missing_per_object_file_names_the_path() {
    let (_t, dir) = golden_copy();
    let err = open(&dir).read_core(4242).unwrap_err();
    assert!(matches!(err, ReadImageError::Open { .. }), "{err:?}");
    assert_names(&err, &ImageFile::core(4242).file_name());
}

#[test]
fn a_fifo_in_place_of_a_file_is_refused_without_blocking() {
    let (_t, dir) = golden_copy();
    let path = dir.join("core-100.img");
    std::fs::remove_file(&path).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("this test needs mkfifo (coreutils)");
    assert!(status.success());
    let err = RecordReader::open(&path, FileKind::Core).unwrap_err();
    assert!(matches!(err, ReadImageError::Open { .. }), "{err:?}");
    assert!(format!("{err:?}").contains("not a regular file"), "{err:?}");
    let err = PagesReader::open(&path).unwrap_err();
    assert!(format!("{err:?}").contains("not a regular file"), "{err:?}");
    // The directory as a whole: the listed file is not there as a file.
    let err = ImageDir::open(&dir).unwrap_err();
    assert!(
        matches!(&err, OpenImageDirError::MissingFile { name, .. } if name == "core-100.img"),
        "{err:?}"
    );
    assert!(images_format::show_dir(&dir, images_format::ShowFormat::Text).is_err());
}
