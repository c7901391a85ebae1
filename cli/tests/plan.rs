//! `hmcr restore --dry-run` and `hmcr check -D`: the hot-patch plan of a real image, printed
//! without running anything.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

fn hmcr() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hmcr"))
}

struct Workload(Child);
impl Drop for Workload {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hmcr-plan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating scratch dir");
    dir
}

/// A dynamically linked program that calls memcpy and strlen in a loop, dumped with
/// --leave-running. Returns the image directory.
fn dumped_image(name: &str) -> PathBuf {
    let dir = scratch(name);
    let src = dir.join("prog.c");
    std::fs::write(
        &src,
        r#"#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(void) { char a[256], b[256]; memset(a, 'x', 255); a[255] = 0;
  for (;;) { memcpy(b, a, sizeof a); if (strlen(b) != 255) return 1; usleep(10000); } }
"#,
    )
    .expect("writing the program");
    let bin = dir.join("prog");
    let status = Command::new("gcc")
        .args(["-O2", "-o"])
        .arg(&bin)
        .arg(&src)
        .status()
        .expect("gcc is missing: run contrib/setup.sh");
    assert!(status.success(), "gcc failed");
    let child = Workload(
        Command::new(&bin)
            .stdin(Stdio::null())
            .spawn()
            .expect("starting the program"),
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    let img = dir.join("img");
    let out = hmcr()
        .args(["dump", "--leave-running", "-t"])
        .arg(child.0.id().to_string())
        .arg("-D")
        .arg(&img)
        .output()
        .expect("running hmcr dump");
    assert!(
        out.status.success(),
        "dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    img
}

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
