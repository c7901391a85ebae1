//! `hmcr show` as a user runs it: the built binary against the checked-in golden image and
//! against damaged copies of it. Good input decodes (exit 0); each kind of bad input exits 1
//! with a message on stderr that names the problem and the file, and never panics.

// Test helpers unwrap: a panic is a test failure with a backtrace.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../images-format/tests/golden")
        .join(name)
}

fn show(dir: &Path, json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hmcr"));
    cmd.arg("show").arg("-D").arg(dir);
    if json {
        cmd.arg("--json");
    }
    cmd.output().expect("running hmcr show")
}

/// A damaged copy of the basic golden image in a fresh temp dir, removed on drop.
struct Copy(PathBuf);

impl Copy {
    fn new() -> Copy {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let root = std::env::temp_dir().join(format!(
            "hmcr-show-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        for entry in std::fs::read_dir(golden("v1.0-basic")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), root.join(entry.file_name())).unwrap();
        }
        Copy(root)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn edit(&self, name: &str, f: impl FnOnce(&mut Vec<u8>)) {
        let mut bytes = std::fs::read(self.file(name)).unwrap();
        f(&mut bytes);
        std::fs::write(self.file(name), bytes).unwrap();
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// CRC-32 (IEEE), written out here so these tests do not lean on the code under test.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Rewrites the header CRC and the whole-file CRC of a record file after an edit.
fn fix_crcs(b: &mut [u8]) {
    let h = crc32(&b[..20]);
    b[20..24].copy_from_slice(&h.to_le_bytes());
    let n = b.len();
    let f = crc32(&b[..n - 4]);
    b[n - 4..].copy_from_slice(&f.to_le_bytes());
}

/// Asserts exit status 1, an empty stdout, no panic, and that stderr contains every needle.
fn assert_refused(out: &Output, needles: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(out.stdout.is_empty(), "stdout should be empty on error");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks {n:?}: {stderr}");
    }
}

#[test]
fn text_output_of_the_golden_image() {
    let out = show(&golden("v1.0-basic"), false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for needle in [
        "image format 1.0",
        "== inventory.img: inventory, format 1.0, 1 record",
        "== pstree.img: pstree, format 1.0, 3 records",
        "kernel_release: \"6.18.0-sample\"",
        "comm: \"defunct\"",
        "hmcr.images.PagemapHeader",
        "hmcr.images.PageRun",
        "kind: PAGE_RUN_ZERO",
        "== pages-100.img: pages, format 1.0, 4 pages of 4096 bytes (16384 bytes of data), 3 stored runs verified against pagemap-100.img",
        "== pages-102.img: pages, format 1.0, 0 pages",
        "data: \"buffered bytes still in the pipe\\n\"",
        "freezing_time_us: 120",
    ] {
        assert!(stdout.contains(needle), "no {needle:?} in:\n{stdout}");
    }
    // Pages are summarized, not dumped: the text stays small.
    assert!(stdout.len() < 64 << 10, "{} bytes", stdout.len());
}

#[test]
fn json_output_is_one_stable_document() {
    let out = show(&golden("v1.0-basic"), true);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"]["major"], 1);
    assert_eq!(doc["format"]["minor"], 0);
    let files = doc["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names[0], "inventory.img");
    assert_eq!(names.len(), 18);
    let file = |name: &str| files.iter().find(|f| f["name"] == name).unwrap();

    let inv = &file("inventory.img")["records"][0];
    assert_eq!(inv["root_pid"], 100);
    assert_eq!(inv["source_arch"], "ARCH_X86_64");
    assert_eq!(inv["cpu"]["vendor"], "GenuineIntel");

    let pstree = file("pstree.img");
    assert_eq!(pstree["kind"], "pstree");
    assert_eq!(pstree["format"]["minor"], 0);
    assert_eq!(pstree["records"].as_array().unwrap().len(), 3);
    assert_eq!(pstree["records"][2]["state"], "PROCESS_ZOMBIE");

    let core = &file("core-100.img")["records"][0];
    // 64-bit integers follow protobuf's JSON mapping: decimal strings.
    assert_eq!(
        core["x86"]["gprs"]["rip"],
        (0x5555_5555_4a10u64).to_string()
    );

    let pages = file("pages-100.img");
    assert_eq!(pages["kind"], "pages");
    assert_eq!(pages["records"], serde_json::json!([]));
    assert_eq!(pages["pages"]["page_count"], 4);
    assert_eq!(pages["pages"]["page_size"], 4096);
    assert_eq!(pages["pages"]["data_bytes"], 16384);
    assert_eq!(pages["pages"]["verified_runs"], 3);

    let pagemap = file("pagemap-100.img");
    assert_eq!(pagemap["records"][0]["pages_file"], "pages-100.img");
    assert_eq!(pagemap["records"][2]["kind"], "PAGE_RUN_ZERO");
}

#[test]
fn the_16k_golden_decodes_too() {
    let out = show(&golden("v1.0-single-16k"), false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 pages of 16384 bytes"), "{stdout}");
}

#[test]
fn wrong_magic() {
    let c = Copy::new();
    c.edit("core-101.img", |b| b[..8].copy_from_slice(b"garbage!"));
    assert_refused(
        &show(&c.0, false),
        &["core-101.img", "not an hmcr image file"],
    );
}

#[test]
fn unknown_file_kind() {
    let c = Copy::new();
    c.edit("mm-100.img", |b| {
        b[8..12].copy_from_slice(b"QQQQ");
        fix_crcs(b);
    });
    assert_refused(
        &show(&c.0, true),
        &["mm-100.img", "file-kind magic", "QQQQ"],
    );
}

#[test]
fn kind_mismatch() {
    let c = Copy::new();
    std::fs::copy(c.file("mm-100.img"), c.file("core-100.img")).unwrap();
    assert_refused(
        &show(&c.0, false),
        &["core-100.img", "should be a core file", "header says mm"],
    );
}

#[test]
fn truncated_record_file() {
    let c = Copy::new();
    c.edit("fdinfo-100.img", |b| b.truncate(b.len() / 2));
    assert_refused(&show(&c.0, false), &["fdinfo-100.img", "truncated"]);
}

#[test]
fn truncated_pages_file() {
    let c = Copy::new();
    c.edit("pages-100.img", |b| b.truncate(b.len() - 4096));
    assert_refused(&show(&c.0, false), &["pages-100.img", "truncated"]);
}

#[test]
fn flipped_bit_in_a_record() {
    let c = Copy::new();
    c.edit("process-100.img", |b| b[40] ^= 0x10);
    assert_refused(
        &show(&c.0, false),
        &["process-100.img", "record 0 at offset 24", "corrupt"],
    );
}

#[test]
fn flipped_bit_in_page_data() {
    let c = Copy::new();
    c.edit("pages-100.img", |b| b[4096 + 3 * 4096 + 17] ^= 1);
    assert_refused(
        &show(&c.0, false),
        &["pages-100.img", "page run at 0x7ffd00001000", "corrupt"],
    );
}

#[test]
fn absurd_length_prefix() {
    let c = Copy::new();
    c.edit("pstree.img", |b| {
        b[24..28].copy_from_slice(&0xffff_fff0u32.to_le_bytes())
    });
    assert_refused(
        &show(&c.0, false),
        &[
            "pstree.img",
            "claims 4294967280 bytes",
            "67108864-byte limit",
        ],
    );
}

#[test]
fn newer_major_version_names_both_versions() {
    let c = Copy::new();
    c.edit("pstree.img", |b| {
        b[12..14].copy_from_slice(&3u16.to_le_bytes());
        b[14..16].copy_from_slice(&4u16.to_le_bytes());
        fix_crcs(b);
    });
    assert_refused(
        &show(&c.0, true),
        &["pstree.img", "image format 3.4", "2.0", "upgrade hmcr"],
    );
}

#[test]
fn newer_minor_version_still_shows() {
    let c = Copy::new();
    c.edit("pstree.img", |b| {
        b[14..16].copy_from_slice(&7u16.to_le_bytes());
        fix_crcs(b);
    });
    let out = show(&c.0, true);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pstree = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "pstree.img")
        .unwrap();
    assert_eq!(pstree["format"]["minor"], 7);
}

#[test]
fn protobuf_decode_failure() {
    let c = Copy::new();
    // One record whose payload is a varint that never ends, with correct CRCs.
    let mut file = Vec::new();
    file.extend_from_slice(b"HMCRIMG\0MMAP");
    file.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let payload = [0x08u8, 0x80];
    let len = (payload.len() as u32).to_le_bytes();
    file.extend_from_slice(&len);
    file.extend_from_slice(&crc32(&[&len[..], &payload[..]].concat()).to_le_bytes());
    file.extend_from_slice(&payload);
    file.extend_from_slice(&u32::MAX.to_le_bytes());
    file.extend_from_slice(&1u64.to_le_bytes());
    file.extend_from_slice(&[0; 4]);
    fix_crcs(&mut file);
    std::fs::write(c.file("mm-102.img"), file).unwrap();
    assert_refused(
        &show(&c.0, false),
        &[
            "mm-102.img",
            "record 0 at offset 24",
            "does not decode as hmcr.images.Vma",
        ],
    );
}

#[test]
fn incomplete_image_directory() {
    let c = Copy::new();
    std::fs::remove_file(c.file("inventory.img")).unwrap();
    assert_refused(&show(&c.0, false), &["no inventory.img"]);
}

#[test]
fn missing_directory() {
    let c = Copy::new();
    assert_refused(&show(&c.file("does-not-exist"), false), &["does-not-exist"]);
}

#[test]
fn unknown_image_file_name() {
    let c = Copy::new();
    std::fs::write(c.file("mystery.img"), b"?").unwrap();
    assert_refused(
        &show(&c.0, false),
        &["mystery.img", "does not know that name"],
    );
}

#[test]
fn other_files_are_skipped() {
    let c = Copy::new();
    std::fs::write(c.file("dump.log"), b"log").unwrap();
    let out = show(&c.0, false);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("# skipped dump.log: not an image file"));
}

/// A file of a kind that a newer minor version added: listed, not decoded, not an error (the
/// compatibility rule). The same file claiming this version is refused.
#[test]
fn file_kind_from_a_newer_minor_is_listed_not_decoded() {
    let c = Copy::new();
    let mut file = Vec::new();
    file.extend_from_slice(b"HMCRIMG\0NEWK");
    file.extend_from_slice(&2u16.to_le_bytes());
    file.extend_from_slice(&3u16.to_le_bytes());
    file.extend_from_slice(&[0; 8]);
    file.extend_from_slice(&u32::MAX.to_le_bytes());
    file.extend_from_slice(&0u64.to_le_bytes());
    file.extend_from_slice(&[0; 4]);
    fix_crcs(&mut file);
    std::fs::write(c.file("newkind-1.img"), &file).unwrap();
    let out = show(&c.0, false);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("== newkind-1.img: kind unknown:NEWK from image format 2.3"),
        "{stdout}"
    );
    let out = show(&c.0, true);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = doc["files"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["name"], "newkind-1.img");
    assert_eq!(last["kind"], "unknown:NEWK");
    assert_eq!(last["format"]["minor"], 3);

    file[14..16].copy_from_slice(&0u16.to_le_bytes());
    fix_crcs(&mut file);
    std::fs::write(c.file("newkind-1.img"), &file).unwrap();
    assert_refused(
        &show(&c.0, false),
        &["newkind-1.img", "does not know that name"],
    );
}
