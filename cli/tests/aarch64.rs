//! The static aarch64 build of hmcr, run under qemu-aarch64-static, behaves like the x86_64 one.
//! contrib/test.sh builds it first (contrib/build-aarch64.sh) and says where in
//! HMCR_AARCH64_BIN_DIR.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

fn aarch64_hmcr() -> PathBuf {
    let dir = std::env::var_os("HMCR_AARCH64_BIN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target-aarch64/aarch64-unknown-linux-gnu/release")
        });
    let bin = dir.join("hmcr");
    assert!(
        bin.is_file(),
        "the aarch64 hmcr is missing at {}: build it with `bash contrib/build-aarch64.sh` \
         (contrib/test.sh does it before the tests)",
        bin.display()
    );
    bin
}

fn qemu(args: &[&str]) -> Output {
    let out = Command::new("qemu-aarch64-static")
        .arg(aarch64_hmcr())
        .args(args)
        .output()
        .expect("qemu-aarch64-static is missing: run contrib/setup.sh as root");
    out
}

fn native(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hmcr"))
        .args(args)
        .output()
        .expect("running hmcr")
}

#[test]
fn the_aarch64_build_is_a_static_aarch64_executable() {
    let bytes = std::fs::read(aarch64_hmcr()).expect("reading the aarch64 hmcr");
    assert_eq!(&bytes[..4], b"\x7fELF", "not an ELF file");
    let machine = u16::from_le_bytes([bytes[18], bytes[19]]);
    assert_eq!(machine, 183, "e_machine {machine} is not EM_AARCH64 (183)");
    // A static executable has no PT_INTERP program header.
    let phoff = u64::from_le_bytes(bytes[32..40].try_into().expect("8 bytes")) as usize;
    let phentsize = u16::from_le_bytes([bytes[54], bytes[55]]) as usize;
    let phnum = u16::from_le_bytes([bytes[56], bytes[57]]) as usize;
    for i in 0..phnum {
        let off = phoff + i * phentsize;
        let p_type = u32::from_le_bytes(bytes[off..off + 4].try_into().expect("4 bytes"));
        assert_ne!(
            p_type, 3,
            "the aarch64 hmcr has a PT_INTERP: it is dynamically linked"
        );
    }
}

#[test]
fn version_is_the_same_on_both_isas() {
    let a = qemu(&["--version"]);
    let n = native(&["--version"]);
    assert!(
        a.status.success(),
        "aarch64 hmcr --version failed: {}",
        String::from_utf8_lossy(&a.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&a.stdout),
        String::from_utf8_lossy(&n.stdout)
    );
}

#[test]
fn check_reports_an_aarch64_host_under_qemu() {
    let out = qemu(&["check", "--json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("aarch64 check --json is not JSON ({e}): {text}"));
    assert_eq!(report["arch"], "aarch64", "{text}");
    // qemu-user implements neither ptrace nor clone3: the report must say so and exit 3.
    assert_eq!(report["features"]["ptrace"]["present"], false, "{text}");
    assert_eq!(out.status.code(), Some(3), "{text}");
}

#[test]
fn the_aarch64_build_prints_the_same_hot_patch_plan() {
    let img = common::dumped_image("qemu");
    let dir = img.to_str().expect("utf-8 temp path");
    let a = qemu(&["restore", "--dry-run", "-D", dir]);
    let n = native(&["restore", "--dry-run", "--target", "aarch64", "-D", dir]);
    let a_text = String::from_utf8_lossy(&a.stdout);
    assert!(
        a.status.success(),
        "{a_text}{}",
        String::from_utf8_lossy(&a.stderr)
    );
    assert!(
        a_text.contains("restored on aarch64 (translated)"),
        "{a_text}"
    );
    assert!(a_text.contains("_dl_runtime_resolve_fxsave"), "{a_text}");
    assert_eq!(a_text, String::from_utf8_lossy(&n.stdout));
}
