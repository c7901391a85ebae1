//! Golden images: checked-in image directories that every future hmcr must keep decoding.
//!
//! `HMCR_BLESS=1 cargo test -p images-format --test golden` (re)writes the goldens of the
//! current format version from the generator in common/sample.rs. Goldens of older versions are
//! never rewritten: they are the compatibility test.

// Test helpers unwrap: a panic is a test failure with a backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::sample::{self, MakeSample, Sample};
use common::TempDir;
use images_format::proto::inventory::Inventory;
use images_format::{ExistingImage, ImageDir, ImageFile, FORMAT_VERSION_STR};

fn blessing() -> bool {
    std::env::var_os("HMCR_BLESS").is_some_and(|v| v == "1")
}

/// The golden directories of the version this crate writes (the ones the generator can write).
fn current_goldens() -> Vec<(&'static str, MakeSample)> {
    sample::goldens()
        .into_iter()
        .filter(|(name, _)| name.starts_with(&format!("v{FORMAT_VERSION_STR}-")))
        .collect()
}

/// Asserts that the image at `dir` decodes to exactly `sample`, written as format `major.0`.
fn assert_decodes_to(dir: &Path, sample: &Sample, major: u32, expected_files: &[&str]) {
    let image = ImageDir::open(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));

    let mut inventory: Inventory = sample.inventory.clone();
    inventory.format_major = major;
    inventory.format_minor = 0;
    inventory.files = expected_files.iter().map(|s| s.to_string()).collect();
    assert_eq!(image.inventory(), &inventory);

    assert_eq!(image.read_pstree().unwrap(), sample.pstree);
    for (i, p) in sample.processes.iter().enumerate() {
        assert_eq!(image.read_process(p.pid).unwrap(), p.process);
        for core in &p.cores {
            assert_eq!(&image.read_core(core.tid).unwrap(), core);
        }
        assert_eq!(image.read_mm(p.pid).unwrap(), p.vmas);
        assert_eq!(image.read_fdinfo(p.pid).unwrap(), p.fds);

        let pagemap = image.read_pagemap(p.pid).unwrap();
        assert_eq!(pagemap.header.pid, p.pid);
        assert_eq!(pagemap.header.pages_file, format!("pages-{}.img", p.pid));
        assert_eq!(pagemap.header.total_pages, sample.stored_pages(i, 0));
        let extra: Vec<(String, u64)> = pagemap
            .header
            .extra_pages_files
            .iter()
            .map(|f| (f.name.clone(), f.total_pages))
            .collect();
        let want_extra: Vec<(String, u64)> = (1..sample.pages_files)
            .map(|n| {
                let name = ImageFile::pages_part(p.pid, n).file_name();
                (name, sample.stored_pages(i, n))
            })
            .collect();
        assert_eq!(extra, want_extra);
        assert_eq!(pagemap.runs, sample.expected_runs(i));

        let files = image.open_pages_files(p.pid, &pagemap.header).unwrap();
        assert_eq!(files.len(), sample.pages_files as usize);
        for (n, f) in (0u32..).zip(&files) {
            assert_eq!(f.page_size(), sample.page_size());
            assert_eq!(f.page_count(), sample.stored_pages(i, n));
        }
        for (spec, run) in p.runs.iter().zip(&pagemap.runs) {
            if let sample::RunSpec::Stored(s) = spec {
                let pages = &files[run.pages_file as usize];
                let mut buf = vec![0u8; s.data.len()];
                pages.read_run(run, &mut buf).unwrap();
                assert_eq!(buf, s.data);
                let offset = pages.page_offset(run.page_index).unwrap();
                assert_eq!(
                    offset % u64::from(sample.page_size()),
                    0,
                    "pages are aligned"
                );
            }
        }
    }
    assert_eq!(
        image.read_pipes_data().unwrap(),
        sample.pipes.clone().unwrap_or_default()
    );
    for g in &sample.ghosts {
        assert_eq!(&image.read_ghost(g.id).unwrap(), g);
    }
    assert_eq!(image.read_dump_stats().unwrap(), sample.stats);
    assert_eq!(image.read_restore_stats().unwrap(), None);
}

const BASIC_FILES: &[&str] = &[
    "pstree.img",
    "process-100.img",
    "process-102.img",
    "core-100.img",
    "core-101.img",
    "core-102.img",
    "mm-100.img",
    "mm-102.img",
    "pagemap-100.img",
    "pagemap-102.img",
    "pages-100.img",
    "pages-102.img",
    "fdinfo-100.img",
    "fdinfo-102.img",
    "pipes-data.img",
    "ghost-1.img",
    "stats-dump.img",
];

const SINGLE_16K_FILES: &[&str] = &[
    "pstree.img",
    "process-7.img",
    "core-7.img",
    "mm-7.img",
    "pagemap-7.img",
    "pages-7.img",
    "fdinfo-7.img",
];

#[test]
fn bless_or_check_current_goldens_are_what_the_writer_writes() {
    for (name, make) in current_goldens() {
        let golden = common::golden_root().join(name);
        if blessing() {
            make().write(&golden, ExistingImage::Overwrite);
        }
        let fresh = TempDir::new("golden");
        let dir = fresh.path().join("img");
        make().write(&dir, ExistingImage::Refuse);
        let names = common::file_names(&dir);
        assert_eq!(
            common::file_names(&golden),
            names,
            "{name}: file list differs from a fresh write (bless with HMCR_BLESS=1 if the \
             generator changed on purpose)"
        );
        for file in names {
            let want = std::fs::read(golden.join(&file)).unwrap();
            let got = std::fs::read(dir.join(&file)).unwrap();
            assert!(
                want == got,
                "{name}/{file}: the writer no longer produces the checked-in bytes; the format \
                 changed without a version bump, or the generator changed (bless with \
                 HMCR_BLESS=1 only if the latter is intended)"
            );
        }
    }
}

#[test]
fn golden_v1_0_basic_decodes() {
    let dir = common::golden_root().join("v1.0-basic");
    assert_decodes_to(&dir, &sample::basic(), 1, BASIC_FILES);
}

#[test]
fn golden_v2_0_basic_decodes() {
    let dir = common::golden_root().join("v2.0-basic");
    let mut files = BASIC_FILES.to_vec();
    // The inventory lists files in name order within a kind.
    let at = files.iter().position(|f| *f == "pages-100.img").unwrap();
    files.insert(at, "pages-100-1.img");
    files.insert(at + 2, "pages-102-1.img");
    assert_decodes_to(&dir, &sample::basic_two_pages_files(), 2, &files);
    let image = ImageDir::open(&dir).unwrap();
    let pagemap = image.read_pagemap(100).unwrap();
    assert!(
        pagemap.runs.iter().any(|r| r.pages_file == 1),
        "the second pages file holds runs"
    );
}

#[test]
fn golden_v1_0_single_16k_decodes() {
    let dir = common::golden_root().join("v1.0-single-16k");
    assert_decodes_to(&dir, &sample::single_16k(), 1, SINGLE_16K_FILES);
    let image = ImageDir::open(&dir).unwrap();
    assert!(!image.has(ImageFile::pipes_data()));
    assert_eq!(image.read_pipes_data().unwrap(), Vec::new());
    assert_eq!(image.read_dump_stats().unwrap(), None);
    let pages = image.open_pages(7).unwrap();
    assert_eq!(
        pages.page_offset(0).unwrap(),
        16384,
        "the header page is one 16 KiB page"
    );
}

#[test]
fn every_golden_directory_is_covered_by_a_test() {
    let on_disk = common::file_names(&common::golden_root());
    let known: Vec<String> = sample::goldens()
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(on_disk, known);
}
