//! Property tests over the decoders, bounded to a few seconds so they run in the normal
//! `cargo test`: random bytes, truncations and bit flips of valid files give a typed error (or,
//! for random bytes, possibly success) and never a panic. Every single-bit flip and every
//! truncation of a valid file must be detected.

// Test helpers unwrap: a panic is a test failure with a backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::TempDir;
use images_format::proto::core::ThreadCore;
use images_format::proto::files::{FdEntry, GhostFile, PipeData};
use images_format::proto::inventory::Inventory;
use images_format::proto::mm::Vma;
use images_format::proto::pagemap::{PageRun, PagemapHeader};
use images_format::proto::process::ProcessCore;
use images_format::proto::pstree::ProcessEntry;
use images_format::proto::stats::DumpStats;
use images_format::{
    show_dir, FileKind, ImageFile, PagesReader, ReadImageError, RecordReader, ShowFormat,
};
use proptest::prelude::*;

/// Every record file of the basic golden, with its kind and bytes.
fn golden_record_files() -> &'static Vec<(FileKind, String, Vec<u8>)> {
    static FILES: OnceLock<Vec<(FileKind, String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = common::golden_root().join("v1.0-basic");
        common::file_names(&dir)
            .into_iter()
            .filter_map(|name| {
                let kind = ImageFile::parse(&name)?.kind();
                (!kind.is_pages())
                    .then(|| (kind, name.clone(), std::fs::read(dir.join(&name)).unwrap()))
            })
            .collect()
    })
}

/// Decodes `bytes` as a complete file of `kind` with the right message types, in memory.
fn decode(kind: FileKind, bytes: &[u8]) -> Result<usize, ReadImageError> {
    let path = Path::new("fuzzed.img");
    let mut r = RecordReader::new(Cursor::new(bytes), bytes.len() as u64, path, kind)?;
    fn all<M: protobuf::MessageFull>(
        r: &mut RecordReader<Cursor<&[u8]>>,
    ) -> Result<usize, ReadImageError> {
        let mut n = 0;
        while r.next_record::<M>()?.is_some() {
            n += 1;
        }
        Ok(n)
    }
    match kind {
        FileKind::Inventory => all::<Inventory>(&mut r),
        FileKind::Pstree => all::<ProcessEntry>(&mut r),
        FileKind::Core => all::<ThreadCore>(&mut r),
        FileKind::Process => all::<ProcessCore>(&mut r),
        FileKind::Mm => all::<Vma>(&mut r),
        FileKind::Pagemap => {
            if r.next_record::<PagemapHeader>()?.is_none() {
                return Ok(0);
            }
            Ok(1 + all::<PageRun>(&mut r)?)
        }
        FileKind::Fdinfo => all::<FdEntry>(&mut r),
        FileKind::PipesData => all::<PipeData>(&mut r),
        FileKind::Ghost => all::<GhostFile>(&mut r),
        FileKind::StatsDump => all::<DumpStats>(&mut r),
        FileKind::StatsRestore => all::<images_format::proto::stats::RestoreStats>(&mut r),
        FileKind::Pages => unreachable!("pages files are not in the record file list"),
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn golden_files_decode_in_memory() {
    for (kind, name, bytes) in golden_record_files() {
        decode(*kind, bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512), k in 0usize..11) {
        let kind = FileKind::all().filter(|k| !k.is_pages()).nth(k).unwrap();
        let _ = decode(kind, &bytes);
    }

    #[test]
    fn random_bytes_after_a_valid_header_never_panic(
        tail in proptest::collection::vec(any::<u8>(), 0..512),
        k in 0usize..11,
    ) {
        let (kind, _, valid) = &golden_record_files()[k % golden_record_files().len()];
        let mut bytes = valid[..24].to_vec();
        bytes.extend_from_slice(&tail);
        let _ = decode(*kind, &bytes);
    }

    #[test]
    fn every_single_bit_flip_is_detected(f in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let (kind, name, valid) = f.get(golden_record_files());
        let mut bytes = valid.clone();
        let i = at.index(bytes.len());
        bytes[i] ^= 1 << bit;
        let result = decode(*kind, &bytes);
        prop_assert!(result.is_err(), "{name}: flip of bit {bit} at byte {i} went unnoticed");
    }

    #[test]
    fn every_truncation_is_detected(f in any::<prop::sample::Index>(), at in any::<prop::sample::Index>()) {
        let (kind, name, valid) = f.get(golden_record_files());
        let cut = at.index(valid.len());
        let result = decode(*kind, &valid[..cut]);
        prop_assert!(
            matches!(result, Err(ReadImageError::Truncated { .. })),
            "{name} cut at {cut}: {result:?}"
        );
    }

    #[test]
    fn random_overwrites_never_panic(
        f in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let (kind, _, valid) = f.get(golden_record_files());
        let mut bytes = valid.clone();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        let _ = decode(*kind, &bytes);
    }
}

/// A private copy of the basic golden, made once per test binary; each case restores the one
/// file it damaged.
fn scratch_copy() -> &'static (TempDir, PathBuf) {
    static COPY: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    COPY.get_or_init(|| {
        let tmp = TempDir::new("props");
        let dir = tmp.path().join("img");
        common::copy_dir(&common::golden_root().join("v1.0-basic"), &dir);
        (tmp, dir)
    })
}

proptest! {
    #![proptest_config(config(96))]

    // One test touches the shared copy, so cases never race each other.
    #[test]
    fn show_detects_a_bit_flip_in_any_file_including_pages(
        f in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let (_, dir) = scratch_copy();
        let names = common::file_names(dir);
        let name = f.get(&names);
        let path = dir.join(name);
        let original = std::fs::read(&path).unwrap();
        let mut bytes = original.clone();
        let i = at.index(bytes.len());
        bytes[i] ^= 1 << bit;
        std::fs::write(&path, &bytes).unwrap();
        let text = show_dir(dir, ShowFormat::Text);
        let json = show_dir(dir, ShowFormat::Json);
        let pages = if name.starts_with("pages-") { Some(PagesReader::open(&path).map(|_| ())) } else { None };
        std::fs::write(&path, &original).unwrap();
        prop_assert!(text.is_err(), "{name}: flip of bit {bit} at byte {i} went unnoticed by show");
        prop_assert!(json.is_err());
        // The pages reader alone must not panic either (its header CRC covers the header page,
        // the run CRCs the data, which only show checks here).
        drop(pages);
    }
}
