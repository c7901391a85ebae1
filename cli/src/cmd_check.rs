//! `hmcr check`: what this host offers for checkpoint/restore; with -D, image compatibility.
//!
//! Text output is for people; `--json` output is for scripts and its keys are stable (README.md,
//! "hmcr check --json").

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use linux_sys::cpu::{host_cpu, CpuDescription};
use linux_sys::host_probe::{kernel_release, probe_kernel, Need, Probe};
use serde_json::json;

use crate::exit;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Also report whether this image can be restored here, and the hot-patch plan.
    #[arg(short = 'D', long = "images-dir", value_name = "DIR")]
    pub images_dir: Option<PathBuf>,
    /// With -D: the ISA the image would be restored on (default: this host's).
    #[arg(
        long = "target",
        value_enum,
        value_name = "ARCH",
        requires = "images_dir"
    )]
    pub target: Option<crate::cmd_restore::TargetArch>,
    /// Print JSON instead of text.
    #[arg(long = "json")]
    pub json: bool,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let probes = probe_kernel();
    let cpu = host_cpu();
    let kernel = kernel_release().unwrap_or_else(|e| format!("unknown ({e})"));
    let missing_required: Vec<&Probe> = probes
        .iter()
        .filter(|p| p.need == Need::Required && !p.present())
        .collect();

    let image = match &args.images_dir {
        Some(dir) => {
            let target = args
                .target
                .unwrap_or_else(crate::plan_report::default_target);
            Some(crate::plan_report::build(dir, target)?)
        }
        None => None,
    };
    if args.json {
        let mut doc = report_json(&kernel, &probes, &cpu);
        if let Some(image) = image {
            doc["image"] = image.json;
        }
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        print_text(&kernel, &probes, &cpu);
        if let Some(image) = image {
            print!("{}", image.text);
        }
    }
    if missing_required.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        let names: Vec<&str> = missing_required.iter().map(|p| p.id).collect();
        eprintln!(
            "hmcr: required for checkpoint/restore but missing: {}",
            names.join(", ")
        );
        Ok(ExitCode::from(exit::CHECK_MISSING))
    }
}

fn report_json(kernel: &str, probes: &[Probe], cpu: &CpuDescription) -> serde_json::Value {
    let features: serde_json::Map<String, serde_json::Value> = probes
        .iter()
        .map(|p| {
            let (present, detail) = match &p.outcome {
                Ok(d) => (true, d),
                Err(d) => (false, d),
            };
            let need = match p.need {
                Need::Required => "required",
                Need::Optional => "optional",
            };
            (
                p.id.to_string(),
                json!({"present": present, "need": need, "what": p.what, "detail": detail}),
            )
        })
        .collect();
    json!({
        "kernel": kernel,
        "arch": cpu.arch,
        "features": features,
        "ready": probes.iter().all(|p| p.need == Need::Optional || p.present()),
        "cpu": {
            "vendor": cpu.vendor,
            "model_name": cpu.model_name,
            "family": cpu.family,
            "model": cpu.model,
            "stepping": cpu.stepping,
            "xcr0": cpu.xcr0,
            "xsave_size": cpu.xsave_size,
            "features": cpu.features,
        },
    })
}

fn print_text(kernel: &str, probes: &[Probe], cpu: &CpuDescription) {
    println!("host: {} kernel {kernel}", cpu.arch);
    for p in probes {
        let need = if p.need == Need::Required {
            "required"
        } else {
            "optional"
        };
        match &p.outcome {
            Ok(detail) => println!("  [ok]      {:<17} {need:<8} {}: {detail}", p.id, p.what),
            Err(reason) => println!("  [missing] {:<17} {need:<8} {}: {reason}", p.id, p.what),
        }
    }
    println!(
        "cpu: {} {} (family {:#x} model {:#x} stepping {})",
        cpu.vendor, cpu.model_name, cpu.family, cpu.model, cpu.stepping
    );
    if cpu.xsave_size > 0 {
        println!("  xsave: {} bytes, XCR0 {:#x}", cpu.xsave_size, cpu.xcr0);
    }
    if !cpu.features.is_empty() {
        println!("  features: {}", cpu.features.join(" "));
    }
    let missing: Vec<&str> = probes
        .iter()
        .filter(|p| !p.present())
        .map(|p| p.id)
        .collect();
    let required_missing = probes
        .iter()
        .any(|p| p.need == Need::Required && !p.present());
    if required_missing {
        println!(
            "result: NOT ready for checkpoint/restore (missing: {})",
            missing.join(", ")
        );
    } else if missing.is_empty() {
        println!("result: ready for checkpoint/restore");
    } else {
        println!(
            "result: ready for checkpoint/restore (optional features missing: {})",
            missing.join(", ")
        );
    }
}
