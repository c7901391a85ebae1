//! `hmcr restore --target`: which ISA runs the image, and the refusals on the wrong host.

mod common;

use std::path::PathBuf;
use std::process::Command;

#[test]
fn target_aarch64_on_this_x86_64_host_is_refused_with_the_way_to_do_it() {
    let dir = common::scratch("target-refusal");
    let out = common::hmcr()
        .args(["restore", "--target", "aarch64", "-D"])
        .arg(&dir)
        .output()
        .expect("running hmcr");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("aarch64 host") && err.contains("qemu-aarch64"),
        "the refusal does not say where --target aarch64 runs: {err}"
    );
}

#[test]
fn target_x86_64_on_an_aarch64_host_is_refused_with_the_way_to_do_it() {
    let dir = std::env::var_os("HMCR_AARCH64_BIN_DIR")
        .map(PathBuf::from)
        .expect("HMCR_AARCH64_BIN_DIR names the static aarch64 build (contrib/test.sh sets it)");
    let img = common::scratch("target-x86-refusal");
    let out = Command::new("qemu-aarch64-static")
        .arg(dir.join("hmcr"))
        .args(["restore", "--target", "x86_64", "-D"])
        .arg(&img)
        .output()
        .expect("qemu-aarch64-static is missing: run contrib/setup.sh as root");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("needs an x86_64 host") && err.contains("--target aarch64"),
        "{err}"
    );
}
