//! The compatibility report and hot-patch plan of an image for a target, as `hmcr check -D` and
//! `hmcr restore --dry-run` print them. Nothing is executed and nothing is written.

use std::path::Path;

use anyhow::Context;
use restore::hotpatch::{plan_image, PlanOptions, TargetCpu};
use serde_json::json;

use crate::cmd_restore::TargetArch;

/// The ISA a restore on this host runs the image on when `--target` is not given.
pub fn default_target() -> TargetArch {
    if cfg!(target_arch = "x86_64") {
        TargetArch::X86_64
    } else {
        TargetArch::Aarch64
    }
}

/// The CPU features a restore to `target` offers: this host's for a native restore, the
/// translator's CPUID for a translated one.
fn target_cpu(target: TargetArch) -> TargetCpu {
    match target {
        // Planned on this x86_64 host: the CPU a native restore here would run on.
        TargetArch::X86_64 if cfg!(target_arch = "x86_64") => TargetCpu::host(),
        // Asked on a non-x86 host about a native x86_64 restore elsewhere: the only x86 CPU
        // this host can vouch for is the translator's.
        TargetArch::X86_64 | TargetArch::Aarch64 => TargetCpu::xlate_default(),
    }
}

/// The report for an image and a target, as text and as JSON.
pub struct PlanReport {
    pub text: String,
    pub json: serde_json::Value,
}

/// Plans the hot-patch stage of the image in `dir` for `target`.
pub fn build(dir: &Path, target: TargetArch) -> anyhow::Result<PlanReport> {
    use std::fmt::Write;
    let image = images_format::ImageDir::open(dir)
        .with_context(|| format!("opening image directory {}", dir.display()))?;
    let cpu = target_cpu(target);
    let (compat, plans) = plan_image(&image, &cpu, &PlanOptions::default())
        .with_context(|| format!("planning the hot-patch stage for {}", dir.display()))?;
    let writes: usize = plans.iter().map(|(_, p)| p.write_count()).sum();
    let target_name = match target {
        TargetArch::X86_64 => "x86_64 (native)",
        TargetArch::Aarch64 => "aarch64 (translated)",
    };
    let json = json!({
        "images_dir": dir.display().to_string(),
        "target": target_name,
        "compatibility": {
            "source_cpu": compat.source_model,
            "source_features": compat.source_features,
            "target_features": compat.target_features,
            "missing": compat.missing,
            "source_xsave_size": compat.source_xsave_size,
        },
        "plans": plans.iter().map(|(pid, p)| json!({"pid": pid, "plan": p.to_json()})).collect::<Vec<_>>(),
        "writes": writes,
    });
    let mut text = String::new();
    let _ = writeln!(text, "image {} restored on {target_name}", dir.display());
    let _ = write!(text, "{compat}");
    for (pid, plan) in &plans {
        let _ = writeln!(text, "process {pid}:");
        let _ = write!(text, "{plan}");
    }
    let _ = writeln!(text, "{writes} hot-patch writes planned");
    Ok(PlanReport { text, json })
}
