//! The plan made from an image directory (written by `hmcr dump --leave-running` through the
//! dump crate) equals the plan made from the live process it was dumped from, and lists the
//! rebinding of memcpy, strlen and the trampoline.

mod hotpatch_common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use images_format::ImageDir;
use linux_sys::pid::Pid;
use restore::hotpatch::{
    compatibility, plan_hotpatch, plan_image, HotpatchItem, ImageProcess, LiveProcess, PlanOptions,
    SourceCpu, TargetCpu,
};

const WAITER_C: &str = r#"
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static char a[8192], b[8192];
static volatile size_t n = 100;
int main(void) {
    memset(a, 'x', n); a[n] = 0;
    memcpy(b, a, n + 1);
    printf("ready %zu\n", strlen(b));
    fflush(stdout);
    for (;;) pause();
}
"#;

fn image_plan(static_link: bool) {
    let dir = std::env::temp_dir().join(format!(
        "hmcr-hotpatch-img-{}-{static_link}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let src = dir.join("waiter.c");
    std::fs::write(&src, WAITER_C).expect("write waiter.c");
    let exe = dir.join("waiter");
    let mut cc = Command::new("gcc");
    cc.arg("-O2");
    if static_link {
        cc.arg("-static");
    }
    assert!(
        cc.arg("-o")
            .arg(&exe)
            .arg(&src)
            .status()
            .expect("gcc")
            .success(),
        "gcc failed"
    );
    let mut child = Command::new(&exe)
        .stdout(Stdio::piped())
        .env_remove("GLIBC_TUNABLES")
        .spawn()
        .expect("start waiter");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read ready");
    assert_eq!(line, "ready 100\n");
    std::thread::sleep(Duration::from_millis(50));
    let pid = Pid::from_u32(child.id()).expect("pid");
    let images = dir.join("img");
    let opts = dump::DumpOptions {
        root: pid,
        images_dir: images.clone(),
        leave_running: true,
        shell_job: false,
        freeze_timeout: Duration::from_secs(10),
    };
    let report = dump::dump(&opts, &mut dump::Quiet);
    let report = match report {
        Ok(r) => r,
        Err(e) => {
            let _ = child.kill();
            panic!("hmcr dump of pid {pid} failed: {e}");
        }
    };
    assert_eq!(report.fate, dump::TreeFate::LeftRunning);

    let image = ImageDir::open(&images).expect("open image");
    let source = SourceCpu::from_inventory(&image.inventory().cpu);
    let target = TargetCpu::xlate_default();
    let compat = compatibility(&source, &target);
    println!("{compat}");
    assert!(compat.missing.iter().any(|f| f == "avx512f"), "{compat}");
    let proc_img = ImageProcess::open(&image, pid.as_u32()).expect("image process");
    let from_image = plan_hotpatch(
        &proc_img,
        &proc_img,
        &source,
        &target,
        &PlanOptions::default(),
    )
    .expect("plan from image");
    println!("{from_image}");
    let (_, all) = plan_image(&image, &target, &PlanOptions::default()).expect("plan_image");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0], (pid.as_u32(), from_image.clone()));
    let live = LiveProcess::open(pid).expect("open live");
    let from_live = plan_hotpatch(
        &live,
        &live,
        &SourceCpu::host(),
        &target,
        &PlanOptions::default(),
    )
    .expect("plan from live");
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(
        from_image.items, from_live.items,
        "image and live plans differ"
    );
    let has = |name: &str| {
        from_image.items.iter().any(|i| {
            matches!(i, HotpatchItem::GotRebind { symbol, from, .. } if symbol.contains(name) && from.needs.iter().any(|f| f.starts_with("avx512")))
        })
    };
    assert!(has("memcpy") || has("memmove"), "{from_image}");
    assert!(has("strlen"), "{from_image}");
    let trampoline = from_image
        .items
        .iter()
        .any(|i| matches!(i, HotpatchItem::TrampolineSwitch { .. }));
    assert_eq!(trampoline, !static_link, "{from_image}");
    assert_eq!(from_image.unpatchable().count(), 0, "{from_image}");
}

#[test]
fn image_plan_dynamic() {
    image_plan(false);
}

#[test]
fn image_plan_static() {
    image_plan(true);
}
