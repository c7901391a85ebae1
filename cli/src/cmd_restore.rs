//! `hmcr restore`: options follow CRIU's names; `--target` selects the ISA to resume on.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::exit;

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
    let _ = args;
    eprintln!("hmcr: restore is not implemented yet in this build");
    Ok(ExitCode::from(exit::NOT_IMPLEMENTED))
}
