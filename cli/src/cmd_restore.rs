//! `hmcr restore`: options follow CRIU's names; `--target` selects the ISA to resume on.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::logging::Log;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetArch {
    #[value(name = "x86_64")]
    X86_64,
    #[value(name = "aarch64")]
    Aarch64,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PidPolicy {
    /// Every process gets its original pid, or the restore fails.
    Exact,
    /// Original pids where free, new pids otherwise.
    Any,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// Image directory to restore from (never modified).
    #[arg(short = 'D', long = "images-dir", value_name = "DIR")]
    pub images_dir: PathBuf,
    /// Write the log here instead of stderr.
    #[arg(short = 'o', long = "log-file", value_name = "FILE")]
    pub log_file: Option<PathBuf>,
    /// More detail in the log (repeat for more).
    #[arg(short = 'v', action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Detach once the tree is running instead of waiting for the root to exit.
    #[arg(short = 'd', long = "restore-detached")]
    pub restore_detached: bool,
    /// Restore a tree that was attached to the controlling terminal onto this terminal.
    #[arg(long = "shell-job", visible_alias = "sh-job")]
    pub shell_job: bool,
    /// Write the pid of the restored root here.
    #[arg(long = "pidfile", value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
    /// Print timing counters, and write them to DIR/stats-restore.
    #[arg(long = "display-stats")]
    pub display_stats: bool,
    /// ISA to resume on: x86_64 restores natively, aarch64 runs the image through the translator.
    #[arg(long = "target", value_enum, value_name = "ARCH")]
    pub target: Option<TargetArch>,
    /// What to do when an original pid is taken.
    #[arg(long = "pid-policy", value_enum, default_value = "exact")]
    pub pid_policy: PidPolicy,
    /// Print the compatibility report and patch plan, run nothing.
    #[arg(long = "dry-run")]
    pub dry_run: bool,
}

pub fn run(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let log = Log::open(args.log_file.as_deref(), args.verbose)?;
    if args.dry_run {
        // Planning runs nothing, so it works for any target on any host.
        let target = args
            .target
            .unwrap_or_else(crate::plan_report::default_target);
        print!(
            "{}",
            crate::plan_report::build(&args.images_dir, target)?.text
        );
        return Ok(ExitCode::SUCCESS);
    }
    let host_is_x86_64 = cfg!(target_arch = "x86_64");
    match args.target {
        Some(TargetArch::Aarch64) if host_is_x86_64 => {
            anyhow::bail!(
                "--target aarch64 translates the image on an aarch64 machine: run `hmcr restore \
                 --target aarch64` on an aarch64 host, or under qemu-aarch64 with an aarch64 build \
                 of hmcr; this x86_64 host restores x86_64 images natively (omit --target)"
            );
        }
        Some(TargetArch::X86_64) | None if host_is_x86_64 => native(&args, &log),
        Some(TargetArch::X86_64) => {
            anyhow::bail!(
                "--target x86_64 is the native restore, which needs an x86_64 host; on this {} \
                 host use --target aarch64 (the default here) to run the image through the \
                 translator",
                std::env::consts::ARCH
            );
        }
        Some(TargetArch::Aarch64) | None => translated(&args, &log),
    }
}

/// The translated restore: this process becomes the guest's host and runs it to its end
/// (with `-d`, a forked child does, and this process returns once the guest is ready).
fn translated(args: &RestoreArgs, log: &Log) -> anyhow::Result<ExitCode> {
    use restore::translated::{detach, restore_translated, Detached, TranslatedOptions};
    use xlate::process::ProcessEnd;

    let mut notifier = None;
    if args.restore_detached {
        match detach().map_err(|e| anyhow::anyhow!("forking the detached restorer: {e}"))? {
            Detached::Parent {
                child, ready: true, ..
            } => {
                println!("{child}");
                return Ok(ExitCode::SUCCESS);
            }
            Detached::Parent { child, status, .. } => {
                anyhow::bail!(
                    "the detached restorer (pid {child}) failed before the guest ran{}; its \
                     messages are above",
                    status.map_or(String::new(), |s| format!(" (status {s})"))
                );
            }
            Detached::Child(n) => notifier = Some(n),
        }
    }
    let mut opts = TranslatedOptions::new(args.images_dir.clone());
    opts.pidfile = args.pidfile.clone();
    opts.reserved_fds = log
        .file_fd()
        .into_iter()
        .chain(notifier.as_ref().and_then(|n| n.fd()))
        .collect();
    let sink = |level: u8, msg: &str| log.at(level, msg);
    let mut ready = || {
        if let Some(n) = notifier.as_mut() {
            n.notify();
        }
    };
    let end = restore_translated(&opts, &sink, &mut ready).map_err(|e| {
        anyhow::anyhow!(
            "translated restore from {}: {}",
            args.images_dir.display(),
            e
        )
    })?;
    let status = match end {
        ProcessEnd::Exited(c) => c & 0xff,
        ProcessEnd::Killed(s) => 128 + s,
    };
    Ok(ExitCode::from(status.clamp(0, 255) as u8))
}

#[cfg(not(target_arch = "x86_64"))]
fn native(_args: &RestoreArgs, log: &Log) -> anyhow::Result<ExitCode> {
    log.at(1, "native restore requested on a non-x86_64 host");
    anyhow::bail!("native restore of x86_64 images needs an x86_64 host")
}

#[cfg(target_arch = "x86_64")]
use native::native;

#[cfg(target_arch = "x86_64")]
mod native {
    use std::io::IsTerminal;

    use anyhow::Context;

    use super::*;

    /// The native restore of an x86_64 image on this x86_64 host.
    pub fn native(args: &RestoreArgs, log: &Log) -> anyhow::Result<ExitCode> {
        let mut opts = restore::RestoreOptions::new(args.images_dir.clone());
        opts.detached = args.restore_detached;
        opts.pid_policy = match args.pid_policy {
            PidPolicy::Exact => restore::PidPolicy::Exact,
            PidPolicy::Any => restore::PidPolicy::Any,
        };
        opts.pidfile = args.pidfile.clone();
        opts.progress = std::io::stderr().is_terminal() && args.log_file.is_none();
        opts.shell_job = args.shell_job;
        let sink = |level: u8, msg: &str| log.at(level, msg);
        let outcome = restore::restore_native(&opts, &sink).map_err(|e| {
            anyhow::anyhow!(
                "restoring from {}: {}",
                args.images_dir.display(),
                full_message(&e)
            )
        })?;
        for (old, new) in &outcome.remapped {
            log.at(0, &format!("hmcr: pid {old} restored as {new}"));
        }
        if args.display_stats {
            let s = &outcome.stats;
            eprintln!(
                "restore stats: forking {:.3} ms, restore {:.3} ms, total {:.3} ms, {} pages, {} processes, {} threads, hmcr peak RSS {} KiB",
                s.forking_time.as_secs_f64() * 1e3,
                s.restore_time.as_secs_f64() * 1e3,
                s.total_time.as_secs_f64() * 1e3,
                s.pages_restored,
                s.processes,
                s.threads,
                s.peak_rss_kib
            );
            restore::write_stats(&args.images_dir, s).context("writing stats-restore")?;
        }
        match outcome.exit {
            None => Ok(ExitCode::SUCCESS),
            Some(exit) => Ok(ExitCode::from(exit.shell_status().clamp(0, 255) as u8)),
        }
    }

    /// The error and its causes on one line, each cause only when its text is not already part of
    /// the message (restore's errors embed their causes; the image reader's do not always).
    fn full_message(e: &dyn std::error::Error) -> String {
        let mut msg = e.to_string();
        let mut cause = e.source();
        while let Some(c) = cause {
            let text = c.to_string();
            if !msg.contains(&text) {
                msg.push_str(": ");
                msg.push_str(&text);
            }
            cause = c.source();
        }
        msg
    }
}
