//! `hmcr check` against independent evidence: the kernel's own build configuration
//! (/proc/config.gz) and its version.

use std::process::Command;

fn hmcr() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hmcr"))
}

/// The value of CONFIG_NAME in the running kernel's configuration, if the kernel exposes it.
fn kernel_config(name: &str) -> Option<bool> {
    let out = Command::new("zcat").arg("/proc/config.gz").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.lines().any(|l| l == format!("{name}=y")))
}

fn kernel_version() -> (u32, u32) {
    let rel = std::fs::read_to_string("/proc/sys/kernel/osrelease").expect("reading osrelease");
    let mut parts = rel
        .trim()
        .split(['.', '-'])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

fn check_json() -> serde_json::Value {
    let out = hmcr()
        .args(["check", "--json"])
        .output()
        .expect("running hmcr check --json");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(3),
        "unexpected exit {:?}; stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("check --json is not JSON ({e}): {stdout}"))
}

#[test]
fn soft_dirty_matches_the_kernel_config() {
    let report = check_json();
    let present = report["features"]["soft_dirty"]["present"]
        .as_bool()
        .expect("soft_dirty.present");
    let config = kernel_config("CONFIG_MEM_SOFT_DIRTY").expect(
        "this test needs /proc/config.gz (CONFIG_IKCONFIG_PROC) to know the truth about soft-dirty",
    );
    assert_eq!(
        present, config,
        "check says soft_dirty present={present}, kernel config says {config}"
    );
}

#[test]
fn pagemap_scan_matches_the_kernel_version() {
    let report = check_json();
    let present = report["features"]["pagemap_scan"]["present"]
        .as_bool()
        .expect("present");
    let (major, minor) = kernel_version();
    let expected =
        (major, minor) >= (6, 7) && kernel_config("CONFIG_PROC_PAGE_MONITOR").unwrap_or(true);
    assert_eq!(
        present, expected,
        "PAGEMAP_SCAN exists from 6.7 on; kernel {major}.{minor}"
    );
}

#[test]
fn required_features_decide_the_exit_status() {
    let out = hmcr().arg("check").output().expect("running hmcr check");
    let text = String::from_utf8_lossy(&out.stdout);
    let report = check_json();
    let ready = report["ready"].as_bool().expect("ready");
    assert_eq!(out.status.code(), Some(if ready { 0 } else { 3 }), "{text}");
    for id in [
        "ptrace",
        "process_vm_readv",
        "clone3_set_tid",
        "userfaultfd",
        "pagemap_scan",
        "soft_dirty",
    ] {
        assert!(text.contains(id), "text report lacks {id}: {text}");
    }
    // This suite runs as root on a kernel with CONFIG_CHECKPOINT_RESTORE: all required ones work.
    assert!(ready, "required features missing here: {text}");
}

#[test]
fn cpu_features_are_reported() {
    let report = check_json();
    let features: Vec<&str> = report["cpu"]["features"]
        .as_array()
        .expect("cpu.features")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(features.contains(&"sse2"), "{features:?}");
    assert_eq!(
        features.contains(&"avx512f"),
        std::arch::is_x86_feature_detected!("avx512f")
    );
}

#[test]
fn version_names_the_image_format() {
    let out = hmcr()
        .arg("--version")
        .output()
        .expect("running hmcr --version");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("hmcr "), "{text}");
    assert!(text.contains("image format"), "{text}");
}
