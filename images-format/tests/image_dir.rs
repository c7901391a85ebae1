//! The image directory writer: permissions, temporary names, inventory last, refusing to mix
//! two images, and the writer-side checks.

// Test helpers unwrap: a panic is a test failure with a backtrace.
#![allow(clippy::unwrap_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::sample;
use common::TempDir;
use images_format::proto::core::ThreadCore;
use images_format::proto::inventory::Inventory;
use images_format::proto::mm::Vma;
use images_format::proto::pagemap::PageRun;
use images_format::proto::stats::RestoreStats;
use images_format::{
    CreateImageDirError, ExistingImage, ImageDir, ImageFile, OpenImageDirError, WriteImageError,
};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn directory_is_0700_and_files_0600() {
    let tmp = TempDir::new("perm");
    let dir = tmp.path().join("a/b/img");
    sample::basic().write(&dir, ExistingImage::Refuse);
    assert_eq!(mode(&dir), 0o700);
    for name in common::file_names(&dir) {
        assert_eq!(mode(&dir.join(&name)), 0o600, "{name}");
    }
    // An existing directory with loose permissions is tightened.
    let loose = tmp.path().join("loose");
    std::fs::create_dir(&loose).unwrap();
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o755)).unwrap();
    ImageDir::create(&loose, ExistingImage::Refuse).unwrap();
    assert_eq!(mode(&loose), 0o700);
}

#[test]
fn files_are_written_under_tmp_names_and_renamed_on_finish() {
    let tmp = TempDir::new("tmpname");
    let dir = tmp.path().join("img");
    let w = ImageDir::create(&dir, ExistingImage::Refuse).unwrap();
    let mut mm = w.record_writer(ImageFile::mm(5)).unwrap();
    mm.append(&Vma::new()).unwrap();
    assert_eq!(common::file_names(&dir), vec!["mm-5.img.tmp"]);
    assert_eq!(mode(&dir.join("mm-5.img.tmp")), 0o600);
    mm.finish().unwrap();
    assert_eq!(common::file_names(&dir), vec!["mm-5.img"]);

    let mut pages = w.pages_writer(5, 4096).unwrap();
    pages.append(&[1u8; 8192]).unwrap();
    assert!(dir.join("pages-5.img.tmp").exists());
    assert!(!dir.join("pages-5.img").exists());
    pages.finish().unwrap();
    assert!(dir.join("pages-5.img").exists());

    // Dropped without finish: the temporary file goes away, nothing looks complete.
    let mut core = w.record_writer(ImageFile::core(5)).unwrap();
    core.append(&ThreadCore::new()).unwrap();
    drop(core);
    assert_eq!(common::file_names(&dir), vec!["mm-5.img", "pages-5.img"]);
}

#[test]
fn without_inventory_the_image_is_visibly_incomplete() {
    let tmp = TempDir::new("noinv");
    let dir = tmp.path().join("img");
    let w = ImageDir::create(&dir, ExistingImage::Refuse).unwrap();
    w.write_mm(1, &[]).unwrap();
    let err = ImageDir::open(&dir).unwrap_err();
    assert!(
        matches!(err, OpenImageDirError::Incomplete { .. }),
        "{err:?}"
    );
    let image = w.finish(Inventory::new()).unwrap();
    assert_eq!(image.inventory().files, vec!["mm-1.img"]);
    assert_eq!(image.inventory().format_major, 2);
    ImageDir::open(&dir).unwrap();
}

#[test]
fn finish_refuses_while_a_file_is_still_being_written() {
    let tmp = TempDir::new("unfinished");
    let dir = tmp.path().join("img");
    let w = ImageDir::create(&dir, ExistingImage::Refuse).unwrap();
    let pending = w.pages_writer(9, 4096).unwrap();
    let err = w.finish(Inventory::new()).unwrap_err();
    assert!(
        matches!(&err, WriteImageError::Unfinished { names, .. } if names == &["pages-9.img.tmp"]),
        "{err:?}"
    );
    assert!(!dir.join("inventory.img").exists());
    drop(pending);
}

#[test]
fn refuses_a_directory_holding_an_image_unless_overwriting() {
    let tmp = TempDir::new("overwrite");
    let dir = tmp.path().join("img");
    sample::basic().write(&dir, ExistingImage::Refuse);
    std::fs::write(dir.join("dump.log"), "log").unwrap();
    let err = ImageDir::create(&dir, ExistingImage::Refuse).unwrap_err();
    assert!(
        matches!(err, CreateImageDirError::AlreadyHoldsImage { .. }),
        "{err:?}"
    );

    // Overwrite: the old image's files go, other files stay.
    sample::single_16k().write(&dir, ExistingImage::Overwrite);
    let names = common::file_names(&dir);
    assert!(names.contains(&"dump.log".to_string()));
    assert!(!names.contains(&"core-100.img".to_string()), "{names:?}");
    assert_eq!(ImageDir::open(&dir).unwrap().inventory().root_pid, 7);

    // A directory with only unrelated files is fine; so is a non-hmcr "*.img".
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("disk.img"), "not ours").unwrap();
    ImageDir::create(&other, ExistingImage::Overwrite).unwrap();
    assert!(other.join("disk.img").exists());

    let file = tmp.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let err = ImageDir::create(&file, ExistingImage::Refuse).unwrap_err();
    assert!(
        matches!(err, CreateImageDirError::NotADirectory { .. }),
        "{err:?}"
    );
}

#[test]
fn writer_checks_types_counts_and_page_sizes() {
    let tmp = TempDir::new("checks");
    let dir = tmp.path().join("img");
    let w = ImageDir::create(&dir, ExistingImage::Refuse).unwrap();

    let mut core = w.record_writer(ImageFile::core(1)).unwrap();
    let err = core.append(&Vma::new()).unwrap_err();
    assert!(
        matches!(err, WriteImageError::WrongMessageType { .. }),
        "{err:?}"
    );
    core.append(&ThreadCore::new()).unwrap();
    let err = core.append(&ThreadCore::new()).unwrap_err();
    assert!(
        matches!(err, WriteImageError::RecordCount { .. }),
        "{err:?}"
    );

    let empty_core = w.record_writer(ImageFile::core(2)).unwrap();
    let err = empty_core.finish().unwrap_err();
    assert!(
        matches!(err, WriteImageError::RecordCount { count: 0, .. }),
        "{err:?}"
    );

    let mut pagemap = w.record_writer(ImageFile::pagemap(1)).unwrap();
    let err = pagemap.append(&PageRun::new()).unwrap_err();
    assert!(
        matches!(err, WriteImageError::WrongMessageType { .. }),
        "the head comes first: {err:?}"
    );

    let err = w.record_writer(ImageFile::inventory()).unwrap_err();
    assert!(
        matches!(err, WriteImageError::WrongWriter { .. }),
        "{err:?}"
    );
    let err = w.record_writer(ImageFile::pages(1)).unwrap_err();
    assert!(
        matches!(err, WriteImageError::WrongWriter { .. }),
        "{err:?}"
    );

    let err = w.pages_writer(1, 4000).unwrap_err();
    assert!(
        matches!(err, WriteImageError::BadPageSize { .. }),
        "{err:?}"
    );
    let mut pages = w.pages_writer(1, 4096).unwrap();
    let err = pages.append(&[0u8; 100]).unwrap_err();
    assert!(
        matches!(err, WriteImageError::PartialPage { .. }),
        "{err:?}"
    );
    let a = pages.append(&[7u8; 4096]).unwrap();
    let b = pages.append_run(0x1000, &[8u8; 3 * 4096]).unwrap();
    assert_eq!((a.page_index, a.nr_pages), (0, 1));
    assert_eq!((b.page_index, b.nr_pages, b.vaddr), (1, 3, 0x1000));
    assert_eq!(b.crc32, crc32fast::hash(&[8u8; 3 * 4096]));
    assert_eq!(pages.finish().unwrap(), 4);
}

#[test]
fn restore_stats_go_into_a_finished_image() {
    let tmp = TempDir::new("rstats");
    let dir = tmp.path().join("img");
    let image = sample::single_16k().write(&dir, ExistingImage::Refuse);
    let mut stats = RestoreStats::new();
    stats.pages_restored = 12;
    image.write_restore_stats(&stats).unwrap();
    let again = ImageDir::open(&dir).unwrap();
    assert_eq!(again.read_restore_stats().unwrap(), Some(stats));
    // Not part of the dump's file list.
    assert!(!again
        .inventory()
        .files
        .iter()
        .any(|f| f == "stats-restore.img"));
}

#[test]
fn pages_reader_serves_ranges_and_refuses_out_of_range() {
    let tmp = TempDir::new("pages");
    let dir = tmp.path().join("img");
    let w = ImageDir::create(&dir, ExistingImage::Refuse).unwrap();
    let mut pages = w.pages_writer(3, 4096).unwrap();
    let data: Vec<u8> = (0..5 * 4096).map(|i| (i / 4096) as u8).collect();
    let run = pages.append_run(0x10000, &data).unwrap();
    pages.finish().unwrap();
    let image = w.finish(Inventory::new()).unwrap();
    let reader = image.open_pages(3).unwrap();
    assert_eq!(reader.page_count(), 5);
    assert_eq!(reader.page_offset(0).unwrap(), 4096);
    assert_eq!(reader.page_offset(5).unwrap(), 6 * 4096);
    assert!(reader.page_offset(6).is_err());
    let mut two = vec![0u8; 2 * 4096];
    reader.read_pages(3, &mut two).unwrap();
    assert_eq!((two[0], two[4096]), (3, 4));
    let err = reader.read_pages(4, &mut two).unwrap_err();
    assert!(
        matches!(err, images_format::ReadImageError::PagesOutOfRange { .. }),
        "{err:?}"
    );
    reader.verify_run(&run).unwrap();
    let mut bad = run.clone();
    bad.page_index = 1;
    let err = reader.verify_run(&bad).unwrap_err();
    assert!(
        matches!(err, images_format::ReadImageError::PagesOutOfRange { .. }),
        "{err:?}"
    );
}

#[test]
fn positional_pages_land_where_placed_and_the_file_ends_at_the_last_page() {
    let tmp = TempDir::new("positional");
    let dir = tmp.path().join("img");
    let w = ImageDir::create(&dir, ExistingImage::Refuse).unwrap();
    let mut pages = w.pages_writer(4, 4096).unwrap();
    pages.append(&[1u8; 4096]).unwrap();
    {
        let at = pages.positional().unwrap();
        assert_eq!(at.offset_of(1), 2 * 4096);
        // A page beyond the count declared below: it must not stay in the file.
        at.write_at(9, &[&[9u8; 4096]]).unwrap();
        // Out of order, from two threads, one call with two parts.
        std::thread::scope(|s| {
            s.spawn(|| at.write_at(3, &[&[4u8; 4096]]).unwrap());
            s.spawn(|| at.write_at(1, &[&[2u8; 4096], &[3u8; 4096]]).unwrap());
        });
        let err = at.write_at(4, &[&[0u8; 10]]).unwrap_err();
        assert!(
            matches!(err, WriteImageError::PartialPage { .. }),
            "{err:?}"
        );
    }
    assert!(pages.set_page_count(0).is_err(), "the count cannot shrink");
    pages.set_page_count(4).unwrap();
    // Appends go after the positional pages.
    assert_eq!(pages.append(&[5u8; 4096]).unwrap().page_index, 4);
    assert_eq!(pages.finish().unwrap(), 5);
    let image = w.finish(Inventory::new()).unwrap();
    let reader = image.open_pages(4).unwrap();
    assert_eq!(reader.page_count(), 5);
    let mut all = vec![0u8; 5 * 4096];
    reader.read_pages(0, &mut all).unwrap();
    for (i, page) in all.chunks_exact(4096).enumerate() {
        assert!(page.iter().all(|&b| b == i as u8 + 1), "page {i}");
    }
}
