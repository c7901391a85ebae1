//! `hmcr restore --dry-run` and `hmcr check -D`: the hot-patch plan of a real image, printed
//! without running anything.

mod common;

use common::{dumped_image, dumped_image_with, hmcr};

#[test]
fn dry_run_for_aarch64_rebinds_memcpy_strlen_and_the_trampoline() {
    let img = dumped_image("a64");
    let out = hmcr()
        .args(["restore", "--dry-run", "--target", "aarch64", "-D"])
        .arg(&img)
        .output()
        .expect("running hmcr restore --dry-run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(needle))
            .unwrap_or_else(|| panic!("no `{needle}` line in the plan:\n{text}"))
            .to_string()
    };
    for name in ["memcpy:", "strlen:"] {
        let l = line(name);
        assert!(
            l.contains("avx512"),
            "{name} was not bound to AVX-512 code: {l}"
        );
        assert!(l.contains(" -> "), "{l}");
    }
    let t = line("lazy-binding trampoline:");
    assert!(t.contains("xsavec") && t.contains("_fxsave"), "{t}");
    assert!(text.contains("missing on the target"), "{text}");
}

/// A static glibc binary has no ld.so and no lazy binding: its IFUNC slots are IRELATIVE
/// relocations in the executable itself, and its cpu_features live in `_dl_x86_cpu_features`.
#[test]
fn dry_run_for_aarch64_rebinds_memcpy_and_strlen_of_a_static_binary() {
    let img = dumped_image_with("a64-static", &["-static"]);
    let out = hmcr()
        .args(["restore", "--dry-run", "--target", "aarch64", "-D"])
        .arg(&img)
        .output()
        .expect("running hmcr restore --dry-run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["memcpy:", "strlen:"] {
        let l = text
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no `{name}` line in the plan of a static binary:\n{text}"));
        assert!(l.contains(" -> "), "{name} is not rebound: {l}");
        assert!(
            l.contains("avx512") || l.contains("evex"),
            "{name} was not bound to AVX-512/EVEX code: {l}"
        );
    }
    assert!(
        text.contains("cpu_features"),
        "the plan does not update the static binary's cpu_features:\n{text}"
    );
}

#[test]
fn native_plan_on_the_dumping_host_is_empty() {
    let img = dumped_image("native");
    let out = hmcr()
        .args(["check", "--json", "-D"])
        .arg(&img)
        .output()
        .expect("running hmcr check -D");
    let text = String::from_utf8_lossy(&out.stdout);
    let doc: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("check --json -D is not JSON ({e}): {text}"));
    assert_eq!(doc["image"]["writes"], 0, "{text}");
    assert_eq!(
        doc["image"]["compatibility"]["missing"]
            .as_array()
            .map(Vec::len),
        Some(0),
        "{text}"
    );
}
