//! Helpers shared by the CLI's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub fn hmcr() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hmcr"))
}

pub struct Workload(Child);
impl Drop for Workload {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hmcr-plan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating scratch dir");
    dir
}

/// A dynamically linked program that calls memcpy and strlen in a loop, dumped with
/// --leave-running. Returns the image directory.
pub fn dumped_image(name: &str) -> PathBuf {
    dumped_image_with(name, &[])
}

/// [`dumped_image`] built with extra gcc flags (e.g. `-static`).
pub fn dumped_image_with(name: &str, cflags: &[&str]) -> PathBuf {
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
        .arg("-O2")
        .args(cflags)
        .arg("-o")
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
